"""Browser protections, abuse resistance, error pages and error logging."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
)
from tests.html_forms import inline_code

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_browser_protections(client):
    response = client.get(reverse("civics:course_home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_pages_carry_no_inline_script_or_style(student_client, student):
    quiz = make_quiz(questions=2)
    student_client.post(reverse("civics:quiz_start", args=[quiz.lesson.slug]))
    attempt = student.attempts.get()
    urls = [
        reverse("civics:course_home"),
        quiz.lesson.get_absolute_url(),
        reverse("civics:attempt_take", args=[attempt.pk]),
        reverse("civics:my_progress"),
        reverse("civics:glossary"),
        reverse("teaching:join"),
        reverse("tools:vote_calculator") + "?voting=99&yes=66",
        reverse("tools:handshake_walk"),
        reverse("tools:summit_timeline"),
    ]
    for url in urls:
        assert inline_code(student_client.get(url).content.decode()) == [], url


def test_the_teachers_pages_carry_no_inline_script_or_style(teacher_client, teacher):
    student = make_student()
    classroom = make_classroom(teacher=teacher, students=[student])
    quiz = make_quiz(questions=2)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    make_submitted_attempt(student=student, quiz=quiz)
    urls = [
        reverse("teaching:classroom_list"),
        reverse("teaching:classroom_detail", args=[classroom.pk]),
        reverse("teaching:student_detail", args=[classroom.pk, student.pk]),
        reverse("teaching:item_analysis", args=[classroom.pk, quiz.lesson_id]),
        reverse("civics:lesson_preview", args=[quiz.lesson.slug]),
        reverse("admin:index"),
        reverse("admin:civics_lesson_changelist"),
        reverse("admin:civics_lesson_change", args=[quiz.lesson.pk]),
    ]
    for url in urls:
        assert inline_code(teacher_client.get(url).content.decode()) == [], url


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_out(client):
    make_student(username="ada")
    for _ in range(4):
        assert _login(client, "ada", "wrong").status_code == 200
    assert _login(client, "ada", "wrong").status_code == 429
    locked = _login(client, "ada", PASSWORD)
    assert locked.status_code == 429
    assert "Too many log-in attempts" in locked.content.decode()


def test_a_lockout_is_per_address_so_a_classmate_cannot_lock_you_out(client):
    make_student(username="ada")
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": "ada", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
        )
    elsewhere = Client().post(
        reverse("login"),
        {"username": "ada", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.2",
    )
    assert elsewhere.status_code == 302


def test_a_right_password_clears_earlier_failures(client):
    make_student(username="ada")
    for _ in range(4):
        _login(client, "ada", "wrong")
    assert _login(client, "ada", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        _login(client, "ada", "wrong")
    assert _login(client, "ada", PASSWORD).status_code == 302


def _sign_up(client, username):
    return client.post(
        reverse("signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_sign_ups_from_one_address_are_throttled(settings):
    settings.SIGNUP_LIMIT = 3
    for n in range(3):
        assert _sign_up(Client(), f"pupil{n}").status_code == 302
    refused = _sign_up(Client(), "pupil3")
    assert refused.status_code == 429
    assert "Wait a few minutes" in refused.content.decode()
    assert not get_user_model().objects.filter(username="pupil3").exists()


# Behind the school's proxy every request arrives from the proxy's address
# (loopback: it runs beside gunicorn, a trusted proxy by default); the proxy
# adds the student's own address last in X-Forwarded-For.
PROXY = "127.0.0.1"


def _via_proxy(forwarded_for):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_proxy_sign_ups_are_counted_per_student_address(settings):
    settings.BEHIND_PROXY = True
    settings.SIGNUP_LIMIT = 2
    for n in range(2):
        assert _sign_up(_via_proxy("203.0.113.7"), f"pupil{n}").status_code == 302
    assert _sign_up(_via_proxy("203.0.113.7"), "pupil2").status_code == 429
    assert _sign_up(_via_proxy("198.51.100.2"), "pupil3").status_code == 302


def test_behind_a_proxy_an_address_the_browser_made_up_does_not_escape_the_limit(
    settings,
):
    settings.BEHIND_PROXY = True
    settings.SIGNUP_LIMIT = 1
    assert _sign_up(_via_proxy("203.0.113.7"), "pupil0").status_code == 302
    made_up = _via_proxy("192.0.2.99, 203.0.113.7")
    assert _sign_up(made_up, "pupil1").status_code == 429


def test_without_a_proxy_a_forwarded_address_is_ignored(settings):
    settings.BEHIND_PROXY = False
    settings.SIGNUP_LIMIT = 1
    assert _sign_up(_via_proxy("203.0.113.7"), "pupil0").status_code == 302
    assert _sign_up(_via_proxy("198.51.100.2"), "pupil1").status_code == 429


def test_behind_a_proxy_a_lockout_is_per_student_address(settings):
    settings.BEHIND_PROXY = True
    make_student(username="ada")
    for _ in range(5):
        _login(_via_proxy("203.0.113.7"), "ada", "wrong")
    assert _login(_via_proxy("203.0.113.7"), "ada", PASSWORD).status_code == 429
    assert _login(_via_proxy("198.51.100.2"), "ada", PASSWORD).status_code == 302


def test_a_whole_class_behind_one_school_address_can_sign_up_together():
    for n in range(35):
        assert _sign_up(Client(), f"pupil{n}").status_code == 302


def test_a_session_lasts_a_school_day_and_ends_after_it(client):
    make_student(username="ada")
    response = _login(client, "ada", PASSWORD)
    max_age = int(response.cookies["sessionid"]["max-age"])
    assert 8 * 60 * 60 <= max_age <= 12 * 60 * 60


def test_the_404_page_is_in_the_sites_look(client):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'aria-label="Main"' in html


def test_the_403_page_explains_itself(student_client):
    response = student_client.get(reverse("teaching:classroom_list"))
    assert response.status_code == 403
    assert "This page is not for your account" in response.content.decode()


def test_the_400_page_answers_a_forged_host():
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "That request could not be read" in response.content.decode()


@pytest.mark.urls("tests.urls_with_failure")
def test_the_500_page_reassures_and_the_log_is_one_line_without_secrets(caplog):
    browser = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = browser.post("/fail/", {"password": "hunter2-secret"})
    assert response.status_code == 500
    assert "Your saved answers are safe." in response.content.decode()
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    # Written as settings.LOGGING's console handler writes it (pytest adds
    # handlers of its own, each of a subclass).
    (handler,) = [
        h
        for h in logging.getLogger("django.request").handlers
        if type(h) is logging.StreamHandler
    ]
    line = handler.format(record)
    assert "\n" not in line
    assert "Internal Server Error: /fail/" in line
    assert "[RuntimeError: The database went away]" in line
    assert "hunter2-secret" not in line
