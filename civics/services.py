"""Writes that change several rows together. Each runs in one transaction, so a
failure part-way leaves nothing behind.

A response is what a student gave for one question: the chosen choice ids in
order (single, true/false, multiple, ordering) or a Decimal (numeric); None
for a question left unanswered.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import chain, count

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from civics import snapshots
from civics.kinds import ONE_CHOICE_KINDS, WRITTEN_ANSWER_MAX_LENGTH, QuestionKind
from civics.models import (
    Answer,
    Attempt,
    Choice,
    KeyTerm,
    Lesson,
    Progress,
    Question,
    Quiz,
    Regrade,
    ReviewItem,
    SelectedChoice,
    Source,
)
from civics.querysets import answer_prefetches
from civics.rules import permissions, review, scoring

Response = Sequence[int] | Decimal | None
# How many due questions one "Practise what I missed" session asks.
REVIEW_SIZE = 10


def record_lesson_read(*, student, lesson: Lesson, now: datetime) -> Progress:
    """Note that the student has opened the lesson; the first time counts."""
    progress, created = Progress.objects.get_or_create(
        student=student, lesson=lesson, defaults={"read_at": now}
    )
    if not created and progress.read_at is None:
        progress.read_at = now
        progress.save(update_fields=["read_at", "updated_at"])
    return progress


def duplicate_lesson(*, lesson: Lesson) -> Lesson:
    """An unpublished copy of the lesson for a teacher to rework: "Copy of …",
    with a slug no other lesson has (slug-copy, slug-copy-2, …) and copies of
    its sources, key terms, quiz, questions and choices. The copy shares the
    original's position, so it is listed right after it (ties go by id).

    Students' attempts and progress stay with the original. The copy has no
    loaded digest: it is a teacher's own lesson, which load_curriculum never
    touches.
    """
    with transaction.atomic():
        title_length = Lesson._meta.get_field("title").max_length
        copy = _copied(
            lesson,
            title=f"Copy of {lesson.title}"[:title_length],
            slug=free_lesson_slug(lesson.slug, mark="-copy"),
            published=False,
            loaded_digest="",
        )
        copy.full_clean()
        copy.save()
        Source.objects.bulk_create(
            _copied(source, lesson=copy) for source in lesson.sources.all()
        )
        KeyTerm.objects.bulk_create(
            _copied(term, lesson=copy) for term in lesson.key_terms.all()
        )
        quiz = Quiz.objects.filter(lesson=lesson).first()
        if quiz is not None:
            quiz_copy = _copied(quiz, lesson=copy)
            quiz_copy.save()
            for question in quiz.questions.current().prefetch_related("choices"):
                # A copy is the teacher's own: no shipped keys.
                question_copy = _copied(question, quiz=quiz_copy, key="")
                question_copy.save()
                Choice.objects.bulk_create(
                    _copied(choice, question=question_copy, key="")
                    for choice in question.choices.all()
                )
    return copy


def _copied(row, **changes):
    """An unsaved copy of a row: every field but its id, then `changes`."""
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key and field.name not in changes
    }
    return type(row)(**values, **changes)


def free_lesson_slug(stem: str, *, mark: str = "") -> str:
    """A slug no lesson has: stem + mark, or the first free one of
    stem + mark-2, stem + mark-3, …, with the stem shortened when the suffix
    would not fit the field (e.g. treaty-clause-copy, treaty-clause-copy-2)."""
    max_length = Lesson._meta.get_field("slug").max_length
    suffixes = chain([mark], (f"{mark}-{number}" for number in count(2)))
    candidates = (stem[: max_length - len(suffix)] + suffix for suffix in suffixes)
    return next(
        candidate
        for candidate in candidates
        if not Lesson.objects.filter(slug=candidate).exists()
    )


def start_attempt(*, student, quiz: Quiz, now: datetime) -> Attempt:
    """The student's open attempt at the quiz, started now if there is none.

    Starting twice (a double click, two tabs) returns the same attempt: the
    database allows one open attempt per student and quiz.
    """
    open_attempts = Attempt.objects.open().filter(student=student, quiz=quiz)
    return open_attempts.first() or _start(
        open_attempts,
        Attempt(student=student, quiz=quiz, started_at=now),
        questions=quiz.questions.current(),
    )


def start_review(*, student, now: datetime) -> Attempt | None:
    """The student's open review, or a new one of the questions now due for
    review (at most REVIEW_SIZE, longest overdue first); None if none are due."""
    open_reviews = Attempt.objects.open().reviews().filter(student=student)
    existing = open_reviews.first()
    if existing is not None:
        drop_hidden_questions(attempt=existing, student=student)
        if existing.answers.exists():
            return existing
        existing.delete()
    due = list(
        ReviewItem.objects.for_student(student)
        .visible_to(student)
        .due(today=timezone.localdate(now))
        .select_related("question")[:REVIEW_SIZE]
    )
    if not due:
        return None
    return _start(
        open_reviews,
        Attempt(student=student, quiz=None, started_at=now),
        questions=[item.question for item in due],
    )


def drop_hidden_questions(*, attempt: Attempt, student) -> bool:
    """Take out of an open review the questions of lessons its student can no
    longer see (a teacher unpublished one since it started), with any draft
    answer to them. Returns whether it took any out."""
    visible = permissions.lessons_visible_to(
        student, through="question__quiz__lesson__"
    )
    deleted, _ = attempt.answers.exclude(visible).delete()
    return bool(deleted)


def discard_draft_answers(*, quizzes=(), questions=(), choices=()) -> None:
    """Clear the way for deleting these quizzes, questions and choices (ids)
    from students' open attempts: the open attempts at a quiz, the draft
    answers to a question (the attempt stays open without it) and the draft
    answers that picked a choice. Submitted attempts are left as they are, so
    their answers still protect what they point at.

    Only after a teacher has seen whose drafts go (history.answers_in_the_way).
    """
    open_attempts = Attempt.objects.open()
    with transaction.atomic():
        open_attempts.filter(quiz__in=quizzes).delete()
        Answer.objects.filter(
            attempt__in=open_attempts.values("pk"), question__in=questions
        ).delete()
        SelectedChoice.objects.filter(
            answer__in=Answer.objects.filter(
                attempt__in=open_attempts.values("pk"),
                selections__choice__in=choices,
            ).values("pk")
        ).delete()


def _start(open_attempts, attempt, *, questions):
    """Save a new attempt with one unanswered Answer per question; if a
    simultaneous request opened one first, return that one instead."""
    try:
        with transaction.atomic():
            attempt.save()
            Answer.objects.bulk_create(
                Answer(attempt=attempt, question=question, position=position)
                for position, question in enumerate(questions, start=1)
            )
    except IntegrityError:
        return open_attempts.get()
    return attempt


def save_answers(*, attempt: Attempt, responses: Mapping[int, Response]) -> None:
    """Save draft answers to an open attempt, so a reload or a lost connection
    loses nothing. A None response clears the question's answer; questions
    not in `responses` keep what they had.

    Raises ValidationError "already_submitted" or "forged" (see submit_attempt).
    """
    with transaction.atomic():
        _lock_open(attempt)
        answers = _answers_of(attempt)
        _check_responses(answers, responses, require_all=False)
        _write_responses(answers, responses)


def submit_attempt(
    *, attempt: Attempt, responses: Mapping[int, Response], now: datetime
) -> Attempt:
    """Save the final answers, score the attempt, and update the student's
    progress and review schedule. Returns the submitted attempt.

    `responses` names every question of the attempt; a None response is a
    question the student chose to leave unanswered, which earns no credit.

    Raises ValidationError with code "already_submitted" when the attempt was
    submitted before (the first score stands), "incomplete" when a question is
    missing from `responses`, and "forged" when an answer does not fit its
    question.
    """
    with transaction.atomic():
        _lock_open(attempt)
        answers = _answers_of(attempt)
        _check_responses(answers, responses, require_all=True)
        _write_responses(answers, responses)

        keys = {}
        for answer in answers:
            question = answer.question
            shown = snapshots.of_question(
                question,
                list(question.choices.all()),
                seed=attempt.seed,
                written_counts=question.quiz.written_counts,
            )
            for field, value in snapshots.answer_fields(shown).items():
                setattr(answer, field, value)
            keys[answer.pk] = shown.answer_key()
            answer.credit = scoring.credit(
                keys[answer.pk], responses[answer.question_id]
            )
        Answer.objects.bulk_update(answers, ["credit", *snapshots.SNAPSHOT_FIELDS])

        result = scoring.score((keys[a.pk], a.credit) for a in answers)
        attempt.score = result.points
        attempt.max_score = result.max_points
        attempt.submitted_at = now
        if not attempt.is_review:
            attempt.pass_mark = attempt.quiz.pass_mark
        # No full_clean(): nothing here was typed, every value is computed,
        # and the table's constraints hold the same rules. Checking them in
        # Python first took eleven round trips on the busiest write of all.
        attempt.save(update_fields=["score", "max_score", "submitted_at", "pass_mark"])
        if not attempt.is_review:
            _record_result(attempt, now=now)
        _schedule_reviews(attempt.student_id, answers, now=now)
    return attempt


def _lock_open(attempt):
    """Lock the attempt's row and check, under the lock, that it is still open.
    A second, simultaneous request waits here and then finds it submitted, so
    an attempt can never score twice. Only the lock and that one column are
    read: the rest of the caller's attempt cannot change while it is open."""
    submitted_at = (
        Attempt.objects.select_for_update()
        .filter(pk=attempt.pk)
        .values_list("submitted_at", flat=True)
        .get()
    )
    if submitted_at is not None:
        raise ValidationError(
            "This attempt was already submitted.", code="already_submitted"
        )


def _answers_of(attempt):
    """The attempt's answers with their questions and choices. The quiz page
    has them already (Attempt.objects.with_answers()); prefetching what is
    fetched does nothing, so they are read once a request, not twice."""
    prefetch_related_objects([attempt], *answer_prefetches())
    return list(attempt.answers.all())


def _check_responses(answers, responses, *, require_all):
    """Refuse responses that do not fit their question, name a question outside
    the attempt, or (when require_all) leave a question unanswered."""
    by_question = {answer.question_id: answer for answer in answers}
    if set(responses) - set(by_question):
        raise _forged("An answer names a question that is not in this quiz.")
    for number, answer in enumerate(answers, start=1):
        if answer.question_id not in responses:
            if require_all:
                raise ValidationError(
                    "Question %(number)d has no answer.",
                    code="incomplete",
                    params={"number": number},
                )
            continue
        response = responses[answer.question_id]
        if response is not None and not _fits(answer.question, response):
            raise _forged(f"The answer to question {number} does not fit it.")


def _fits(question, response):
    if question.kind == QuestionKind.NUMERIC:
        return isinstance(response, Decimal) and response.is_finite()
    if question.kind == QuestionKind.WRITTEN:
        return isinstance(response, str) and len(response) <= WRITTEN_ANSWER_MAX_LENGTH
    if isinstance(response, Decimal | str):
        return False
    chosen = list(response)
    allowed = {choice.pk for choice in question.choices.all()}
    if len(set(chosen)) != len(chosen) or not set(chosen) <= allowed:
        return False
    if question.kind in ONE_CHOICE_KINDS:
        return len(chosen) == 1
    if question.kind == QuestionKind.ORDERING:
        return set(chosen) == allowed
    return bool(chosen)


def _forged(message):
    return ValidationError(message, code="forged")


def _write_responses(answers, responses):
    """Replace the stored answers of the questions in `responses` (None
    leaves a question with no answer)."""
    touched = [answer for answer in answers if answer.question_id in responses]
    SelectedChoice.objects.filter(answer__in=touched).delete()
    numeric, written = [], []
    selections = []
    for answer in touched:
        response = responses[answer.question_id]
        if answer.question.kind == QuestionKind.NUMERIC:
            answer.numeric_value = response
            numeric.append(answer)
        elif answer.question.kind == QuestionKind.WRITTEN:
            answer.text_value = response or ""
            written.append(answer)
        elif response is not None:
            selections += [
                SelectedChoice(answer=answer, choice_id=choice_id, position=position)
                for position, choice_id in enumerate(response, start=1)
            ]
    SelectedChoice.objects.bulk_create(selections)
    Answer.objects.bulk_update(numeric, ["numeric_value"])
    Answer.objects.bulk_update(written, ["text_value"])


def _record_result(attempt: Attempt, *, now: datetime) -> None:
    """Fold a newly submitted quiz attempt into the student's lesson progress."""
    progress, _ = Progress.objects.select_for_update().get_or_create(
        student_id=attempt.student_id, lesson_id=attempt.quiz.lesson_id
    )
    progress.attempt_count += 1
    if progress.best_percent is None or attempt.percent > progress.best_percent:
        progress.best_percent = attempt.percent
    if progress.mastered_at is None and attempt.passed:
        progress.mastered_at = now
    progress.save()


def _schedule_reviews(student_id, answers, *, now):
    """Move each answered question through the review schedule. Written
    answers stay out of it: a review scores answers as it goes, and no rule
    can score writing."""
    today = timezone.localdate(now)
    items = {
        item.question_id: item
        for item in ReviewItem.objects.select_for_update().filter(
            student_id=student_id, question__in=[a.question_id for a in answers]
        )
    }
    created, changed = [], []
    for answer in answers:
        if answer.kind_shown == QuestionKind.WRITTEN:
            continue  # scored on a rubric later, never by a review
        item = items.get(answer.question_id)
        before = item.state if item else None
        after = review.after_answer(before, correct=answer.is_correct, today=today)
        if after is None or after == before:
            continue
        if item is None:
            created.append(
                ReviewItem(
                    student_id=student_id,
                    question_id=answer.question_id,
                    box=after.box,
                    due_on=after.due_on,
                )
            )
        else:
            item.box, item.due_on, item.updated_at = after.box, after.due_on, now
            changed.append(item)
    ReviewItem.objects.bulk_create(created)
    ReviewItem.objects.bulk_update(changed, ["box", "due_on", "updated_at"])


def score_written_answer(
    *, answer: Answer, marks: Sequence[bool], by, now: datetime, comment: str = ""
) -> Answer:
    """Mark a submitted written answer on its rubric, one true or false per
    criterion: the student's own marks, or a teacher's (with an optional
    comment), which replace them for good. The answer's credit, its
    attempt's score and the student's progress on the lesson follow, by the
    quiz's rule as it stood at submission (scoring.written_credit).

    Raises ValidationError "not_submitted" for an open attempt, "forged" for
    marks that do not fit the rubric or an answer that is not written, and
    "teacher_scored" when a student marks an answer a teacher has scored.
    """
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("student", "quiz")
            .get(pk=answer.attempt_id)
        )
        if not attempt.is_submitted:
            raise ValidationError(
                "Submit the quiz before scoring a written answer.",
                code="not_submitted",
            )
        as_teacher = by.pk != attempt.student_id
        answers = list(attempt.answers.all())
        answer = next(a for a in answers if a.pk == answer.pk)
        if answer.kind_shown != QuestionKind.WRITTEN or len(marks) != len(
            answer.rubric_shown
        ):
            raise _forged("The marks sent do not fit this answer's rubric.")
        marks = [bool(mark) for mark in marks]
        if as_teacher:
            answer.teacher_marks = marks
            answer.teacher_comment = comment.strip()
            answer.teacher_scored_by = by
            answer.teacher_scored_at = now
        elif answer.teacher_marks is not None:
            raise ValidationError(
                "Your teacher has scored this answer; their score stands.",
                code="teacher_scored",
            )
        else:
            answer.self_marks = marks
            answer.self_scored_at = now
        answer.credit = scoring.written_credit(
            answer.written_counts_shown,
            self_marks=answer.self_marks,
            teacher_marks=answer.teacher_marks,
        )
        answer.save()
        result = scoring.score((a.shown.answer_key(), a.credit) for a in answers)
        if result.points != attempt.score:
            attempt.score = result.points
            attempt.save(update_fields=["score"])
            progress, _, _ = _progress_after(attempt.quiz, [attempt], lock=True)
            for record in progress:
                record.updated_at = now
            Progress.objects.bulk_update(
                progress, ["best_percent", "mastered_at", "updated_at"]
            )
    return answer


@dataclass(frozen=True)
class AttemptRegrade:
    """One submitted attempt whose score a regrade changes (or would)."""

    attempt_id: int
    student: str  # as teachers see them named
    score_before: Decimal
    score_after: Decimal
    max_before: Decimal
    max_after: Decimal


@dataclass(frozen=True)
class RegradeReport:
    """What regrading a question's past answers on its current key changes:
    how many answers were scored on another key, each attempt whose score
    moves, and the students who gain or lose mastery of the lesson."""

    answers: int
    attempts: tuple[AttemptRegrade, ...] = ()
    mastery_gained: tuple[str, ...] = ()
    mastery_lost: tuple[str, ...] = ()

    @property
    def students(self):
        return len({change.student for change in self.attempts})

    def as_record(self):
        """The report as the Regrade row keeps it (plain JSON values)."""
        return {
            "answers": self.answers,
            "attempts": [
                {
                    "attempt": change.attempt_id,
                    "student": change.student,
                    "score": [str(change.score_before), str(change.score_after)],
                    "max_score": [str(change.max_before), str(change.max_after)],
                }
                for change in self.attempts
            ],
            "mastery_gained": list(self.mastery_gained),
            "mastery_lost": list(self.mastery_lost),
        }


def regrade_plan(question: Question) -> RegradeReport:
    """A dry run of regrade(): what it would change, writing nothing."""
    return _regrade(question, lock=False)[0]


def regrade(*, question: Question, by, now: datetime) -> RegradeReport:
    """Score again, on the question as it is now, every submitted answer to
    it that was scored on another key: the teacher fixed a wrong key, and
    chooses to have past attempts follow (as Moodle's quiz regrade does).
    Each such answer's snapshot becomes the current question, since that is
    what it is now scored on, and notes when; its attempt's score and, for
    a quiz, its student's best score and mastery of the lesson follow, by
    the rules of submission. The review schedule stays as it is. Answers
    scored on the current key already are not touched, however the wording
    changed since: a regrade is about keys, and students saw what they saw.

    Recorded in a Regrade row; returns what changed. Raises ValidationError
    "kind_changed" when the question changed between numeric and choices,
    as no key can score an answer of the other sort.
    """
    with transaction.atomic():
        report, (answers, attempts, progress) = _regrade(question, lock=True)
        for answer in answers:
            answer.regraded_at = now
        Answer.objects.bulk_update(
            answers, ["credit", "regraded_at", *snapshots.SNAPSHOT_FIELDS]
        )
        Attempt.objects.bulk_update(attempts, ["score", "max_score"])
        for record in progress:
            record.updated_at = now
        Progress.objects.bulk_update(
            progress, ["best_percent", "mastered_at", "updated_at"]
        )
        Regrade.objects.create(
            question=question,
            prompt=question.prompt,
            regraded_by=by,
            regraded_at=now,
            changes=report.as_record(),
        )
    return report


def _same_key(kept, current):
    """Whether two keys score every response alike (the order of the right
    choices matters for ordering only)."""

    def ids(key):
        if key.kind == QuestionKind.ORDERING:
            return tuple(key.correct_choice_ids)
        return frozenset(key.correct_choice_ids)

    numbers = (
        (key.numeric_answer, key.tolerance) if key.kind == QuestionKind.NUMERIC else ()
        for key in (kept, current)
    )
    return (kept.kind, kept.points, ids(kept)) == (
        current.kind,
        current.points,
        ids(current),
    ) and len(set(numbers)) == 1


def _answered_by(kind):
    """What sort of response a kind takes: a number, a text or choices."""
    return kind if kind in (QuestionKind.NUMERIC, QuestionKind.WRITTEN) else "choices"


def _regrade(question, *, lock):
    """A regrade's report, and the rows it changes (unsaved): the answers,
    the attempts and the progress records."""
    if question.kind == QuestionKind.WRITTEN:
        raise ValidationError(
            "A written question has no key to regrade: its answers are scored "
            "on its rubric, by the student or a teacher.",
            code="written",
        )
    choices = list(question.choices.all())
    attempts = Attempt.objects.submitted().filter(answers__question=question)
    if lock:
        attempts = attempts.select_for_update(of=("self",))
    attempts = {
        attempt.pk: attempt for attempt in attempts.select_related("student", "quiz")
    }
    answers = list(
        Answer.objects.filter(attempt__in=attempts).prefetch_related("selections")
    )
    regraded = []
    for answer in answers:
        if answer.question_id != question.pk:
            continue
        current = snapshots.of_question(
            question, choices, seed=attempts[answer.attempt_id].seed
        )
        kept_key, key = answer.shown.answer_key(), current.answer_key()
        if _same_key(kept_key, key):
            continue
        if len({_answered_by(k.kind) for k in (kept_key, key)}) == 2:
            raise ValidationError(
                "This question changed between a numeric answer, a written "
                "one and choices since students answered it, so their answers "
                "cannot be scored on it. Add a new question instead.",
                code="kind_changed",
            )
        response = answer.response
        for field, value in snapshots.answer_fields(current).items():
            setattr(answer, field, value)
        del answer.shown  # the snapshot read before
        answer.credit = scoring.credit(key, response)
        regraded.append(answer)

    by_attempt = {}
    for answer in answers:
        by_attempt.setdefault(answer.attempt_id, []).append(answer)
    changes = []
    for attempt_id in sorted({answer.attempt_id for answer in regraded}):
        attempt = attempts[attempt_id]
        result = scoring.score(
            (answer.shown.answer_key(), answer.credit)
            for answer in by_attempt[attempt_id]
        )
        if (result.points, result.max_points) == (attempt.score, attempt.max_score):
            continue
        changes.append(
            AttemptRegrade(
                attempt_id=attempt_id,
                student=attempt.student.name_for_teachers,
                score_before=attempt.score,
                score_after=result.points,
                max_before=attempt.max_score,
                max_after=result.max_points,
            )
        )
        attempt.score, attempt.max_score = result.points, result.max_points
    changed = [attempts[change.attempt_id] for change in changes]
    progress, gained, lost = _progress_after(question.quiz, changed, lock=lock)
    report = RegradeReport(
        answers=len(regraded),
        attempts=tuple(changes),
        mastery_gained=tuple(sorted(gained)),
        mastery_lost=tuple(sorted(lost)),
    )
    return report, (regraded, changed, progress)


def _progress_after(quiz, changed, *, lock):
    """The progress at the quiz's lesson of the students of the `changed`
    quiz attempts (rescored, unsaved), summed up again from all their
    submitted attempts as _record_result sums them up as they come: the best
    percent, and mastered when the first attempt to pass was submitted.
    Returns the records that change, and the names of the students who gain
    and who lose mastery."""
    changed = {attempt.pk: attempt for attempt in changed if not attempt.is_review}
    students = {attempt.student_id: attempt.student for attempt in changed.values()}
    # No ordering: the default one joins the lessons and units, which a lock
    # would then take too.
    records = Progress.objects.filter(
        student__in=students, lesson_id=quiz.lesson_id
    ).order_by()
    if lock:
        records = records.select_for_update()
    tries = {}
    for attempt in (
        Attempt.objects.submitted()
        .filter(student__in=students, quiz=quiz)
        .order_by("submitted_at", "id")
    ):
        attempt = changed.get(attempt.pk, attempt)
        tries.setdefault(attempt.student_id, []).append(attempt)
    updated, gained, lost = [], [], []
    for record in records:
        attempts = tries.get(record.student_id, [])
        best = max((attempt.percent for attempt in attempts), default=None)
        mastered_at = next((a.submitted_at for a in attempts if a.passed), None)
        if (best, mastered_at) == (record.best_percent, record.mastered_at):
            continue
        name = students[record.student_id].name_for_teachers
        if record.mastered_at is None and mastered_at is not None:
            gained.append(name)
        elif record.mastered_at is not None and mastered_at is None:
            lost.append(name)
        record.best_percent, record.mastered_at = best, mastered_at
        updated.append(record)
    return updated, gained, lost
