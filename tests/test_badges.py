"""Status and timeliness badges, written once for every page that shows them."""

from datetime import UTC, datetime

from django.template import Context, Template

from civics.rules.mastery import LessonStatus
from teaching.rules import Timeliness


def _render(source, **context):
    return Template("{% load badges %}" + source).render(Context(context))


def test_a_status_badge_says_the_status_in_words():
    html = _render("{{ status|status_badge }}", status=LessonStatus.NOT_STARTED)
    assert html == '<span class="badge status-not_started">Not started</span>'


def test_a_timeliness_badge_gives_the_due_time_when_there_is_one():
    due = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # 8 a.m. in New York
    source = "{{ timeliness|timeliness_badge:due_at }}"
    html = _render(source, timeliness=Timeliness.OVERDUE, due_at=due)
    assert html == (
        '<span class="badge timeliness-overdue">Overdue</span> '
        '<span class="small text-body-secondary">due '
        '<time datetime="2026-03-10T08:00-04:00">Tue 10 Mar 2026, 8:00 AM</time></span>'
    )
    undated = _render(source, timeliness=Timeliness.DONE, due_at=None)
    assert undated == '<span class="badge timeliness-done">Done</span>'


def test_a_quiz_left_open_has_its_own_badge():
    html = _render("{{ status|status_badge }}", status=LessonStatus.IN_PROGRESS)
    assert html == '<span class="badge status-in_progress">In progress</span>'
