"""The civics tools: the Senate vote calculator, the handshake walk-through and
the summit timeline. Every test submits plain GET forms and follows plain
links, as a browser without JavaScript would."""

import itertools
import re
import tomllib
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from civics.course_loader import CURRICULUM_DIR
from tests.factories import make_lesson
from tools import links
from tools.handshake import ROUTES, STEPS
from tools.records import HISTORIC_VOTES, SUMMITS, Summit

pytestmark = pytest.mark.django_db

TOOL_PAGES = [
    "tools:index",
    "tools:vote_calculator",
    "tools:handshake_walk",
    "tools:summit_timeline",
]
CALCULATOR = reverse("tools:vote_calculator")
WALK = reverse("tools:handshake_walk")
TIMELINE = reverse("tools:summit_timeline")
# Loading the session and the user, then the user's and their groups'
# permissions for the menu in base.html; the tools themselves add none.
SIGNED_IN_QUERIES = 4
DASH = "\N{EN DASH}"


class _Page(HTMLParser):
    """Headings, the text of the role="status" region and every link."""

    def __init__(self):
        super().__init__()
        self.headings = []
        self.links = []
        self.status = ""
        self._status_depth = 0
        self._div_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag == "div":
            self._div_depth += 1
            if attrs.get("role") == "status" and not self._status_depth:
                self._status_depth = self._div_depth

    def handle_endtag(self, tag):
        if tag == "div":
            if self._div_depth == self._status_depth:
                self._status_depth = 0
            self._div_depth -= 1

    def handle_data(self, data):
        if self._status_depth:
            self.status += data


def _page(response):
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    page.status = " ".join(page.status.split())
    return page


def _text(response):
    """The page's words with the tags taken out, spaces collapsed."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(unescape(words).split())


def _calculate(client, **params):
    return _page(client.get(CALCULATOR, params))


# Every tool page


@pytest.mark.parametrize("name", TOOL_PAGES)
def test_a_visitor_opens_each_tool_without_a_database_query(
    visitor, name, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = visitor.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", TOOL_PAGES)
def test_a_signed_in_student_costs_no_queries_beyond_their_session(
    student_client, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(SIGNED_IN_QUERIES):
        response = student_client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("tools:index"),
        CALCULATOR,
        f"{CALCULATOR}?voting=99&yes=66",
        f"{CALCULATOR}?voting=abc&yes=66",
        WALK,
        f"{WALK}?route=treaty",
        TIMELINE,
    ],
)
def test_each_page_has_one_h1_and_headings_that_never_skip_a_level(visitor, url):
    headings = _page(visitor.get(url)).headings
    assert headings.count(1) == 1
    assert headings[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))


def test_the_main_menu_links_to_the_tools(visitor):
    assert (
        reverse("tools:index") in _page(visitor.get(reverse("civics:glossary"))).links
    )


def test_the_tools_page_links_each_tool(visitor):
    page = _page(visitor.get(reverse("tools:index")))
    assert {CALCULATOR, WALK, TIMELINE} <= set(page.links)


# The Senate vote calculator


@pytest.mark.parametrize("params", [{}, {"from": "lesson"}])
def test_the_calculator_starts_empty_and_invites_a_vote(visitor, params):
    page = _page(visitor.get(CALCULATOR, params))
    assert "Consent" not in page.status
    assert page.status == "Enter a vote, or pick a real one from the table below."


@pytest.mark.parametrize(
    ("voting", "yes", "verdict", "detail"),
    [
        pytest.param(
            "99", "66", "Consent given", "no votes to spare", id="exactly-two-thirds"
        ),
        pytest.param(
            "99", "65", "Consent not given", "fell 1 vote short", id="one-short"
        ),
        pytest.param("100", "50", "Consent not given", "fell 17 votes short", id="tie"),
        pytest.param("100", "67", "Consent given", "no votes to spare", id="all-100"),
        pytest.param("97", "71", "Consent given", "6 votes to spare", id="to-spare"),
        pytest.param(" 98 ", "66", "Consent given", "no votes to spare", id="spaces"),
    ],
)
def test_the_calculator_announces_the_verdict_in_the_status_region(
    visitor, voting, yes, verdict, detail
):
    status = _calculate(visitor, voting=voting, yes=yes).status
    assert status.startswith(verdict + " ")
    assert detail in status


def test_the_verdict_shows_the_votes_needed(visitor):
    status = _calculate(visitor, voting="97", yes="71").status
    assert "71 yes and 26 no: 97 Senators voting." in status
    assert "Two-thirds of 97, rounded up, is 65." in status


@pytest.mark.parametrize(
    ("params", "message", "field"),
    [
        pytest.param(
            {"voting": "40", "yes": "30"}, "quorum of 51", "voting", id="below-quorum"
        ),
        pytest.param(
            {"voting": "60", "yes": "70"},
            "more yes votes than Senators voting (60)",
            "yes",
            id="yes-over-voting",
        ),
        pytest.param(
            {"voting": "abc", "yes": "66"},
            "Enter a whole number of Senators.",
            "voting",
            id="text-voting",
        ),
        pytest.param(
            {"voting": "99", "yes": "sixty"},
            "Enter a whole number of Senators.",
            "yes",
            id="text-yes",
        ),
        pytest.param(
            {"voting": "99", "yes": "65.5"},
            "Enter a whole number of Senators.",
            "yes",
            id="fraction",
        ),
        pytest.param(
            {"voting": "9" * 5000, "yes": "66"},
            "Enter a whole number of Senators.",
            "voting",
            id="absurdly-long-number",
        ),
        pytest.param(
            {"voting": "101", "yes": "80"}, "The Senate has 100", "voting", id="101"
        ),
        pytest.param(
            {"voting": "-99", "yes": "66"}, "cannot be below zero", "voting", id="neg"
        ),
        pytest.param(
            {"voting": "", "yes": "66"},
            "Enter how many Senators voted yes or no.",
            "voting",
            id="missing-voting",
        ),
        pytest.param(
            {"voting": "99"},
            "Enter how many Senators voted yes.",
            "yes",
            id="missing-yes",
        ),
    ],
)
def test_a_typo_gets_a_message_beside_the_box_never_an_error_page(
    visitor, params, message, field
):
    response = visitor.get(CALCULATOR, params)
    html = response.content.decode()
    assert response.status_code == 200
    page = _page(response)
    assert message in unescape(page.status)
    assert "Consent" not in page.status
    assert f'id="id_{field}_error"' in html
    assert message in unescape(html.split(f'id="id_{field}_error"')[1][:400])


def test_present_answers_make_a_quorum_with_fewer_than_51_voting(visitor):
    status = _calculate(visitor, voting="48", yes="40", present="5").status
    assert status.startswith("Consent given ")
    assert '48 Senators voting. 5 more answered "present"' in status
    assert "53 Senators were present, at least a quorum of 51" in status
    assert "Two-thirds of 48, rounded up, is 32." in status


def test_vacancies_lower_the_quorum_the_calculator_asks_for(visitor):
    status = _calculate(visitor, voting="49", yes="33", seats="97").status
    assert status.startswith("Consent given ")
    assert "a quorum of 49 of the 97 Senators chosen and sworn" in status


def test_a_tie_says_the_vice_president_cannot_break_it(visitor):
    status = _calculate(visitor, voting="100", yes="50").status
    assert status.startswith("Consent not given ")
    assert "Vice President" in status


def test_empty_present_and_seats_mean_none_present_and_a_full_senate(visitor):
    status = _calculate(visitor, voting="99", yes="66", present="", seats="").status
    assert status.startswith("Consent given ")
    assert "a quorum of 51 of the 100 Senators chosen and sworn" in status


@pytest.mark.parametrize(
    ("params", "message", "field"),
    [
        pytest.param(
            {"voting": "48", "yes": "40", "seats": "100"},
            "quorum of 51",
            "voting",
            id="48-without-present",
        ),
        pytest.param(
            {"voting": "48", "yes": "30", "seats": "97"},
            "quorum of 49",
            "voting",
            id="48-of-97",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "present": "-1"},
            "cannot be below zero",
            "present",
            id="negative-present",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "present": "lots"},
            "Enter a whole number of Senators.",
            "present",
            id="text-present",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "present": "101"},
            "100 Senators chosen and sworn",
            "present",
            id="present-over-seats",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "present": "2"},
            "99 voting and 2 present make 101",
            "present",
            id="voting-and-present-over-seats",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "seats": "98"},
            "The Senate has 98 Senators chosen and sworn",
            "voting",
            id="voting-over-seats",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "seats": "150"},
            "The Senate has 100 seats",
            "seats",
            id="seats-over-100",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "seats": "0"},
            "at least one Senator chosen and sworn",
            "seats",
            id="no-seats",
        ),
        pytest.param(
            {"voting": "99", "yes": "66", "seats": "9" * 4000},
            "The Senate has 100 seats",
            "seats",
            id="huge-seats",
        ),
        pytest.param(
            {"voting": "0", "yes": "0", "present": "60"},
            "vote yes or no",
            "voting",
            id="nobody-voting",
        ),
    ],
)
def test_present_and_seat_typos_get_a_message_beside_the_box(
    visitor, params, message, field
):
    test_a_typo_gets_a_message_beside_the_box_never_an_error_page(
        visitor, params, message, field
    )


ODD_COUNTS = ["-5", "48", "101", "x", "9" * 40]


@pytest.mark.parametrize(
    ("voting", "yes"), [("48", "40"), ("99", "66"), ("0", "0")], ids=str
)
def test_odd_present_and_seat_counts_never_give_an_error_page(visitor, voting, yes):
    for present, seats in itertools.product(ODD_COUNTS, repeat=2):
        params = {"voting": voting, "yes": yes, "present": present, "seats": seats}
        response = visitor.get(CALCULATOR, params)
        assert response.status_code == 200, params


def test_the_present_and_seats_boxes_are_labelled(visitor):
    html = visitor.get(CALCULATOR).content.decode()
    assert re.search(r'<label\s+for="id_present"', html)
    assert re.search(r'<label\s+for="id_seats"', html)


def test_the_calculator_states_the_whole_rule(visitor):
    text = _text(visitor.get(CALCULATOR))
    assert "a majority of the Senators chosen and sworn" in text
    assert "fewer when seats are vacant" in text
    assert (
        'answers "present" counts toward the quorum but not toward the two-thirds'
        in (text)
    )
    assert "the Vice President, who votes only to break a tie, can never give" in text


def test_the_ctbt_note_leaves_senator_byrds_present_out_of_the_two_thirds(visitor):
    text = _text(visitor.get(CALCULATOR))
    assert "so 66 of the 99 voting were needed" in text
    assert "67 yes votes were needed" not in text


def test_the_historic_table_works_each_vote_out_with_the_rule(visitor):
    text = _text(visitor.get(CALCULATOR))
    # Versailles 1920, CTBT 1999 and New START 2010 as facts.md section 11
    # works them out.
    assert f"49{DASH}35 84 56 Consent not given, 7 short" in text
    assert f"48{DASH}51 99 66 Consent not given, 18 short" in text
    assert f"71{DASH}26 97 65 Consent given, 6 to spare" in text
    assert f"68{DASH}32 100 67 Consent given, 1 to spare" in text


# facts.md section 11: each vote's verdict and margin.
EXPECTED_VERDICTS = {
    "versailles-1920": ("Consent not given", "It fell 7 votes short."),
    "ctbt-1999": ("Consent not given", "It fell 18 votes short."),
    "disability-convention-2012": ("Consent not given", "It fell 5 votes short."),
    "new-start-2010": ("Consent given", "It passed with 6 votes to spare."),
    "chemical-weapons-1997": ("Consent given", "It passed with 7 votes to spare."),
    "panama-canal-1978": ("Consent given", "It passed with 1 vote to spare."),
    "inf-1988": ("Consent given", "It passed with 27 votes to spare."),
}


@pytest.mark.parametrize(("slug", "expected"), EXPECTED_VERDICTS.items())
def test_each_historic_vote_link_fills_the_calculator_with_its_verdict(
    visitor, slug, expected
):
    record = next(record for record in HISTORIC_VOTES if record.slug == slug)
    links_on_page = map(unescape, _page(visitor.get(CALCULATOR)).links)
    link = next(
        href
        for href in links_on_page
        if f"?voting={record.voting}&yes={record.yes}#result" in href
    )
    verdict, detail = expected
    status = _page(visitor.get(link)).status
    assert status.startswith(verdict + " ")
    assert detail in status


def test_every_historic_vote_is_listed_with_its_source(visitor):
    page = _page(visitor.get(CALCULATOR))
    for record in HISTORIC_VOTES:
        assert record.source.startswith("http")
        assert record.source in {unescape(href) for href in page.links}


# From handshake to law of the land


@pytest.mark.parametrize(
    "words",
    [
        "two-thirds of the Senators present and voting",
        "a majority of the Senators chosen and sworn",
        'answer "present" count toward the quorum, not the two-thirds',
        "the Vice President cannot break a tie",
        "usually takes 60 votes",
        "Trade Promotion Authority",
    ],
)
def test_the_walk_states_the_senate_vote_rule_in_full(visitor, words):
    assert words in _text(visitor.get(WALK))


def test_the_usmca_route_says_fast_track_spared_it_the_60_votes(visitor):
    text = _text(visitor.get(WALK, {"route": "congressional-executive-agreement"}))
    assert "the Senate needed no 60 votes to end debate" in text


def test_without_a_route_the_walk_lists_every_question_with_rule_and_lesson(visitor):
    response = visitor.get(WALK)
    text, page = _text(response), _page(response)
    positions = [text.index(step.question) for step in STEPS]
    assert positions == sorted(positions)
    for step in STEPS:
        assert step.rule in text
        assert step.lesson_link.url in page.links
        assert {citation.url for citation in step.citations} <= set(
            map(unescape, page.links)
        )


@pytest.mark.parametrize("slug", ROUTES)
def test_each_route_walks_its_steps_in_order_and_says_where_it_ends(visitor, slug):
    route = ROUTES[slug]
    response = visitor.get(WALK, {"route": slug})
    text = _text(response)
    walk = text[text.index("The walk: ") : text.index("Worked example")]
    asked = [finding.step.question for finding in route.findings]
    assert [q for q in (step.question for step in STEPS) if q in walk] == asked
    for finding in route.findings:
        assert finding.answer in walk
        assert finding.step.lesson_link.url in _page(response).links
    assert route.ends in walk


def test_the_treaty_route_needs_two_thirds_and_reaches_a_later_president(visitor):
    text = _text(visitor.get(WALK, {"route": "treaty"}))
    assert "67 if all 100 vote, 66 if 99 vote" in text
    assert "when 66 yes votes were needed" in text
    for question in (
        "What conditions can the Senate attach?",
        "Does it bind courts at home?",
        "What can a later President do?",
    ):
        assert question in text
    assert "Medellín v. Texas" in text
    assert "Goldwater v. Carter" in text


def test_nothing_in_writing_stops_at_the_first_step(visitor):
    text = _text(visitor.get(WALK, {"route": "nothing-written"}))
    walk = text[text.index("The walk: ") : text.index("Worked example")]
    assert "Is there a written agreement?" in walk
    assert "What vote does it need?" not in walk
    assert "nothing for the Senate to consider" in walk


@pytest.mark.parametrize(
    ("route", "needs"),
    [
        ("congressional-executive-agreement", "Simple majorities in both the House"),
        ("sole-executive-agreement", "None: Congress does not vote."),
    ],
)
def test_agreements_that_are_not_treaties_skip_the_senates_two_thirds(
    visitor, route, needs
):
    text = _text(visitor.get(WALK, {"route": route}))
    walk = text[text.index("The walk: ") : text.index("Worked example")]
    assert needs in walk
    assert "What conditions can the Senate attach?" not in walk


def test_an_unknown_route_gets_a_message_and_the_full_list(visitor):
    response = visitor.get(WALK, {"route": "handshake-deal"})
    text = _text(response)
    assert "Choose one of the outcomes listed." in text
    assert "The walk: " not in text
    assert all(step.question in text for step in STEPS)


def test_the_route_form_is_a_fieldset_with_a_legend_and_labelled_radios(visitor):
    html = visitor.get(WALK).content.decode()
    assert "<legend" in html
    assert "What came out of the summit?" in html
    for number, _ in enumerate(ROUTES):
        assert f'for="id_route_{number}"' in html


def test_the_anchorage_example_stops_at_step_one_and_marks_the_hypothetical(visitor):
    text = _text(visitor.get(WALK))
    example = text[text.index("Worked example: the Anchorage summit") :]
    assert "no ceasefire and no written agreement were announced." in example
    assert "there was nothing for the Senate to consider" in example
    assert "A hypothetical: if a security-guarantee agreement were reached" in example
    assert "As of 5 March 2026" in example
    assert "news report" in example


# The summit timeline


def test_the_timeline_lists_every_summit_in_date_order(visitor):
    html = visitor.get(TIMELINE).content.decode()
    timeline = html[html.index("<ol") : html.index("</ol>")]
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', timeline)
    assert len(dates) == len(SUMMITS) == 10
    assert dates == sorted(dates)
    assert dates[0] == "1945-02-04"
    assert dates[-1] == "2025-08-15"


def test_only_the_washington_summit_became_a_treaty(visitor):
    text = _text(visitor.get(TIMELINE))
    assert text.count("Became a US treaty") == 1
    assert [summit.slug for summit in SUMMITS if summit.became_treaty] == [
        "washington-1987"
    ]
    washington = text[text.index(f"Washington, 8{DASH}10 December 1987") :]
    assert "approved it 93 to 5 on 27 May 1988" in washington[:800]


def test_the_timeline_shows_place_leaders_agreement_and_lesson(visitor):
    response = visitor.get(TIMELINE)
    text, page = _text(response), _page(response)
    assert f"Yalta, 4{DASH}11 February 1945" in text
    assert "Marshal Joseph Stalin" in text
    assert "Anchorage, Alaska (Joint Base Elmendorf-Richardson), 15 August 2025" in text
    assert links.lesson_link("summits-as-a-tool").url in page.links
    assert links.lesson_link("anchorage-summit-2025").url in page.links
    assert f"{CALCULATOR}?voting=98&yes=93#result" in map(unescape, page.links)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "label"),
    [
        (date(2018, 6, 12), None, "12 June 2018"),
        (date(1945, 2, 4), date(1945, 2, 11), f"4{DASH}11 February 1945"),
        (date(1978, 8, 30), date(1978, 9, 2), f"30 August {DASH} 2 September 1978"),
    ],
)
def test_summit_dates_read_naturally(starts_on, ends_on, label):
    summit = Summit(
        slug="s",
        place="P",
        starts_on=starts_on,
        ends_on=ends_on,
        leaders=(),
        agreed="",
        became_treaty=False,
        treaty_outcome="",
        lesson="summits-as-a-tool",
        sources=(),
    )
    assert summit.dates == label


def test_every_summit_has_a_source_and_a_lesson():
    for summit in SUMMITS:
        assert summit.sources
        assert all(url.startswith("http") for url in summit.sources)
        assert summit.lesson in links.LESSON_TITLES


# Links from the lessons


LINKED_LESSONS = sorted(links.TOOLS_BY_LESSON)


@pytest.mark.parametrize("slug", LINKED_LESSONS)
def test_each_lesson_links_the_tools_that_serve_it(client, slug):
    lesson = make_lesson(slug=slug)
    response = client.get(lesson.get_absolute_url())
    page = _page(response)
    tools = links.tools_for_lesson(slug)
    assert tools
    assert "Try it" in response.content.decode()
    assert {url for _, url in tools} <= set(map(unescape, page.links))


@pytest.mark.parametrize(
    ("url_name", "lessons"),
    [
        (
            "tools:vote_calculator",
            {"senate-vote-math", "treaty-clause", "famous-treaty-votes"},
        ),
        (
            "tools:handshake_walk",
            {
                "executive-agreements",
                "treaty-clause",
                "anchorage-summit-2025",
                "after-anchorage",
                "ending-treaties",
                "supreme-law-of-the-land",
            },
        ),
        ("tools:summit_timeline", {"summits-as-a-tool", "anchorage-summit-2025"}),
    ],
)
def test_each_tool_is_linked_from_the_lessons_it_serves(url_name, lessons):
    path = reverse(url_name)
    for slug in lessons:
        assert any(url.startswith(path) for _, url in links.tools_for_lesson(slug))


def test_a_lesson_no_tool_serves_has_no_try_it_section(client):
    lesson = make_lesson(slug="war-powers-resolution")
    assert "Try it" not in client.get(lesson.get_absolute_url()).content.decode()


def test_tool_links_name_shipped_lessons_by_their_shipped_titles():
    shipped = {
        lesson["slug"]: lesson["title"]
        for lesson in (
            tomllib.loads(path.read_text())
            for path in (CURRICULUM_DIR / "lessons").glob("*.toml")
        )
    }
    for slug, title in links.LESSON_TITLES.items():
        assert shipped[slug] == title
    assert set(links.TOOLS_BY_LESSON) <= set(shipped)
