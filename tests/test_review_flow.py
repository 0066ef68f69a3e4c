"""Missed questions come back in "Practise what I missed" until they have been
answered right in two separate sessions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.models import Attempt, Progress, ReviewItem
from tests.factories import correct_responses, make_quiz, wrong_responses

pytestmark = pytest.mark.django_db

MONDAY = timezone.make_aware(timezone.datetime(2026, 3, 2, 10))
TUESDAY = MONDAY + timedelta(days=1)


def _take(student, quiz, responses, now):
    attempt = services.start_attempt(student=student, quiz=quiz, now=now)
    return services.submit_attempt(attempt=attempt, responses=responses, now=now)


def _review(student, now, *, right):
    attempt = services.start_review(student=student, now=now)
    questions = [answer.question for answer in attempt.answers.all()]
    source = correct_responses if right else wrong_responses
    responses = {}
    for question in questions:
        responses.update(
            {q: r for q, r in source(question.quiz).items() if q == question.pk}
        )
    return services.submit_attempt(attempt=attempt, responses=responses, now=now)


def _due(student, now):
    return ReviewItem.objects.for_student(student).due(today=timezone.localdate(now))


def test_missed_questions_become_due_for_review(student, quiz):
    responses = correct_responses(quiz)
    missed = list(responses)[:2]
    wrong = wrong_responses(quiz)
    for question_id in missed:
        responses[question_id] = wrong[question_id]
    _take(student, quiz, responses, MONDAY)
    assert sorted(
        _due(student, MONDAY).values_list("question_id", flat=True)
    ) == sorted(missed)


def test_a_review_asks_the_due_questions_from_across_the_course(student):
    first, second = make_quiz(questions=2), make_quiz(questions=3)
    _take(student, first, wrong_responses(first), MONDAY)
    _take(student, second, wrong_responses(second), MONDAY)
    review = services.start_review(student=student, now=MONDAY)
    assert review.is_review
    assert review.answers.count() == 5


def test_review_size_is_capped(student):
    quiz = make_quiz(questions=services.REVIEW_SIZE + 3)
    _take(student, quiz, wrong_responses(quiz), MONDAY)
    review = services.start_review(student=student, now=MONDAY)
    assert review.answers.count() == services.REVIEW_SIZE


def test_right_in_two_sessions_takes_a_question_out_of_review(student, quiz):
    _take(student, quiz, wrong_responses(quiz), MONDAY)
    _review(student, MONDAY, right=True)
    assert not _due(student, MONDAY).exists()  # not again the same day
    assert _due(student, TUESDAY).count() == 5
    _review(student, TUESDAY, right=True)
    assert not _due(student, TUESDAY + timedelta(days=30)).exists()


def test_a_miss_in_review_brings_the_question_straight_back(student, quiz):
    _take(student, quiz, wrong_responses(quiz), MONDAY)
    _review(student, MONDAY, right=True)
    _review(student, TUESDAY, right=False)
    assert set(_due(student, TUESDAY).values_list("box", flat=True)) == {1}


def test_a_review_does_not_change_lesson_progress(student, quiz):
    _take(student, quiz, wrong_responses(quiz), MONDAY)
    before = Progress.objects.get(student=student)
    _review(student, MONDAY, right=True)
    after = Progress.objects.get(student=student)
    assert (after.attempt_count, after.best_percent) == (
        before.attempt_count,
        before.best_percent,
    )


def test_my_progress_shows_how_many_questions_are_due(student_client, student, quiz):
    now = timezone.now()
    _take(student, quiz, wrong_responses(quiz), now)
    html = student_client.get(reverse("civics:my_progress")).content.decode()
    assert "5 questions you missed are due for review." in html


def test_practise_what_i_missed_opens_a_review_of_due_questions(
    student_client, student, quiz
):
    _take(student, quiz, wrong_responses(quiz), timezone.now())
    response = student_client.post(reverse("civics:review_start"), follow=True)
    html = response.content.decode()
    assert "Practice: questions you missed" in html
    assert html.count("<fieldset") == 5
    review = Attempt.objects.reviews().get()
    again = student_client.post(reverse("civics:review_start"))
    assert again.url == review.get_absolute_url()


def test_practise_with_nothing_due_says_so(student_client):
    response = student_client.post(reverse("civics:review_start"), follow=True)
    assert "Nothing is due for review." in response.content.decode()
    assert not Attempt.objects.exists()


def test_review_results_are_the_students_own(client, student, other_student, quiz):
    _take(student, quiz, wrong_responses(quiz), MONDAY)
    review = _review(student, MONDAY, right=True)
    client.force_login(other_student)
    url = reverse("civics:attempt_result", args=[review.pk])
    assert client.get(url).status_code == 404
