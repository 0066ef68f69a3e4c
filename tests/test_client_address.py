"""Which address a request is counted under (the sign-up limit, the log-in
lockout): X-Forwarded-For is believed only from a trusted proxy, only as far
as the proxies wrote it, and only when it holds an address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from accounts.network import client_address
from tests.factories import PASSWORD, make_teacher

# The school's proxy runs on the same machine as gunicorn (README's production
# section), so it connects from loopback; LOAD_BALANCER sits in front of it
# where there are two.
PROXY = "127.0.0.1"
LOAD_BALANCER = "10.0.0.5"
# Someone who reaches gunicorn without going through the proxy.
DIRECT = "203.0.113.50"


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128"]
    return settings


def _address(rf, remote_addr, forwarded_for=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_address(rf.get("/", **meta))


def test_behind_the_proxy_the_address_it_saw_is_used(rf, behind_proxy):
    assert _address(rf, PROXY, "203.0.113.7") == "203.0.113.7"


def test_an_entry_the_browser_added_before_the_proxys_is_not_believed(rf, behind_proxy):
    assert _address(rf, PROXY, "192.0.2.99, 203.0.113.7") == "203.0.113.7"


def test_without_a_proxy_the_header_is_ignored(rf, settings):
    settings.BEHIND_PROXY = False
    assert _address(rf, DIRECT, "192.0.2.99") == DIRECT


def test_a_header_from_a_connection_that_is_not_the_proxy_is_ignored(rf, behind_proxy):
    # gunicorn reachable without the proxy: the header is the browser's own.
    assert _address(rf, DIRECT, "192.0.2.99") == DIRECT


@pytest.mark.parametrize(
    "forwarded_for",
    ["not-an-ip", "::not:valid", "", " , ", "203.0.113.7:443", "<script>", "999.1.1.1"],
)
def test_an_entry_that_is_not_an_address_falls_back_to_the_proxys(
    rf, behind_proxy, forwarded_for
):
    assert _address(rf, PROXY, forwarded_for) == PROXY


def test_no_header_at_all_falls_back_to_the_proxys_address(rf, behind_proxy):
    assert _address(rf, PROXY) == PROXY


def test_with_two_proxies_the_address_the_outer_one_saw_is_used(rf, behind_proxy):
    behind_proxy.PROXY_COUNT = 2
    behind_proxy.TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/24"]
    forwarded = f"192.0.2.99, 203.0.113.7, {LOAD_BALANCER}"
    assert _address(rf, PROXY, forwarded) == "203.0.113.7"


def test_with_two_proxies_a_request_that_skipped_the_outer_one_is_not_believed(
    rf, behind_proxy
):
    # Straight to the inner proxy, which adds the address it saw: the
    # browser's own entry before it names nobody.
    behind_proxy.PROXY_COUNT = 2
    behind_proxy.TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/24"]
    assert _address(rf, PROXY, f"192.0.2.99, {DIRECT}") == DIRECT


def test_with_two_proxies_a_short_header_falls_back_to_the_nearest_address(
    rf, behind_proxy
):
    behind_proxy.PROXY_COUNT = 2
    behind_proxy.TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/24"]
    assert _address(rf, PROXY, LOAD_BALANCER) == LOAD_BALANCER


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        ("2001:DB8:0::1", "2001:db8::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("fe80::1%eth0", "fe80::1"),
    ],
)
def test_one_address_is_counted_under_one_spelling(
    rf, behind_proxy, forwarded_for, expected
):
    assert _address(rf, PROXY, forwarded_for) == expected


def test_a_proxy_on_a_unix_socket_is_trusted(rf, behind_proxy):
    # gunicorn gives no address for a Unix-socket connection, which only a
    # process on the same machine can open.
    assert _address(rf, "", "203.0.113.7") == "203.0.113.7"


# Through the whole site, on both log-in pages.

LOGIN_PAGES = ["login", "admin:login"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", LOGIN_PAGES)
@pytest.mark.parametrize("forwarded_for", ["not-an-ip", "::not:valid"])
def test_a_log_in_forwarded_with_no_address_is_counted_under_the_proxys(
    behind_proxy, page, forwarded_for
):
    teacher = make_teacher()
    browser = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    response = browser.post(
        reverse(page), {"username": teacher.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get().ip_address == PROXY
    right = browser.post(
        reverse(page), {"username": teacher.username, "password": PASSWORD}
    )
    assert right.status_code == 302


def _sign_up(browser, username):
    return browser.post(
        reverse("signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
    )


@pytest.mark.django_db
def test_sign_ups_that_reach_gunicorn_without_the_proxy_cannot_name_a_fresh_address(
    behind_proxy,
):
    behind_proxy.SIGNUP_LIMIT = 2
    for n in range(2):
        browser = Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        assert _sign_up(browser, f"pupil{n}").status_code == 302
    browser = Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert _sign_up(browser, "pupil2").status_code == 429


@pytest.mark.django_db
def test_an_extra_forwarded_entry_does_not_escape_the_log_in_lockout(behind_proxy):
    teacher = make_teacher()
    for _ in range(5):
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7").post(
            reverse("login"), {"username": teacher.username, "password": "wrong"}
        )
    spoofed = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
    response = spoofed.post(
        reverse("login"), {"username": teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 429
