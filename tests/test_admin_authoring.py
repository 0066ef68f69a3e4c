"""Authoring in the admin (issue 20): the lesson page holds its text, the quiz
has a page of its own listing its questions, and the question editor fills in
what each kind implies, without JavaScript."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from civics.kinds import QuestionKind
from civics.models import Lesson, Question
from tests.factories import (
    make_lesson,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

ADD_QUESTION = reverse("admin:civics_question_add")


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _quiz_url(quiz):
    return reverse("admin:civics_quiz_change", args=[quiz.pk])


def _new_question(client, quiz, kind, **fields):
    """Post the add-question page, reached from the quiz's kind chooser, with
    only what a teacher types."""
    url = f"{ADD_QUESTION}?quiz={quiz.pk}&kind={kind}"
    data = form_data(_page(client, url), "question_form")
    data.update(prompt="A new question?", explanation="Because.", **fields)
    return client.post(url, data), data


# A lesson page you can work in


def test_the_largest_shipped_lessons_page_has_no_question_or_choice_fields(
    teacher_client,
):
    call_command("load_curriculum", stdout=StringIO())
    lesson = Lesson.objects.get(slug="treaty-clause")
    url = reverse("admin:civics_lesson_change", args=[lesson.pk])
    fields = form_data(_page(teacher_client, url), "lesson_form")
    assert len(fields) < 150
    assert not [name for name in fields if "question" in name or "choice" in name]


def test_the_lesson_page_links_to_its_quiz_with_its_number_of_questions(
    teacher_client,
):
    quiz = make_quiz(questions=3)
    url = reverse("admin:civics_lesson_change", args=[quiz.lesson.pk])
    html = _page(teacher_client, url)
    assert f'href="{_quiz_url(quiz)}"' in html
    assert "Edit the quiz (3 questions)" in html


def test_a_lesson_without_a_quiz_links_to_adding_one(teacher_client):
    lesson = make_lesson()
    url = reverse("admin:civics_lesson_change", args=[lesson.pk])
    html = _page(teacher_client, url)
    assert f'href="{reverse("admin:civics_quiz_add")}?lesson={lesson.pk}"' in html


def test_the_quiz_page_is_headed_by_its_lesson_once(teacher_client, quiz):
    html = _page(teacher_client, _quiz_url(quiz))
    assert f"<h1>Quiz of {quiz.lesson.title}</h1>" in html
    assert "Quiz: Quiz:" not in html


def test_the_quiz_page_lists_kind_points_and_students_who_answered(
    teacher_client, quiz, student, other_student
):
    make_submitted_attempt(student=student, quiz=quiz)
    make_submitted_attempt(student=other_student, quiz=quiz)
    make_question(quiz=quiz, kind=QuestionKind.NUMERIC, position=9, points=3)
    html = _page(teacher_client, _quiz_url(quiz))
    numeric = quiz.questions.get(kind=QuestionKind.NUMERIC)
    row = html[html.index(numeric.prompt) :]
    row = row[: row.index("</tr>")]
    assert "Numeric answer" in html
    assert 'value="3"' in row
    answered = re.findall(r'<td class="field-answered">\s*<p>(\d+)</p>', html)
    assert answered == ["2"] * (quiz.questions.count() - 1) + ["0"]
    edit = reverse("admin:civics_question_change", args=[numeric.pk])
    assert f'href="{edit}"' in row


def test_the_quiz_page_marks_a_question_retired_from_the_shipped_course(
    teacher_client, quiz
):
    retired, kept, *_ = quiz.questions.all()
    Question.objects.filter(pk=retired.pk).update(retired_at=timezone.now())
    html = _page(teacher_client, _quiz_url(quiz))
    row = html[html.index(retired.prompt) :]
    assert "Retired" in row[: row.index("</tr>")]
    row = html[html.index(kept.prompt) :]
    assert "Retired" not in row[: row.index("</tr>")]


def test_questions_are_reordered_on_the_quiz_page(teacher_client):
    quiz = make_quiz(questions=3)
    first, second, third = quiz.questions.all()
    data = form_data(_page(teacher_client, _quiz_url(quiz)), "quiz_form")
    data["questions-0-position"], data["questions-2-position"] = "3", "1"
    response = teacher_client.post(_quiz_url(quiz), data)
    assert response.status_code == 302, response.context["errors"]
    assert list(quiz.questions.all()) == [third, second, first]


def test_the_quiz_page_offers_a_new_question_of_each_kind(teacher_client, quiz):
    html = _page(teacher_client, _quiz_url(quiz))
    for kind in QuestionKind:
        assert f'href="{ADD_QUESTION}?quiz={quiz.pk}&amp;kind={kind}"' in html


def test_a_quiz_added_from_a_lesson_belongs_to_it(teacher_client):
    lesson = make_lesson()
    url = f"{reverse('admin:civics_quiz_add')}?lesson={lesson.pk}"
    data = form_data(_page(teacher_client, url), "quiz_form")
    response = teacher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert lesson.quiz.pass_mark == 80


def test_a_pass_mark_changed_on_the_quiz_page_is_in_the_lessons_history(
    teacher_client, quiz
):
    data = form_data(_page(teacher_client, _quiz_url(quiz)), "quiz_form")
    data["pass_mark"] = "65"
    assert teacher_client.post(_quiz_url(quiz), data).status_code == 302
    _, edited = Version.objects.get_for_object(quiz.lesson).order_by("pk")
    assert "quiz" in edited.revision.get_comment()
    quiz_version = Version.objects.get_for_object(quiz).first()
    assert quiz_version.revision == edited.revision
    assert quiz_version.field_dict["pass_mark"] == 65


# A question editor that knows the kinds


def test_a_new_true_false_question_makes_its_own_two_choices(teacher_client, quiz):
    response, data = _new_question(
        teacher_client, quiz, QuestionKind.TRUE_FALSE, true_false_answer="false"
    )
    assert response.status_code == 302, response.context["errors"]
    assert not [name for name in data if name.startswith("choices-")]
    question = Question.objects.get(prompt="A new question?")
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("True", False),
        ("False", True),
    ]


def test_a_true_false_question_needs_its_answer(teacher_client, quiz):
    response, _ = _new_question(teacher_client, quiz, QuestionKind.TRUE_FALSE)
    assert response.status_code == 200
    assert "Say whether the statement is true or false." in response.content.decode()


def test_a_true_false_answer_is_changed_without_touching_the_choices(
    teacher_client,
):
    question = make_quiz(questions=0, kinds=[QuestionKind.TRUE_FALSE]).questions.get()
    url = reverse("admin:civics_question_change", args=[question.pk])
    data = form_data(_page(teacher_client, url), "question_form")
    assert data["true_false_answer"] == "true"
    data["true_false_answer"] = "false"
    assert teacher_client.post(url, data).status_code == 302
    assert [c.is_correct for c in question.choices.all()] == [False, True]


def test_a_new_numeric_question_shows_its_answer_and_no_choice_rows(
    teacher_client, quiz
):
    html = _page(teacher_client, f"{ADD_QUESTION}?quiz={quiz.pk}&kind=numeric")
    assert 'name="numeric_answer"' in html
    assert "choices-TOTAL_FORMS" not in html
    response, _ = _new_question(
        teacher_client, quiz, QuestionKind.NUMERIC, numeric_answer="67"
    )
    assert response.status_code == 302, response.context["errors"]
    question = Question.objects.get(prompt="A new question?")
    assert question.numeric_answer == 67
    assert not question.choices.exists()


def test_a_choice_question_shows_no_numeric_answer(teacher_client, quiz):
    html = _page(teacher_client, f"{ADD_QUESTION}?quiz={quiz.pk}&kind=single")
    assert 'name="numeric_answer"' not in html


def test_a_new_single_or_multiple_question_starts_with_four_choice_rows(
    teacher_client, quiz
):
    for kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        url = f"{ADD_QUESTION}?quiz={quiz.pk}&kind={kind}"
        data = form_data(_page(teacher_client, url), "question_form")
        assert data["choices-TOTAL_FORMS"] == "4"


def test_an_ordering_question_has_no_correct_boxes_and_keeps_the_order_typed(
    teacher_client, quiz
):
    items = {f"choices-{n}-text": text for n, text in enumerate("CAB")}
    response, data = _new_question(teacher_client, quiz, QuestionKind.ORDERING, **items)
    assert not [name for name in data if name.endswith("is_correct")]
    assert response.status_code == 302, response.context["errors"]
    question = Question.objects.get(prompt="A new question?")
    assert [(c.text, c.position) for c in question.choices.all()] == [
        ("C", 0),
        ("A", 1),
        ("B", 2),
    ]


def test_choices_need_no_positions_typed(teacher_client, quiz):
    response, _ = _new_question(
        teacher_client,
        quiz,
        QuestionKind.SINGLE,
        **{
            "choices-0-text": "Right",
            "choices-0-is_correct": "on",
            "choices-1-text": "Wrong",
            "choices-3-text": "Also wrong",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    question = Question.objects.get(prompt="A new question?")
    assert [c.text for c in question.choices.all()] == ["Right", "Wrong", "Also wrong"]
    assert question.position == quiz.questions.count()


def test_a_new_question_is_in_its_lessons_history(teacher_client, quiz):
    response, _ = _new_question(
        teacher_client, quiz, QuestionKind.TRUE_FALSE, true_false_answer="true"
    )
    assert response.status_code == 302
    newest = Version.objects.get_for_object(quiz.lesson).first()
    question = Question.objects.get(prompt="A new question?")
    saved = {int(v.object_id) for v in newest.revision.version_set.all()}
    assert question.pk in saved
    assert set(question.choices.values_list("pk", flat=True)) <= saved


def test_a_question_page_links_back_to_its_quiz(teacher_client, quiz):
    question = quiz.questions.first()
    url = reverse("admin:civics_question_change", args=[question.pk])
    assert f'href="{_quiz_url(quiz)}"' in _page(teacher_client, url)


def test_students_answers_still_count_on_the_quiz_page_after_a_new_attempt(
    teacher_client, quiz
):
    student = make_student()
    make_submitted_attempt(student=student, quiz=quiz)
    make_submitted_attempt(student=student, quiz=quiz)
    html = _page(teacher_client, _quiz_url(quiz))
    answered = re.findall(r'<td class="field-answered">\s*<p>(\d+)</p>', html)
    assert answered == ["1"] * quiz.questions.count()


# Fits the screen


def test_title_and_summary_boxes_are_wide_enough_for_their_text(teacher_client):
    html = _page(teacher_client, reverse("admin:civics_lesson_add"))
    title = re.search(r'<input type="text" name="title"[^>]*>', html).group()
    assert "wide-field" in title
    summary = re.search(r'<[a-z]+ [^>]*name="summary"[^>]*>', html).group()
    assert "wide-field" in summary


def test_a_two_choice_question_made_true_false_gets_true_and_false(teacher_client):
    question = make_question(quiz=make_quiz(questions=0), choices=2)
    url = reverse("admin:civics_question_change", args=[question.pk])
    data = form_data(_page(teacher_client, url), "question_form")
    data.update(kind=QuestionKind.TRUE_FALSE, true_false_answer="false")
    response = teacher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("True", False),
        ("False", True),
    ]


def test_the_question_editor_brings_its_own_scripts(teacher_client, quiz):
    html = _page(teacher_client, f"{ADD_QUESTION}?quiz={quiz.pk}&kind=ordering")
    assert '<script src="/static/js/question_kind.js"></script>' in html
    assert '<script src="/static/js/admin_reorder.js"></script>' in html
    assert 'class="module reorderable' in html


def test_a_true_false_questions_feedback_is_edited_without_moving_its_choices(
    teacher_client,
):
    question = make_quiz(questions=0, kinds=[QuestionKind.TRUE_FALSE]).questions.get()
    url = reverse("admin:civics_question_change", args=[question.pk])
    data = form_data(_page(teacher_client, url), "question_form")
    data["choices-1-feedback"] = "It needs two-thirds."
    assert teacher_client.post(url, data).status_code == 302
    assert list(question.choices.values_list("text", "position")) == [
        ("True", 1),
        ("False", 2),
    ]
    assert question.choices.get(text="False").feedback == "It needs two-thirds."
