"""A question students have answered stays in its quiz, as it cannot be
deleted: moved to another lesson's quiz, submitted attempts would hold answers
to another quiz's question and the first lesson's question analysis would lose
it (issue 19, finding 7). So does a choice students picked, with its question.
In the question editor, the lesson editor (where nested_admin saves whatever
part a form posts) and a restored version alike; what nobody answered may
still move."""

from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from civics import history, services
from civics.models import Choice, Question
from tests.factories import (
    correct_responses,
    make_quiz,
    make_student,
    make_submitted_attempt,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

REFUSAL = (
    "This question has answers in students' attempts; it cannot move to "
    "another quiz. Copy it instead."
)


@pytest.fixture
def other_quiz():
    return make_quiz(questions=2)


@pytest.fixture
def answered(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz)
    return quiz.questions.first()


def _state(question):
    """Everything a move could change about a question, read afresh."""
    question = Question.objects.get(pk=question.pk)
    return (
        question.quiz_id,
        question.prompt,
        list(question.choices.values_list("pk", "text", "is_correct")),
        list(question.answers.values_list("pk", "attempt__quiz_id")),
    )


def test_an_answered_question_cannot_be_given_another_quiz(answered, other_quiz):
    answered.quiz = other_quiz
    with pytest.raises(ValidationError) as refused:
        answered.full_clean()
    assert refused.value.messages == [REFUSAL]
    assert refused.value.error_dict["__all__"][0].code == "answered_question_moved"


def test_a_question_in_an_open_attempt_counts_as_answered(quiz, other_quiz):
    services.start_attempt(student=make_student(), quiz=quiz, now=timezone.now())
    question = quiz.questions.first()
    question.quiz = other_quiz
    with pytest.raises(ValidationError, match="cannot move to another quiz"):
        question.full_clean()


def test_an_answered_question_may_still_be_edited_in_its_quiz(answered):
    answered.prompt = "A clearer question?"
    answered.full_clean()


def test_an_answered_question_left_in_its_quiz_costs_no_query(
    answered, django_assert_num_queries
):
    """The lesson editor cleans every question of the lesson on each save."""
    question = Question.objects.get(pk=answered.pk)
    question.prompt = "A clearer question?"
    with django_assert_num_queries(0):
        question.clean()


def test_an_unanswered_question_may_move(quiz, other_quiz):
    question = quiz.questions.first()
    question.quiz = other_quiz
    question.full_clean()


def _question_form(client, question):
    url = reverse("admin:civics_question_change", args=[question.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, form_data(page.content.decode(), "question_form")


def test_the_question_editor_refuses_to_move_an_answered_question(
    teacher_client, answered, other_quiz
):
    before = _state(answered)
    revisions = Version.objects.count()
    url, data = _question_form(teacher_client, answered)
    data.update(
        quiz=str(other_quiz.pk), prompt="Moved and reworded?", **{"choices-0-text": "x"}
    )
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert escape(REFUSAL) in response.content.decode()
    assert _state(answered) == before
    assert Version.objects.count() == revisions


def test_the_question_editor_still_moves_an_unanswered_question(
    teacher_client, quiz, other_quiz
):
    question = quiz.questions.first()
    url, data = _question_form(teacher_client, question)
    data["quiz"] = str(other_quiz.pk)
    assert teacher_client.post(url, data).status_code == 302
    assert Question.objects.get(pk=question.pk).quiz == other_quiz


def test_an_answered_question_is_copied_to_another_quiz_with_save_as_new(
    teacher_client, answered, other_quiz
):
    before = _state(answered)
    url, data = _question_form(teacher_client, answered)
    page = teacher_client.get(url).content.decode()
    assert 'value="Save as new" name="_saveasnew"' in page
    data.update(quiz=str(other_quiz.pk), _saveasnew="Save as new")
    assert teacher_client.post(url, data).status_code == 302
    assert _state(answered) == before
    copy = other_quiz.questions.get(prompt=answered.prompt)
    assert copy.pk != answered.pk
    assert list(copy.choices.values_list("text", "is_correct")) == [
        (text, correct) for _, text, correct in before[2]
    ]


FOREIGN_ROW = "A row on this page is not one of this page&#x27;s own"


def test_the_quiz_page_cannot_take_an_answered_question_from_another_quiz(
    teacher_client, answered, other_quiz
):
    """A forged id in the quiz page's list of questions is refused: the list
    only saves the quiz's own questions."""
    before = _state(answered)
    url = reverse("admin:civics_quiz_change", args=[other_quiz.pk])
    data = form_data(teacher_client.get(url).content.decode(), "quiz_form")
    data.update({"pass_mark": "50", "questions-0-id": str(answered.pk)})
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert FOREIGN_ROW in response.content.decode()
    assert _state(answered) == before
    other_quiz.refresh_from_db()
    assert other_quiz.pass_mark != 50


CHOICE_REFUSAL = (
    "Students have picked this choice in their attempts; it cannot move to "
    "another question. Add a new choice there instead."
)


@pytest.fixture
def picked(quiz, student):
    """The first question's first choice, picked in a submitted attempt."""
    make_submitted_attempt(student=student, quiz=quiz)
    return quiz.questions.first().choices.first()


def test_a_picked_choice_cannot_be_given_another_question(quiz, picked):
    picked.question = quiz.questions.last()
    with pytest.raises(ValidationError) as refused:
        picked.full_clean()
    assert refused.value.messages == [CHOICE_REFUSAL]
    assert refused.value.error_dict["__all__"][0].code == "picked_choice_moved"


def test_a_choice_nobody_picked_may_move(quiz, picked):
    unpicked = picked.question.choices.last()
    unpicked.question = quiz.questions.last()
    unpicked.full_clean()


def test_the_question_editor_cannot_take_a_choice_from_another_question(
    teacher_client, quiz, picked
):
    other = quiz.questions.last()
    url, data = _question_form(teacher_client, other)
    data.update({"choices-1-id": str(picked.pk), "prompt": "Not saved"})
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert FOREIGN_ROW in response.content.decode()
    assert Choice.objects.get(pk=picked.pk).question_id == picked.question_id
    assert Choice.objects.filter(text=picked.text).count() == 1
    other.refresh_from_db()
    assert other.prompt != "Not saved"
    # The lesson's first version, as it was, is all its history holds.
    comments = {version.revision.get_comment() for version in Version.objects.all()}
    assert comments <= {history.ORIGINAL_COMMENT}


def test_restoring_a_version_that_would_move_an_answered_question_is_refused(
    teacher_client, teacher, quiz, other_quiz, student
):
    """Moved while unanswered, then answered in its new quiz: the first
    lesson's earlier version still holds it, and restoring that version
    would move it back."""
    question = quiz.questions.first()
    history.record(quiz.lesson, user=teacher, comment="Before the move.")
    question.quiz = other_quiz
    question.save()
    make_submitted_attempt(student=student, quiz=other_quiz)
    before = _state(question)
    version = Version.objects.get_for_object(quiz.lesson).first()
    url = reverse("admin:civics_lesson_revision", args=[quiz.lesson.pk, version.pk])
    for response in (
        teacher_client.get(url, follow=True),
        teacher_client.post(url, {"title": "Restored"}, follow=True),
    ):
        html = response.content.decode()
        assert response.redirect_chain[0][0] == reverse(
            "admin:civics_lesson_history", args=[quiz.lesson.pk]
        )
        assert "This version cannot be restored" in html
        assert f"question “{question}”" in html
    assert _state(question) == before


def test_recovering_a_deleted_lesson_that_would_move_an_answered_question_is_refused(
    teacher_client, teacher, quiz, other_quiz, student
):
    lesson = quiz.lesson
    question = quiz.questions.first()
    history.record(lesson, user=teacher, comment="Before the move.")
    question.quiz = other_quiz
    question.save()
    delete_url = reverse("admin:civics_lesson_delete", args=[lesson.pk])
    assert teacher_client.post(delete_url, {"post": "yes"}).status_code == 302
    make_submitted_attempt(student=student, quiz=other_quiz)
    before = _state(question)
    version = Version.objects.get_deleted(type(lesson)).get(object_id=str(lesson.pk))
    url = reverse("admin:civics_lesson_recover", args=[version.pk])
    for response in (
        teacher_client.get(url, follow=True),
        teacher_client.post(url, {"title": "Recovered"}, follow=True),
    ):
        assert response.redirect_chain[0][0] == reverse(
            "admin:civics_lesson_recoverlist"
        )
        assert "This version cannot be restored" in response.content.decode()
    assert _state(question) == before
    assert not type(lesson).objects.filter(pk=lesson.pk).exists()


def test_restoring_a_version_that_would_move_a_picked_choice_is_refused(
    teacher_client, teacher, quiz, student
):
    first, second = list(quiz.questions.all())[:2]
    choice = first.choices.last()
    history.record(quiz.lesson, user=teacher, comment="Before the move.")
    choice.question = second
    choice.is_correct = False
    choice.save()
    make_submitted_attempt(
        student=student,
        quiz=quiz,
        responses=correct_responses(quiz) | {second.pk: [choice.pk]},
    )
    version = Version.objects.get_for_object(quiz.lesson).first()
    url = reverse("admin:civics_lesson_revision", args=[quiz.lesson.pk, version.pk])
    response = teacher_client.get(url, follow=True)
    assert "This version cannot be restored" in response.content.decode()
    assert f"choice “{choice}”" in response.content.decode()
    assert Choice.objects.get(pk=choice.pk).question == second
