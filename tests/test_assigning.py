"""Assigning lessons: several at once, due at a date and time that has not
passed; a due date changed or cleared on its own page; extra time for one
student, as an accommodation."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.models import Lesson
from teaching.dashboard import assignments_for_student, class_grid
from teaching.models import Assignment, Extension
from tests.factories import (
    correct_responses,
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_teacher,
)

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def _in_days(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def classroom(teacher, student):
    return make_classroom(teacher=teacher, students=[student], name="Period 3")


def _assign(client, classroom, data):
    return client.post(reverse("teaching:assignment_save", args=[classroom.pk]), data)


# Several at once, with a time ---------------------------------------------------


def test_a_teacher_assigns_three_lessons_at_once_due_at_one_time(
    teacher_client, classroom
):
    lessons = [make_lesson(title=f"Lesson {n}") for n in "ABC"]
    day = _in_days(4)
    response = _assign(
        teacher_client,
        classroom,
        {
            "lessons": [lesson.pk for lesson in lessons],
            "due_date": day.isoformat(),
            "due_time": "08:30",
        },
    )
    assert response.status_code == 302
    due = datetime(day.year, day.month, day.day, 8, 30, tzinfo=NEW_YORK)
    assert sorted(classroom.assignments.values_list("lesson__title", "due_at")) == [
        ("Lesson A", due),
        ("Lesson B", due),
        ("Lesson C", due),
    ]
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "Assigned Lesson A, Lesson B, Lesson C, due " in page
    assert "8:30 AM" in page


def test_a_due_date_without_a_time_is_due_at_the_end_of_that_day(
    teacher_client, classroom
):
    day = _in_days(2)
    _assign(teacher_client, classroom, {"lessons": make_lesson().pk, "due_date": day})
    due = classroom.assignments.get().due_at.astimezone(NEW_YORK)
    assert (due.date(), due.hour, due.minute) == (day, 23, 59)


def test_no_due_date_means_nothing_is_ever_late(teacher_client, classroom):
    _assign(teacher_client, classroom, {"lessons": make_lesson().pk})
    assert classroom.assignments.get().due_at is None


@pytest.mark.parametrize(
    ("due_date", "due_time"),
    [(-1, ""), (0, "00:00")],
    ids=["yesterday", "earlier today"],
)
def test_a_due_time_that_has_passed_is_refused_with_a_message(
    teacher_client, classroom, due_date, due_time
):
    response = _assign(
        teacher_client,
        classroom,
        {
            "lessons": make_lesson().pk,
            "due_date": _in_days(due_date).isoformat(),
            "due_time": due_time,
        },
    )
    assert response.status_code == 200
    assert "That time has already passed" in response.content.decode()
    assert not classroom.assignments.exists()


def test_a_time_without_a_date_asks_for_the_date(teacher_client, classroom):
    response = _assign(
        teacher_client, classroom, {"lessons": make_lesson().pk, "due_time": "08:00"}
    )
    assert "Choose a date for that time." in response.content.decode()
    assert not classroom.assignments.exists()


def test_choosing_no_lesson_gets_a_message(teacher_client, classroom):
    make_lesson()
    response = _assign(teacher_client, classroom, {"due_date": _in_days(3)})
    assert response.status_code == 200
    assert "Choose at least one lesson." in response.content.decode()


def test_the_menu_lists_only_lessons_not_yet_assigned(teacher_client, classroom):
    assigned, other = make_lesson(title="Assigned one"), make_lesson(title="Other")
    make_assignment(classroom=classroom, lesson=assigned)
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    form = page[page.index('id="assign-heading"') : page.index('id="roster-heading"')]
    assert f'value="{other.pk}"' in form
    assert f'value="{assigned.pk}"' not in form


def test_assigning_a_lesson_again_never_replaces_its_due_date(
    teacher_client, classroom
):
    """Today's main silently moved the due date of a lesson assigned twice."""
    lesson = make_lesson()
    assignment = make_assignment(classroom=classroom, lesson=lesson, due_on=_in_days(3))
    due = assignment.due_at
    response = _assign(
        teacher_client,
        classroom,
        {"lessons": [lesson.pk, make_lesson().pk], "due_date": _in_days(9)},
    )
    assert response.status_code == 400
    assert "assigned already. Reload the page" in response.content.decode()
    assert Assignment.objects.get(pk=assignment.pk).due_at == due
    assert classroom.assignments.count() == 1  # nothing half-done


def test_when_every_lesson_is_assigned_the_form_says_so(teacher_client, classroom):
    make_assignment(classroom=classroom, lesson=make_lesson())
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "Every published lesson is assigned to this class." in page


# Changing a due date -------------------------------------------------------------


def _due_url(classroom, assignment):
    return reverse("teaching:assignment_due", args=[classroom.pk, assignment.pk])


def test_a_teacher_moves_a_due_date_on_its_own_page(teacher_client, classroom):
    assignment = make_assignment(
        classroom=classroom, lesson=make_lesson(), due_on=_in_days(2)
    )
    page = teacher_client.get(_due_url(classroom, assignment)).content.decode()
    assert f'value="{_in_days(2).isoformat()}"' in page
    assert 'value="23:59"' in page
    day = _in_days(6)
    response = teacher_client.post(
        _due_url(classroom, assignment), {"due_date": day, "due_time": "15:00"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.due_at == datetime(
        day.year, day.month, day.day, 15, tzinfo=NEW_YORK
    )


def test_a_teacher_clears_a_due_date(teacher_client, classroom):
    assignment = make_assignment(
        classroom=classroom, lesson=make_lesson(title="Treaties"), due_on=_in_days(2)
    )
    response = teacher_client.post(
        _due_url(classroom, assignment), {"due_date": "", "due_time": ""}, follow=True
    )
    assert "Treaties has no due date now." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.due_at is None


def test_moving_a_due_date_into_the_past_is_refused(teacher_client, classroom):
    assignment = make_assignment(
        classroom=classroom, lesson=make_lesson(), due_on=_in_days(2)
    )
    due = assignment.due_at
    response = teacher_client.post(
        _due_url(classroom, assignment), {"due_date": _in_days(-3)}
    )
    assert response.status_code == 200
    assert "That time has already passed" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.due_at == due


# Extra time ----------------------------------------------------------------------


@pytest.fixture
def due_friday(classroom):
    quiz = make_quiz(questions=1)
    return make_assignment(classroom=classroom, lesson=quiz.lesson, due_on=_in_days(1))


def _extra_url(assignment, student):
    return reverse(
        "teaching:extra_time",
        args=[assignment.classroom_id, assignment.pk, student.pk],
    )


def test_a_teacher_gives_one_student_extra_time(
    teacher_client, classroom, student, due_friday
):
    classmate = make_student()
    classroom.enrolments.create(student=classmate)
    day = _in_days(5)
    response = teacher_client.post(
        _extra_url(due_friday, student), {"due_date": day, "due_time": "12:00"}
    )
    assert response.status_code == 302
    extension = Extension.objects.get()
    assert (extension.student, extension.due_at) == (
        student,
        datetime(day.year, day.month, day.day, 12, tzinfo=NEW_YORK),
    )
    grid = class_grid(classroom, now=timezone.now() + timedelta(days=2))
    standing = {row.student: row.cells[0] for row in grid.rows}
    assert standing[student].timeliness.label == "Due soon"
    assert standing[student].due_at == extension.due_at
    assert standing[classmate].timeliness.label == "Overdue"
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert page.count("extra time</span>") == 1


def test_extra_time_makes_late_work_on_time(classroom, student, due_friday):
    quiz = due_friday.lesson.quiz
    Extension.objects.create(
        assignment=due_friday,
        student=student,
        due_at=due_friday.due_at + timedelta(days=3),
    )
    later = due_friday.due_at + timedelta(days=1)
    attempt = services.start_attempt(student=student, quiz=quiz, now=later)
    services.submit_attempt(
        attempt=attempt, responses=correct_responses(quiz), now=later
    )
    grid = class_grid(classroom, now=later)
    assert grid.rows[0].cells[0].timeliness.label == "Done on time"


def test_the_student_sees_their_own_due_time_and_that_it_is_extra_time(
    client, classroom, student, due_friday
):
    until = due_friday.due_at + timedelta(days=4)
    Extension.objects.create(assignment=due_friday, student=student, due_at=until)
    lessons = Lesson.objects.with_progress_for(student)
    [item] = assignments_for_student(student, lessons=lessons, now=timezone.now())
    assert (item.due_at, item.has_extra_time) == (until, True)
    client.force_login(student)
    home = client.get(reverse("civics:course_home")).content.decode()
    assert "(extra time)" in home


def test_extra_time_must_end_after_the_class_is_due(
    teacher_client, student, due_friday
):
    response = teacher_client.post(
        _extra_url(due_friday, student),
        {"due_date": timezone.localdate(due_friday.due_at), "due_time": "12:00"},
    )
    assert response.status_code == 200
    assert "Extra time ends after the class" in response.content.decode()
    assert not Extension.objects.exists()


def test_a_teacher_takes_extra_time_back(teacher_client, student, due_friday):
    Extension.objects.create(
        assignment=due_friday,
        student=student,
        due_at=due_friday.due_at + timedelta(days=2),
    )
    response = teacher_client.post(
        _extra_url(due_friday, student), {"remove": "1"}, follow=True
    )
    assert "as the class is" in response.content.decode()
    assert not Extension.objects.exists()


def test_extra_time_needs_a_class_due_date(teacher_client, classroom, student):
    undated = make_assignment(classroom=classroom, lesson=make_lesson())
    assert teacher_client.get(_extra_url(undated, student)).status_code == 404


def test_the_student_page_offers_extra_time_on_each_dated_lesson(
    teacher_client, classroom, student, due_friday
):
    page = teacher_client.get(
        reverse("teaching:student_detail", args=[classroom.pk, student.pk])
    ).content.decode()
    assert _extra_url(due_friday, student) in page


# Who may ---------------------------------------------------------------------------


def test_another_teacher_cannot_change_a_due_date_or_give_extra_time(
    client, classroom, student, due_friday
):
    client.force_login(make_teacher())
    due = due_friday.due_at
    for url in (_due_url(classroom, due_friday), _extra_url(due_friday, student)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"due_date": _in_days(9)}).status_code == 404
    assert Assignment.objects.get(pk=due_friday.pk).due_at == due
    assert not Extension.objects.exists()
    other_class = make_classroom(students=[make_student()])
    assert _assign(client, classroom, {"lessons": make_lesson().pk}).status_code == 404
    assert not other_class.assignments.exists()


def test_extra_time_is_only_for_a_student_in_the_class(
    teacher_client, due_friday, other_student
):
    url = _extra_url(due_friday, other_student)
    assert teacher_client.get(url).status_code == 404
    assert teacher_client.post(url, {"due_date": _in_days(9)}).status_code == 404
    assert not Extension.objects.exists()


def test_a_student_cannot_change_due_dates_or_give_themselves_extra_time(
    client, classroom, student, due_friday
):
    client.force_login(student)
    for url in (_due_url(classroom, due_friday), _extra_url(due_friday, student)):
        response = client.post(url, {"due_date": _in_days(9)})
        assert response.status_code in (302, 403)
    assert not Extension.objects.exists()
    assert Assignment.objects.get(pk=due_friday.pk).due_at == due_friday.due_at
