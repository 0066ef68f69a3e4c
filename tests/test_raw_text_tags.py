"""A tag whose content HTML keeps out of the page (<script>, <title>,
<textarea>, <template>, …) never swallows the rest of a lesson: what the
teacher typed is shown as text, and nothing runs (issue 19, finding 11)."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from civics.markdown import render_markdown
from tests.factories import make_lesson
from tests.test_sanitising import findings, lesson_body_region

# Every element whose content an HTML parser takes as text up to its end tag
# (the WHATWG's raw text and RCDATA elements, and those parsed alike), and
# <template>, whose content is a fragment of its own that the sanitiser drops.
SWALLOWING_TAGS = (
    *("script", "style", "title", "textarea", "xmp", "iframe"),
    *("noembed", "noframes", "noscript", "plaintext", "template"),
)


def shown_text(html):
    """The words a student reads, whitespace folded."""
    return " ".join(unescape(strip_tags(html)).split())


def test_an_unclosed_script_tag_keeps_the_rest_of_the_lesson_as_text():
    html = render_markdown("Intro\n\n<script>alert(1)\n\nEnd")
    assert html == "<p>Intro</p>\n<p>&lt;script&gt;alert(1)</p>\n<p>End</p>"
    assert findings(html) == []


def test_a_tag_named_in_a_sentence_is_shown_as_typed():
    assert render_markdown("Use the <title> tag") == (
        "<p>Use the &lt;title&gt; tag</p>"
    )


@pytest.mark.parametrize("tag", SWALLOWING_TAGS)
@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Intro\n\n<{tag}>\n\n## End\n\nLast words.", "Intro <{tag}> End Last words."),
        ("A <{tag}> in a sentence.\n\nEnd", "A <{tag}> in a sentence. End"),
        ("Open <{tag}>, close </{tag}>.", "Open <{tag}>, close </{tag}>."),
        ("<{tag}>inside</{tag}> after", "<{tag}>inside</{tag}> after"),
        ('<div>\n<{tag} class="x">\n</div>\n\nEnd', '<{tag} class="x"> End'),
        ("Shouted <{upper}> stays.\n\nEnd", "Shouted <{upper}> stays. End"),
    ],
    ids=["own-block", "inline", "closed-later", "closed", "in-html-block", "upper"],
)
def test_no_swallowing_tag_loses_what_the_teacher_typed(tag, body, text):
    names = {"tag": tag, "upper": tag.upper()}
    html = render_markdown(body.format(**names))
    assert shown_text(html) == text.format(**names)
    assert findings(html) == []


def test_the_section_heading_after_an_unclosed_tag_is_still_a_heading():
    html = render_markdown("<style>\n\n## Commander in Chief\n\nText.")
    assert '<h2 id="section-commander-in-chief">Commander in Chief</h2>' in html


def test_code_spans_and_blocks_show_tags_once_escaped():
    html = render_markdown("Write `<script>` here.\n\n    <title>x</title>\n")
    assert "<code>&lt;script&gt;</code>" in html
    assert "<pre><code>&lt;title&gt;x&lt;/title&gt;\n</code></pre>" in html


def test_tags_that_merely_start_with_a_raw_text_name_are_left_to_the_sanitiser():
    assert render_markdown("A <scripture>verse</scripture>.") == "<p>A verse.</p>"


def test_allowed_markup_renders_as_before():
    body = (
        "## The vote\n\n"
        'The <abbr title="Senate">S.</abbr> needs H<sub>2</sub>O and '
        "x<sup>2</sup>, <em>and</em> <strong>more</strong>.\n\n"
        '<table><caption>Votes</caption><thead><tr><th scope="col">Yea</th>'
        "</tr></thead><tbody><tr><td>67</td></tr></tbody></table>\n\n"
        "- one\n- two\n\n"
        '[Senate](https://www.senate.gov "The Senate")'
    )
    assert render_markdown(body) == (
        '<h2 id="section-the-vote">The vote</h2>\n'
        '<p>The <abbr title="Senate">S.</abbr> needs H<sub>2</sub>O and '
        "x<sup>2</sup>, <em>and</em> <strong>more</strong>.</p>\n"
        '<table><caption>Votes</caption><thead><tr><th scope="col">Yea</th>'
        "</tr></thead><tbody><tr><td>67</td></tr></tbody></table>\n\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        '<p><a href="https://www.senate.gov" title="The Senate" '
        'rel="noopener noreferrer">Senate</a></p>'
    )


@pytest.mark.django_db
def test_the_lesson_page_and_its_preview_show_the_whole_body(teacher_client):
    lesson = make_lesson(body="Intro\n\n<script>alert(1)\n\nEnd of the lesson.")
    for url in (
        lesson.get_absolute_url(),
        reverse("civics:lesson_preview", kwargs={"slug": lesson.slug}),
    ):
        page = teacher_client.get(url).content.decode()
        body = lesson_body_region(page)
        assert shown_text(body) == "Intro <script>alert(1) End of the lesson."
        assert findings(body) == []
