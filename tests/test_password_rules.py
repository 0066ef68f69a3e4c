"""Weak passwords are refused (issue 19, finding 9): only spaces, or only the
words anyone would try at a school (the site's name, seasons and years,
school words, the username), and staff need a longer one. The rules are said
plainly under the password box."""

import html

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.services import temporary_password
from tests.factories import PASSWORD, make_classroom, make_student, make_teacher

pytestmark = pytest.mark.django_db


def _sign_up(client, password, username="ada"):
    return client.post(
        reverse("signup"),
        {"username": username, "password1": password, "password2": password},
    )


def _errors(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password",
    [
        " " * 8,
        " " * 20,
        "\t \u00a0\u3000 \t\n ",
        "civicscivics",
        "Summer2026!",
        "fall2026",
        "FALL 2026-2027",
        "Autumn.2025!!",
        "Student-2026",
        "summitsummer",
        "Teacher#School1",
        "ada2026!!ada",
    ],
)
def test_sign_up_refuses_a_weak_password(client, password):
    response = _sign_up(client, password)
    assert response.status_code == 200
    assert 'class="invalid-feedback"' in response.content.decode()
    assert not User.objects.filter(username="ada").exists()


def test_a_password_of_spaces_is_refused_saying_why():
    assert "This password is only spaces." in _errors(" " * 12)


def test_a_password_of_school_words_is_refused_saying_why():
    messages = _errors("Summer2026!")
    assert any("words anyone would guess at a school" in m for m in messages)


def test_the_username_counts_as_a_school_word():
    ada = User(username="ada_k")
    assert any("words anyone would guess" in m for m in _errors("adak-2026!!", ada))
    assert not _errors("adak-2026!!", User(username="devon"))


def test_letters_around_the_school_words_make_it_the_students_own():
    for password in (
        "summer2026-pancakes",
        "my civics notebook",
        "a long passphrase 42",
    ):
        assert not _errors(password), password


@pytest.mark.parametrize("password", [PASSWORD, "a long passphrase 42"])
def test_sign_up_takes_a_good_password(client, password):
    response = _sign_up(client, password)
    assert response.status_code == 302
    assert User.objects.get(username="ada").check_password(password)


def test_teachers_and_administrators_need_twelve_characters():
    teacher = make_teacher()
    admin = User.objects.create_superuser("principal", password=PASSWORD)
    student = make_student()
    eleven = "quiet-otter"
    for staff in (teacher, admin):
        assert any("at least 12 characters" in m for m in _errors(eleven, staff))
        assert not _errors(eleven + "s", staff)
    assert not _errors(eleven, student)


def test_a_teacher_changing_to_a_short_password_is_told_twelve(client):
    teacher = make_teacher()
    client.force_login(teacher)
    short = "quiet-otter"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": short, "new_password2": short},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in html.unescape(response.content.decode())
    teacher.refresh_from_db()
    assert teacher.check_password(PASSWORD)


def test_the_sign_up_form_says_the_rules_plainly(client):
    page = html.unescape(client.get(reverse("signup")).content.decode())
    assert "at least 8 characters" in page
    assert "only spaces" in page
    assert "Summer2026!" in page
    # A student signing up is not told the teachers' rule.
    assert "12 characters" not in page


def test_the_password_change_form_gives_a_teacher_the_teachers_rule(client):
    client.force_login(make_teacher())
    page = html.unescape(client.get(reverse("password_change")).content.decode())
    assert "at least 12 characters" in page


def test_temporary_passwords_pass_every_rule():
    student = make_student(username="devon_k")
    for _ in range(300):
        assert not _errors(temporary_password(), student)


def test_a_student_given_a_temporary_password_logs_in_and_chooses_one(client):
    teacher = make_teacher()
    student = make_student()
    classroom = make_classroom(teacher=teacher, students=[student])
    client.force_login(teacher)
    url = reverse("teaching:student_password_reset", args=[classroom.pk, student.pk])
    temporary = client.post(url, {"confirm": "yes"}).context["password"]
    client.logout()
    login = {"username": student.username, "password": temporary}
    assert client.post(reverse("login"), login).status_code == 302
    new = "my own-long passphrase 3"
    response = client.post(
        reverse("password_change"),
        {"old_password": temporary, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password(new)
