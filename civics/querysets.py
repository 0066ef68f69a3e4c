"""The reading vocabulary of the domain: every page asks for its rows here, with
the joins it needs, so no template triggers a query per row."""

from django.db import models
from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Lower

from civics.rules import permissions


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        return self.filter(permissions.lessons_visible_to(user))

    def after(self, lesson):
        """The lessons that come after `lesson` in course order (the model's
        Meta.ordering: unit position and id, then position and id)."""
        unit = lesson.unit
        return self.filter(
            Q(unit__position__gt=unit.position)
            | Q(unit__position=unit.position, unit_id__gt=unit.pk)
            | Q(unit_id=unit.pk, position__gt=lesson.position)
            | Q(unit_id=unit.pk, position=lesson.position, pk__gt=lesson.pk)
        )

    def for_lesson_page(self):
        """What the lesson page shows besides the lesson: its unit, quiz and
        how many questions it has, sources and key terms."""
        return (
            self.select_related("unit", "quiz")
            .annotate(
                question_count=Count(
                    "quiz__questions",
                    filter=Q(quiz__questions__retired_at__isnull=True),
                )
            )
            .prefetch_related("sources", "key_terms")
        )

    def for_lesson_list(self):
        """What a list of lessons shows: each with its unit, without the
        bodies, which only the lesson page needs."""
        return self.select_related("unit").defer("body", "body_html")

    def with_progress_for(self, user):
        """Attach the user's Progress rows and the quiz they have open at each
        lesson, read through Lesson.student_progress and Lesson.open_attempt.
        The open attempt comes in the lessons' own query (a student has at
        most one open per quiz), so a list of lessons costs no more for it."""
        from civics.models import Attempt, Progress

        if user.is_authenticated:
            progress = Progress.objects.filter(student=user)
            open_attempt = Attempt.objects.open().filter(
                student=user, quiz__lesson=OuterRef("pk")
            )
            open_id = Subquery(open_attempt.values("pk")[:1])
            open_since = Subquery(open_attempt.values("started_at")[:1])
        else:
            progress = Progress.objects.none()
            open_id = Value(None, output_field=IntegerField())
            open_since = Value(None, output_field=DateTimeField())
        return self.prefetch_related(
            Prefetch(
                "progress_records", queryset=progress, to_attr="progress_for_student"
            )
        ).annotate(open_attempt_id=open_id, open_attempt_started_at=open_since)


class AttemptQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(permissions.attempts_visible_to(user))

    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def open(self):
        return self.filter(submitted_at__isnull=True)

    def reviews(self):
        return self.filter(quiz__isnull=True)

    def with_written_to_score(self):
        """Each attempt's `written_to_score`: its written answers with text
        that no teacher has marked yet, for the teacher's list of attempts."""
        from civics.kinds import QuestionKind

        return self.annotate(
            written_to_score=models.Count(
                "answers",
                filter=models.Q(
                    answers__kind_shown=QuestionKind.WRITTEN,
                    answers__teacher_marks__isnull=True,
                )
                & ~models.Q(answers__text_value=""),
            )
        )

    def with_answers(self):
        """Everything the quiz and results pages show, in a fixed number of
        queries: the answers with their questions, choices and selections."""
        from civics.models import SelectedChoice

        return self.select_related("quiz__lesson").prefetch_related(
            *answer_prefetches(),
            Prefetch(
                "answers__selections",
                queryset=SelectedChoice.objects.select_related("choice"),
            ),
        )


def answer_prefetches():
    """An attempt's answers with their questions and choices: what scoring
    needs, and the start of what the quiz and results pages show. Shared, so
    that a submission finds them already fetched by the page's query."""
    from civics.models import Answer

    # A review's questions come from many lessons, and its pages name each
    # one; the lessons' bodies stay behind. A written answer's results name
    # the teacher who scored it.
    answers = Answer.objects.select_related(
        "question__quiz__lesson", "teacher_scored_by"
    ).defer("question__quiz__lesson__body", "question__quiz__lesson__body_html")
    return (Prefetch("answers", queryset=answers), "answers__question__choices")


class ProgressQuerySet(models.QuerySet):
    def for_student(self, user):
        return self.filter(student=user)


class QuestionQuerySet(models.QuerySet):
    def current(self):
        """The questions a new attempt asks: not those retired from the
        shipped course, which stay only for the results that hold them."""
        return self.filter(retired_at__isnull=True)


class ReviewItemQuerySet(models.QuerySet):
    def for_student(self, user):
        return self.filter(student=user)

    def visible_to(self, user):
        """Questions of lessons the user can see now: a lesson the teacher has
        unpublished takes its questions out of review until it is back, and
        a question retired from the course leaves review for good."""
        return self.filter(
            permissions.lessons_visible_to(user, through="question__quiz__lesson__"),
            question__retired_at__isnull=True,
        )

    def due(self, *, today):
        """Questions waiting for review on `today` (the review rule's is_due)."""
        return self.filter(due_on__lte=today)


class KeyTermQuerySet(models.QuerySet):
    def glossary_for(self, user):
        """Every term of the lessons the user can see, A to Z, with its lesson."""
        return (
            self.filter(permissions.lessons_visible_to(user, through="lesson__"))
            .select_related("lesson")
            .defer("lesson__body", "lesson__body_html")
            .order_by(Lower("term"), "lesson__unit__position", "lesson__position")
        )

    def matching(self, text):
        """Terms whose name or definition holds `text`, in any case."""
        return self.filter(Q(term__icontains=text) | Q(definition__icontains=text))
