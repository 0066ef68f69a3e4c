"""The pages of a written answer: the quiz asks for it in a textarea and says
how it counts; the results show the text, the rubric, the model answer and
the rule, and let the student score it until a teacher of theirs does, with
a comment. Nobody else may score it, and a tampered post changes nothing."""

import re
from unittest.mock import ANY

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind, WrittenCounts
from civics.models import Answer, Attempt
from civics.rules import scoring
from tests.factories import (
    as_post_data,
    correct_responses,
    make_classroom,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

ANSWER = "The Senate consents.\n\nIt needs two-thirds <b>present</b>."


def _quiz(written_counts=WrittenCounts.SELF):
    """A one-point choice question and a written one worth three points."""
    quiz = make_quiz(questions=1, written_counts=written_counts)
    make_question(
        quiz=quiz,
        kind=QuestionKind.WRITTEN,
        points=3,
        position=2,
        model_answer="The Senate gives its consent.\nTwo-thirds must agree.",
    )
    return quiz


def _written(quiz):
    return quiz.questions.get(kind=QuestionKind.WRITTEN)


def _submitted(student, quiz=None):
    quiz = quiz or _quiz()
    responses = correct_responses(quiz)
    responses[_written(quiz).pk] = ANSWER
    return make_submitted_attempt(student=student, quiz=quiz, responses=responses)


def _answer(attempt):
    return Answer.objects.get(attempt=attempt, kind_shown=QuestionKind.WRITTEN)


def _result_url(attempt):
    return reverse("civics:attempt_result", args=[attempt.pk])


def _score_url(attempt, answer):
    return reverse("civics:written_score", args=[attempt.pk, answer.pk])


def _score(client, attempt, met=(), **data):
    return client.post(
        _score_url(attempt, _answer(attempt)),
        {"met": [str(index) for index in met], **data},
    )


@pytest.fixture
def scored_class(student, teacher):
    return make_classroom(teacher=teacher, students=[student])


# The quiz page


def test_the_quiz_page_asks_for_a_written_answer_in_a_labelled_textarea(
    student_client, student
):
    quiz = _quiz()
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    html = student_client.get(reverse("civics:attempt_take", args=[attempt.pk]))
    html = html.content.decode()
    name = f"question_{_written(quiz).pk}"
    assert f'<textarea name="{name}"' in html
    assert re.search(rf'<label\s+for="id_{name}"', html)
    assert 'maxlength="10000"' in html


@pytest.mark.parametrize("rule", list(WrittenCounts))
def test_the_quiz_page_says_how_written_answers_count(student_client, student, rule):
    attempt = services.start_attempt(
        student=student, quiz=_quiz(rule), now=timezone.now()
    )
    html = student_client.get(reverse("civics:attempt_take", args=[attempt.pk]))
    assert scoring.written_counts_in_words(rule) in html.content.decode()


def test_a_quiz_without_written_questions_says_nothing_of_them(student_client, student):
    attempt = services.start_attempt(
        student=student, quiz=make_quiz(questions=2), now=timezone.now()
    )
    html = student_client.get(reverse("civics:attempt_take", args=[attempt.pk]))
    assert "Written answers" not in html.content.decode()


def test_submitting_the_form_keeps_the_text_as_written(student_client, student):
    quiz = _quiz()
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    responses = correct_responses(quiz)
    responses[_written(quiz).pk] = ANSWER
    response = student_client.post(
        reverse("civics:attempt_take", args=[attempt.pk]),
        {**as_post_data(responses), "action": "submit"},
    )
    assert response.status_code == 302
    assert _answer(attempt).text_value == ANSWER
    attempt.refresh_from_db()
    assert attempt.is_submitted


def test_a_saved_draft_comes_back_in_the_textarea(student_client, student):
    quiz = _quiz()
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.save_answers(attempt=attempt, responses={_written(quiz).pk: ANSWER})
    html = student_client.get(reverse("civics:attempt_take", args=[attempt.pk]))
    assert "It needs two-thirds &lt;b&gt;present&lt;/b&gt;." in html.content.decode()


def test_the_quiz_preview_takes_and_shows_a_written_answer(admin_client):
    quiz = _quiz()
    url = reverse("civics:quiz_preview", args=[quiz.lesson.slug])
    assert scoring.written_counts_in_words(WrittenCounts.SELF) in (
        admin_client.get(url).content.decode()
    )
    responses = correct_responses(quiz)
    responses[_written(quiz).pk] = ANSWER
    response = admin_client.post(url, {**as_post_data(responses), "action": "submit"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The Senate gives its consent." in html
    assert "Not scored yet" in html
    assert "Save my score" not in html
    assert not Attempt.objects.exists()


# The results page


def test_the_results_show_the_text_rubric_model_answer_and_rule(
    student_client, student
):
    attempt = _submitted(student)
    html = student_client.get(_result_url(attempt)).content.decode()
    assert "<p>The Senate consents.</p>" in html
    assert "It needs two-thirds &lt;b&gt;present&lt;/b&gt;." in html
    assert "<b>present</b>" not in html
    assert "The Senate gives its consent.<br>Two-thirds must agree." in html
    for criterion in _answer(attempt).rubric_shown:
        assert criterion in html
    assert scoring.written_counts_in_words(WrittenCounts.SELF) in html
    assert "Not scored yet" in html
    assert "Save my score" in html


def test_the_rule_shown_is_the_one_at_submission(student_client, student):
    quiz = _quiz(WrittenCounts.PRACTICE)
    attempt = _submitted(student, quiz)
    quiz.written_counts = WrittenCounts.TEACHER
    quiz.save()
    html = student_client.get(_result_url(attempt)).content.decode()
    assert scoring.written_counts_in_words(WrittenCounts.PRACTICE) in html
    assert scoring.written_counts_in_words(WrittenCounts.TEACHER) not in html


def test_a_student_scores_their_answer_and_sees_the_score(student_client, student):
    attempt = _submitted(student)
    response = _score(student_client, attempt, met=[0, 2])
    assert response.status_code == 302
    answer = _answer(attempt)
    assert answer.self_marks == [True, False, True]
    page = student_client.get(_result_url(attempt))
    html = page.content.decode()
    assert "Your score is saved." in html
    assert "Your score: 2 of 3 criteria" in html
    assert "Your score: 3 out of 4 (75%)" in html  # 1 + two thirds of 3


def test_a_student_may_score_again_until_a_teacher_scores(student_client, student):
    attempt = _submitted(student)
    _score(student_client, attempt, met=[0, 1, 2])
    _score(student_client, attempt, met=[])
    assert _answer(attempt).self_marks == [False, False, False]


def test_a_teacher_of_the_class_scores_with_a_comment_and_the_student_sees_it(
    client, student, teacher, scored_class
):
    teacher.first_name, teacher.last_name = "Ana", "Ruiz"
    teacher.save()
    attempt = _submitted(student)
    client.force_login(teacher)
    page = client.get(_result_url(attempt)).content.decode()
    assert "Save score" in page
    assert "Comment for the student" in page
    response = _score(client, attempt, met=[1], comment="Name the check.")
    assert response.status_code == 302
    assert f"Score saved; {student.display_name} sees it" in (
        client.get(_result_url(attempt)).content.decode()
    )
    answer = _answer(attempt)
    assert answer.teacher_marks == [False, True, False]
    assert answer.teacher_scored_by == teacher

    client.force_login(student)
    html = client.get(_result_url(attempt)).content.decode()
    assert "Your teacher\u2019s score: 1 of 3 criteria" in html
    assert "Name the check." in html
    assert "Scored by Ana Ruiz on" in html
    assert "Save my score" not in html
    assert "Your score: 2 out of 4 (50%)" in html


def test_the_teachers_form_comes_filled_with_their_marks(
    teacher_client, student, scored_class, teacher
):
    attempt = _submitted(student)
    _score(teacher_client, attempt, met=[2], comment="Good example.")
    html = teacher_client.get(_result_url(attempt)).content.decode()
    answer = _answer(attempt)
    assert form_data(html, f"score-answer-{answer.pk}") == {
        "csrfmiddlewaretoken": ANY,
        "met": "2",
        "comment": "Good example.",
    }


def test_a_student_cannot_score_once_a_teacher_has(
    client, student, teacher, scored_class
):
    attempt = _submitted(student)
    client.force_login(teacher)
    _score(client, attempt, met=[0])
    client.force_login(student)
    response = _score(client, attempt, met=[0, 1, 2])
    assert response.status_code == 302
    assert "their score stands" in client.get(_result_url(attempt)).content.decode()
    answer = _answer(attempt)
    assert answer.self_marks is None
    assert answer.teacher_marks == [True, False, False]


# Who may score


def test_another_student_cannot_score(client, student, other_student):
    attempt = _submitted(student)
    client.force_login(other_student)
    assert _score(client, attempt, met=[0]).status_code == 404
    assert _answer(attempt).self_marks is None


def test_a_teacher_of_another_class_cannot_score(client, student):
    attempt = _submitted(student)
    make_classroom(students=[make_student()])
    client.force_login(make_teacher())
    assert _score(client, attempt, met=[0]).status_code == 404
    assert _answer(attempt).teacher_marks is None


def test_a_teacher_cannot_score_as_the_student(teacher_client, student, scored_class):
    attempt = _submitted(student)
    _score(teacher_client, attempt, met=[0, 1, 2])
    answer = _answer(attempt)
    assert answer.self_marks is None
    assert answer.teacher_marks == [True, True, True]


def test_a_student_cannot_set_a_teachers_comment(student_client, student):
    attempt = _submitted(student)
    _score(student_client, attempt, met=[0], comment="Full marks, says me.")
    answer = _answer(attempt)
    assert answer.teacher_comment == ""
    assert answer.teacher_marks is None
    assert answer.self_marks == [True, False, False]


def test_an_answer_of_another_attempt_is_refused(student_client, student):
    attempt = _submitted(student)
    other = _submitted(make_student())
    response = student_client.post(_score_url(attempt, _answer(other)), {"met": ["0"]})
    assert response.status_code == 400
    assert "not a written answer of this attempt" in response.content.decode()
    assert _answer(other).self_marks is None


def test_an_answer_that_is_not_written_is_refused(student_client, student):
    attempt = _submitted(student)
    choice_answer = attempt.answers.exclude(kind_shown=QuestionKind.WRITTEN).get()
    response = student_client.post(_score_url(attempt, choice_answer), {"met": ["0"]})
    assert response.status_code == 400


@pytest.mark.parametrize("met", [["3"], ["-1"], ["one"], ["0", "7"]])
def test_a_forged_criterion_is_refused_and_nothing_changes(
    student_client, student, met
):
    attempt = _submitted(student)
    response = student_client.post(_score_url(attempt, _answer(attempt)), {"met": met})
    assert response.status_code == 400
    assert "The marks sent do not fit this answer" in response.content.decode()
    assert _answer(attempt).self_marks is None
    attempt.refresh_from_db()
    assert attempt.score == 1


def test_a_post_with_no_fields_scores_no_criteria_met(
    teacher_client, student, scored_class
):
    attempt = _submitted(student)
    response = teacher_client.post(_score_url(attempt, _answer(attempt)), {})
    assert response.status_code == 302
    answer = _answer(attempt)
    assert answer.teacher_marks == [False, False, False]
    assert answer.teacher_comment == ""


def test_scoring_takes_a_post_only(student_client, student):
    attempt = _submitted(student)
    url = _score_url(attempt, _answer(attempt))
    assert student_client.get(url).status_code == 405


def test_a_visitor_is_sent_to_log_in(client, student):
    attempt = _submitted(student)
    response = client.post(_score_url(attempt, _answer(attempt)), {"met": ["0"]})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
