"""Taking a quiz through the pages: start, answer, submit, see results."""

import pytest
from django.urls import reverse

from civics.models import Attempt, Progress, SelectedChoice
from tests.factories import (
    as_post_data,
    correct_responses,
    make_lesson,
    make_quiz,
    make_submitted_attempt,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


def _start(client, lesson):
    response = client.post(reverse("civics:quiz_start", args=[lesson.slug]))
    assert response.status_code == 302
    return Attempt.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def _assert_nothing_saved(attempt):
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert not SelectedChoice.objects.exists()


def test_starting_the_quiz_opens_an_attempt_and_shows_its_questions(
    student_client, lesson, quiz
):
    attempt = _start(student_client, lesson)
    page = student_client.get(reverse("civics:attempt_take", args=[attempt.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for question in quiz.questions.all():
        assert question.prompt in html
    assert html.count("<fieldset") == quiz.questions.count()
    assert html.count("<legend") == quiz.questions.count()


def test_starting_again_returns_to_the_open_attempt(student_client, lesson):
    first = _start(student_client, lesson)
    assert _start(student_client, lesson) == first


def test_quiz_page_never_contains_the_answer_key(student_client, lesson, quiz):
    attempt = _start(student_client, lesson)
    html = student_client.get(
        reverse("civics:attempt_take", args=[attempt.pk])
    ).content.decode()
    for question in quiz.questions.all():
        assert question.explanation not in html
        for choice in question.choices.all():
            assert choice.feedback not in html
    assert "correct" not in html.lower()


def test_submitting_scores_and_shows_every_answer_with_an_explanation(
    student_client, lesson, quiz
):
    attempt = _start(student_client, lesson)
    response = student_client.post(
        reverse("civics:attempt_take", args=[attempt.pk]),
        as_post_data(wrong_responses(quiz)),
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "civics:attempt_result", args=[attempt.pk]
    )
    assert "Your score: 0 out of 5 (0%)" in html
    for question in quiz.questions.all():
        wrong = question.choices.filter(is_correct=False).first()
        right = question.choices.get(is_correct=True)
        assert question.explanation in html
        assert wrong.text in html
        assert wrong.feedback in html
        assert right.text in html
    assert html.count("Not quite") == 5


def test_a_perfect_submission_says_the_lesson_is_mastered(student_client, lesson, quiz):
    attempt = _start(student_client, lesson)
    response = student_client.post(
        reverse("civics:attempt_take", args=[attempt.pk]),
        as_post_data(correct_responses(quiz)),
        follow=True,
    )
    assert "this lesson is mastered" in response.content.decode()
    assert response.content.decode().count(">Correct<") == 5


def test_the_other_answers_stay_selected_after_a_missing_answer(
    student_client, lesson, quiz
):
    attempt = _start(student_client, lesson)
    data = as_post_data(correct_responses(quiz))
    data.pop(next(iter(data)))
    html = student_client.post(
        reverse("civics:attempt_take", args=[attempt.pk]), data
    ).content.decode()
    assert html.count("checked") == 4


@pytest.mark.parametrize(
    "forge",
    [
        "nonexistent_choice",
        "choice_of_another_question",
        "not_a_number",
        "question_of_another_quiz",
    ],
)
def test_forged_ids_get_a_400_with_a_message_and_save_nothing(
    student_client, lesson, quiz, forge
):
    attempt = _start(student_client, lesson)
    data = as_post_data(correct_responses(quiz))
    first, second = quiz.questions.all()[:2]
    key = f"question_{first.pk}"
    if forge == "nonexistent_choice":
        data[key] = "999999"
    elif forge == "choice_of_another_question":
        data[key] = str(second.choices.first().pk)
    elif forge == "not_a_number":
        data[key] = "'; DROP TABLE"
    else:
        other = make_quiz(questions=1).questions.get()
        data[f"question_{other.pk}"] = str(other.choices.first().pk)
    response = student_client.post(
        reverse("civics:attempt_take", args=[attempt.pk]), data
    )
    assert response.status_code == 400
    assert "Reload the page" in response.content.decode()
    _assert_nothing_saved(attempt)


def test_a_double_submit_scores_once_and_shows_the_first_result(
    student_client, lesson, quiz
):
    attempt = _start(student_client, lesson)
    url = reverse("civics:attempt_take", args=[attempt.pk])
    student_client.post(url, as_post_data(correct_responses(quiz)))
    again = student_client.post(url, as_post_data(wrong_responses(quiz)), follow=True)
    assert again.redirect_chain[-1][0] == reverse(
        "civics:attempt_result", args=[attempt.pk]
    )
    assert "your first score stands" in again.content.decode()
    assert Attempt.objects.count() == 1
    attempt.refresh_from_db()
    assert attempt.score == 5
    assert Progress.objects.get().attempt_count == 1


def test_an_open_attempt_has_no_results_yet(student_client, lesson):
    attempt = _start(student_client, lesson)
    response = student_client.get(reverse("civics:attempt_result", args=[attempt.pk]))
    assert response.url == reverse("civics:attempt_take", args=[attempt.pk])


def test_retake_from_results_starts_a_fresh_attempt(student_client, student, quiz):
    first = make_submitted_attempt(student=student, quiz=quiz)
    second = _start(student_client, quiz.lesson)
    assert second != first
    assert not second.is_submitted


def test_the_quiz_start_accepts_post_only(student_client, lesson):
    response = student_client.get(reverse("civics:quiz_start", args=[lesson.slug]))
    assert response.status_code == 405


def test_a_lesson_without_a_quiz_says_so(student_client):
    lesson = make_lesson()
    response = student_client.post(
        reverse("civics:quiz_start", args=[lesson.slug]), follow=True
    )
    assert "This lesson has no quiz yet." in response.content.decode()
    assert not Attempt.objects.exists()
