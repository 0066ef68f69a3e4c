"""The log-in lockout (accounts/lockout.py), on the site's log-in page and
the admin's."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The site's log-in page and the admin's; a teacher may use either.
LOGIN_PAGES = ["login", "admin:login"]
SCHOOL = "203.0.113.7"


def _browser(address=SCHOOL):
    return Client(REMOTE_ADDR=address)


def _log_in(browser, username, password, page="login"):
    return browser.post(reverse(page), {"username": username, "password": password})


# A username longer than django-axes keeps.


@pytest.mark.parametrize("page", LOGIN_PAGES)
@pytest.mark.parametrize("length", [151, 255, 256, 1000])
def test_a_very_long_username_gets_the_forms_usual_error(page, length):
    response = _log_in(_browser(), "a" * length, "wrong", page)
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
