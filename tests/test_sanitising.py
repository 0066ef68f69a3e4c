"""Teacher-typed text never runs script in a student's browser.

Lesson bodies are Markdown, rendered and then cleaned with an allow-list
(civics.markdown); every known XSS payload below goes through the renderer,
through Lesson.save into body_html, and onto the lesson page, and the output
is parsed (not just searched) for anything that could run. Every other field
a teacher types is plain text, autoescaped wherever it is shown.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.markdown import link_pointers, render_markdown, section_ids
from civics.models import KeyTerm, Lesson, Source
from tests.factories import (
    make_lesson,
    make_question,
    make_quiz,
    make_submitted_attempt,
    make_unit,
)

PAYLOADS = {
    # Script elements, however they are spelled or smuggled.
    "script": "<script>alert(1)</script>",
    "script-upper": "<SCRIPT>alert(1)</SCRIPT>",
    "script-mixed-case": "<ScRiPt>alert(1)</sCrIpT>",
    "script-src": '<script src="https://evil.example/x.js"></script>',
    "script-split": "<scr<script>ipt>alert(1)</script>",
    "script-nested": "<<script>script>alert(1)<</script>/script>",
    "script-unclosed": "<script>alert(1)",
    "script-slash-attribute": '<script/xss src="https://evil.example/x.js"></script>',
    "script-in-div": "<div><script>alert(1)</script></div>",
    "script-in-paragraph": (
        '<p>text<script type="text/javascript">alert(1)</script></p>'
    ),
    "script-in-template": "<template><script>alert(1)</script></template>",
    "script-attribute-breakout": '"><script>alert(1)</script>',
    "noscript-mutation": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'
    ),
    # Event-handler attributes.
    "img-onerror": "<img src=x onerror=alert(1)>",
    "img-onerror-quoted": '<img src="x" onerror="alert(1)">',
    "img-onerror-mixed-case": "<IMG SRC=x OnErRoR=alert(1)>",
    "img-slashes": '<img/src="x"/onerror=alert(1)>',
    "body-onload": "<body onload=alert(1)>",
    "a-onmouseover": '<a onmouseover="alert(1)">hover</a>',
    "a-onclick-with-good-href": (
        '<a href="https://example.org" onclick="alert(1)">ok</a>'
    ),
    "input-autofocus-onfocus": "<input onfocus=alert(1) autofocus>",
    "select-autofocus-onfocus": "<select autofocus onfocus=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "p-onclick": '<p onclick="alert(1)">click</p>',
    "video-source-onerror": '<video><source onerror="alert(1)"></video>',
    "marquee-onstart": "<marquee onstart=alert(1)>x</marquee>",
    "isindex-onerror": "<isindex type=image src=1 onerror=alert(1)>",
    "markdown-attr-list-on-paragraph": 'A paragraph.\n{: onmouseover="alert(1)" }',
    "markdown-attr-list-on-heading": '## Heading {: onclick="alert(1)" }',
    # javascript:, vbscript: and data: URLs, plain and encoded.
    "md-link-javascript": "[x](javascript:alert(1))",
    "md-link-javascript-mixed-case": "[x](JaVaScRiPt:alert(1))",
    "md-link-decimal-entity": "[x](&#106;avascript:alert(1))",
    "md-link-hex-entity": "[x](&#x6A;avascript:alert(1))",
    "md-link-tab-entity": "[x](java&#x09;script:alert(1))",
    "md-link-newline-entity": "[x](java&#x0A;script:alert(1))",
    "md-link-percent-encoded": "[x](%6Aavascript:alert(1))",
    "md-link-leading-space": "[x]( javascript:alert(1))",
    "md-link-leading-control": "[x](\x01javascript:alert(1))",
    "md-reference-link": "[x][ref]\n\n[ref]: javascript:alert(1)",
    "md-autolink": "<javascript:alert(1)>",
    "md-link-vbscript": "[x](vbscript:msgbox(1))",
    "md-link-data-html": (
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
    ),
    "md-image-javascript": "![x](javascript:alert(1))",
    "md-image-data-svg": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "md-image-title-breakout": '![x](https://example.org/a.png "t" onerror="alert(1)")',
    "md-footnote-javascript": "Text[^1]\n\n[^1]: [x](javascript:alert(1))",
    "a-javascript": '<a href="javascript:alert(1)">x</a>',
    "a-colon-entity": '<a href="javascript&colon;alert(1)">x</a>',
    "a-hex-entities": (
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;'
        '&#x3A;alert(1)">x</a>'
    ),
    "a-padded-decimal-entities": (
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
        '&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>'
    ),
    "a-leading-spaces": '<a href="  javascript:alert(1)">x</a>',
    "a-percent-encoded": '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">x</a>',
    "a-data-html": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "a-vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "a-xlink-href": '<a xlink:href="javascript:alert(1)">x</a>',
    "img-javascript": '<img src="javascript:alert(1)">',
    "img-vbscript": '<img src="vbscript:msgbox(1)">',
    "img-data-svg": '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "table-background": (
        '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>'
    ),
    # SVG and MathML.
    "svg-onload": "<svg onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg-animate-onbegin": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "svg-foreign-object-iframe": (
        '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe>'
        "</foreignObject></svg>"
    ),
    "math-mutation": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    ),
    # Elements that load or navigate elsewhere.
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "frameset": '<frameset><frame src="javascript:alert(1)"></frameset>',
    "object-data": '<object data="javascript:alert(1)"></object>',
    "embed-src": '<embed src="javascript:alert(1)">',
    "form-action": '<form action="javascript:alert(1)"><button>go</button></form>',
    "button-formaction": '<button formaction="javascript:alert(1)">go</button>',
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    "base-href": '<base href="javascript:alert(1)//">',
    "link-stylesheet": '<link rel="stylesheet" href="javascript:alert(1)">',
    # Style tricks.
    "style-element-url": "<style>body{background:url(javascript:alert(1))}</style>",
    "style-element-import": '<style>@import "javascript:alert(1)";</style>',
    "style-attribute-url": '<p style="background:url(javascript:alert(1))">x</p>',
    "style-attribute-expression": '<p style="width:expression(alert(1))">x</p>',
    "style-attribute-behavior": '<div style="behavior:url(x.htc)">x</div>',
    "markdown-attr-list-style": 'A paragraph.\n{: style="width:expression(alert(1))" }',
    # Entities, comments and Markdown's own HTML features.
    "escaped-script-text": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "comment": "<!--<script>alert(1)</script>-->",
    "conditional-comment": "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "comment-closing-link": (
        '<a href="https://example.org"><!--</a><script>alert(1)</script>--></a>'
    ),
    "title-breakout": (
        '<a href="https://example.org" title=\'"><script>alert(1)</script>\'>x</a>'
    ),
    "code-span": "`<script>alert(1)</script>`",
    "indented-code": "    <script>alert(1)</script>",
    "markdown-in-html": '<div markdown="1"><script>alert(1)</script></div>',
    "markdown-abbreviation": "*[HTML]: <script>alert(1)</script>\n\nHTML",
}

# Elements that run script, load other documents or restyle the page.
FORBIDDEN_ELEMENTS = {
    *("script", "noscript", "template", "iframe", "frame", "frameset"),
    *("object", "embed", "applet", "form", "input", "button", "select"),
    *("meta", "base", "link", "style", "svg", "math", "img", "video", "source"),
}
URL_ATTRIBUTES = {
    *("href", "src", "action", "formaction", "data", "background"),
    *("xlink:href", "srcdoc", "poster", "srcset", "content"),
}
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def url_scheme(value):
    """The scheme a browser reads from an attribute value (entities already
    decoded by the parser): leading controls and spaces are skipped and tabs
    and newlines inside are dropped, so "java&#x09;script:" is javascript.
    Percent-encoding is not decoded in a scheme, so "%6Aavascript:" is a
    harmless relative link."""
    cleaned = re.sub(r"[\t\n\r]", "", re.sub(r"^[\x00-\x20]+", "", value)).lower()
    match = SCHEME.match(cleaned)
    return match[1] if match else None


def _is_dangerous_url(value):
    # A meta refresh hides its URL after "url=".
    schemes = {url_scheme(value), url_scheme(value.split("url=")[-1])}
    return bool(schemes & DANGEROUS_SCHEMES)


class Audit(HTMLParser):
    """Lists everything in a piece of HTML that could run script."""

    def __init__(self, *, forbid_elements):
        super().__init__(convert_charrefs=True)
        self.forbid_elements = forbid_elements
        self.findings = []

    def handle_starttag(self, tag, attrs):
        if self.forbid_elements and tag in FORBIDDEN_ELEMENTS:
            self.findings.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"{name} attribute on <{tag}>")
            elif name == "style":
                self.findings.append(f"style attribute on <{tag}>")
            elif name in URL_ATTRIBUTES and value and _is_dangerous_url(value):
                self.findings.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def findings(html, *, forbid_elements=True):
    """What could run script in `html`. With forbid_elements=False only
    attributes are checked, for a whole page, whose own <script src> and
    <link> are the site's."""
    audit = Audit(forbid_elements=forbid_elements)
    audit.feed(html)
    audit.close()
    if forbid_elements and re.search(r"<\s*script", html, re.IGNORECASE):
        audit.findings.append("a <script tag in the text")
    return audit.findings


def lesson_body_region(page):
    """The lesson body as the page shows it. A sanitised body has no <div>
    (not on the allow-list), so the first </div> after the opening one ends it."""
    return page.split('<div class="lesson-body">', 1)[1].split("</div>", 1)[0]


def test_there_are_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize(
    "payload", [pytest.param(p, id=name) for name, p in PAYLOADS.items()]
)
def test_rendering_a_payload_leaves_nothing_that_runs(payload):
    assert findings(render_markdown(payload)) == []


@pytest.mark.parametrize(
    "payload", [pytest.param(p, id=name) for name, p in PAYLOADS.items()]
)
@pytest.mark.django_db
def test_a_payload_is_harmless_once_saved_and_on_the_lesson_page(client, payload):
    lesson = make_lesson(body=payload)
    lesson = Lesson.objects.get(pk=lesson.pk)
    assert findings(lesson.body_html) == []

    page = client.get(lesson.get_absolute_url()).content.decode()
    assert lesson_body_region(page) == lesson.body_html
    assert findings(page, forbid_elements=False) == []


def test_the_audit_catches_what_it_looks_for():
    """The checks above prove something only if the audit sees each danger."""
    assert findings("<script>x</script>") != []
    assert findings('<img src="x" onerror="y">') != []
    assert findings('<a href="java&#x09;script:x">x</a>') != []
    assert findings('<a href="\x01 javascript:x">x</a>') != []
    assert findings('<p style="color:red">x</p>') != []
    assert findings('<meta content="0;url=javascript:x">') != []
    assert findings('<a href="https://example.org">x</a>') == []


def test_safe_markdown_keeps_its_links_and_formatting():
    html = render_markdown("## Heading\n\n**Bold** and [a source](https://example.org)")
    assert '<h2 id="section-heading">Heading</h2>' in html
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org"' in html


@pytest.mark.parametrize(
    ("body", "heading"),
    [
        ("## Commander in Chief", '<h2 id="section-commander-in-chief">'),
        ("# Demoted", '<h2 id="section-demoted">'),
        ("### Goldwater v. Carter (1979)", '<h3 id="section-goldwater-v-carter-1979">'),
        ("#### Too deep for a pointer", "<h4>"),
        # An id a teacher picks, or types in HTML, could take the page's own.
        ("## Skip {#main-content}", "<h2>"),
        ('<h2 id="main-content">Skip</h2>', "<h2>"),
    ],
)
def test_section_headings_get_ids_that_cannot_clobber_the_page(body, heading):
    assert heading in render_markdown(body)


def test_section_ids_name_each_heading_once():
    html = render_markdown("## Background\n\n## Background\n\n### Who &amp; why\n")
    assert section_ids(html) == {
        "background": "section-background",
        "who & why": "section-who-why",
    }


SECTIONS = {"commander in chief": "section-commander-in-chief", "the veto": "v"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Right. See 'Commander in Chief' in this lesson.",
            'Right. See <a href="/l/#section-commander-in-chief">'
            "&#x27;Commander in Chief&#x27;</a> in this lesson.",
        ),
        (
            "See 'the veto' and 'Nowhere' in this lesson.",
            'See <a href="/l/#v">&#x27;the veto&#x27;</a> and &#x27;Nowhere&#x27; '
            "in this lesson.",
        ),
        ("See 'Nowhere' in this lesson.", "See &#x27;Nowhere&#x27; in this lesson."),
        ("Commander in Chief, not Congress.", "Commander in Chief, not Congress."),
        (
            "<b>See 'Commander in Chief' in this lesson</b>",
            '&lt;b&gt;See <a href="/l/#section-commander-in-chief">'
            "&#x27;Commander in Chief&#x27;</a> in this lesson&lt;/b&gt;",
        ),
    ],
)
def test_a_pointer_to_a_section_becomes_a_link_and_the_rest_stays_text(text, expected):
    assert link_pointers(text, url="/l/", sections=SECTIONS) == expected


def test_a_pointer_whose_heading_holds_markup_is_escaped_inside_the_link():
    text = "See '<script>x</script>' in this lesson."
    sections = {"<script>x</script>": "section-scriptx-script"}
    html = link_pointers(text, url="/l/", sections=sections)
    assert findings(html) == []
    assert "&lt;script&gt;" in html


# No quotes in it: autoescaping turns those into entities too.
MARKER = "<script>steal_{field}()</script>"


def escaped(field):
    return MARKER.format(field=field).replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture
def hostile_course(db):
    """A lesson, its quiz and a submitted attempt where every plain-text field
    a teacher types holds a script tag naming the field."""
    unit = make_unit(title=MARKER.format(field="unit"))
    lesson = make_lesson(
        unit=unit,
        title=MARKER.format(field="title"),
        summary=MARKER.format(field="summary"),
        objectives=MARKER.format(field="objective"),
        discussion=MARKER.format(field="discussion"),
    )
    KeyTerm.objects.create(
        lesson=lesson,
        term=MARKER.format(field="term"),
        definition=MARKER.format(field="definition"),
    )
    Source.objects.create(
        lesson=lesson, title=MARKER.format(field="source"), url="https://example.org"
    )
    quiz = make_quiz(lesson=lesson, questions=0)
    question = make_question(
        quiz=quiz,
        prompt=MARKER.format(field="prompt"),
        explanation=MARKER.format(field="explanation"),
    )
    question.choices.update(
        text=MARKER.format(field="choice"), feedback=MARKER.format(field="feedback")
    )
    return quiz


def _assert_shown_as_text(page, fields):
    assert "<script>steal" not in page
    for field in fields:
        assert escaped(field) in page, field


def test_teacher_text_is_escaped_on_the_lesson_page(client, hostile_course):
    page = client.get(hostile_course.lesson.get_absolute_url()).content.decode()
    _assert_shown_as_text(
        page,
        [
            *("unit", "title", "summary", "objective", "discussion"),
            *("term", "definition", "source"),
        ],
    )


def test_teacher_text_is_escaped_on_the_course_home_and_glossary(
    client, hostile_course
):
    home = client.get(reverse("civics:course_home")).content.decode()
    _assert_shown_as_text(home, ["unit", "title", "summary"])
    glossary = client.get(reverse("civics:glossary")).content.decode()
    _assert_shown_as_text(glossary, ["term", "definition", "title"])


def test_teacher_text_is_escaped_on_the_quiz_and_results_pages(
    student_client, student, hostile_course
):
    attempt = services.start_attempt(
        student=student, quiz=hostile_course, now=timezone.now()
    )
    quiz_page = student_client.get(attempt.get_absolute_url()).content.decode()
    _assert_shown_as_text(quiz_page, ["title", "prompt", "choice"])

    attempt = make_submitted_attempt(student=student, quiz=hostile_course)
    result = student_client.get(attempt.get_absolute_url()).content.decode()
    _assert_shown_as_text(
        result, ["title", "prompt", "choice", "feedback", "explanation"]
    )


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x</script>"],
)
def test_a_source_link_must_be_a_web_address(url):
    """Source URLs go into href unchanged, so only http(s) and ftp(s) pass."""
    with pytest.raises(ValidationError) as error:
        Source(lesson=Lesson(), title="A source", url=url).full_clean(
            exclude=["lesson"]
        )
    assert "url" in error.value.message_dict
