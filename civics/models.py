"""The course (units, lessons, quizzes, questions, choices) and what students do
with it (attempts, answers, progress).

Content rows may be edited by teachers at any time; student records keep a
snapshot of what was in force when they were written, so an edit never rewrites
a grade.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from civics import snapshots
from civics.kinds import QuestionKind, WrittenCounts
from civics.markdown import render_markdown
from civics.querysets import (
    AttemptQuerySet,
    KeyTermQuerySet,
    LessonQuerySet,
    ProgressQuerySet,
    QuestionQuerySet,
    ReviewItemQuerySet,
)
from civics.rules import mastery, review, scoring


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Unit(TimestampedModel):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One sentence shown on the course home."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Units are listed from the lowest number up."
    )

    class Meta:
        ordering = ("position", "id")

    def __str__(self):
        return self.title


class Lesson(TimestampedModel):
    # PROTECT: deleting a unit must never silently delete the lessons in it.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="lessons")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lessons are listed from the lowest number up."
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        unique=True, help_text="The lesson's web address; letters, digits, hyphens."
    )
    summary = models.CharField(
        max_length=300, help_text="One line shown under the title on the course home."
    )
    objectives = models.TextField(
        blank=True, help_text="What a student will be able to do; one per line."
    )
    body = models.TextField(
        help_text="Markdown. Start headings at ## (the lesson title is the page's "
        "main heading). HTML is removed."
    )
    # Sanitised HTML rendered from body on every save, so pages never render
    # Markdown per request and never show unsanitised teacher input.
    body_html = models.TextField(editable=False, default="")
    published = models.BooleanField(
        default=False, help_text="Students only see published lessons."
    )
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When the facts were last checked; shown to students. Update it "
        "whenever you check the lesson against newer sources.",
    )
    discussion = models.TextField(
        "discussion prompt",
        blank=True,
        help_text="One open question for class discussion, with no built-in answer.",
    )
    # Fingerprint of the shipped curriculum as last loaded into this lesson.
    # When the lesson no longer matches it, a teacher has edited it, and
    # load_curriculum leaves it alone (see civics.course_loader).
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ("unit__position", "unit_id", "position", "id")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("civics:lesson_detail", kwargs={"slug": self.slug})

    @property
    def student_progress(self):
        """The student's Progress here, or None; needs with_progress_for()."""
        records = self.progress_for_student
        return records[0] if records else None

    @property
    def open_attempt(self):
        """The student's started, unsubmitted attempt at this lesson's quiz, or
        None; needs with_progress_for(). Only its id and start are loaded:
        enough to link back to it and to tell which was started last."""
        if self.open_attempt_id is None:
            return None
        return Attempt(pk=self.open_attempt_id, started_at=self.open_attempt_started_at)

    @property
    def student_status(self):
        """Not started / read / attempted / in progress / mastered; needs
        with_progress_for()."""
        in_progress = self.open_attempt_id is not None
        progress = self.student_progress
        if progress is None:
            return mastery.lesson_status(
                read=False, attempted=False, mastered=False, in_progress=in_progress
            )
        return progress.status_with(in_progress=in_progress)

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class Source(models.Model):
    """Where a lesson's facts come from, listed under the lesson."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(
        max_length=300, help_text="What the page is and who published it."
    )
    url = models.URLField("URL", max_length=500)

    class Meta:
        ordering = ("position", "id")

    def __str__(self):
        return self.title


class KeyTerm(models.Model):
    """A term a lesson defines; all of them together make the course glossary."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="key_terms"
    )
    position = models.PositiveSmallIntegerField(default=0)
    term = models.CharField(max_length=100)
    definition = models.TextField(help_text="One plain sentence a student can read.")

    objects = KeyTermQuerySet.as_manager()

    class Meta:
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "term"],
                name="civics_keyterm_once_per_lesson",
                violation_error_message="This lesson already defines that term.",
            )
        ]

    def __str__(self):
        return self.term


class Quiz(TimestampedModel):
    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="quiz")
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percent a student needs to master the lesson.",
    )
    written_counts = models.CharField(
        "how written answers count",
        max_length=10,
        choices=WrittenCounts,
        default=WrittenCounts.SELF,
        help_text="Written answers are scored on their rubric. Students see "
        "this rule on the quiz and with their results.",
    )

    class Meta:
        verbose_name_plural = "quizzes"
        ordering = ("lesson__unit__position", "lesson__position", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1, pass_mark__lte=100),
                name="civics_quiz_pass_mark_is_a_percentage",
                violation_error_message="The pass mark is a percentage from 1 to 100.",
            )
        ]

    def __str__(self):
        return f"Quiz: {self.lesson.title}"


class Question(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    # The shipped course's name for the question, which the curriculum
    # loader matches it by; blank for questions a teacher added.
    key = models.SlugField(max_length=64, blank=True, editable=False)
    # Set when the question left the shipped course while students had
    # answered it: new attempts skip it, past results still show it.
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    kind = models.CharField(
        max_length=20,
        choices=QuestionKind,
        default=QuestionKind.SINGLE,
        help_text="Ordering: list the items in their correct order (the "
        "'correct' boxes are ignored). Numeric: fill in the answer and "
        "tolerance and add no choices. Written: give the rubric and a model "
        "answer and add no choices.",
    )
    # What the question tests, as one of its lesson's objectives; question
    # analysis groups by it.
    objective = models.CharField(max_length=300, blank=True)
    prompt = models.TextField()
    explanation = models.TextField(
        help_text="Shown with the results, whatever the student answered."
    )
    points = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)]
    )
    numeric_answer = models.DecimalField(
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Numeric questions only: the correct number.",
    )
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="Numeric questions only: how far from the answer still counts "
        "as right (0 for an exact answer).",
    )
    rubric = models.TextField(
        blank=True,
        help_text="Written questions only: one criterion per line, each worth "
        "an equal share of the points. Students score themselves on it after "
        "they submit.",
    )
    model_answer = models.TextField(
        blank=True,
        help_text="Written questions only: an answer that meets every "
        "criterion, shown after submission.",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ("position", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=1),
                name="civics_question_points_positive",
                violation_error_message="A question is worth at least one point.",
            ),
            models.CheckConstraint(
                condition=Q(kind=QuestionKind.NUMERIC, numeric_answer__isnull=False)
                | (~Q(kind=QuestionKind.NUMERIC) & Q(numeric_answer__isnull=True)),
                name="civics_question_numeric_answer_iff_numeric",
                violation_error_message="A numeric question needs its answer, and "
                "only numeric questions take one.",
            ),
            models.CheckConstraint(
                condition=(Q(kind=QuestionKind.WRITTEN) & ~Q(rubric=""))
                | (~Q(kind=QuestionKind.WRITTEN) & Q(rubric="", model_answer="")),
                name="civics_question_rubric_iff_written",
                violation_error_message="A written question needs its rubric, and "
                "only written questions take a rubric and a model answer.",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0),
                name="civics_question_tolerance_not_negative",
                violation_error_message="The tolerance cannot be negative.",
            ),
            models.UniqueConstraint(
                fields=["quiz", "key"],
                condition=~Q(key=""),
                name="civics_question_key_once_per_quiz",
                violation_error_message="Another question of this quiz has this key.",
            ),
        ]

    def __str__(self):
        return self.prompt if len(self.prompt) <= 80 else f"{self.prompt[:79]}…"

    @classmethod
    def from_db(cls, db, field_names, values):
        question = super().from_db(db, field_names, values)
        # What clean() compares the quiz with; left unset if not loaded.
        if "quiz_id" not in question.get_deferred_fields():
            question._loaded_quiz_id = question.quiz_id
        return question

    def clean(self):
        """A question students have answered stays in its quiz, as it cannot
        be deleted: moved, their attempts would hold answers to another
        quiz's question, and its first lesson's analysis would lose it. Any
        answer counts, an open attempt's unanswered one too. Asks the
        database only when the quiz differs from the one it was loaded with."""
        super().clean()
        if self.pk is None or self.quiz_id is None:
            return
        if self.quiz_id == getattr(self, "_loaded_quiz_id", None):
            return
        answers_elsewhere = Answer.objects.filter(question_id=self.pk).exclude(
            question__quiz_id=self.quiz_id
        )
        if answers_elsewhere.exists():
            raise ValidationError(
                "This question has answers in students' attempts; it cannot "
                "move to another quiz. Copy it instead.",
                code="answered_question_moved",
            )

    @property
    def is_numeric(self):
        return self.kind == QuestionKind.NUMERIC

    @property
    def is_ordering(self):
        return self.kind == QuestionKind.ORDERING

    @property
    def is_written(self):
        return self.kind == QuestionKind.WRITTEN

    @property
    def rubric_lines(self):
        return snapshots.rubric_lines(self.rubric)

    def correct_choices(self):
        """The right answer: the correct choices or, for ordering, every item
        in its correct order. Scoring and the results page both read it
        (uses prefetched choices)."""
        return scoring.right_answer(self.kind, self.choices.all())

    def answer_key(self):
        """The scoring rule's view of this question (uses prefetched choices).
        A written question's points count as its quiz's rule says."""
        return scoring.AnswerKey(
            kind=self.kind,
            correct_choice_ids=tuple(choice.pk for choice in self.correct_choices()),
            numeric_answer=self.numeric_answer,
            tolerance=self.tolerance,
            points=scoring.counted_points(
                self.kind, self.points, written_counts=self.quiz.written_counts
            ),
        )


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # The shipped course's name for the choice within its question (see
    # Question.key); blank for choices a teacher added.
    key = models.SlugField(max_length=64, blank=True, editable=False)
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField("correct", default=False)
    feedback = models.TextField(
        blank=True, help_text="Why this choice is right or wrong; shown with results."
    )
    misconception = models.CharField(
        max_length=200,
        blank=True,
        help_text="Wrong choices: the mistaken belief a student who picks it "
        "holds. Question analysis shows it to teachers, never to students.",
    )

    class Meta:
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "key"],
                condition=~Q(key=""),
                name="civics_choice_key_once_per_question",
                violation_error_message="Another choice of this question has this key.",
            )
        ]

    def __str__(self):
        return self.text

    @classmethod
    def from_db(cls, db, field_names, values):
        choice = super().from_db(db, field_names, values)
        # What clean() compares the question with; left unset if not loaded.
        if "question_id" not in choice.get_deferred_fields():
            choice._loaded_question_id = choice.question_id
        return choice

    def clean(self):
        """A choice students have picked stays with its question, as it
        cannot be deleted: moved, their answers would hold another question's
        choice. The lesson editor lets a choice be dragged to another
        question; this refuses it for a picked one. Asks the database only
        when the question differs from the one it was loaded with."""
        super().clean()
        if self.pk is None or self.question_id is None:
            return
        if self.question_id == getattr(self, "_loaded_question_id", None):
            return
        picked_elsewhere = SelectedChoice.objects.filter(choice_id=self.pk).exclude(
            choice__question_id=self.question_id
        )
        if picked_elsewhere.exists():
            raise ValidationError(
                "Students have picked this choice in their attempts; it cannot "
                "move to another question. Add a new choice there instead.",
                code="picked_choice_moved",
            )


def new_seed():
    return secrets.randbelow(2**31)


class Attempt(models.Model):
    """One go at a lesson's quiz, or at a review of missed questions (no quiz):
    open while the student answers, then submitted once. Its answers, created
    when it starts, are the questions it asks."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    # PROTECT: a quiz that students have taken cannot be deleted with their grades.
    quiz = models.ForeignKey(
        Quiz,
        on_delete=models.PROTECT,
        related_name="attempts",
        null=True,
        blank=True,
        help_text="Empty for a review of missed questions.",
    )
    # Fixes the shuffled order of choices, so a reload shows the same order.
    seed = models.PositiveIntegerField(default=new_seed)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Filled at submission. max_score and pass_mark are snapshots of the quiz
    # at that moment, so later edits to the quiz never change this result.
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True
    )
    pass_mark = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ("-started_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="civics_attempt_one_open_per_quiz",
                violation_error_message="This student already has this quiz open.",
            ),
            models.UniqueConstraint(
                fields=["student"],
                condition=Q(submitted_at__isnull=True, quiz__isnull=True),
                name="civics_attempt_one_open_review",
                violation_error_message="This student already has a review open.",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True)
                | Q(score__isnull=False, max_score__isnull=False),
                name="civics_attempt_submitted_is_scored",
                violation_error_message="A submitted attempt needs its score.",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True)
                | Q(quiz__isnull=True)
                | Q(pass_mark__isnull=False),
                name="civics_attempt_quiz_keeps_pass_mark",
                violation_error_message="A submitted quiz attempt keeps its pass mark.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=F("max_score")),
                name="civics_attempt_score_within_max",
                violation_error_message="A score runs from 0 to the quiz's maximum.",
            ),
        ]

    def __str__(self):
        return f"{self.student} · {self.title} · {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self):
        if self.is_submitted:
            return reverse("civics:attempt_result", kwargs={"pk": self.pk})
        return reverse("civics:attempt_take", kwargs={"pk": self.pk})

    @property
    def is_review(self):
        return self.quiz_id is None

    @property
    def title(self):
        return (
            "Review of missed questions" if self.is_review else self.quiz.lesson.title
        )

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def percent(self):
        return scoring.percent(self.score, self.max_score)

    @property
    def passed(self):
        if self.is_review:
            return False
        return mastery.reaches_pass_mark(self.score, self.max_score, self.pass_mark)


class Answer(models.Model):
    """One question of an attempt and the student's answer to it. Created
    unanswered when the attempt starts, saved as the student goes (a draft),
    scored once at submission."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers"
    )
    # The question's place in this attempt.
    position = models.PositiveSmallIntegerField(default=0)
    # The chosen choices, in the order the student gave them (order matters
    # for ordering questions; a single-choice answer has one).
    choices = models.ManyToManyField(
        Choice, through="SelectedChoice", related_name="answers"
    )
    numeric_value = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True
    )
    # A written answer's text.
    text_value = models.TextField(blank=True)
    # A written answer's marks on its rubric, one true or false per criterion
    # of rubric_shown: the student's own, then a teacher's, which replaces
    # them. None until given.
    self_marks = models.JSONField(null=True, blank=True)
    self_scored_at = models.DateTimeField(null=True, blank=True)
    teacher_marks = models.JSONField(null=True, blank=True)
    teacher_comment = models.TextField(blank=True)
    teacher_scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    teacher_scored_at = models.DateTimeField(null=True, blank=True)
    # Share of the question's points earned, 0 to 1; set at submission.
    credit = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    # The question as the student saw it and was scored on, kept at
    # submission (civics.snapshots), so no later edit changes this result.
    # Empty on an open attempt's answers: kind_shown "" means no snapshot.
    prompt_shown = models.TextField(blank=True)
    explanation_shown = models.TextField(blank=True)
    kind_shown = models.CharField(max_length=20, choices=QuestionKind, blank=True)
    points_shown = models.PositiveSmallIntegerField(null=True, blank=True)
    # [{"id", "text", "is_correct", "feedback", "position"}] in the order shown.
    choices_shown = models.JSONField(default=list, blank=True)
    numeric_answer_shown = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True
    )
    tolerance_shown = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True
    )
    rubric_shown = models.JSONField(default=list, blank=True)
    model_answer_shown = models.TextField(blank=True)
    # How the quiz counted a written answer when it was submitted.
    written_counts_shown = models.CharField(
        max_length=10, choices=WrittenCounts, blank=True
    )
    # When a teacher's regrade last scored it again on a corrected key.
    regraded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"],
                name="civics_answer_once_per_question",
                violation_error_message="This question is already answered.",
            ),
            models.CheckConstraint(
                condition=Q(credit__gte=0, credit__lte=1),
                name="civics_answer_credit_is_a_share",
                violation_error_message="Credit runs from 0 to 1.",
            ),
        ]

    def __str__(self):
        return f"Answer to {self.question}"

    @property
    def is_correct(self):
        return self.credit == scoring.ONE

    @property
    def is_partly_correct(self):
        return scoring.ZERO < self.credit < scoring.ONE

    @property
    def response(self):
        """The answer as the scoring rule takes it: a number for numeric
        questions, the text for written ones, else the chosen choice ids in
        order; None if unanswered. Uses prefetched selections."""
        kind = self.kind_shown or self.question.kind
        if kind == QuestionKind.NUMERIC:
            return self.numeric_value
        if kind == QuestionKind.WRITTEN:
            return self.text_value or None
        return [selection.choice_id for selection in self.selections.all()] or None

    @cached_property
    def shown(self):
        """The question as the student saw it (a snapshots.ShownQuestion):
        the snapshot once submitted; before that, the live question as the
        attempt shows it (uses prefetched choices)."""
        if self.kind_shown:
            return snapshots.of_answer(self)
        return snapshots.of_question(
            self.question,
            list(self.question.choices.all()),
            seed=self.attempt.seed,
            written_counts=self.question.quiz.written_counts,
        )

    @property
    def marks(self):
        """The rubric marks that stand: a teacher's, else the student's own;
        None if the answer is not scored yet."""
        return self.teacher_marks if self.teacher_marks is not None else self.self_marks

    @property
    def chosen_choices(self):
        """The student's choices in the order given, as they were shown
        (snapshots.ShownChoice; from prefetched selections)."""
        shown = self.shown
        return [
            shown.choice(selection.choice_id) for selection in self.selections.all()
        ]


class SelectedChoice(models.Model):
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="selections"
    )
    # PROTECT: a choice students picked cannot vanish from their results.
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "choice"], name="civics_selectedchoice_once"
            )
        ]

    def __str__(self):
        return str(self.choice)


class Progress(TimestampedModel):
    """Where one student stands on one lesson: a summary of their attempts that
    submit_attempt keeps current, so progress pages never scan all attempts."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="progress_records"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    attempt_count = models.PositiveIntegerField(default=0)
    best_percent = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    mastered_at = models.DateTimeField(null=True, blank=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "progress"
        ordering = ("lesson__unit__position", "lesson__position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "lesson"],
                name="civics_progress_one_per_lesson",
                violation_error_message="This student already has progress here.",
            ),
            models.CheckConstraint(
                condition=Q(best_percent__gte=0, best_percent__lte=100),
                name="civics_progress_best_percent_range",
                violation_error_message="A best score is a percentage.",
            ),
        ]

    def __str__(self):
        return f"{self.student} · {self.lesson}"

    @property
    def status(self):
        """The status as far as reading and submitted attempts tell."""
        return self.status_with(in_progress=False)

    def status_with(self, *, in_progress):
        """The status, given whether the student has the lesson's quiz open:
        progress is only written at submission, so it cannot know."""
        return mastery.lesson_status(
            read=self.read_at is not None,
            attempted=self.attempt_count > 0,
            mastered=self.mastered_at is not None,
            in_progress=in_progress,
        )


class ReviewItem(TimestampedModel):
    """A question a student missed, and when it is next due for review
    (see civics.rules.review for the schedule)."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="reviews"
    )
    box = models.PositiveSmallIntegerField(default=1)
    # Null once answered right in enough separate sessions to leave review.
    due_on = models.DateField(null=True, blank=True)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        ordering = ("due_on", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "question"],
                name="civics_reviewitem_one_per_question",
                violation_error_message="This question is already in review.",
            ),
            models.CheckConstraint(
                condition=Q(box__gte=1),
                name="civics_reviewitem_box_from_one",
                violation_error_message="Boxes are numbered from 1.",
            ),
        ]

    def __str__(self):
        return f"{self.student} · {self.question} · box {self.box}"

    @property
    def state(self):
        return review.ReviewState(box=self.box, due_on=self.due_on)


class Regrade(models.Model):
    """A teacher's regrade of a question's past answers on its current key
    (civics.services.regrade): who, when, and what changed, kept as the
    record of why old scores moved."""

    # SET_NULL: the record outlives the question; `prompt` names it then.
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, related_name="regrades"
    )
    prompt = models.TextField()
    regraded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    regraded_at = models.DateTimeField()
    # services.RegradeReport.as_record(): how many answers were scored
    # again, each changed attempt's score before and after, and who gained
    # or lost mastery of the lesson.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ("-regraded_at", "-id")

    def __str__(self):
        return f"Regrade of {self.prompt[:60]} · {self.regraded_at:%Y-%m-%d}"
