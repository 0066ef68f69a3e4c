"""Links from the tools to the lessons that teach what they practise.

Tool pages name the lessons they draw on through lesson_link(). Titles are the
shipped curriculum's (a test keeps them in step), so tool pages need no query
to name a lesson.
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
