"""Join codes cannot be guessed without limit (issue 19, finding 3): wrong
codes are counted per student and per network address, and past the limit
the join form answers 429 until the hour is out. A class mistyping its code
together from the school's one address is never stopped."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teaching.models import Enrolment
from tests.factories import make_classroom, make_student

pytestmark = pytest.mark.django_db

# The limits teaching/throttle.py sets, per hour.
STUDENT_LIMIT = 10
ADDRESS_LIMIT = 100
WRONG_CODE = "ZZZZZZ"
# Counts are kept by clock hour: the clock stops mid-hour, so that no test
# sees its counts start again because the hour ended while it ran.
NOW = timezone.make_aware(timezone.datetime(2026, 9, 8, 10, 20))


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def classroom(teacher):
    return make_classroom(teacher=teacher)


def _browser(student, address="10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    client.force_login(student)
    return client


def _typo(code):
    """The code with its last character mistyped."""
    return code[:-1] + ("2" if code[-1] != "2" else "3")


def _join(client, code):
    return client.post(reverse("teaching:join"), {"code": code})


def test_a_student_gets_a_429_after_ten_wrong_codes(classroom):
    student = make_student()
    browser = _browser(student)
    for _ in range(STUDENT_LIMIT):
        response = _join(browser, WRONG_CODE)
        assert response.status_code == 200
        assert "No class has that code" in response.content.decode()
    refused = _join(browser, WRONG_CODE)
    assert refused.status_code == 429


def test_past_the_limit_even_the_right_code_is_refused(classroom):
    """Otherwise a blocked guesser would still learn which code is a class."""
    student = make_student()
    browser = _browser(student)
    for _ in range(STUDENT_LIMIT):
        _join(browser, WRONG_CODE)
    assert _join(browser, classroom.join_code).status_code == 429
    assert not Enrolment.objects.exists()


def test_the_429_says_when_to_try_again_and_to_check_the_code(classroom):
    browser = _browser(make_student())
    for _ in range(STUDENT_LIMIT):
        _join(browser, WRONG_CODE)
    page = _join(browser, WRONG_CODE).content.decode()
    assert "Too many wrong class codes" in page
    assert "Try again after 11:00 AM" in page
    assert "check the code with your teacher" in page


def test_the_limit_ends_with_the_hour(classroom, monkeypatch):
    student = make_student()
    browser = _browser(student)
    for _ in range(STUDENT_LIMIT):
        _join(browser, WRONG_CODE)
    assert _join(browser, classroom.join_code).status_code == 429
    later = NOW + timedelta(minutes=40)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert _join(browser, classroom.join_code).status_code == 302
    assert classroom.students.get() == student


def test_a_successful_join_never_counts(classroom, teacher):
    """Joining twice is harmless, so successes must not count; nor do they
    wipe the count, or a guesser could rejoin a class of theirs between
    guesses."""
    student = make_student()
    browser = _browser(student)
    for _ in range(STUDENT_LIMIT + 5):
        assert _join(browser, classroom.join_code).status_code == 302
    for _ in range(STUDENT_LIMIT - 1):
        _join(browser, WRONG_CODE)
    assert _join(browser, classroom.join_code).status_code == 302
    assert _join(browser, WRONG_CODE).status_code == 200
    assert _join(browser, WRONG_CODE).status_code == 429


def test_a_malformed_code_does_not_count(classroom):
    """It never reaches the classes, so it tells a guesser nothing."""
    student = make_student()
    browser = _browser(student)
    for _ in range(STUDENT_LIMIT + 5):
        response = _join(browser, "K7M")
        assert "six letters and digits" in response.content.decode()
    assert _join(browser, classroom.join_code).status_code == 302


def test_the_student_limit_follows_the_student_to_another_address(classroom):
    student = make_student()
    at_school = _browser(student, "10.0.0.1")
    for _ in range(STUDENT_LIMIT):
        _join(at_school, WRONG_CODE)
    assert _join(_browser(student, "192.0.2.7"), WRONG_CODE).status_code == 429


def test_another_student_at_the_same_address_is_not_stopped_by_one(classroom):
    browser = _browser(make_student())
    for _ in range(STUDENT_LIMIT + 1):
        _join(browser, WRONG_CODE)
    classmate = make_student()
    assert _join(_browser(classmate), classroom.join_code).status_code == 302


def test_an_address_gets_a_429_after_a_hundred_wrong_codes(classroom):
    """Many accounts from one address (a script that signed them up) cannot
    share out the guessing; other addresses are unaffected."""
    for _ in range(ADDRESS_LIMIT // STUDENT_LIMIT):
        browser = _browser(make_student())
        for _ in range(STUDENT_LIMIT):
            assert _join(browser, WRONG_CODE).status_code == 200
    newcomer = make_student()
    assert _join(_browser(newcomer), classroom.join_code).status_code == 429
    elsewhere = _browser(newcomer, "192.0.2.7")
    assert _join(elsewhere, classroom.join_code).status_code == 302


def test_a_class_of_thirty_mistyping_from_one_address_is_not_blocked(classroom):
    """Every student behind the school's proxy has one address; each of 30
    mistypes the code twice, then gets it right."""
    students = [make_student() for _ in range(30)]
    for student in students:
        browser = _browser(student)
        for _ in range(2):
            assert _join(browser, _typo(classroom.join_code)).status_code == 200
        assert _join(browser, classroom.join_code).status_code == 302
    assert classroom.students.count() == 30


def test_the_join_link_posts_to_the_limited_form(classroom):
    student = make_student()
    browser = _browser(student)
    link = reverse("teaching:join_link", args=[classroom.join_code])
    page = browser.get(link).content.decode()
    assert f'action="{reverse("teaching:join")}"' in page
    for _ in range(STUDENT_LIMIT):
        _join(browser, WRONG_CODE)
    assert browser.get(link).status_code == 200
    assert _join(browser, classroom.join_code).status_code == 429


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(classroom, settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.1"]  # where _browser's requests come from
    for _ in range(ADDRESS_LIMIT // STUDENT_LIMIT):
        browser = _browser(make_student())
        for _ in range(STUDENT_LIMIT):
            _join(browser, WRONG_CODE)
    other_school = _browser(make_student())
    response = other_school.post(
        reverse("teaching:join"),
        {"code": classroom.join_code},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert response.status_code == 302
