"""The lesson editor's body box shows its Markdown rendered beside it, by the
renderer and sanitiser the lesson page itself uses, with short help."""

import pytest
from django.test import Client
from django.urls import reverse

from civics.admin_widgets import MarkdownPreviewWidget
from civics.markdown import render_markdown
from civics.views.preview import PREVIEW_MAX_CHARS
from tests.factories import make_lesson

pytestmark = pytest.mark.django_db

PREVIEW = reverse("civics:markdown_preview")
BODY = """## The veto

- signs it
- vetoes it

See [the Constitution](https://constitution.congress.gov/).

| Chamber | Votes |
| --- | --- |
| Senate | 67 |
"""


def test_the_widget_shows_the_help_and_a_preview_of_the_text():
    html = MarkdownPreviewWidget().render("body", BODY)

    assert "<textarea" in html
    assert 'data-markdown-preview="' + PREVIEW + '"' in html
    # The preview holds the text as the lesson page will show it.
    assert render_markdown(BODY) in html
    for topic in ("## Heading", "- item", "[words](https://", "| --- |"):
        assert topic in html


def test_the_lesson_editor_uses_the_widget_for_the_body(admin_client):
    lesson = make_lesson(body=BODY)

    page = admin_client.get(reverse("admin:civics_lesson_change", args=[lesson.pk]))

    html = page.content.decode()
    assert "data-markdown-preview" in html
    assert '<h2 id="section-the-veto">The veto</h2>' in html
    assert "js/markdown_preview.js" in html


def test_the_preview_renders_headings_lists_links_and_tables_as_lessons_do(
    teacher_client,
):
    lesson = make_lesson(body=BODY)

    reply = teacher_client.post(PREVIEW, {"text": BODY})

    html = reply.content.decode()
    assert reply.status_code == 200
    assert reply["Content-Type"].startswith("text/html")
    assert html == lesson.body_html
    assert '<h2 id="section-the-veto">' in html
    assert "<li>vetoes it</li>" in html
    assert '<a href="https://constitution.congress.gov/"' in html
    assert "<td>Senate</td>" in html


def test_the_preview_shows_script_as_the_text_typed(teacher_client):
    reply = teacher_client.post(PREVIEW, {"text": "Hi <script>alert(1)</script>"})

    html = reply.content.decode()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_an_empty_body_previews_as_nothing(teacher_client):
    reply = teacher_client.post(PREVIEW, {})

    assert reply.status_code == 200
    assert reply.content == b""


def test_a_student_may_not_use_the_preview(student_client):
    assert student_client.post(PREVIEW, {"text": BODY}).status_code == 403


def test_a_visitor_is_sent_to_log_in(visitor):
    reply = visitor.post(PREVIEW, {"text": BODY})

    assert reply.status_code == 302
    assert reply["Location"].startswith(reverse("login"))


def test_the_preview_only_answers_a_post(teacher_client):
    assert teacher_client.get(PREVIEW).status_code == 405


def test_the_preview_needs_the_csrf_token(teacher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)

    assert client.post(PREVIEW, {"text": BODY}).status_code == 403


def test_a_body_too_long_to_preview_as_typed_is_a_413(teacher_client):
    text = "x" * (PREVIEW_MAX_CHARS + 1)

    reply = teacher_client.post(PREVIEW, {"text": text})

    assert reply.status_code == 413


def test_a_body_of_the_longest_previewable_length_is_rendered(teacher_client):
    text = "x" * PREVIEW_MAX_CHARS

    reply = teacher_client.post(PREVIEW, {"text": text})

    assert reply.status_code == 200
    assert reply.content.decode() == f"<p>{text}</p>"
