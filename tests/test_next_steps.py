"""Always knowing what to do next (issue #17): a quiz left half-finished shows
as "In progress" with a way back to it wherever the lesson's status appears,
and the course home opens with what to do next and what is due for review."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.models import Lesson
from civics.rules.mastery import LessonStatus, NextStep, lesson_status, next_step
from tests.factories import (
    correct_response,
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_submitted_attempt,
    make_unit,
    wrong_responses,
)

COURSE_HOME = reverse("civics:course_home")
MY_PROGRESS = reverse("civics:my_progress")
TODAY = timezone.localdate()


# The rules, without the database


@pytest.mark.parametrize(
    ("read", "attempted", "mastered", "in_progress", "expected"),
    [
        (True, False, False, True, LessonStatus.IN_PROGRESS),
        (False, False, False, True, LessonStatus.IN_PROGRESS),
        (True, True, False, True, LessonStatus.IN_PROGRESS),
        (True, True, True, True, LessonStatus.MASTERED),
        (True, True, False, False, LessonStatus.ATTEMPTED),
        (True, False, False, False, LessonStatus.READ),
    ],
)
def test_an_open_quiz_outranks_all_but_mastery(
    read, attempted, mastered, in_progress, expected
):
    status = lesson_status(
        read=read, attempted=attempted, mastered=mastered, in_progress=in_progress
    )
    assert status == expected


MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("open_attempts", "assigned", "mastered", "expected"),
    [
        # The quiz started last wins over older ones and over assignments.
        (
            {"b": MONDAY, "c": MONDAY + timedelta(hours=1)},
            ["a"],
            set(),
            NextStep("c", resume=True),
        ),
        # Retaking a mastered lesson is still a quiz to go back to.
        ({"a": MONDAY}, [], {"a"}, NextStep("a", resume=True)),
        # The first assignment (soonest due) not yet mastered.
        ({}, ["c", "b"], {"c"}, NextStep("b", assigned=True)),
        # Then the course in order.
        ({}, ["c"], {"a", "c"}, NextStep("b")),
        ({}, [], set(), NextStep("a")),
        # Nothing left.
        ({}, ["b"], {"a", "b", "c"}, None),
    ],
)
def test_the_next_step_is_the_open_quiz_then_assignments_then_the_course(
    open_attempts, assigned, mastered, expected
):
    step = next_step(
        open_attempts=open_attempts,
        assigned=assigned,
        course=["a", "b", "c"],
        mastered=mastered,
    )
    assert step == expected


# Pages


def _half_finished(client, quiz):
    """The student reads the lesson, starts its quiz, answers one question
    and leaves: the attempt stays open."""
    client.get(quiz.lesson.get_absolute_url())
    client.post(reverse("civics:quiz_start", args=[quiz.lesson.slug]))
    attempt = quiz.attempts.get(submitted_at=None)
    first = quiz.questions.first()
    services.save_answers(
        attempt=attempt, responses={first.pk: correct_response(first)}
    )
    return attempt


def _home(client):
    return client.get(COURSE_HOME).content.decode()


def _card(html):
    start = html.index('aria-labelledby="next-heading"')
    return html[start : html.index("</section>", start)]


def _item(html, title, end="</li>"):
    """The list item (or table row) that names `title`."""
    start = html.index(f">{title}</a>")
    return html[start : html.index(end, start)]


def _continue_link(attempt, lesson):
    return (
        f'<a class="btn btn-sm btn-outline-primary" href="{attempt.get_absolute_url()}'
        f'">Continue<span class="visually-hidden"> the quiz on {lesson.title}'
        "</span></a>"
    )


@pytest.mark.django_db
def test_a_half_finished_quiz_is_in_progress_on_the_home_page(student_client):
    quiz = make_quiz(questions=2)
    attempt = _half_finished(student_client, quiz)
    item = _item(_home(student_client), quiz.lesson.title)
    assert "In progress" in item
    assert ">Read<" not in item
    assert _continue_link(attempt, quiz.lesson) in item


@pytest.mark.django_db
def test_a_half_finished_quiz_is_in_progress_on_my_progress(student_client):
    quiz = make_quiz(questions=2)
    attempt = _half_finished(student_client, quiz)
    html = student_client.get(MY_PROGRESS).content.decode()
    row = _item(html, quiz.lesson.title, end="</tr>")
    assert "In progress" in row
    assert ">Read<" not in row
    assert _continue_link(attempt, quiz.lesson) in row


@pytest.mark.django_db
def test_retaking_a_mastered_lesson_stays_mastered_with_a_way_back(
    student_client, student
):
    quiz = make_quiz(questions=2)
    make_submitted_attempt(student=student, quiz=quiz)
    attempt = _half_finished(student_client, quiz)
    item = _item(_home(student_client), quiz.lesson.title)
    assert "Mastered" in item
    assert "In progress" not in item
    assert _continue_link(attempt, quiz.lesson) in item


@pytest.mark.django_db
def test_an_assignment_with_a_half_finished_quiz_is_in_progress(
    student_client, student
):
    quiz = make_quiz(questions=2)
    classroom = make_classroom(students=[student])
    make_assignment(classroom=classroom, lesson=quiz.lesson, due_on=TODAY)
    attempt = _half_finished(student_client, quiz)
    html = _home(student_client)
    start = html.index("Your assignments")
    item = _item(html[start:], quiz.lesson.title)
    assert "In progress" in item
    assert _continue_link(attempt, quiz.lesson) in item


@pytest.mark.django_db
def test_the_home_page_continues_the_quiz_started_last(student_client, student):
    older, newer = make_quiz(questions=2), make_quiz(questions=2)
    make_classroom(students=[student])
    _half_finished(student_client, older)
    attempt = _half_finished(student_client, newer)
    card = _card(_home(student_client))
    assert newer.lesson.title in card
    assert older.lesson.title not in card
    assert (
        f'<a class="btn btn-primary" href="{attempt.get_absolute_url()}">'
        "Continue the quiz</a>"
    ) in card


@pytest.mark.django_db
def test_without_an_open_quiz_the_home_page_offers_the_next_assignment(
    student_client, student
):
    first = make_lesson(title="First in the course")
    assigned_later, assigned_soon, done = make_lesson(), make_lesson(), make_quiz()
    classroom = make_classroom(students=[student])
    for lesson, days in ((assigned_later, 5), (done.lesson, 0), (assigned_soon, 2)):
        make_assignment(
            classroom=classroom, lesson=lesson, due_on=TODAY + timedelta(days)
        )
    make_submitted_attempt(student=student, quiz=done)
    card = _card(_home(student_client))
    assert f"Your next assignment: <strong>{assigned_soon.title}</strong>" in card
    assert f'href="{assigned_soon.get_absolute_url()}">Go to the lesson</a>' in card
    assert first.title not in card


@pytest.mark.django_db
def test_without_assignments_the_home_page_offers_the_next_lesson_in_the_course(
    student_client, student
):
    unit = make_unit(position=1)
    done = make_quiz(lesson=make_lesson(unit=unit, position=1))
    later = make_lesson(unit=make_unit(position=2), position=1)
    second = make_lesson(unit=unit, position=2, title="Second of unit one")
    make_submitted_attempt(student=student, quiz=done)
    card = _card(_home(student_client))
    assert f"Next in the course: <strong>{second.title}</strong>" in card
    assert later.title not in card


@pytest.mark.django_db
def test_once_everything_is_mastered_the_home_page_says_so(student_client, student):
    make_submitted_attempt(student=student, quiz=make_quiz())
    card = _card(_home(student_client))
    assert "You have mastered every lesson." in card
    assert "btn-primary" not in card


@pytest.mark.django_db
def test_visitors_get_no_next_step(visitor):
    make_lesson()
    assert 'id="next-heading"' not in visitor.get(COURSE_HOME).content.decode()


@pytest.mark.django_db
def test_the_home_page_says_how_many_missed_questions_are_due(student_client, student):
    shown, hidden = make_quiz(questions=2), make_quiz(questions=3)
    for quiz in (shown, hidden):
        make_submitted_attempt(
            student=student, quiz=quiz, responses=wrong_responses(quiz)
        )
    Lesson.objects.filter(pk=hidden.lesson_id).update(published=False)
    card = _card(_home(student_client))
    assert "2 questions you missed are due for review." in card
    assert f'<a href="{reverse("civics:review_start")}">Review them</a>' in card
    html = student_client.get(MY_PROGRESS).content.decode()
    assert "2 questions you missed are due for review." in html


@pytest.mark.django_db
def test_no_review_notice_when_nothing_is_due(student_client, student):
    make_submitted_attempt(student=student, quiz=make_quiz())
    assert "due for review" not in _card(_home(student_client))


# Teachers


def _dashboard(client, classroom):
    return client.get(classroom.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_teacher_sees_a_half_finished_quiz_as_in_progress(client, teacher, student):
    quiz, untouched = make_quiz(questions=2), make_quiz(questions=2)
    classroom = make_classroom(teacher=teacher, students=[student])
    for lesson in (quiz.lesson, untouched.lesson):
        make_assignment(classroom=classroom, lesson=lesson)
    client.force_login(student)
    _half_finished(client, quiz)
    client.force_login(teacher)
    row = _item(_dashboard(client, classroom), student.username, end="</tr>")
    cells = row.split("<td")[1:]
    assert "In progress" in cells[0]
    assert "Not started" in cells[1]
    detail = client.get(
        reverse("teaching:student_detail", args=[classroom.pk, student.pk])
    ).content.decode()
    start = detail.index(f'<th scope="row">{quiz.lesson.title}</th>')
    assert "In progress" in detail[start : detail.index("</tr>", start)]
