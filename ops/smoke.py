"""Smoke test of the production way to run: gunicorn, PostgreSQL, Redis and
WhiteNoise. Fetches the main pages as a visitor and as a student, checks
pages and static files come compressed (static files with far-future
caching), that the cache in use, for sessions and pages too, is Redis, and
that an oversized or chunked upload is refused before it is sent. Exits
non-zero on the first failure.

Run with `make smoke`; .ci/run runs it after the test suite.
"""

import gzip
import http.client
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

import redis

from civics.page_cache import PAGE_KEY_PREFIX
from ops.production import (
    drop_database,
    environment,
    gunicorn,
    prepare,
    recreate_database,
)

DATABASE = "summit_smoke"
PAGES = [
    "/",
    "/lessons/treaty-clause/",
    "/lessons/anchorage-summit-2025/",
    "/glossary/",
    "/tools/",
    "/tools/senate-vote-calculator/?voting=99&yes=66",
    "/tools/handshake-to-law/",
    "/tools/summit-timeline/",
    "/accounts/login/",
    "/accounts/signup/",
]
STUDENT_PAGES = ["/", "/progress/", "/join/"]


def check(condition, message):
    if not condition:
        sys.exit(f"SMOKE FAILED: {message}")
    print(f"ok  {message}")


def main():
    recreate_database(DATABASE)
    env = environment(DATABASE, port=8765)
    try:
        prepare(env)
        with gunicorn(env, workers=2) as base:
            run_checks(base)
    finally:
        drop_database(DATABASE)
    print("smoke test passed")


def check_uploads_are_refused_unread(base):
    """Only the headers are sent: a server that waited for the body would
    answer nothing until gunicorn's timeout."""
    address = urllib.parse.urlsplit(base)
    for length, status, what in [
        ({"Content-Length": str(50 * 1024 * 1024)}, 413, "a 50 MB upload"),
        ({"Transfer-Encoding": "chunked"}, 411, "a chunked upload"),
    ]:
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=5
        )
        connection.putrequest("POST", "/accounts/login/")
        headers = {
            "Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyz012345",
            "Content-Type": "multipart/form-data; boundary=x",
            **length,
        }
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        try:
            answer = connection.getresponse().status
        except TimeoutError:
            answer = None
        finally:
            connection.close()
        check(answer == status, f"{what} is refused ({status}) before it is sent")


def run_checks(base):
    check_uploads_are_refused_unread(base)
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for path in PAGES:
        with browser.open(base + path) as response:
            check(response.status == 200, f"GET {path} answers 200")

    home = browser.open(base + "/").read().decode()
    stylesheet = re.search(r'href="(/static/vendor/[^"]+\.css)"', home)[1]
    check(
        re.search(r"\.[0-9a-f]{12}\.css$", stylesheet) is not None,
        "stylesheets have content-hashed names",
    )
    request = urllib.request.Request(
        base + stylesheet, headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:
        body = response.read()
        check(
            response.headers["Content-Encoding"] == "gzip",
            "static files come compressed",
        )
        check(
            "immutable" in response.headers["Cache-Control"]
            and "max-age=315360000" in response.headers["Cache-Control"],
            "static files are cached far into the future",
        )
        check(
            len(gzip.decompress(body)) > len(body), "compression shrinks the stylesheet"
        )

    request = urllib.request.Request(base + "/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        check(
            response.headers["Content-Encoding"] == "gzip"
            and b"<h1" in gzip.decompress(response.read()),
            "pages come compressed",
        )

    signup = browser.open(base + "/accounts/signup/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', signup)[1]
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "smoke_student",
            "password1": "a-Long-enough-passphrase-7",
            "password2": "a-Long-enough-passphrase-7",
        }
    ).encode()
    with browser.open(
        urllib.request.Request(
            base + "/accounts/signup/",
            data=form,
            headers={"Referer": base + "/accounts/signup/"},
        )
    ) as response:
        check(
            "Welcome, smoke_student" in response.read().decode(), "a student signs up"
        )
    for path in STUDENT_PAGES:
        with browser.open(base + path) as response:
            check(response.status == 200, f"GET {path} answers 200 for the student")

    cache = redis.Redis.from_url("redis://127.0.0.1:6379/1")
    check(
        any(cache.scan_iter("*signups:*")),
        "the sign-up throttle counts in Redis, the shared cache",
    )
    check(
        any(cache.scan_iter(f"*{PAGE_KEY_PREFIX}/lessons/treaty-clause/")),
        "visitors' pages are kept in Redis",
    )
    check(
        any(cache.scan_iter("*django.contrib.sessions.cached_db*")),
        "sessions are read from Redis",
    )


if __name__ == "__main__":
    main()
