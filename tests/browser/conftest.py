"""Browser tests: Playwright drives Debian's Chromium against the live server.

One browser for the whole session (a launch costs about a second), a new
context, with its own cookies and storage, for every page a test opens.
"""

import os

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Keep Chromium off the network: no updates, sync, QUIC probes or first-run
# tasks. --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# A wait that runs out means the page is broken; fail well before the
# default 30 seconds.
TIMEOUT_MS = 10_000
# expect() has a clock of its own (5 seconds): a loaded machine ran past it.
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Chromium for the whole session, started once the test database exists
    (see _restore)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}. `make test` installs "
            "it when run as root; otherwise run `apt-get install chromium` as root.",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as env:
        # Playwright's sync API keeps an asyncio loop running in this thread,
        # which makes Django refuse the test's own queries as "async unsafe".
        # They are not: the live server answers from its own thread. The flag
        # is on only while Playwright runs, and pytest-django runs these
        # transactional tests after every other database test.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        migrated = _migrated_data()
        with sync_playwright() as playwright:
            _restore(migrated)
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


def _migrated_data():
    """What serialized rollback puts back after each test's flush: the rows
    the migrations wrote (the Teachers group), saved on each connection
    when the test database was made."""
    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _restore(migrated):
    """While an event loop runs in this thread, Django keeps its connections
    per async context, so the test gets new connection objects once
    Playwright has started; they need the saved rows too."""
    for alias, contents in migrated.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture
def open_page(browser, live_server, django_db_serialized_rollback):
    """open_page(user=None, **context_options) opens a page in a new context,
    signed in as `user` when given.

    Each browser test's database is flushed afterwards; serialized rollback
    puts back what the migrations created (the Teachers group) for the next.
    Reduced motion turns Bootstrap's transitions off, so a focus ring is
    drawn in full the moment an element takes focus.
    """
    contexts = []

    def open_page(user=None, **options):
        options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookie.value,
                        "url": live_server.url,
                    }
                ]
            )
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """A visitor's page: nobody is signed in."""
    return open_page()
