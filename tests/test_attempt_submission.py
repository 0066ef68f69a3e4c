"""submit_attempt: scoring, progress and mastery, and what it refuses."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civics import services
from civics.models import Answer, Progress, SelectedChoice
from civics.rules.mastery import LessonStatus
from tests.factories import (
    correct_responses,
    make_quiz,
    make_submitted_attempt,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


def _mix(quiz, right):
    """Responses with the first `right` questions correct and the rest wrong."""
    correct, wrong = correct_responses(quiz), wrong_responses(quiz)
    ids = list(correct)
    return {q: (correct if i < right else wrong)[q] for i, q in enumerate(ids)}


def test_submission_scores_each_answer_and_the_attempt(quiz, student):
    attempt = make_submitted_attempt(
        student=student, quiz=quiz, responses=_mix(quiz, 3)
    )
    assert (attempt.score, attempt.max_score) == (Decimal(3), Decimal(5))
    assert attempt.percent == Decimal("60.0")
    assert attempt.answers.filter(credit=1).count() == 3
    assert SelectedChoice.objects.filter(answer__attempt=attempt).count() == 5


def test_submission_snapshots_the_pass_mark_in_force(quiz, student):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    quiz.pass_mark = 50
    quiz.save()
    attempt.refresh_from_db()
    assert attempt.pass_mark == 80


def test_reaching_the_pass_mark_masters_the_lesson(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz, responses=_mix(quiz, 4))
    progress = Progress.objects.get(student=student, lesson=quiz.lesson)
    assert progress.status == LessonStatus.MASTERED
    assert progress.best_percent == Decimal("80.0")


def test_falling_short_leaves_the_lesson_attempted(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz, responses=_mix(quiz, 3))
    progress = Progress.objects.get(student=student, lesson=quiz.lesson)
    assert progress.status == LessonStatus.ATTEMPTED
    assert progress.attempt_count == 1


def test_a_worse_retake_keeps_the_best_score_and_mastery(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz, responses=_mix(quiz, 5))
    make_submitted_attempt(student=student, quiz=quiz, responses=_mix(quiz, 1))
    progress = Progress.objects.get(student=student, lesson=quiz.lesson)
    assert progress.best_percent == Decimal("100.0")
    assert progress.attempt_count == 2
    assert progress.status == LessonStatus.MASTERED


def test_a_better_retake_raises_the_best_score(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz, responses=_mix(quiz, 2))
    make_submitted_attempt(student=student, quiz=quiz, responses=_mix(quiz, 4))
    progress = Progress.objects.get(student=student, lesson=quiz.lesson)
    assert progress.best_percent == Decimal("80.0")
    assert progress.status == LessonStatus.MASTERED


def test_resubmitting_an_attempt_keeps_the_first_score(quiz, student):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    with pytest.raises(ValidationError) as raised:
        services.submit_attempt(
            attempt=attempt, responses=wrong_responses(quiz), now=timezone.now()
        )
    assert raised.value.code == "already_submitted"
    attempt.refresh_from_db()
    assert attempt.score == Decimal(5)
    assert Answer.objects.filter(attempt=attempt).count() == 5
    assert Progress.objects.get(student=student).attempt_count == 1


def _open_attempt(quiz, student):
    return services.start_attempt(student=student, quiz=quiz, now=timezone.now())


def _assert_nothing_written(attempt):
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not SelectedChoice.objects.exists()
    assert not Answer.objects.filter(credit__isnull=False).exists()
    assert not Progress.objects.exists()


def test_a_missing_answer_is_refused_and_nothing_is_written(quiz, student):
    attempt = _open_attempt(quiz, student)
    responses = correct_responses(quiz)
    responses.pop(next(iter(responses)))
    with pytest.raises(ValidationError) as raised:
        services.submit_attempt(
            attempt=attempt, responses=responses, now=timezone.now()
        )
    assert raised.value.code == "incomplete"
    _assert_nothing_written(attempt)


def test_a_choice_from_another_question_is_refused_and_nothing_is_written(
    quiz, student
):
    attempt = _open_attempt(quiz, student)
    responses = correct_responses(quiz)
    first, second = list(responses)[:2]
    responses[first] = responses[second]
    with pytest.raises(ValidationError) as raised:
        services.submit_attempt(
            attempt=attempt, responses=responses, now=timezone.now()
        )
    assert raised.value.code == "forged"
    _assert_nothing_written(attempt)


def test_a_question_from_another_quiz_is_refused_and_nothing_is_written(quiz, student):
    attempt = _open_attempt(quiz, student)
    responses = {**correct_responses(quiz), **correct_responses(make_quiz())}
    with pytest.raises(ValidationError) as raised:
        services.submit_attempt(
            attempt=attempt, responses=responses, now=timezone.now()
        )
    assert raised.value.code == "forged"
    _assert_nothing_written(attempt)


def test_reading_a_lesson_is_recorded_once(lesson, student):
    first = services.record_lesson_read(
        student=student, lesson=lesson, now=timezone.now()
    )
    again = services.record_lesson_read(
        student=student, lesson=lesson, now=timezone.now()
    )
    assert again.read_at == first.read_at
    assert again.status == LessonStatus.READ
