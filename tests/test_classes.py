"""Running a class: create it, students join with the code, the teacher
regenerates the code, removes a student, archives; and who may do what."""

import pytest
from django.test import Client
from django.urls import reverse

from civics.models import Attempt
from teaching import rules as teaching_rules
from teaching import services as teaching_services
from teaching.models import Classroom, Enrolment
from tests.factories import (
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
)

pytestmark = pytest.mark.django_db


def test_a_teacher_creates_a_class_and_gets_a_join_code(teacher_client, teacher):
    response = teacher_client.post(
        reverse("teaching:classroom_list"), {"name": "Civics, period 3"}, follow=True
    )
    classroom = Classroom.objects.get()
    assert classroom.teacher == teacher
    assert f"Students join with the code {classroom.join_code}" in (
        response.content.decode()
    )


def test_a_class_needs_a_name(teacher_client):
    response = teacher_client.post(reverse("teaching:classroom_list"), {"name": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Classroom.objects.exists()


def test_a_teacher_sees_only_their_own_classes(teacher_client, teacher):
    mine = make_classroom(teacher=teacher, name="Mine")
    make_classroom(name="Someone else's")
    html = teacher_client.get(reverse("teaching:classroom_list")).content.decode()
    assert mine.join_code in html
    assert "Someone else" not in html


def test_the_class_list_counts_each_classs_students_and_assigned_lessons(
    teacher_client, teacher
):
    full = make_classroom(
        teacher=teacher, students=[make_student(), make_student(), make_student()]
    )
    for lesson in (make_lesson(), make_lesson()):
        make_assignment(classroom=full, lesson=lesson)
    empty = make_classroom(teacher=teacher)
    response = teacher_client.get(reverse("teaching:classroom_list"))
    counts = {
        c.pk: (c.student_count, c.assignment_count)
        for c in response.context["classrooms"]
    }
    assert counts == {full.pk: (3, 2), empty.pk: (0, 0)}


def _join(client, code):
    return client.post(reverse("teaching:join"), {"code": code}, follow=True)


def test_a_student_joins_with_the_code_however_they_type_it(student_client, student):
    classroom = make_classroom()
    code = classroom.join_code
    response = _join(student_client, f" {code[:3].lower()}-{code[3:]} ")
    assert f"You joined {classroom}" in response.content.decode()
    assert classroom.students.get() == student


def test_a_student_may_be_in_several_classes(student_client, student):
    first, second = make_classroom(), make_classroom()
    _join(student_client, first.join_code)
    _join(student_client, second.join_code)
    assert set(student.classrooms.all()) == {first, second}


def test_joining_twice_is_harmless(student_client, student):
    classroom = make_classroom()
    _join(student_client, classroom.join_code)
    _join(student_client, classroom.join_code)
    assert Enrolment.objects.filter(student=student).count() == 1


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("ZZZZZZ", "No class has that code"),
        ("K7M", "A class code has six letters and digits"),
        ("", "This field is required."),
    ],
)
def test_a_wrong_code_gets_a_message_and_joins_nothing(student_client, code, message):
    make_classroom()
    response = _join(student_client, code)
    assert message in response.content.decode()
    assert not Enrolment.objects.exists()


def _student_browser():
    """A second browser session, separate from the teacher's."""
    browser = Client()
    browser.force_login(make_student())
    return browser


@pytest.mark.parametrize("action", ["create", "regenerate"])
def test_a_join_code_already_taken_is_passed_over_for_a_fresh_one(
    monkeypatch, teacher, action
):
    taken = make_classroom(teacher=teacher).join_code
    existing = make_classroom(teacher=teacher)
    codes = iter([taken, "FRESH2"])
    monkeypatch.setattr(teaching_rules, "new_join_code", lambda: next(codes))
    if action == "create":
        classroom = teaching_services.create_classroom(teacher=teacher, name="New")
    else:
        classroom = teaching_services.regenerate_join_code(classroom=existing)
    classroom.refresh_from_db()
    assert classroom.join_code == "FRESH2"


def test_a_new_code_replaces_the_old_one(teacher_client, teacher):
    student_client = _student_browser()
    classroom = make_classroom(teacher=teacher)
    old = classroom.join_code
    teacher_client.post(reverse("teaching:join_code_regenerate", args=[classroom.pk]))
    classroom.refresh_from_db()
    assert classroom.join_code != old
    assert "No class has that code" in _join(student_client, old).content.decode()
    assert "You joined" in _join(student_client, classroom.join_code).content.decode()


def test_a_removed_student_keeps_their_work_out_of_the_teachers_sight(
    teacher_client, teacher, student
):
    classroom = make_classroom(teacher=teacher, students=[student])
    attempt = make_submitted_attempt(student=student, quiz=make_quiz())
    teacher_client.post(
        reverse("teaching:student_remove", args=[classroom.pk, student.pk])
    )
    assert not classroom.students.exists()
    assert Attempt.objects.filter(pk=attempt.pk).exists()
    result = reverse("civics:attempt_result", args=[attempt.pk])
    assert teacher_client.get(result).status_code == 404


def test_an_archived_class_takes_no_new_students(teacher_client, teacher):
    classroom = make_classroom(teacher=teacher)
    teacher_client.post(
        reverse("teaching:classroom_archive", args=[classroom.pk]), {"archive": "1"}
    )
    classroom.refresh_from_db()
    assert classroom.is_archived
    joined = _join(_student_browser(), classroom.join_code)
    assert "No class has that code" in joined.content.decode()
    teacher_client.post(
        reverse("teaching:classroom_archive", args=[classroom.pk]), {"archive": "0"}
    )
    classroom.refresh_from_db()
    assert not classroom.is_archived


def test_a_teacher_cannot_join_their_own_class(teacher_client, teacher):
    classroom = make_classroom(teacher=teacher)
    assert (
        "You teach this class."
        in _join(teacher_client, classroom.join_code).content.decode()
    )


# Permission boundaries -------------------------------------------------------

# (URL name, method, what the URL names after the class)
TEACHER_PAGES = [
    ("teaching:classroom_detail", "get", None),
    ("teaching:gradebook_csv", "get", None),
    ("teaching:join_code_regenerate", "post", None),
    ("teaching:classroom_archive", "post", None),
    ("teaching:assignment_save", "post", None),
    ("teaching:assignment_remove", "post", "assignment"),
    ("teaching:item_analysis", "get", "lesson"),
    ("teaching:student_detail", "get", "student"),
    ("teaching:student_remove", "post", "student"),
]


def _class_with(student, *, teacher=None):
    """A class with the student in it and a lesson with a quiz assigned."""
    classroom = make_classroom(teacher=teacher or make_teacher(), students=[student])
    assignment = make_assignment(
        classroom=classroom, lesson=make_quiz().lesson, due_on=None
    )
    return classroom, assignment


def _url(name, classroom, assignment, student, names):
    extra = {
        None: [],
        "student": [student.pk],
        "lesson": [assignment.lesson_id],
        "assignment": [assignment.pk],
    }[names]
    return reverse(name, args=[classroom.pk, *extra])


@pytest.mark.parametrize(("name", "method", "names"), TEACHER_PAGES)
def test_visitors_are_sent_to_log_in_from_teacher_pages(
    client, student, name, method, names
):
    classroom, assignment = _class_with(student)
    url = _url(name, classroom, assignment, student, names)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method", "names"), TEACHER_PAGES)
def test_students_get_a_403_on_teacher_pages(
    student_client, student, name, method, names
):
    classroom, assignment = _class_with(student)
    url = _url(name, classroom, assignment, student, names)
    assert getattr(student_client, method)(url).status_code == 403


@pytest.mark.parametrize(("name", "method", "names"), TEACHER_PAGES)
def test_a_teacher_cannot_reach_another_teachers_class(
    teacher_client, student, name, method, names
):
    classroom, assignment = _class_with(student)
    code = classroom.join_code
    url = _url(name, classroom, assignment, student, names)
    assert getattr(teacher_client, method)(url, {"archive": "1"}).status_code == 404
    classroom.refresh_from_db()
    assert classroom.join_code == code
    assert not classroom.is_archived
    assert classroom.students.get() == student
    assert classroom.assignments.get() == assignment


def test_a_forged_student_id_on_the_teachers_own_class_is_a_404(
    teacher_client, teacher, student
):
    classroom = make_classroom(teacher=teacher, students=[student])
    outsider = make_student()
    for name in ("teaching:student_detail", "teaching:student_remove"):
        url = reverse(name, args=[classroom.pk, outsider.pk])
        method = teacher_client.get if name.endswith("detail") else teacher_client.post
        assert method(url).status_code == 404
    assert classroom.students.get() == student


def test_visitors_are_sent_to_log_in_from_join(client):
    response = client.get(reverse("teaching:join"))
    assert response.url.startswith(reverse("login"))
