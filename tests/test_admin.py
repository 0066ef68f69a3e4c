"""Course authoring in the admin: the Teachers group, the one-page lesson editor
and the rule that every single-choice question has one correct choice."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from civics.kinds import QuestionKind
from civics.models import Choice, Lesson, Question
from tests.factories import (
    make_lesson,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_unit,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

CONTENT_MODELS = (
    "unit",
    "lesson",
    "source",
    "keyterm",
    "quiz",
    "question",
    "choice",
)


def test_teachers_group_may_edit_content_and_run_classes_and_nothing_else():
    granted = set(
        Group.objects.get(name="Teachers").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    content = {
        ("civics", f"{action}_{model}")
        for model in CONTENT_MODELS
        for action in ("add", "change", "delete", "view")
    }
    classes = {
        ("teaching", codename)
        for codename in (
            "add_classroom",
            "change_classroom",
            "view_classroom",
            "add_assignment",
            "change_assignment",
            "delete_assignment",
            "view_assignment",
            "delete_enrolment",
            "view_enrolment",
        )
    }
    # The record of regrades, which teachers run (civics 0009).
    records = {("civics", "view_regrade")}
    assert granted == content | classes | records


@pytest.mark.parametrize(
    "url_name",
    ["admin:accounts_user_changelist", "admin:auth_group_changelist"],
)
def test_a_teacher_cannot_manage_users_or_groups(teacher_client, url_name):
    assert teacher_client.get(reverse(url_name)).status_code == 403


def test_a_teacher_cannot_see_students_attempts_in_the_admin(
    teacher_client, student, quiz
):
    make_submitted_attempt(student=student, quiz=quiz)
    url = reverse("admin:civics_attempt_changelist")
    assert teacher_client.get(url).status_code == 403


def _page_form(client, url_name, obj, form_id):
    url = reverse(url_name, args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, form_data(page.content.decode(), form_id)


def test_a_teacher_edits_lesson_quiz_questions_and_choices_on_their_pages(
    teacher_client, client, quiz
):
    lesson = quiz.lesson
    first = quiz.questions.first()
    edits = [
        ("admin:civics_lesson_change", lesson, "lesson_form", {"title": "Revised"}),
        ("admin:civics_quiz_change", quiz, "quiz_form", {"pass_mark": "70"}),
        (
            "admin:civics_question_change",
            first,
            "question_form",
            {"prompt": "A sharper question?", "choices-1-text": "A clearer one"},
        ),
    ]
    for url_name, obj, form_id, changes in edits:
        url, data = _page_form(teacher_client, url_name, obj, form_id)
        response = teacher_client.post(url, data | changes)
        assert response.status_code == 302, response.context["errors"]

    lesson.refresh_from_db()
    quiz.refresh_from_db()
    first.refresh_from_db()
    assert lesson.title == "Revised"
    assert quiz.pass_mark == 70
    assert first.prompt == "A sharper question?"
    assert first.choices.all()[1].text == "A clearer one"
    student = make_student()
    client.force_login(student)
    assert "Revised" in client.get(lesson.get_absolute_url()).content.decode()


def test_the_question_editor_refuses_a_question_without_a_correct_choice(
    teacher_client, quiz
):
    question = quiz.questions.first()
    url, data = _question_form(teacher_client, question)
    data.pop("choices-0-is_correct")
    data["prompt"] = "Should not be saved"
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert "Mark exactly one choice as correct (0 marked now)." in (
        response.content.decode()
    )
    question.refresh_from_db()
    assert question.prompt != "Should not be saved"
    assert question.choices.filter(is_correct=True).count() == 1


def test_the_question_editor_refuses_two_correct_choices(teacher_client, quiz):
    question = quiz.questions.first()
    url = reverse("admin:civics_question_change", args=[question.pk])
    data = form_data(teacher_client.get(url).content.decode(), "question_form")
    data["choices-1-is_correct"] = "on"
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert "Mark exactly one choice as correct (2 marked now)." in (
        response.content.decode()
    )
    assert question.choices.filter(is_correct=True).count() == 1


def test_a_new_question_needs_at_least_two_choices(teacher_client, quiz):
    url = reverse("admin:civics_question_add")
    data = form_data(teacher_client.get(url).content.decode(), "question_form")
    data.update(
        {
            "quiz": str(quiz.pk),
            "prompt": "Lonely?",
            "explanation": "Yes.",
            "choices-TOTAL_FORMS": "1",
            "choices-0-position": "1",
            "choices-0-text": "Only choice",
            "choices-0-is_correct": "on",
        }
    )
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert "at least two choices" in response.content.decode()
    assert not Question.objects.filter(prompt="Lonely?").exists()
    assert not Choice.objects.filter(text="Only choice").exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:civics_unit_changelist",
        "admin:civics_lesson_changelist",
        "admin:civics_question_changelist",
        "admin:civics_attempt_changelist",
        "admin:civics_lesson_add",
        "admin:civics_question_add",
    ],
)
def test_admin_pages_load_for_an_administrator(admin_client, student, url_name):
    make_submitted_attempt(student=student, quiz=make_quiz())
    assert admin_client.get(reverse(url_name)).status_code == 200


def test_attempts_are_read_only_even_for_administrators(admin_client, student, quiz):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    url = reverse("admin:civics_attempt_change", args=[attempt.pk])
    response = admin_client.post(url, {"score": "0"})
    attempt.refresh_from_db()
    assert response.status_code == 403
    assert attempt.score == 5


def _question_form(client, question):
    url = reverse("admin:civics_question_change", args=[question.pk])
    return url, form_data(client.get(url).content.decode(), "question_form")


def test_a_numeric_question_needs_its_answer(teacher_client):
    question = make_quiz(questions=0, kinds=[QuestionKind.NUMERIC]).questions.get()
    url, data = _question_form(teacher_client, question)
    data["numeric_answer"] = ""
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert "A numeric question needs its answer" in response.content.decode()
    question.refresh_from_db()
    assert question.numeric_answer == 66


def test_a_question_made_numeric_must_lose_its_choices(teacher_client, quiz):
    question = quiz.questions.first()
    url, data = _question_form(teacher_client, question)
    data.update(kind=QuestionKind.NUMERIC, numeric_answer="66", tolerance="0")
    response = teacher_client.post(url, data)
    assert "A numeric question has no choices" in response.content.decode()
    assert Question.objects.get(pk=question.pk).kind == QuestionKind.SINGLE
    data.update({f"choices-{n}-DELETE": "on" for n in range(3)})
    response = teacher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    question.refresh_from_db()
    assert question.numeric_answer == 66
    assert not question.choices.exists()


def test_a_true_false_question_keeps_exactly_two_choices(teacher_client):
    question = make_quiz(questions=0, kinds=[QuestionKind.TRUE_FALSE]).questions.get()
    url, data = _question_form(teacher_client, question)
    assert "choices-0-DELETE" not in data
    data.update(
        {
            "choices-TOTAL_FORMS": "3",
            "choices-2-position": "3",
            "choices-2-text": "Maybe",
            "choices-2-question": str(question.pk),
        }
    )
    assert teacher_client.post(url, data).status_code == 302
    assert list(question.choices.values_list("text", flat=True)) == ["True", "False"]


def test_a_multiple_select_question_needs_a_correct_choice(teacher_client):
    question = make_quiz(questions=0, kinds=[QuestionKind.MULTIPLE]).questions.get()
    url, data = _question_form(teacher_client, question)
    for key in [k for k in data if k.endswith("-is_correct")]:
        del data[key]
    response = teacher_client.post(url, data)
    assert "Mark at least one choice as correct." in response.content.decode()
    assert question.choices.filter(is_correct=True).count() == 2


def test_an_ordering_question_saves_its_items_in_the_order_given(teacher_client):
    question = make_quiz(questions=0, kinds=[QuestionKind.ORDERING]).questions.get()
    url, data = _question_form(teacher_client, question)
    data["choices-0-position"], data["choices-2-position"] = "3", "1"
    response = teacher_client.post(url, data)
    assert response.status_code == 302
    first, _, last = question.choices.all()
    assert (first.text, last.text) == (
        data["choices-2-text"],
        data["choices-0-text"],
    )


def test_changing_a_questions_kind_checks_the_choices_against_the_new_kind(
    teacher_client, quiz
):
    first = quiz.questions.first()
    url, data = _question_form(teacher_client, first)
    data["kind"] = QuestionKind.MULTIPLE
    data["choices-1-is_correct"] = "on"
    response = teacher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    first.refresh_from_db()
    assert first.kind == QuestionKind.MULTIPLE
    assert first.choices.filter(is_correct=True).count() == 2


def _new_lesson(client, **fields):
    url = reverse("admin:civics_lesson_add")
    data = form_data(client.get(url).content.decode(), "lesson_form")
    data.update(
        unit=str(make_unit().pk),
        summary="One line.",
        body="Some text.",
        position="1",
        **fields,
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    return Lesson.objects.get(title=fields["title"])


def test_a_new_lesson_left_without_an_address_gets_one_from_its_title(
    teacher_client,
):
    lesson = _new_lesson(teacher_client, title="The Senate's Role!", slug="")
    assert lesson.slug == "the-senates-role"


def test_a_made_address_never_takes_another_lessons(teacher_client):
    make_lesson(slug="treaty-clause")
    lesson = _new_lesson(teacher_client, title="Treaty Clause", slug="")
    assert lesson.slug == "treaty-clause-2"


def test_an_existing_lesson_left_without_an_address_keeps_its_own(teacher_client):
    lesson = make_quiz(lesson=make_lesson(slug="treaty-clause")).lesson
    url = reverse("admin:civics_lesson_change", args=[lesson.pk])
    data = form_data(teacher_client.get(url).content.decode(), "lesson_form")
    data["slug"] = ""
    response = teacher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    lesson.refresh_from_db()
    assert lesson.slug == "treaty-clause"


def test_an_address_the_teacher_types_is_kept(teacher_client):
    lesson = _new_lesson(teacher_client, title="Treaty Clause", slug="two-thirds")
    assert lesson.slug == "two-thirds"


def test_the_lesson_editor_leaves_out_the_slug_from_title_scripts(teacher_client):
    lesson = make_quiz().lesson
    url = reverse("admin:civics_lesson_change", args=[lesson.pk])
    html = teacher_client.get(url).content.decode()
    assert "nested_admin" in html
    assert "xregexp" not in html
    assert "urlify" not in html
