"""A lesson's quiz on paper and its answer key, for teachers to print."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from civics.kinds import QuestionKind
from civics.models import Choice
from tests.factories import (
    OTHER_KINDS,
    make_assignment,
    make_classroom,
    make_lesson,
    make_question,
    make_quiz,
    make_student,
)

pytestmark = pytest.mark.django_db


def _paper(html):
    """The printed part of the page: the site's menus are outside it."""
    start = html.index('<div class="paper-quiz">')
    return html[start : html.index("</main>")]


@pytest.fixture
def paper_quiz():
    """A quiz with a question of every kind, a tolerance and feedback."""
    quiz = make_quiz(
        lesson=make_lesson(title="Treaty Clause"), questions=1, kinds=OTHER_KINDS
    )
    quiz.questions.filter(kind=QuestionKind.NUMERIC).update(tolerance=Decimal("0.5"))
    return quiz


def _get(client, name, quiz):
    return client.get(reverse(name, args=[quiz.lesson.slug]))


def test_the_paper_quiz_numbers_questions_and_prints_choices_without_controls(
    teacher_client, paper_quiz
):
    response = _get(teacher_client, "civics:quiz_print", paper_quiz)
    assert response.status_code == 200
    html = response.content.decode()
    assert "print_quiz.css" in html
    paper = _paper(html)
    for number, question in enumerate(paper_quiz.questions.all(), start=1):
        assert f"{number}.</span> {question.prompt}" in paper
        for choice in question.choices.all():
            assert choice.text in paper
    assert not re.search(r"<(input|select|textarea|button|form)\b", paper)
    # Nothing of the key.
    for question in paper_quiz.questions.all():
        assert question.explanation not in paper
        for choice in question.choices.all():
            assert choice.feedback not in paper
    assert "either side counts" not in paper
    assert "(correct)" not in paper


def test_ordering_items_print_out_of_order_with_a_blank_to_number(teacher_client):
    quiz = make_quiz(questions=0, kinds=[QuestionKind.ORDERING], choices=5)
    paper = _paper(_get(teacher_client, "civics:quiz_print", quiz).content.decode())
    question = quiz.questions.get()
    correct = [choice.text for choice in question.choices.all()]
    printed = sorted(correct, key=paper.index)
    assert printed != correct
    assert "Number the items from 1 (first) to 5 in the right order." in paper
    assert paper.count('<span class="paper-line paper-line-short"></span>') == 5


def test_a_numeric_question_prints_a_blank_line(teacher_client):
    quiz = make_quiz(questions=0, kinds=[QuestionKind.NUMERIC])
    paper = _paper(_get(teacher_client, "civics:quiz_print", quiz).content.decode())
    assert "Write a number." in paper
    assert 'Answer <span class="paper-line paper-line-long"></span>' in paper


def test_the_answer_key_gives_answers_feedback_and_explanations(
    teacher_client, paper_quiz
):
    paper = _paper(
        _get(teacher_client, "civics:answer_key", paper_quiz).content.decode()
    )
    assert "<h1>Answer key: Treaty Clause</h1>" in paper
    for question in paper_quiz.questions.all():
        assert question.explanation in paper
        if question.kind not in {QuestionKind.ORDERING, QuestionKind.NUMERIC}:
            for choice in question.choices.all():
                assert choice.feedback in paper
    assert "<strong>Answer:</strong> 66 (within 0.5 either side counts)" in paper
    ordering = paper_quiz.questions.get(kind=QuestionKind.ORDERING)
    items = [choice.text for choice in ordering.choices.all()]
    assert sorted(items, key=paper.index) == items
    single = paper_quiz.questions.get(kind=QuestionKind.SINGLE)
    right = single.choices.get(is_correct=True)
    assert re.search(
        rf"<strong>Answer:</strong> [A-C]\. {re.escape(right.text)}", paper
    )
    multiple = paper_quiz.questions.get(kind=QuestionKind.MULTIPLE)
    assert "<strong>Answers:</strong>" in paper
    for choice in multiple.choices.filter(is_correct=True):
        assert re.search(rf"[A-C]\. {re.escape(choice.text)}(; |</p>)", paper)


def test_the_key_letters_match_the_paper_quiz(teacher_client):
    quiz = make_quiz(questions=1, choices=4)
    question = quiz.questions.get()
    right = question.choices.get(is_correct=True)
    sheet = _paper(_get(teacher_client, "civics:quiz_print", quiz).content.decode())
    letter = re.search(rf"([A-D])\. {re.escape(right.text)}", sheet).group(1)
    key = _paper(_get(teacher_client, "civics:answer_key", quiz).content.decode())
    assert f"<strong>Answer:</strong> {letter}. {right.text}" in key


# Who may print them -----------------------------------------------------------

PAPER_PAGES = ["civics:quiz_print", "civics:answer_key"]


@pytest.mark.parametrize("name", PAPER_PAGES)
def test_visitors_are_sent_to_log_in(visitor, quiz, name):
    response = _get(visitor, name, quiz)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PAPER_PAGES)
def test_students_never_reach_the_paper_quiz_or_its_key(
    student_client, student, quiz, name
):
    make_classroom(students=[student])
    assert _get(student_client, name, quiz).status_code == 403


@pytest.mark.parametrize("name", PAPER_PAGES)
def test_a_content_editor_who_teaches_no_class_may_print(client, quiz, name):
    editor = make_student(username="editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_lesson"))
    client.force_login(editor)
    assert _get(client, name, quiz).status_code == 200


@pytest.mark.parametrize("name", PAPER_PAGES)
def test_a_lesson_without_a_quiz_is_a_404(teacher_client, name):
    lesson = make_lesson()
    assert teacher_client.get(reverse(name, args=[lesson.slug])).status_code == 404


def test_the_lesson_page_offers_the_paper_quiz_to_teachers_only(
    teacher_client, visitor, quiz, student
):
    url = reverse("civics:lesson_detail", args=[quiz.lesson.slug])
    key = reverse("civics:answer_key", args=[quiz.lesson.slug])
    sheet = reverse("civics:quiz_print", args=[quiz.lesson.slug])
    html = teacher_client.get(url).content.decode()
    assert key in html
    assert sheet in html
    assert key not in visitor.get(url).content.decode()
    visitor.force_login(student)
    assert key not in visitor.get(url).content.decode()


def test_the_class_page_links_each_assigned_lessons_quiz_and_key(
    teacher_client, teacher
):
    classroom = make_classroom(teacher=teacher)
    quiz = make_quiz()
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert reverse("civics:quiz_print", args=[quiz.lesson.slug]) in html
    assert reverse("civics:answer_key", args=[quiz.lesson.slug]) in html


@pytest.mark.parametrize("name", PAPER_PAGES)
def test_the_paper_costs_the_same_queries_for_two_questions_and_twelve(
    teacher_client, django_assert_num_queries, name
):
    quiz = make_quiz(questions=2)
    teacher_client.get(reverse("civics:course_home"))
    # The teacher's session, user and permissions; the lesson with its quiz;
    # the questions; their choices.
    with django_assert_num_queries(6):
        _get(teacher_client, name, quiz)
    for _ in range(10):
        make_question(quiz=quiz, kind=QuestionKind.MULTIPLE, choices=5)
    assert Choice.objects.filter(question__quiz=quiz).count() == 56
    with django_assert_num_queries(6):
        _get(teacher_client, name, quiz)


def test_a_written_question_prints_lines_to_write_on_and_its_rubric_in_the_key(
    teacher_client,
):
    quiz = make_quiz(questions=0)
    written = make_question(quiz=quiz, kind=QuestionKind.WRITTEN)
    paper = _paper(_get(teacher_client, "civics:quiz_print", quiz).content.decode())
    assert "Write your answer in full sentences." in paper
    assert paper.count("paper-line-full") == 9
    assert written.model_answer not in paper
    assert written.rubric_lines[0] not in paper

    key = _paper(_get(teacher_client, "civics:answer_key", quiz).content.decode())
    for criterion in written.rubric_lines:
        assert f"<li>{criterion}</li>" in key
    assert written.model_answer in key
    assert written.explanation in key
