"""The review page (GET /review/): how many missed questions are due, lesson
by lesson and why, when the next one comes back, and how review works."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.models import Attempt, Lesson
from tests.factories import (
    correct_responses,
    make_quiz,
    make_student,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

REVIEW = reverse("civics:review_start")


def _miss(student, quiz, *, now=None):
    """Answer every question of the quiz wrong, `now` or at the given time."""
    now = now or timezone.now()
    attempt = services.start_attempt(student=student, quiz=quiz, now=now)
    services.submit_attempt(attempt=attempt, responses=wrong_responses(quiz), now=now)


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(REVIEW)
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_the_review_page_lists_the_due_questions_by_lesson(student_client, student):
    first, second = make_quiz(questions=2), make_quiz(questions=1)
    _miss(student, first)
    _miss(student, second)
    response = student_client.get(REVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 questions due now" in html
    for quiz in (first, second):
        lesson = quiz.lesson
        assert f'<a href="{lesson.get_absolute_url()}">{lesson.title}</a>' in html
        for question in quiz.questions.all():
            assert question.prompt in html
    assert html.count("You missed it: get it right and it moves along.") == 3
    assert "Get it right on two different days and it leaves review." in html
    assert ">Start practising</button>" in html


def test_the_review_page_counts_only_lessons_the_student_can_see(
    student_client, student
):
    shown, hidden = make_quiz(questions=1), make_quiz(questions=2)
    _miss(student, shown)
    _miss(student, hidden)
    Lesson.objects.filter(pk=hidden.lesson_id).update(published=False)
    html = student_client.get(REVIEW).content.decode()
    assert "1 question due now" in html
    assert hidden.lesson.title not in html


def test_with_nothing_due_the_page_says_when_the_next_question_comes_back(
    student_client, student, quiz
):
    _miss(student, quiz)
    now = timezone.now()
    review = services.start_review(student=student, now=now)
    services.submit_attempt(attempt=review, responses=correct_responses(quiz), now=now)
    html = student_client.get(REVIEW).content.decode()
    assert "Nothing is due now" in html
    assert "The next question comes back tomorrow." in html
    assert "Start practising" not in html


def test_a_question_right_once_says_one_more_right_answer_retires_it(
    student_client, student, quiz
):
    now = timezone.now() - timedelta(days=1)
    _miss(student, quiz, now=now)
    review = services.start_review(student=student, now=now)
    services.submit_attempt(attempt=review, responses=correct_responses(quiz), now=now)
    html = student_client.get(REVIEW).content.decode()
    assert "5 questions due now" in html
    assert html.count("You got it right once already") == 5


def test_with_no_missed_questions_the_page_says_where_they_come_from(student_client):
    html = student_client.get(REVIEW).content.decode()
    assert "Nothing is due now" in html
    assert "Questions you miss in a quiz come back here." in html


def test_an_open_practice_is_offered_to_carry_on(student_client, student, quiz):
    _miss(student, quiz)
    services.start_review(student=student, now=timezone.now())
    html = student_client.get(REVIEW).content.decode()
    assert ">Carry on practising</button>" in html


def test_starting_with_nothing_due_comes_back_to_the_review_page(student_client):
    response = student_client.post(REVIEW)
    assert response.url == REVIEW
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("reviewed", [False, True])
def test_the_review_page_costs_the_same_for_3_and_30_questions(
    client, django_assert_num_queries, reviewed
):
    """User, the due questions with their lessons, the open practice; with
    nothing due, the next due day instead of a list."""
    for missed in (3, 30):
        student = make_student()
        for _ in range(missed // 3):
            _miss(student, make_quiz(questions=3))
        if reviewed:
            now = timezone.now()
            review = services.start_review(student=student, now=now)
            while review is not None:
                responses = {
                    a.question_id: correct_responses(a.question.quiz)[a.question_id]
                    for a in review.answers.all()
                }
                services.submit_attempt(attempt=review, responses=responses, now=now)
                review = services.start_review(student=student, now=now)
        client.force_login(student)
        with django_assert_num_queries(4 if reviewed else 3):
            assert client.get(REVIEW).status_code == 200
