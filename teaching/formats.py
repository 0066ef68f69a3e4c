"""How a due time reads, in one place: the dashboard, the student's home,
messages and confirmation pages all say it the same way."""

from django.utils import timezone
from django.utils.formats import date_format

# "Fri 5 Dec 2026, 8:00 AM": the weekday is what a class plans by; no
# periods in "AM", so a sentence that ends with a time ends with one period.
DUE_FORMAT = "D j M Y, g:i A"


def due_text(due_at):
    return date_format(timezone.localtime(due_at), DUE_FORMAT)


def due_iso(due_at):
    """For <time datetime>: the moment in the site's time zone."""
    return timezone.localtime(due_at).isoformat(timespec="minutes")
