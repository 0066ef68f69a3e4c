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

Every browser asks for compressed pages, so each page is kept compressed too,
once, rather than compressed again for every visitor. GZipMiddleware pads each
response it compresses against BREACH, which guesses secrets on a page from
its compressed size; a visitor's cached page holds none (no user, and no CSRF
token: see below), so the copy kept is not padded.

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
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

CONTENT_VERSION_KEY = "content-version"
PAGE_TIMEOUT = 5 * 60
# v2 keeps a compressed copy with each page. A new format gets a new prefix, so
# that no release reads pages an older one kept (they expire on their own).
PAGE_KEY_PREFIX = "visitor-page:v2:"


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
    an address with a query string (the glossary's search: the page is kept
    under its path alone), any answer but 200, and a page that used the CSRF
    token (its form would carry one visitor's token to every other)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method != "GET"
            or request.GET
            or request.user.is_authenticated
            or len(messages.get_messages(request))
        ):
            return view(request, *args, **kwargs)
        key = PAGE_KEY_PREFIX + request.path
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY) or content_version()
        if key in found and found[key][0] == version:
            return _kept_page(request, *found[key][1:])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not request.META.get(
            "CSRF_COOKIE_NEEDS_UPDATE"
        ):
            page = (version, response.content, compress_string(response.content))
            cache.set(key, page, timeout=PAGE_TIMEOUT)
        return response

    return wrapper


def _kept_page(request, content, compressed):
    """The kept page, compressed for the browsers that ask, by GZipMiddleware's
    own reading of Accept-Encoding (it leaves an encoded response alone)."""
    if not re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        return HttpResponse(content)
    response = HttpResponse(compressed, headers={"Content-Encoding": "gzip"})
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
