"""Status and timeliness badges: the one place their markup is written.

Each kind of badge is built once, at import, as escaped HTML: the class
dashboard draws thousands of them (the class_grid tag), and pages use them
through filters: {% load badges %}, then {{ status|status_badge }} and
{{ timeliness|timeliness_badge:due_at }}. The label says it; the colour
(site.css) only repeats it. Beside a status, {{ lesson|continue_link }} leads
back to a quiz the student left open."""

from django import template
from django.utils.html import format_html

from civics.rules.mastery import LessonStatus
from teaching.formats import due_iso, due_text
from teaching.rules import Timeliness

register = template.Library()


def _badge(css_class, label):
    return format_html('<span class="badge {}">{}</span>', css_class, label)


STATUS_BADGES = {s: _badge(f"status-{s}", s.label) for s in LessonStatus}
TIMELINESS_BADGES = {t: _badge(f"timeliness-{t}", t.label) for t in Timeliness}


@register.filter
def status_badge(status):
    """How far a student is with a lesson (a LessonStatus)."""
    return STATUS_BADGES[status]


@register.filter
def timeliness_badge(timeliness, due_at=None):
    """Where an assignment stands (a Timeliness), then its due time if any."""
    if due_at is None:
        return TIMELINESS_BADGES[timeliness]
    return format_html(
        '{} <span class="small text-body-secondary">due {}</span>',
        TIMELINESS_BADGES[timeliness],
        due_time(due_at),
    )


@register.filter
def due_time(due_at):
    """A due time as a <time> element, e.g. "Fri 5 Dec 2026, 8:00 AM"."""
    return format_html(
        '<time datetime="{}">{}</time>', due_iso(due_at), due_text(due_at)
    )


@register.filter
def continue_link(lesson):
    """A "Continue" link to the student's open attempt at the lesson's quiz
    (Lesson.open_attempt, from with_progress_for), or nothing."""
    attempt = lesson.open_attempt
    if attempt is None:
        return ""
    return format_html(
        '<a class="btn btn-sm btn-outline-primary" href="{}">Continue'
        '<span class="visually-hidden"> the quiz on {}</span></a>',
        attempt.get_absolute_url(),
        lesson.title,
    )
