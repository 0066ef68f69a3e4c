"""Signing up, logging in and out."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.forms import SignUpForm
from accounts.models import User
from tests.factories import PASSWORD, make_student

pytestmark = pytest.mark.django_db


def test_a_visitor_signs_up_with_a_username_and_password_only(client):
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    user = User.objects.get(username="ada")
    assert user.email == ""
    assert not user.is_staff
    assert response.context["user"] == user
    assert "Welcome, ada" in response.content.decode()


def test_sign_up_refuses_a_taken_username_with_a_message(client):
    make_student(username="ada")
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username="ada").count() == 1


def test_sign_up_refuses_a_username_that_differs_only_in_case(client):
    make_student(username="ada")
    response = client.post(
        reverse("signup"),
        {"username": "Ada", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username__iexact="ada").count() == 1


def test_a_name_taken_while_signing_up_gets_a_message(client, monkeypatch):
    """The form found the name free, then a simultaneous request took it (the
    race itself is in test_concurrency, on PostgreSQL)."""
    make_student(username="ada")
    monkeypatch.setattr(SignUpForm, "clean_username", lambda form: "ada")
    monkeypatch.setattr(SignUpForm, "validate_unique", lambda form: None)
    response = client.post(
        reverse("signup"),
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username="ada").count() == 1


def test_sign_up_refuses_mismatched_or_weak_passwords(client):
    for first, second in [(PASSWORD, PASSWORD + "x"), ("12345678", "12345678")]:
        response = client.post(
            reverse("signup"),
            {"username": "ada", "password1": first, "password2": second},
        )
        assert response.status_code == 200
        assert 'class="invalid-feedback"' in response.content.decode()
    assert not User.objects.filter(username="ada").exists()


def test_a_student_logs_in_and_returns_to_the_lesson(client):
    make_student(username="ada")
    response = client.post(
        reverse("login"),
        {"username": "ada", "password": PASSWORD, "next": "/lessons/x/"},
    )
    assert response.url == "/lessons/x/"


def test_a_wrong_password_gets_a_message(client):
    make_student(username="ada")
    response = client.post(reverse("login"), {"username": "ada", "password": "no"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_logging_out_ends_the_session(student_client):
    student_client.post(reverse("logout"))
    response = student_client.get(reverse("civics:my_progress"))
    assert response.status_code == 302


def test_a_signed_in_user_visiting_sign_up_goes_home(student_client):
    response = student_client.get(reverse("signup"))
    assert response.url == reverse("civics:course_home")


def test_create_teacher_makes_a_staff_user_in_the_teachers_group(monkeypatch):
    monkeypatch.setenv("DJANGO_TEACHER_PASSWORD", PASSWORD)
    call_command("create_teacher", "ms_rivera", noinput=True, stdout=StringIO())
    teacher = User.objects.get(username="ms_rivera")
    assert teacher.is_staff
    assert not teacher.is_superuser
    assert teacher.check_password(PASSWORD)
    assert teacher.has_perm("civics.change_lesson")
    assert not teacher.has_perm("accounts.change_user")


def test_create_teacher_refuses_a_weak_password_and_creates_nobody(monkeypatch):
    monkeypatch.setenv("DJANGO_TEACHER_PASSWORD", "password")
    with pytest.raises(CommandError, match="too common"):
        call_command("create_teacher", "ms_rivera", noinput=True)
    assert not User.objects.filter(username="ms_rivera").exists()


def test_create_teacher_asks_for_a_staff_length_password(monkeypatch):
    """Eleven characters pass for a student, not for a teacher."""
    monkeypatch.setenv("DJANGO_TEACHER_PASSWORD", "Xq7-vbn-kpz")
    with pytest.raises(CommandError, match="too short for a teacher"):
        call_command("create_teacher", "ms_rivera", noinput=True)
    assert not User.objects.filter(username="ms_rivera").exists()


@pytest.mark.parametrize("taken", ["ms_rivera", "MS_Rivera"])
def test_create_teacher_refuses_a_name_taken_in_any_case(monkeypatch, taken):
    make_student(username="ms_rivera")
    monkeypatch.setenv("DJANGO_TEACHER_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_teacher", taken, noinput=True)
    assert User.objects.count() == 1


@pytest.mark.parametrize("url_name", ["signup", "login"])
def test_sign_up_and_log_in_do_not_move_the_focus_past_the_skip_link(client, url_name):
    response = client.get(reverse(url_name))
    assert "autofocus" not in response.content.decode()
