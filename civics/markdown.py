"""Lesson bodies: Markdown typed by teachers, rendered to HTML that is safe to
show students.

The Markdown is rendered first and the result sanitised with an allow-list
(nh3), so nothing a teacher types, raw HTML included, can run script in a
student's browser.
"""

import re

import markdown
import nh3

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
}
# The lesson title is the page's only h1, so a "# heading" in a body is demoted.
TOP_LEVEL_HEADING = re.compile(r"<(/?)h1\b", re.IGNORECASE)


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["extra", "sane_lists"])
    html = TOP_LEVEL_HEADING.sub(r"<\1h2", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
    )
