"""URL converters for the site's own patterns."""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    """A database id: up to 18 digits, so that every id a URL can carry fits
    the 64-bit integer SQLite and PostgreSQL store. A longer one matches no
    URL and is a 404 on both, where `int` let it through to SQLite, which
    cannot even be asked about it (OverflowError, a 500)."""

    regex = "[0-9]{1,18}"
