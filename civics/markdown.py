"""Lesson bodies: Markdown typed by teachers, rendered to HTML that is safe to
show students.

The Markdown is rendered first and the result sanitised with an allow-list
(nh3), so nothing a teacher types, raw HTML included, can run script in a
student's browser.

A tag whose content an HTML parser keeps out of the page up to its end tag
(<script>, <title>, <textarea>, <template>, …) would swallow the rest of the
lesson if left open, so these are shown as the text the teacher typed
instead: Markdown is told they are not HTML blocks, so the paragraphs around
them stay paragraphs, and each such tag in its output is escaped before
sanitising.

Section headings (h2, h3) get ids, so that feedback saying "See 'Commander in
Chief' in this lesson" can link to that section. Every id starts with
SECTION_PREFIX, and any other id is removed, so a heading can never take the
id of a part of the page around it (the skip link's main-content, say).
"""

import re
from html import unescape

import markdown
import nh3
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from markdown.extensions.toc import TocExtension, slugify

SECTION_PREFIX = "section-"
SECTION_HEADINGS = {"h2", "h3"}

ALLOWED_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "abbr", "em", "strong", "code", "pre", "sub", "sup"),
    *("table", "thead", "tbody", "tr", "th", "td", "caption"),
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    **{heading: {"id"} for heading in SECTION_HEADINGS},
}
# HTML's raw text and RCDATA elements, those parsed alike (WHATWG HTML,
# "Parsing HTML fragments"), and <template>, whose content the sanitiser drops
# with it. None is on the allow-list, so none is ever markup.
SWALLOWING_TAGS = {
    *("script", "style", "title", "textarea", "xmp", "iframe"),
    *("noembed", "noframes", "noscript", "plaintext", "template"),
}
# Markdown itself writes none of these tags, and escapes "<" in code and in
# plain text, so each one in its output is raw HTML a teacher typed.
SWALLOWING_TAG = re.compile(
    rf"<(?=/?(?:{'|'.join(sorted(SWALLOWING_TAGS))})(?![\w-]))", re.IGNORECASE
)
# The lesson title is the page's only h1, so a "# heading" in a body is demoted.
TOP_LEVEL_HEADING = re.compile(r"<(/?)h1\b", re.IGNORECASE)


def _section_id(value, separator):
    return SECTION_PREFIX + slugify(value, separator)


def _keep_section_ids(tag, attribute, value):
    """Keep a heading's id only when it is one render_markdown made (or one
    that looks like it), so no id typed into a body escapes the prefix."""
    if attribute == "id" and not value.startswith(SECTION_PREFIX):
        return None
    return value


def render_markdown(text: str) -> str:
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", TocExtension(slugify=_section_id)]
    )
    md.block_level_elements = [
        tag for tag in md.block_level_elements if tag not in SWALLOWING_TAGS
    ]
    html = SWALLOWING_TAG.sub("&lt;", md.convert(text))
    html = TOP_LEVEL_HEADING.sub(r"<\1h2", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_section_ids,
        url_schemes={"http", "https", "mailto"},
    )


SECTION_HEADING = re.compile(
    r'<(h[23])\b[^>]*\bid="(?P<id>section-[^"]*)"[^>]*>(?P<text>.*?)</\1>',
    re.IGNORECASE | re.DOTALL,
)
# "See 'Commander in Chief' in this lesson", or "See 'The veto' and 'The
# override' in this lesson": how the curriculum's feedback points at sections.
# A heading may hold apostrophes of its own, so a closing quote is one followed
# by " and '" or " in this lesson".
_QUOTED = r"['\"\u2018\u201c][^\n]+?['\"\u2019\u201d]"
POINTER = re.compile(
    rf"\b[Ss]ee (?P<quoted>{_QUOTED}(?: and {_QUOTED})*)(?= in this lesson\b)"
)
AND = re.compile(r"(?<=['\"\u2019\u201d]) and (?=['\"\u2018\u201c])")


def _heading_key(text):
    return " ".join(text.split()).casefold()


def section_ids(body_html: str) -> dict[str, str]:
    """The sections of a rendered lesson body: {heading text: id}, the text
    folded so that a pointer's capitals and spacing need not match."""
    sections = {}
    for match in SECTION_HEADING.finditer(body_html):
        # Two sections of one name: a pointer means the first.
        heading = _heading_key(unescape(strip_tags(match["text"])))
        sections.setdefault(heading, match["id"])
    return sections


def link_pointers(text: str, *, url: str, sections: dict[str, str]) -> SafeString:
    """`text` escaped for HTML, with each heading named in a "See '<heading>'
    in this lesson" made a link to its section at `url` when the lesson has
    that section. Teachers type the text: all of it is escaped."""
    parts, end = [], 0
    for match in POINTER.finditer(text):
        offset = match.start("quoted")
        for quoted in AND.split(match["quoted"]):
            start = text.index(quoted, offset)
            offset = start + len(quoted)
            section = sections.get(_heading_key(quoted[1:-1]))
            if section is not None:
                parts.append(text[end:start])
                parts.append(
                    format_html('<a href="{}#{}">{}</a>', url, section, quoted)
                )
                end = offset
    parts.append(text[end:])
    return format_html_join("", "{}", ((part,) for part in parts))
