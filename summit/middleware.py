"""Refuse requests the app could never want: bodies before anything reads
them, and numbers too large for the database."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest

logger = logging.getLogger(__name__)

TEXT = "text/plain; charset=utf-8"


class RequestBodyLimitMiddleware:
    """Answers 413 to a body declared larger than DATA_UPLOAD_MAX_MEMORY_SIZE
    and 411 to one sent without a declared length, reading none of it.

    Django holds form fields to that limit but streams a multipart body's
    file parts to disk whatever their size, and CSRF checking parses the body
    of any POST that carries a csrftoken cookie, so anyone could make a worker
    read and spool gigabytes. The app takes no uploads: the whole body is held
    to the fields' limit. Django reads a body only as far as its
    Content-Length, so a chunked one would otherwise be dropped unread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_TRANSFER_ENCODING" in request.META:
            return HttpResponse(
                "Send the request with a Content-Length header.",
                status=411,
                content_type=TEXT,
            )
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _declared_length(request) > limit:
            return HttpResponse(
                f"This request is too large: the site takes at most "
                f"{limit / 1024 / 1024:.1f} MB.",
                status=413,
                content_type=TEXT,
            )
        return self.get_response(request)


def _declared_length(request):
    """CONTENT_LENGTH as Django reads it: anything but a number counts as none."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class NumberTooLargeMiddleware:
    """Answers 400 where a number from the request is too large for SQLite's
    64-bit integers. SQLite raises OverflowError while binding it, in any
    lookup Django does not guard (a forged form's `pk__in`, the admin's list
    filters and actions); PostgreSQL finds nothing instead. URLs are guarded
    earlier, by the `id` path converter (summit.converters)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError):
            return None
        logger.warning("Number too large for the database: %s", request.path)
        return HttpResponseBadRequest(
            "A number in the address or the form is too large. Go back and "
            "try again from the page.",
            content_type=TEXT,
        )
