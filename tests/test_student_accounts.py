"""What a teacher can do for a student's account from the class pages, and
where a teacher lands on logging in."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import PASSWORD, make_student, make_teacher

pytestmark = pytest.mark.django_db


def test_a_teacher_who_logs_in_lands_on_my_classes(client):
    teacher = make_teacher()
    response = client.post(
        reverse("login"), {"username": teacher.username, "password": PASSWORD}
    )
    assert response.url == reverse("teaching:classroom_list")


def test_a_student_who_logs_in_lands_on_the_course_home(client):
    student = make_student()
    response = client.post(
        reverse("login"), {"username": student.username, "password": PASSWORD}
    )
    assert response.url == reverse("civics:course_home")


def test_a_teacher_logging_in_from_a_link_still_goes_where_it_led(client):
    teacher = make_teacher()
    response = client.post(
        reverse("login"),
        {"username": teacher.username, "password": PASSWORD, "next": "/lessons/x/"},
    )
    assert response.url == "/lessons/x/"


def test_create_teacher_says_to_start_at_my_classes(monkeypatch):
    monkeypatch.setenv("DJANGO_TEACHER_PASSWORD", PASSWORD)
    out = StringIO()
    call_command("create_teacher", "ms_rivera", noinput=True, stdout=out)
    assert "/teach/" in out.getvalue()
    assert "/admin/" not in out.getvalue()
