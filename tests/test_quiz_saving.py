"""Never losing an answer: every answer that is valid on its own is kept,
whatever state the others are in, by the page's autosave, by "Save and finish
later" and by a refused submit; clearing an answer clears it; and submitting
with questions unanswered asks first (issue #17)."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind
from civics.models import Answer, Attempt
from tests.factories import (
    as_post_data,
    correct_responses,
    make_quiz,
    make_student,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_quiz(db):
    """Single choice, multiple select, put in order, numeric, single choice."""
    return make_quiz(
        questions=1,
        choices=4,
        kinds=(
            QuestionKind.MULTIPLE,
            QuestionKind.ORDERING,
            QuestionKind.NUMERIC,
            QuestionKind.SINGLE,
        ),
    )


@pytest.fixture
def attempt(student, mixed_quiz):
    return services.start_attempt(student=student, quiz=mixed_quiz, now=timezone.now())


def _questions(quiz):
    return list(quiz.questions.all())


def _half_done(quiz):
    """Every question answered right, except that the ordering question has
    two of its four items numbered and the number field holds words."""
    _single, _multiple, ordering, numeric, _last = _questions(quiz)
    data = as_post_data(correct_responses(quiz))
    for choice in ordering.choices.all()[2:]:
        data[f"question_{ordering.pk}_{choice.pk}"] = ""
    data[f"question_{numeric.pk}"] = "lots"
    return data


def _saved(attempt):
    """{question number: response} as stored, unanswered ones left out."""
    answers = Answer.objects.filter(attempt=attempt).prefetch_related("selections")
    return {
        answer.position: answer.response
        for answer in answers.select_related("question")
        if answer.response is not None
    }


def _take_url(attempt):
    return reverse("civics:attempt_take", args=[attempt.pk])


def _save_url(attempt):
    return reverse("civics:attempt_save", args=[attempt.pk])


def test_the_autosave_keeps_every_valid_answer_while_another_is_half_done(
    student_client, attempt, mixed_quiz
):
    response = student_client.post(_save_url(attempt), _half_done(mixed_quiz))
    reply = json.loads(response.content)
    assert response.status_code == 200
    assert sorted(_saved(attempt)) == [1, 2, 5]
    assert reply["answered"] == 3
    assert reply["total"] == 5
    assert [problem["number"] for problem in reply["problems"]] == [3, 4]
    assert reply["problems"][0]["anchor"] == "question-3"
    assert "question 3" in reply["problems"][0]["message"]


def test_save_and_finish_later_keeps_the_valid_answers_and_marks_the_others(
    student_client, attempt, mixed_quiz
):
    data = {**_half_done(mixed_quiz), "action": "save"}
    response = student_client.post(_take_url(attempt), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(_saved(attempt)) == [1, 2, 5]
    assert "There is a problem" in html
    assert 'href="#question-3"' in html
    assert "Give every item in question 3 a position." in html
    assert "Enter a number for question 4" in html
    # What the student typed stays on the page as they left it.
    assert 'value="lots"' in html


def test_a_refused_submit_keeps_every_valid_answer(student_client, attempt, mixed_quiz):
    response = student_client.post(_take_url(attempt), _half_done(mixed_quiz))
    assert response.status_code == 200
    assert "the quiz is not submitted yet" in response.content.decode()
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert sorted(_saved(attempt)) == [1, 2, 5]
    reloaded = student_client.get(_take_url(attempt)).content.decode()
    assert "3 of 5 answered" in reloaded


def _save(client, attempt, data, *, by):
    """Save as the page's script does (by="autosave") or with the "Save and
    finish later" button (by="button")."""
    if by == "autosave":
        return client.post(_save_url(attempt), data)
    return client.post(_take_url(attempt), {**data, "action": "save"})


SAVED_BY = pytest.mark.parametrize("by", ["autosave", "button"])


@SAVED_BY
def test_unticking_every_box_clears_a_saved_answer(
    student_client, attempt, mixed_quiz, by
):
    _single, multiple, *_ = _questions(mixed_quiz)
    everything = as_post_data(correct_responses(mixed_quiz))
    _save(student_client, attempt, everything, by=by)
    del everything[f"question_{multiple.pk}"]  # no box ticked: nothing is sent
    _save(student_client, attempt, everything, by=by)
    assert 2 not in _saved(attempt)


@SAVED_BY
def test_emptying_a_number_field_clears_a_saved_answer(
    student_client, attempt, mixed_quiz, by
):
    numeric = _questions(mixed_quiz)[3]
    everything = as_post_data(correct_responses(mixed_quiz))
    _save(student_client, attempt, everything, by=by)
    emptied = {**everything, f"question_{numeric.pk}": ""}
    _save(student_client, attempt, emptied, by=by)
    assert 4 not in _saved(attempt)


def test_a_cleared_answer_is_not_submitted(student_client, attempt, mixed_quiz):
    _single, multiple, *_ = _questions(mixed_quiz)
    everything = as_post_data(correct_responses(mixed_quiz))
    _save(student_client, attempt, everything, by="button")
    del everything[f"question_{multiple.pk}"]
    student_client.post(_take_url(attempt), {**everything, "action": "submit_anyway"})
    attempt.refresh_from_db()
    assert attempt.is_submitted
    assert attempt.answers.get(question=multiple).credit == 0


def test_submitting_with_questions_unanswered_asks_first_and_names_them(
    student_client, attempt, mixed_quiz
):
    single, *_, last = _questions(mixed_quiz)
    data = as_post_data(correct_responses(mixed_quiz))
    del data[f"question_{single.pk}"], data[f"question_{last.pk}"]
    response = student_client.post(_take_url(attempt), data)
    html = response.content.decode()
    assert "Submit with 2 questions unanswered?" in html
    assert 'href="#question-1">question 1</a> and ' in html
    assert 'href="#question-5">question 5</a>' in html
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert sorted(_saved(attempt)) == [2, 3, 4]


def test_submit_anyway_scores_the_unanswered_questions_as_missed(
    student_client, attempt, mixed_quiz
):
    single = _questions(mixed_quiz)[0]
    data = as_post_data(correct_responses(mixed_quiz))
    del data[f"question_{single.pk}"]
    response = student_client.post(
        _take_url(attempt), {**data, "action": "submit_anyway"}
    )
    assert response.url == reverse("civics:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.score == 4
    assert attempt.max_score == 5


def test_submit_anyway_still_refuses_an_answer_that_needs_a_look(
    student_client, attempt, mixed_quiz
):
    data = {**_half_done(mixed_quiz), "action": "submit_anyway"}
    response = student_client.post(_take_url(attempt), data)
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_a_full_submission_is_scored_without_asking(
    student_client, attempt, mixed_quiz
):
    data = as_post_data(wrong_responses(mixed_quiz))
    response = student_client.post(_take_url(attempt), {**data, "action": "submit"})
    assert response.url == reverse("civics:attempt_result", args=[attempt.pk])


@pytest.mark.parametrize("url", [_take_url, _save_url])
def test_a_forged_answer_saves_none_of_the_others(
    student_client, attempt, mixed_quiz, url
):
    single = _questions(mixed_quiz)[0]
    data = as_post_data(correct_responses(mixed_quiz))
    data[f"question_{single.pk}"] = "999999"
    response = student_client.post(url(attempt), {**data, "action": "save"})
    assert response.status_code == 400
    assert _saved(attempt) == {}


def test_the_autosave_of_a_submitted_attempt_is_refused(
    student_client, attempt, mixed_quiz
):
    data = as_post_data(correct_responses(mixed_quiz))
    student_client.post(_take_url(attempt), data)
    late = student_client.post(
        _save_url(attempt), as_post_data(wrong_responses(mixed_quiz))
    )
    assert late.status_code == 409
    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score


def test_nobody_else_can_save_into_a_students_attempt(client, attempt, mixed_quiz):
    client.force_login(make_student())
    response = client.post(
        _save_url(attempt), as_post_data(correct_responses(mixed_quiz))
    )
    assert response.status_code == 404
    assert _saved(attempt) == {}


def test_the_autosave_takes_post_only(student_client, attempt):
    assert student_client.get(_save_url(attempt)).status_code == 405


def test_the_status_line_says_how_many_are_answered(
    student_client, attempt, mixed_quiz
):
    single = _questions(mixed_quiz)[0]
    services.save_answers(
        attempt=attempt, responses={single.pk: [single.choices.first().pk]}
    )
    html = student_client.get(_take_url(attempt)).content.decode()
    assert '<p id="quiz-status" class="mb-0" role="status">1 of 5 answered</p>' in html


def test_enter_in_a_field_presses_a_save_button_not_submit(student_client, attempt):
    """Browsers press a form's first submit button on Enter (HTML's implicit
    submission); it must be one that saves."""
    html = student_client.get(_take_url(attempt)).content.decode()
    form = html[html.index('<form id="quiz-form"') :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'value="save"' in first_button


def test_each_question_is_a_numbered_card_without_asterisks(
    student_client, attempt, mixed_quiz
):
    html = student_client.get(_take_url(attempt)).content.decode()
    cards = re.findall(r'id="(question-\d+)"\s+class="card[^"]*quiz-question', html)
    assert cards == [f"question-{number}" for number in range(1, 6)]
    assert "asteriskField" not in html


def test_the_kind_hint_is_given_once(student_client, student):
    quiz = make_quiz(questions=0, kinds=(QuestionKind.MULTIPLE,))
    quiz.questions.update(
        prompt="Which are powers of the President? Choose all that apply."
    )
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    html = student_client.get(_take_url(attempt)).content.decode()
    assert html.count("Choose all that apply") == 1


def _missed_in_review(student, *, now):
    """A student who missed every question of two lessons' quizzes."""
    quizzes = [make_quiz(questions=2), make_quiz(questions=2)]
    for quiz in quizzes:
        attempt = services.start_attempt(student=student, quiz=quiz, now=now)
        services.submit_attempt(
            attempt=attempt, responses=wrong_responses(quiz), now=now
        )
    return quizzes


def test_a_review_leaves_out_questions_of_a_lesson_since_unpublished(student):
    now = timezone.now()
    kept, hidden = _missed_in_review(student, now=now)
    hidden.lesson.published = False
    hidden.lesson.save()
    review = services.start_review(student=student, now=now)
    assert {answer.question.quiz for answer in review.answers.all()} == {kept}


def test_an_open_review_drops_questions_of_a_lesson_unpublished_since(
    student_client, student
):
    now = timezone.now()
    kept, hidden = _missed_in_review(student, now=now)
    review = services.start_review(student=student, now=now)
    hidden.lesson.published = False
    hidden.lesson.save()
    html = student_client.get(_take_url(review)).content.decode()
    for question in hidden.questions.all():
        assert question.prompt not in html
    for question in kept.questions.all():
        assert question.prompt in html
    assert services.start_review(student=student, now=now) == review
    assert review.answers.count() == 2


def test_an_open_review_of_only_unpublished_lessons_sends_the_student_back(
    student_client, student
):
    now = timezone.now()
    quizzes = _missed_in_review(student, now=now)
    review = services.start_review(student=student, now=now)
    for quiz in quizzes:
        quiz.lesson.published = False
        quiz.lesson.save()
    response = student_client.get(_take_url(review))
    assert response.url == reverse("civics:review_start")


def test_an_open_review_of_only_unpublished_lessons_makes_way(student):
    now = timezone.now()
    quizzes = _missed_in_review(student, now=now)
    services.start_review(student=student, now=now)
    for quiz in quizzes:
        quiz.lesson.published = False
        quiz.lesson.save()
    assert services.start_review(student=student, now=now + timedelta(days=1)) is None
    assert not Attempt.objects.open().exists()


def test_an_empty_submit_asks_about_every_question(student_client, attempt):
    """A post with nothing in it (nothing chosen, no field sent) is still a
    submit: it asks first, and never fails."""
    response = student_client.post(_take_url(attempt), {})
    assert response.status_code == 200
    assert "Submit with 5 questions unanswered?" in response.content.decode()
