"""Whole pages for visitors, kept in the cache until the course changes.

A visitor's course home, lesson and glossary are the same for every visitor,
so each is rendered once and then served from the cache. Every page is kept
with the content version it was rendered under, a token that changes whenever
course content is saved or deleted (see civics/signals.py) or written in bulk
(`content_changed()`); a page from an older version is rendered anew, so a
teacher's edit shows on the next visit. The version and the page are read in
one round trip. A page is kept for a few minutes at
most, which bounds how stale it can be where the cache is not shared between
server processes (the in-memory default; Redis is shared).

Signed-in users are never served a cached page: theirs show their own progress.
The class dashboard's menu of lessons to assign, the same for every class, is
cached under the content version too (templates/teaching/classroom_detail.html).
"""

import functools
import uuid

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

CONTENT_VERSION_KEY = "content-version"
PAGE_TIMEOUT = 5 * 60


def content_version() -> str:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def content_changed() -> None:
    """Retire every cached page once the change is committed: bumping any
    earlier would let a visitor cache what the database held before it."""
    transaction.on_commit(
        lambda: cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    )


def cached_for_visitors(view):
    """Serve a visitor's GET from the cache, rendering and keeping it on a miss.

    Not cached: signed-in users, a visitor with a message waiting to be shown,
    any answer but 200, and a page that used the CSRF token (its form would
    carry one visitor's token to every other)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or len(messages.get_messages(request))
        ):
            return view(request, *args, **kwargs)
        key = f"visitor-page:{request.path}"
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY) or content_version()
        if key in found and found[key][0] == version:
            return HttpResponse(found[key][1])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not request.META.get(
            "CSRF_COOKIE_NEEDS_UPDATE"
        ):
            cache.set(key, (version, response.content), timeout=PAGE_TIMEOUT)
        return response

    return wrapper
