"""Usernames are plain ASCII (issue 19, finding 10), so "teacher_a" with a
Cyrillic a cannot pass for "teacher_a" in a roster or the gradebook. Accounts
made before the rule still log in."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, make_student

pytestmark = pytest.mark.django_db


def _sign_up(client, username):
    return client.post(
        reverse("signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
    )


@pytest.mark.parametrize(
    "username",
    [
        "teacher_\u0430",  # a Cyrillic a
        "t\u0435acher_a",  # a Cyrillic e
        "teacher_\u03bf",  # a Greek o
        "zo\u00eb",  # ë
        "devon\u200bk",  # a zero-width space
        "ada\u0301",  # a combining accent
        "\u0661\u0662\u0663",  # Arabic-Indic digits
    ],
)
def test_sign_up_refuses_a_username_beyond_ascii(client, username):
    make_student(username="teacher_a")
    response = _sign_up(client, username)
    assert response.status_code == 200
    assert User.objects.count() == 1


def test_the_refusal_says_which_characters_are_allowed(client):
    page = html.unescape(_sign_up(client, "teacher_\u0430").content.decode())
    assert (
        "Use only the letters a-z and A-Z (no accents or other alphabets), the "
        "digits 0-9 and @ . + - _ in a username." in page
    )


@pytest.mark.parametrize("username", ["devon_k", "Ada.Lovelace", "a+b@c-d_9"])
def test_sign_up_takes_an_ascii_username(client, username):
    assert _sign_up(client, username).status_code == 302
    assert User.objects.filter(username=username).exists()


def test_the_user_model_refuses_a_look_alike_username_everywhere_it_validates():
    """The admin's add-user form and full_clean() read the model field."""
    with pytest.raises(ValidationError) as error:
        User(username="teacher_\u0430", password="x").full_clean()
    assert "username" in error.value.message_dict


def test_a_full_width_username_is_read_as_plain_ascii(client):
    """Django folds full-width letters (NFKC) before the check, so "teacher"
    typed in full-width letters is "teacher", refused only as a taken name."""
    make_student(username="teacher")
    page = _sign_up(client, "\uff54\uff45\uff41\uff43\uff48\uff45\uff52")
    assert "already exists" in page.content.decode()


def test_an_account_from_before_the_rule_still_logs_in(client):
    """Validators run on forms, not on log-in, and the migration only changes
    the field's validators."""
    make_student(username="zo\u00eb")
    response = client.post(
        reverse("login"), {"username": "zo\u00eb", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("civics:my_progress")).status_code == 200


def test_the_sign_up_help_text_says_which_characters_are_allowed(client):
    page = html.unescape(client.get(reverse("signup")).content.decode())
    assert "Letters a-z (no accents or other alphabets), digits and @ . + - _" in page
