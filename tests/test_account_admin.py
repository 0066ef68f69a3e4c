"""Passwords set in the admin: one an administrator sets for someone else is
a temporary password, to be changed at that person's next log-in, as after a
teacher's reset; an administrator's own stays theirs."""

import pytest
from django.urls import reverse

from tests.factories import make_student, make_teacher

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-long-passphrase-9"


def _password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def _set_password(client, user, password=NEW_PASSWORD, confirmation=None):
    return client.post(
        _password_url(user),
        {
            "usable_password": "true",
            "password1": password,
            "password2": confirmation or password,
            "set-password": "Change password",
        },
    )


def test_admin_set_password_asks_the_user_to_choose_their_own(client, admin_client):
    devon = make_student(username="devon_k")
    assert _set_password(admin_client, devon).status_code == 302
    devon.refresh_from_db()
    assert devon.must_change_password
    client.post(reverse("login"), {"username": "devon_k", "password": NEW_PASSWORD})
    response = client.get(reverse("civics:course_home"))
    assert response.url == reverse("password_change")


def test_a_teacher_whose_password_an_admin_sets_chooses_their_own_too(admin_client):
    teacher = make_teacher()
    _set_password(admin_client, teacher)
    teacher.refresh_from_db()
    assert teacher.must_change_password


def test_an_admin_setting_their_own_password_keeps_it(admin_client, admin_user):
    assert _set_password(admin_client, admin_user).status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.check_password(NEW_PASSWORD)
    assert not admin_user.must_change_password
    # Still logged in, and not sent to change it again.
    assert admin_client.get(reverse("admin:index")).status_code == 200


def test_a_refused_password_changes_nothing(admin_client):
    devon = make_student()
    response = _set_password(admin_client, devon, confirmation="something-else-1")
    assert response.status_code == 200
    devon.refresh_from_db()
    assert not devon.must_change_password


def test_disabling_password_log_in_asks_for_no_new_password(admin_client):
    devon = make_student()
    response = admin_client.post(
        _password_url(devon), {"usable_password": "false", "unset-password": "1"}
    )
    assert response.status_code == 302
    devon.refresh_from_db()
    assert not devon.has_usable_password()
    assert not devon.must_change_password


def test_the_password_page_says_whose_password_is_temporary(admin_client, admin_user):
    devon = make_student(username="devon_k")
    note = "they will be asked to choose their own when they next log in"
    assert note in admin_client.get(_password_url(devon)).content.decode()
    assert note not in admin_client.get(_password_url(admin_user)).content.decode()


def test_a_teacher_cannot_set_passwords_in_the_admin(teacher_client):
    devon = make_student()
    assert _set_password(teacher_client, devon).status_code == 403
    devon.refresh_from_db()
    assert not devon.must_change_password
