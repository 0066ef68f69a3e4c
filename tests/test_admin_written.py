"""Written questions are authored in the admin like any other kind: a rubric
and a model answer instead of choices, an objective from the lesson's own,
and kind changes that take the rubric with them, refused as form errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civics.kinds import QuestionKind, WrittenCounts
from civics.models import Question
from tests.factories import make_lesson, make_question, make_quiz
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

ADD_QUESTION = reverse("admin:civics_question_add")
WRITTEN_EDITOR_QUERIES = 5
OBJECTIVES = "Explain the treaty check.\nCompare two cases."


@pytest.fixture
def quiz():
    return make_quiz(lesson=make_lesson(objectives=OBJECTIVES), questions=1)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _change_url(question):
    return reverse("admin:civics_question_change", args=[question.pk])


def _new_written(client, quiz, **fields):
    url = f"{ADD_QUESTION}?quiz={quiz.pk}&kind=written"
    data = form_data(_page(client, url), "question_form")
    data.update(prompt="Explain the check.", explanation="Because.", **fields)
    return client.post(url, data)


def test_a_new_written_question_is_saved_with_its_rubric_and_model_answer(
    teacher_client, quiz
):
    response = _new_written(
        teacher_client,
        quiz,
        points="2",
        rubric="Names the Senate.\r\nGives the two-thirds rule.\r\n",
        model_answer="The Senate consents by two-thirds.",
        objective="Compare two cases.",
    )
    assert response.status_code == 302, response.context["errors"]
    question = Question.objects.get(prompt="Explain the check.")
    assert question.kind == QuestionKind.WRITTEN
    assert question.rubric_lines == ["Names the Senate.", "Gives the two-thirds rule."]
    assert question.model_answer == "The Senate consents by two-thirds."
    assert question.objective == "Compare two cases."
    assert not question.choices.exists()


def test_a_new_written_questions_page_shows_rubric_and_model_answer_not_choices(
    teacher_client, quiz
):
    html = _page(teacher_client, f"{ADD_QUESTION}?quiz={quiz.pk}&kind=written")
    assert 'name="rubric"' in html
    assert 'name="model_answer"' in html
    assert "one criterion per line" in html
    assert "choices-TOTAL_FORMS" not in html


def test_a_written_question_without_a_rubric_is_a_form_error(teacher_client, quiz):
    response = _new_written(teacher_client, quiz, rubric=" \r\n ")
    assert response.status_code == 200
    assert "Give a written question its rubric" in response.content.decode()
    assert not Question.objects.filter(prompt="Explain the check.").exists()


def test_a_choice_question_has_no_rubric_box(teacher_client, quiz):
    html = _page(teacher_client, f"{ADD_QUESTION}?quiz={quiz.pk}&kind=single")
    assert 'name="rubric"' not in html
    assert 'name="model_answer"' not in html


def test_a_written_question_made_numeric_loses_its_rubric_and_model_answer(
    teacher_client, quiz
):
    question = make_question(quiz=quiz, kind=QuestionKind.WRITTEN)
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data.update(kind=QuestionKind.NUMERIC, numeric_answer="67", tolerance="0")
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert (question.kind, question.rubric, question.model_answer) == (
        QuestionKind.NUMERIC,
        "",
        "",
    )


def test_a_written_question_made_single_choice_asks_for_choices_then_saves(
    teacher_client, quiz
):
    question = make_question(quiz=quiz, kind=QuestionKind.WRITTEN)
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data["kind"] = QuestionKind.SINGLE
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 200
    assert "Give this question at least two choices." in response.content.decode()
    question.refresh_from_db()
    assert question.kind == QuestionKind.WRITTEN
    data = form_data(response.content.decode(), "question_form")
    data.update(
        {
            "choices-0-text": "Right",
            "choices-0-is_correct": "on",
            "choices-1-text": "Wrong",
        }
    )
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert (question.kind, question.rubric, question.model_answer) == (
        QuestionKind.SINGLE,
        "",
        "",
    )
    assert question.choices.count() == 2


def test_a_choice_question_made_written_asks_for_a_rubric(teacher_client, quiz):
    question = make_question(quiz=quiz, kind=QuestionKind.NUMERIC)
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data["kind"] = QuestionKind.WRITTEN
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give a written question its rubric" in html
    assert question.__class__.objects.get(pk=question.pk).kind == QuestionKind.NUMERIC
    data = form_data(html, "question_form")
    data.update(rubric="Names the Senate.", model_answer="The Senate.")
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert (question.kind, question.numeric_answer) == (QuestionKind.WRITTEN, None)


def test_a_written_question_keeping_its_choices_is_refused(teacher_client, quiz):
    question = make_question(quiz=quiz, choices=3)
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data.update(kind=QuestionKind.WRITTEN, rubric="Names the Senate.")
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 200
    assert "A written question has no choices" in response.content.decode()
    question.refresh_from_db()
    assert (question.kind, question.rubric) == (QuestionKind.SINGLE, "")


def test_a_written_question_loses_its_choices_when_they_are_deleted(
    teacher_client, quiz
):
    question = make_question(quiz=quiz, choices=3)
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data.update(kind=QuestionKind.WRITTEN, rubric="Names the Senate.")
    data.update({f"choices-{n}-DELETE": "on" for n in range(3)})
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert question.kind == QuestionKind.WRITTEN
    assert not question.choices.exists()


def test_the_objective_is_picked_from_the_lessons_objectives(teacher_client, quiz):
    question = quiz.questions.get()
    html = _page(teacher_client, _change_url(question))
    assert '<option value="Explain the treaty check.">' in html
    data = form_data(html, "question_form")
    data["objective"] = "Something the lesson does not teach."
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_an_objective_no_longer_the_lessons_is_kept_and_marked(teacher_client, quiz):
    question = make_question(quiz=quiz, objective="An old objective.")
    html = _page(teacher_client, _change_url(question))
    assert "An old objective. (no longer one of the lesson&#x27;s)" in html
    data = form_data(html, "question_form")
    assert teacher_client.post(_change_url(question), data).status_code == 302
    question.refresh_from_db()
    assert question.objective == "An old objective."


def test_a_wrong_choices_misconception_is_edited_with_the_choice(teacher_client, quiz):
    question = quiz.questions.get()
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data["choices-1-misconception"] = "Thinks the House votes on treaties"
    assert teacher_client.post(_change_url(question), data).status_code == 302
    assert question.choices.get(position=2).misconception == (
        "Thinks the House votes on treaties"
    )


def test_the_quiz_page_sets_how_written_answers_count(teacher_client, quiz):
    url = reverse("admin:civics_quiz_change", args=[quiz.pk])
    html = _page(teacher_client, url)
    assert f'href="{ADD_QUESTION}?quiz={quiz.pk}&amp;kind=written">Written answer' in (
        html
    )
    data = form_data(html, "quiz_form")
    assert data["written_counts"] == WrittenCounts.SELF
    data["written_counts"] = WrittenCounts.PRACTICE
    assert teacher_client.post(url, data).status_code == 302
    quiz.refresh_from_db()
    assert quiz.written_counts == WrittenCounts.PRACTICE


def test_a_written_question_made_true_or_false_gets_true_and_false(
    teacher_client, quiz
):
    question = make_question(quiz=quiz, kind=QuestionKind.WRITTEN)
    data = form_data(_page(teacher_client, _change_url(question)), "question_form")
    data.update(kind=QuestionKind.TRUE_FALSE, true_false_answer="true")
    response = teacher_client.post(_change_url(question), data)
    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert question.rubric == ""
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("True", True),
        ("False", False),
    ]


def test_the_written_question_editor_costs_the_same_for_1_and_30_quizzes(
    teacher_client, quiz
):
    """As the other kinds' (test_query_budgets): the teacher's 3, the
    question with its quiz and lesson, whose objectives the form lists, and
    the quiz menu; a written question has no choices to read."""
    question = make_question(quiz=quiz, kind=QuestionKind.WRITTEN)
    for _ in range(29):
        make_quiz(questions=0)
    many = make_question(
        quiz=quiz, kind=QuestionKind.WRITTEN, rubric="\n".join("abcdefghij")
    )
    for written in (question, many):
        teacher_client.get(_change_url(written))
        with CaptureQueriesContext(connection) as queries:
            assert teacher_client.get(_change_url(written)).status_code == 200
        assert len(queries) == WRITTEN_EDITOR_QUERIES, written
