"""Writes that change several rows together. Each runs in one transaction, so a
failure part-way leaves nothing behind."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from civics.models import (
    Answer,
    Attempt,
    Lesson,
    Progress,
    Quiz,
    SelectedChoice,
)
from civics.rules import scoring


def record_lesson_read(*, student, lesson: Lesson, now: datetime) -> Progress:
    """Note that the student has opened the lesson; the first time counts."""
    progress, created = Progress.objects.get_or_create(
        student=student, lesson=lesson, defaults={"read_at": now}
    )
    if not created and progress.read_at is None:
        progress.read_at = now
        progress.save(update_fields=["read_at", "updated_at"])
    return progress


def start_attempt(*, student, quiz: Quiz, now: datetime) -> Attempt:
    """The student's open attempt at the quiz, started now if there is none.

    Starting twice (a double click, two tabs) returns the same attempt: the
    database allows one open attempt per student and quiz.
    """
    attempt = Attempt.objects.open().filter(student=student, quiz=quiz).first()
    if attempt is not None:
        return attempt
    try:
        with transaction.atomic():
            return Attempt.objects.create(student=student, quiz=quiz, started_at=now)
    except IntegrityError:
        return Attempt.objects.open().get(student=student, quiz=quiz)


def submit_attempt(
    *, attempt: Attempt, responses: Mapping[int, Sequence[int]], now: datetime
) -> Attempt:
    """Score an open attempt from {question id: chosen choice ids} and update the
    student's progress. Returns the submitted attempt.

    Raises ValidationError with code "already_submitted" when the attempt was
    submitted before (the first score stands), "incomplete" when a question has
    no answer, and "forged" when an id does not belong to this quiz.
    """
    with transaction.atomic():
        # The row lock makes a second, simultaneous submission wait here and
        # then find the attempt submitted, so it can never score twice.
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz__lesson")
            .get(pk=attempt.pk)
        )
        if attempt.is_submitted:
            raise ValidationError(
                "This attempt was already submitted.", code="already_submitted"
            )
        questions = list(attempt.quiz.questions.prefetch_related("choices"))
        _check_responses(questions, responses)

        keys = {}
        answers = []
        for question in questions:
            keys[question.pk] = question.answer_key(question.choices.all())
            answers.append(
                Answer(
                    attempt=attempt,
                    question=question,
                    credit=scoring.credit(keys[question.pk], responses[question.pk]),
                )
            )
        Answer.objects.bulk_create(answers)
        SelectedChoice.objects.bulk_create(
            SelectedChoice(answer=answer, choice_id=choice_id, position=position)
            for answer in answers
            for position, choice_id in enumerate(responses[answer.question_id])
        )

        result = scoring.score((keys[a.question_id], a.credit) for a in answers)
        attempt.score = result.points
        attempt.max_score = result.max_points
        attempt.pass_mark = attempt.quiz.pass_mark
        attempt.submitted_at = now
        attempt.full_clean()
        attempt.save()
        _record_result(attempt, now=now)
    return attempt


def _check_responses(questions, responses):
    """Refuse answers that are missing or that name ids from outside the quiz."""
    question_ids = {question.pk for question in questions}
    if set(responses) - question_ids:
        raise ValidationError(
            "An answer names a question that is not in this quiz.", code="forged"
        )
    for number, question in enumerate(questions, start=1):
        chosen = responses.get(question.pk)
        if not chosen:
            raise ValidationError(
                "Question %(number)d has no answer.",
                code="incomplete",
                params={"number": number},
            )
        allowed = {choice.pk for choice in question.choices.all()}
        if not set(chosen) <= allowed or len(set(chosen)) != len(chosen):
            raise ValidationError(
                "An answer names a choice that is not in question %(number)d.",
                code="forged",
                params={"number": number},
            )


def _record_result(attempt: Attempt, *, now: datetime) -> None:
    """Fold a newly submitted attempt into the student's progress on the lesson."""
    progress, _ = Progress.objects.select_for_update().get_or_create(
        student_id=attempt.student_id, lesson_id=attempt.quiz.lesson_id
    )
    progress.attempt_count += 1
    if progress.best_percent is None or attempt.percent > progress.best_percent:
        progress.best_percent = attempt.percent
    if progress.mastered_at is None and attempt.passed:
        progress.mastered_at = now
    progress.save()
