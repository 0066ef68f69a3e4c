"""Question analysis shows, for each wrong choice the class picked, the
misconception it reveals beside its text and count (issue 21), so a teacher
sees what to reteach, not just which letter was popular."""

from decimal import Decimal

import pytest
from django.urls import reverse

from civics.kinds import QuestionKind
from civics.models import Choice
from teaching.dashboard import item_analysis
from teaching.rules import WrongAnswer
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
)

pytestmark = pytest.mark.django_db

HOUSE = "Thinks the House votes on treaties"
MAJORITY = "Thinks a simple majority of the Senate is enough"


@pytest.fixture
def quiz():
    """One single-choice question of four choices, the first one right."""
    return make_quiz(questions=1, choices=4)


@pytest.fixture
def choices(quiz):
    right, house, majority, untagged = quiz.questions.get().choices.all()
    Choice.objects.filter(pk=house.pk).update(misconception=HOUSE)
    Choice.objects.filter(pk=majority.pk).update(misconception=MAJORITY)
    return right, house, majority, untagged


@pytest.fixture
def classroom(teacher, quiz):
    classroom = make_classroom(teacher=teacher, name="Period 3")
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    return classroom


def _picked(classroom, quiz, *choices):
    """Each choice picked by a new student of the class, in their one attempt."""
    question = quiz.questions.get()
    for choice in choices:
        student = make_student()
        classroom.enrolments.create(student=student)
        make_submitted_attempt(
            student=student, quiz=quiz, responses={question.pk: [choice.pk]}
        )


def _wrong_answers(classroom, quiz):
    _, [(_, result, _)] = item_analysis(classroom, quiz)
    return result.wrong_answers


def test_each_wrong_choice_picked_comes_with_its_count_and_misconception(
    classroom, quiz, choices
):
    right, house, majority, _ = choices
    _picked(classroom, quiz, house, majority, house, right)
    assert _wrong_answers(classroom, quiz) == (
        WrongAnswer(house.text, 2, HOUSE),
        WrongAnswer(majority.text, 1, MAJORITY),
    )


def test_a_wrong_choice_nobody_picked_and_the_right_choice_are_not_listed(
    classroom, quiz, choices
):
    right, house, _, _ = choices
    _picked(classroom, quiz, house, right)
    assert [wrong.text for wrong in _wrong_answers(classroom, quiz)] == [house.text]


def test_a_choice_tagged_after_students_picked_it_shows_its_misconception(
    classroom, quiz, choices
):
    untagged = choices[3]
    _picked(classroom, quiz, untagged)
    assert _wrong_answers(classroom, quiz) == (WrongAnswer(untagged.text, 1, ""),)
    Choice.objects.filter(pk=untagged.pk).update(misconception="Thinks courts ratify")
    assert _wrong_answers(classroom, quiz) == (
        WrongAnswer(untagged.text, 1, "Thinks courts ratify"),
    )


def test_the_page_shows_the_misconception_beside_the_choice_and_its_count(
    teacher_client, classroom, quiz, choices
):
    _, house, majority, untagged = choices
    _picked(classroom, quiz, house, house, majority, untagged)
    url = reverse("teaching:item_analysis", args=[classroom.pk, quiz.lesson_id])
    html = teacher_client.get(url).content.decode()
    house_line = (
        f'<strong>{house.text}</strong> (2 students): <span class="item-misconception">'
        f"{HOUSE}</span>"
    )
    majority_line = (
        f"<strong>{majority.text}</strong> (1 student): "
        f'<span class="item-misconception">{MAJORITY}</span>'
    )
    assert house_line in html
    assert majority_line in html
    assert html.index(house_line) < html.index(majority_line)
    assert f"<strong>{untagged.text}</strong> (1 student)</li>" in html


def test_a_numeric_questions_wrong_values_are_listed_without_a_misconception(
    teacher, classroom
):
    quiz = make_quiz(questions=0, kinds=[QuestionKind.NUMERIC])
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    question = quiz.questions.get()
    for value in (67, 67, 65):
        student = make_student()
        classroom.enrolments.create(student=student)
        make_submitted_attempt(
            student=student, quiz=quiz, responses={question.pk: Decimal(value)}
        )
    assert _wrong_answers(classroom, quiz) == (
        WrongAnswer("67", 2),
        WrongAnswer("65", 1),
    )
