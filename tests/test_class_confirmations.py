"""Nothing disruptive on one click: a new join code, removing an assignment,
removing a student and archiving a class each go through a page that says
what happens to the students' work. GET shows it; only POST does it."""

import pytest
from django.urls import reverse

from teaching.models import Classroom
from teaching.services import enrol_student
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
)

pytestmark = pytest.mark.django_db

# (URL name, what the URL names after the class, a sentence the page says)
CONFIRMATIONS = [
    ("teaching:join_code_regenerate", None, "stops working at once"),
    ("teaching:assignment_remove", "assignment", "attempts and scores on it stay"),
    ("teaching:student_remove", "student", "can rejoin with the class code"),
    ("teaching:classroom_archive", None, "attempts and scores are kept"),
]


@pytest.fixture
def setup(teacher, student):
    """The teacher's class with the student in it, who has done the assigned
    lesson's quiz."""
    classroom = make_classroom(teacher=teacher, students=[student])
    quiz = make_quiz()
    assignment = make_assignment(classroom=classroom, lesson=quiz.lesson)
    make_submitted_attempt(student=student, quiz=quiz)
    return classroom, assignment, student


def _url(name, names, classroom, assignment, student):
    extra = {None: [], "assignment": [assignment.pk], "student": [student.pk]}
    return reverse(name, args=[classroom.pk, *extra[names]])


def _unchanged(classroom, assignment, student):
    fresh = Classroom.objects.get(pk=classroom.pk)
    return (
        fresh.join_code == classroom.join_code
        and not fresh.is_archived
        and list(fresh.students.all()) == [student]
        and list(fresh.assignments.all()) == [assignment]
    )


@pytest.mark.parametrize(("name", "names", "says"), CONFIRMATIONS)
def test_a_confirmation_page_says_what_happens_and_changes_nothing(
    teacher_client, setup, name, names, says
):
    url = _url(name, names, *setup)
    response = teacher_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert says in html
    assert '<form method="post"' in html
    assert _unchanged(*setup)


def test_the_class_page_offers_no_one_click_disruptive_buttons(teacher_client, setup):
    classroom, _assignment, _student = setup
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    for name, names, _ in CONFIRMATIONS:
        url = _url(name, names, *setup)
        assert f'href="{url}"' in html
        assert f'action="{url}"' not in html
        assert f'formaction="{url}"' not in html


def test_an_archived_class_page_still_reopens_in_one_click(teacher_client, teacher):
    classroom = make_classroom(teacher=teacher)
    url = reverse("teaching:classroom_archive", args=[classroom.pk])
    teacher_client.post(url, {"archive": "1"})
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert f'action="{url}"' in html
    assert "Reopen class" in html


def test_confirming_the_removal_of_a_student_keeps_their_attempts(
    teacher_client, setup
):
    classroom, _assignment, student = setup
    url = _url("teaching:student_remove", "student", *setup)
    assert teacher_client.post(url).status_code == 302
    assert not classroom.students.exists()
    assert student.attempts.count() == 1


def test_confirming_the_removal_of_an_assignment_keeps_the_attempts(
    teacher_client, setup
):
    classroom, _assignment, student = setup
    url = _url("teaching:assignment_remove", "assignment", *setup)
    assert teacher_client.post(url).status_code == 302
    assert not classroom.assignments.exists()
    assert student.attempts.count() == 1


def test_the_archive_page_of_an_archived_class_offers_to_reopen(
    teacher_client, teacher
):
    classroom = make_classroom(teacher=teacher)
    url = reverse("teaching:classroom_archive", args=[classroom.pk])
    teacher_client.post(url, {"archive": "1"})
    html = teacher_client.get(url).content.decode()
    assert "Reopen the class" in html
    assert 'name="archive" value="0"' in html


@pytest.mark.parametrize("value", ["", "yes", "2"])
def test_a_forged_archive_choice_is_a_400_and_changes_nothing(
    teacher_client, teacher, value
):
    classroom = make_classroom(teacher=teacher)
    url = reverse("teaching:classroom_archive", args=[classroom.pk])
    assert teacher_client.post(url, {"archive": value}).status_code == 400
    classroom.refresh_from_db()
    assert not classroom.is_archived


# Who may see the confirmation pages -----------------------------------------


@pytest.mark.parametrize(("name", "names", "says"), CONFIRMATIONS)
def test_visitors_are_sent_to_log_in_from_confirmation_pages(
    visitor, setup, name, names, says
):
    response = visitor.get(_url(name, names, *setup))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "names", "says"), CONFIRMATIONS)
def test_students_get_a_403_on_confirmation_pages(client, setup, name, names, says):
    client.force_login(make_student())
    assert client.get(_url(name, names, *setup)).status_code == 403


@pytest.mark.parametrize(("name", "names", "says"), CONFIRMATIONS)
def test_another_teachers_confirmation_pages_are_a_404(
    client, setup, name, names, says
):
    client.force_login(make_teacher())
    assert client.get(_url(name, names, *setup)).status_code == 404
    assert _unchanged(*setup)


def test_a_forged_assignment_or_student_on_a_confirmation_page_is_a_404(
    teacher_client, setup
):
    classroom, _assignment, _student = setup
    other_class = make_classroom(students=[make_student()])
    other = make_assignment(
        classroom=other_class, lesson=make_quiz().lesson, due_on=None
    )
    outsider = other_class.students.get()
    for url in (
        reverse("teaching:assignment_remove", args=[classroom.pk, other.pk]),
        reverse("teaching:student_remove", args=[classroom.pk, outsider.pk]),
    ):
        assert teacher_client.get(url).status_code == 404
        assert teacher_client.post(url).status_code == 404
    assert other_class.assignments.exists()
    assert other_class.students.exists()


@pytest.mark.parametrize(("name", "names", "says"), CONFIRMATIONS)
def test_a_confirmation_page_takes_the_same_queries_however_big_the_class(
    teacher_client,
    setup,
    django_assert_max_num_queries,
    django_assert_num_queries,
    name,
    names,
    says,
):
    url = _url(name, names, *setup)
    teacher_client.get(url)  # warm the session
    with django_assert_max_num_queries(5) as small:
        teacher_client.get(url)
    classroom = setup[0]
    quiz = make_quiz()
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    for _ in range(5):
        student = make_student()
        enrol_student(student=student, join_code=classroom.join_code)
        make_submitted_attempt(student=student, quiz=quiz)
    with django_assert_num_queries(len(small)):
        teacher_client.get(url)
