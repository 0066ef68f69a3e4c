"""A teacher's note on an assigned lesson, for one class's students only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from teaching.models import ClassNote
from teaching.services import set_archived
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_teacher,
)

pytestmark = pytest.mark.django_db

NOTE = "Read the second part twice.\nWe discuss it on <b>Friday</b>."
SHOWN = "Read the second part twice.<br>We discuss it on &lt;b&gt;Friday&lt;/b&gt;."


@pytest.fixture
def rivera():
    return make_teacher(username="rivera", first_name="Ana", last_name="Rivera")


@pytest.fixture
def period_3(rivera, student):
    return make_classroom(teacher=rivera, students=[student], name="Civics, period 3")


@pytest.fixture
def assigned(period_3):
    quiz = make_quiz()
    make_assignment(classroom=period_3, lesson=quiz.lesson)
    return quiz.lesson


def _note_url(classroom, lesson):
    return reverse("teaching:class_note", args=[classroom.pk, lesson.pk])


def _lesson_page(client, lesson):
    return client.get(lesson.get_absolute_url()).content.decode()


def test_a_teacher_writes_a_note_that_their_classes_students_see_escaped(
    client, rivera, period_3, assigned, student
):
    client.force_login(rivera)
    response = client.post(_note_url(period_3, assigned), {"text": NOTE})
    assert response.status_code == 302
    assert response.url == period_3.get_absolute_url()
    assert "Edit the note" in client.get(period_3.get_absolute_url()).content.decode()
    client.force_login(student)
    html = _lesson_page(client, assigned)
    assert "A note from Ana Rivera for Civics, period 3" in html
    assert SHOWN in html


def test_other_students_and_visitors_never_see_the_note(
    client, visitor, period_3, assigned, student
):
    ClassNote.objects.create(classroom=period_3, lesson=assigned, text=NOTE)
    # Another class of the same teacher, on the same lesson, has no note.
    classmate_elsewhere = make_student()
    other = make_classroom(teacher=period_3.teacher, students=[classmate_elsewhere])
    make_assignment(classroom=other, lesson=assigned)
    # The visitor's copy is cached before and after the student's visit.
    assert "Read the second part" not in _lesson_page(visitor, assigned)
    client.force_login(student)
    assert "Read the second part" in _lesson_page(client, assigned)
    assert "Read the second part" not in _lesson_page(visitor, assigned)
    client.force_login(classmate_elsewhere)
    assert "Read the second part" not in _lesson_page(client, assigned)
    client.force_login(make_student())
    assert "Read the second part" not in _lesson_page(client, assigned)


def test_a_note_written_after_a_visitor_cached_the_page_stays_out_of_it(
    client, visitor, rivera, period_3, assigned, student
):
    _lesson_page(visitor, assigned)
    client.force_login(rivera)
    client.post(_note_url(period_3, assigned), {"text": NOTE})
    assert "A note from" not in _lesson_page(visitor, assigned)
    client.force_login(student)
    assert "A note from" in _lesson_page(client, assigned)


def test_an_archived_class_shows_no_note(client, period_3, assigned, student):
    ClassNote.objects.create(classroom=period_3, lesson=assigned, text=NOTE)
    set_archived(classroom=period_3, archived=True, now=timezone.now())
    client.force_login(student)
    assert "A note from" not in _lesson_page(client, assigned)


def test_saving_the_note_again_changes_it_and_saving_it_empty_removes_it(
    client, rivera, period_3, assigned
):
    client.force_login(rivera)
    client.post(_note_url(period_3, assigned), {"text": "First."})
    client.post(_note_url(period_3, assigned), {"text": "Second."})
    assert ClassNote.objects.get().text == "Second."
    assert "Second." in client.get(_note_url(period_3, assigned)).content.decode()
    client.post(_note_url(period_3, assigned), {"text": "   "})
    assert not ClassNote.objects.exists()


def test_a_note_too_long_is_refused_with_the_form_again(
    client, rivera, period_3, assigned
):
    client.force_login(rivera)
    response = client.post(_note_url(period_3, assigned), {"text": "x" * 2001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert not ClassNote.objects.exists()


def test_a_lesson_the_class_was_not_assigned_is_a_404(client, rivera, period_3):
    client.force_login(rivera)
    unassigned = make_quiz().lesson
    url = _note_url(period_3, unassigned)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": NOTE}).status_code == 404
    assert not ClassNote.objects.exists()


def test_a_get_changes_nothing(client, rivera, period_3, assigned):
    client.force_login(rivera)
    assert client.get(_note_url(period_3, assigned), {"text": NOTE}).status_code == 200
    assert not ClassNote.objects.exists()


# Who may write one ------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_are_sent_to_log_in(visitor, period_3, assigned, method):
    response = getattr(visitor, method)(_note_url(period_3, assigned), {"text": NOTE})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not ClassNote.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_students_get_a_403_even_in_the_class(
    student_client, period_3, assigned, method
):
    url = _note_url(period_3, assigned)
    assert getattr(student_client, method)(url, {"text": NOTE}).status_code == 403
    assert not ClassNote.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_teachers_class_is_a_404(teacher_client, period_3, assigned, method):
    url = _note_url(period_3, assigned)
    assert getattr(teacher_client, method)(url, {"text": NOTE}).status_code == 404
    assert not ClassNote.objects.exists()


# What it costs ----------------------------------------------------------------


def test_the_students_lesson_page_costs_one_query_more_however_many_notes(
    client, student, period_3, assigned, django_assert_num_queries
):
    client.force_login(student)
    _lesson_page(client, assigned)
    # As tests/test_query_budgets.py "student: lesson, return visit" (6),
    # and the notes.
    with django_assert_num_queries(7):
        _lesson_page(client, assigned)
    for _ in range(5):
        classroom = make_classroom(students=[student])
        make_assignment(classroom=classroom, lesson=assigned)
        ClassNote.objects.create(classroom=classroom, lesson=assigned, text="Hi")
    with django_assert_num_queries(7):
        assert _lesson_page(client, assigned).count("A note from") == 5


def test_the_note_page_and_dashboard_cost_the_same_with_or_without_notes(
    client, rivera, period_3, assigned, django_assert_num_queries
):
    client.force_login(rivera)
    dashboard = period_3.get_absolute_url()
    client.get(dashboard)
    with django_assert_num_queries(9):
        client.get(dashboard)
    for _ in range(3):
        lesson = make_quiz().lesson
        make_assignment(classroom=period_3, lesson=lesson)
        ClassNote.objects.create(classroom=period_3, lesson=lesson, text="Hi")
    client.get(dashboard)  # the menu of lessons left to assign, cached again
    with django_assert_num_queries(9):
        assert client.get(dashboard).content.decode().count("Edit the note") == 3
