"""Which tool serves which lesson, in both directions, kept in one place.

Lesson pages ask tools_for_lesson() for their "Try it" links; tool pages name
the lessons they draw on through lesson_link(). Titles are the shipped
curriculum's (a test keeps them in step), so tool pages need no query to name a
lesson.
"""

from dataclasses import dataclass

from django.urls import reverse

LESSON_TITLES = {
    "article-ii-foreign-affairs": "What Article II lets the President do abroad",
    "congress-foreign-affairs-powers": "What Congress holds in foreign affairs",
    "summits-as-a-tool": "Summits as a tool of presidents",
    "anchorage-summit-2025": "The Anchorage summit, 15 August 2025",
    "after-anchorage": "After Anchorage: the talks and the Senate question",
    "treaty-clause": "The Treaty Clause: who makes a treaty, and how",
    "senate-vote-math": "Senate vote math: counting to two-thirds",
    "famous-treaty-votes": "Famous Senate treaty votes",
    "executive-agreements": "Executive agreements: deals that skip the two-thirds vote",
    "ending-treaties": "Ending a treaty: who decides?",
    "supreme-law-of-the-land": 'Treaties as "the supreme Law of the Land"',
}


@dataclass(frozen=True)
class LessonLink:
    title: str
    url: str


def lesson_link(slug: str) -> LessonLink:
    return LessonLink(
        title=LESSON_TITLES[slug],
        url=reverse("civics:lesson_detail", kwargs={"slug": slug}),
    )


@dataclass(frozen=True)
class _Tool:
    title: str
    url_name: str
    # A query string or fragment that opens the tool at the part the lesson
    # teaches, e.g. the treaty route's step on ending a treaty.
    suffix: str = ""


CALCULATOR = _Tool("Senate vote calculator", "tools:vote_calculator")
HISTORIC_VOTES = _Tool(
    "Senate vote calculator: compare real treaty votes",
    "tools:vote_calculator",
    "#historic-votes",
)
HANDSHAKE = _Tool("From handshake to law of the land", "tools:handshake_walk")
TREATY_ROUTE = _Tool(
    "From handshake to law of the land: the treaty route",
    "tools:handshake_walk",
    "?route=treaty#walk",
)
EXECUTIVE_AGREEMENT_ROUTE = _Tool(
    "From handshake to law of the land: an agreement the President makes alone",
    "tools:handshake_walk",
    "?route=sole-executive-agreement#walk",
)
LATER_PRESIDENT_STEP = _Tool(
    "From handshake to law of the land: what a later President can do",
    "tools:handshake_walk",
    "?route=treaty#step-later-president",
)
COURTS_STEP = _Tool(
    "From handshake to law of the land: does a treaty bind the courts?",
    "tools:handshake_walk",
    "?route=treaty#step-courts",
)
ANCHORAGE_WALK = _Tool(
    "From handshake to law of the land: the Anchorage example",
    "tools:handshake_walk",
    "#anchorage",
)
TIMELINE = _Tool("Summit timeline", "tools:summit_timeline")

TOOLS_BY_LESSON = {
    "article-ii-foreign-affairs": (HANDSHAKE,),
    "summits-as-a-tool": (TIMELINE, CALCULATOR),
    "anchorage-summit-2025": (ANCHORAGE_WALK, TIMELINE),
    "after-anchorage": (ANCHORAGE_WALK, CALCULATOR),
    "treaty-clause": (TREATY_ROUTE, CALCULATOR),
    "senate-vote-math": (CALCULATOR, HISTORIC_VOTES),
    "famous-treaty-votes": (HISTORIC_VOTES,),
    "executive-agreements": (HANDSHAKE, EXECUTIVE_AGREEMENT_ROUTE),
    "ending-treaties": (LATER_PRESIDENT_STEP,),
    "supreme-law-of-the-land": (COURTS_STEP,),
}


def tools_for_lesson(slug: str) -> list[tuple[str, str]]:
    """(title, url) of each tool that lets a student practise what the lesson
    teaches; empty for lessons no tool serves."""
    return [
        (tool.title, reverse(tool.url_name) + tool.suffix)
        for tool in TOOLS_BY_LESSON.get(slug, ())
    ]
