"""Request bodies the app could never want are refused before anyone reads
them: CSRF checking parses the body of every POST that carries a csrftoken
cookie, and Django streams a multipart file part to disk whatever its size."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from civics.models import Lesson
from tests.factories import PASSWORD, make_student
from tests.html_forms import form_data

LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # 2.5 MB
BOUNDARY = "attack"
COOKIE = "abcdefghijklmnopqrstuvwxyz012345"


class CountingInput:
    """A wsgi.input that makes up `size` bytes of a multipart body as it is
    read, and counts how many were."""

    def __init__(self, size):
        self.size = size
        self.read_bytes = 0
        self.head = (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="upload"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()

    def read(self, size=-1):
        start = self.read_bytes
        end = self.size if size is None or size < 0 else min(self.size, start + size)
        self.read_bytes = end
        head = self.head[start:end]
        return head + b"a" * (end - start - len(head))

    readline = read  # Django's LimitedStream takes it; nothing reads lines here


def _attacker():
    """An anonymous browser that CSRF-checks as a real server does, with a
    csrftoken cookie, so the check reads the body for the token."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = COOKIE
    return client


def _multipart(client, path, stream, **environ):
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        **{"wsgi.input": stream},
        **environ,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz"])
def test_a_declared_50_mb_upload_is_refused_without_reading_it(path):
    stream = CountingInput(50 * 1024 * 1024)
    response = _multipart(_attacker(), path, stream, CONTENT_LENGTH=str(stream.size))
    assert stream.read_bytes == 0
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_a_chunked_upload_is_refused_without_reading_it():
    """Django reads a body only as far as its Content-Length (none: nothing),
    so a chunked body would be dropped unread; say so instead."""
    stream = CountingInput(50 * 1024 * 1024)
    response = _multipart(
        _attacker(), "/accounts/login/", stream, HTTP_TRANSFER_ENCODING="chunked"
    )
    assert response.status_code == 411
    assert stream.read_bytes == 0


def _padded_login(size):
    """A log-in form padded to exactly `size` bytes, urlencoded."""
    fields = {"username": "ada", "password": PASSWORD, "padding": ""}
    fields["padding"] = "a" * (size - len(urlencode(fields)))
    body = urlencode(fields)
    assert len(body) == size
    return body


@pytest.mark.django_db
def test_a_body_one_byte_over_the_limit_is_refused():
    make_student(username="ada")
    response = Client().post(
        reverse("login"),
        _padded_login(LIMIT + 1),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_body_at_the_limit_still_logs_in():
    make_student(username="ada")
    response = Client().post(
        reverse("login"),
        _padded_login(LIMIT),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_log_in_with_its_csrf_token_still_works():
    make_student(username="ada")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"csrfmiddlewaretoken": token, "username": "ada", "password": PASSWORD},
    )
    assert response.status_code == 302


def test_the_biggest_lesson_edit_is_far_under_the_limit_and_saves(admin_client):
    """The largest body the app takes: the admin's editor of the longest
    shipped lesson, with all its questions and choices (about 28 KB)."""
    call_command("load_curriculum", verbosity=0)
    sizes = {}
    for lesson in Lesson.objects.all():
        url = reverse("admin:civics_lesson_change", args=[lesson.pk])
        sizes[url] = form_data(admin_client.get(url).content.decode(), "lesson_form")
    url, data = max(sizes.items(), key=lambda item: len(urlencode(item[1])))
    assert len(urlencode(data)) < LIMIT / 20
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
