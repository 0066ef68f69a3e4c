"""A student's first name and last initial: given at sign-up or later, and
shown to their teachers beside the username."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.forms import NameForm
from accounts.models import User
from tests.factories import (
    PASSWORD,
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
)

pytestmark = pytest.mark.django_db


def test_a_user_is_known_by_first_name_and_initial_or_by_username():
    assert User(
        username="devon_k", first_name="Devon", last_name="K"
    ).name_for_teachers == ("Devon K. (devon_k)")
    assert User(username="devon_k", first_name="Devon").name_for_teachers == (
        "Devon (devon_k)"
    )
    assert User(username="devon_k").name_for_teachers == "devon_k"
    assert User(username="devon_k", first_name="Devon", last_name="K").display_name == (
        "Devon K."
    )
    assert User(username="devon_k").display_name == "devon_k"


def test_a_whole_last_name_from_the_admin_shows_as_its_initial():
    """The admin's user form takes a whole last name; class pages still only
    give the initial."""
    user = User(username="aaliyah", first_name="Aaliyah", last_name="okafor-Reynolds")
    assert user.name_for_teachers == "Aaliyah O. (aaliyah)"


def test_sign_up_takes_an_optional_first_name_and_last_initial(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "devon_k",
            "first_name": "Devon",
            "last_name": "k",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="devon_k")
    assert (user.first_name, user.last_name) == ("Devon", "K")


def test_sign_up_still_works_without_a_name(client):
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.get(username="ada").name_for_teachers == "ada"


@pytest.mark.parametrize("initial", ["Kowalski", "7", "K K", "--"])
def test_a_last_initial_is_one_letter(initial):
    form = NameForm({"first_name": "Devon", "last_name": initial}, instance=User())
    assert not form.is_valid()
    assert form.has_error("last_name")


def test_a_last_initial_may_be_typed_with_a_full_stop():
    form = NameForm({"first_name": "Devon", "last_name": "k."}, instance=User())
    assert form.is_valid()
    assert form.cleaned_data["last_name"] == "K"


def test_a_student_changes_their_name(student_client, student):
    page = student_client.get(reverse("civics:my_progress")).content.decode()
    assert reverse("your_name") in page
    assert student_client.get(reverse("your_name")).status_code == 200
    response = student_client.post(
        reverse("your_name"), {"first_name": "Devon", "last_name": "K"}
    )
    assert response.url == reverse("civics:my_progress")
    student.refresh_from_db()
    assert student.name_for_teachers == f"Devon K. ({student.username})"


def test_a_bad_initial_changes_nothing(student_client, student):
    response = student_client.post(
        reverse("your_name"), {"first_name": "Devon", "last_name": "Kowalski"}
    )
    assert response.status_code == 200
    student.refresh_from_db()
    assert (student.first_name, student.last_name) == ("", "")


def test_a_visitor_is_sent_to_log_in_for_the_name_page(visitor):
    response = visitor.get(reverse("your_name"))
    assert response.url.startswith(reverse("login"))


@pytest.fixture
def devon(db):
    return make_student(username="devon_k", first_name="Devon", last_name="K")


@pytest.fixture
def classroom(teacher, devon):
    return make_classroom(teacher=teacher, students=[devon, make_student()])


def test_the_dashboard_grid_and_roster_show_names(teacher_client, classroom):
    make_assignment(classroom=classroom, lesson=make_quiz().lesson)
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    # Once in the grid, once in the roster, once in the roster's remove button.
    assert page.count("Devon K. (devon_k)") == 3


def test_the_drill_down_shows_the_name(teacher_client, classroom, devon):
    url = reverse("teaching:student_detail", args=[classroom.pk, devon.pk])
    page = teacher_client.get(url).content.decode()
    assert "<h1>Devon K. (devon_k)</h1>" in page


def test_the_gradebook_names_each_student(teacher_client, classroom):
    response = teacher_client.get(
        reverse("teaching:gradebook_csv", args=[classroom.pk])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:] if r[0].startswith("D")] == ["Devon K. (devon_k)"]


def test_the_gradebook_keeps_a_name_from_running_as_a_formula(teacher_client, teacher):
    sneaky = make_student(username="sneaky", first_name="=1+1")
    classroom = make_classroom(teacher=teacher, students=[sneaky])
    response = teacher_client.get(
        reverse("teaching:gradebook_csv", args=[classroom.pk])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=1+1 (sneaky)"


def test_names_are_escaped_on_the_dashboard(teacher_client, teacher):
    make_classroom(teacher=teacher, students=[make_student(first_name="<b>Bo</b>")])
    classroom = teacher.classrooms_taught.get()
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "<b>Bo</b>" not in page
    assert "&lt;b&gt;Bo&lt;/b&gt;" in page


def test_a_teacher_reviewing_an_attempt_reads_the_students_name(
    teacher_client, classroom, devon
):
    quiz = make_quiz()
    attempt = make_submitted_attempt(student=devon, quiz=quiz)
    page = teacher_client.get(attempt.get_absolute_url()).content.decode()
    assert "Devon K.\u2019s score" in page
    assert "devon_k\u2019s score" not in page


def test_a_student_reads_about_themselves_not_their_name(devon, client):
    client.force_login(devon)
    attempt = make_submitted_attempt(student=devon, quiz=make_quiz())
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Your score" in page
    assert "Devon K." not in page


def test_a_teacher_reads_the_students_answers_and_goes_back_to_them(
    teacher_client, teacher, devon
):
    first = make_classroom(teacher=teacher, students=[devon], name="Civics, period 3")
    second = make_classroom(teacher=teacher, students=[devon], name="Civics club")
    elsewhere = make_classroom(students=[devon], name="Someone else's class")
    attempt = make_submitted_attempt(student=devon, quiz=make_quiz())
    page = teacher_client.get(attempt.get_absolute_url()).content.decode()
    assert "Devon K.\u2019s answer" in page
    assert "Your answer" not in page
    assert "Back to the lesson" not in page
    for classroom in (first, second):
        url = reverse("teaching:student_detail", args=[classroom.pk, devon.pk])
        assert f'href="{url}">Back to Devon K. in {classroom.name}</a>' in page
    assert elsewhere.name not in page


def test_a_student_reads_your_answer_and_no_class_links(devon, client):
    make_classroom(students=[devon], name="Civics, period 3")
    client.force_login(devon)
    attempt = make_submitted_attempt(student=devon, quiz=make_quiz())
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Your answer" in page
    assert "Back to the lesson" in page
    assert "Civics, period 3" not in page


def test_a_teachers_attempt_page_takes_the_same_queries_however_many_classes(
    teacher, devon, django_assert_num_queries
):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(teacher)
    make_classroom(teacher=teacher, students=[devon])
    attempt = make_submitted_attempt(student=devon, quiz=make_quiz())
    client.get(attempt.get_absolute_url())  # warm caches
    with CaptureQueriesContext(connection) as one_class:
        client.get(attempt.get_absolute_url())
    for _ in range(3):
        make_classroom(teacher=teacher, students=[devon])
    with django_assert_num_queries(len(one_class)):
        client.get(attempt.get_absolute_url())
