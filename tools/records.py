"""The historic records the tools show: Senate treaty votes and summits.

Every item comes from the project's fact base (facts.md sections 6, 7, 8 and
11) and carries the address where that fact was confirmed. Only the tallies
are stored; what a vote needed and its margin are always worked out by
civics.rules.senate, so the table can never disagree with the calculator.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from tools.links import LessonLink, lesson_link


@dataclass(frozen=True)
class HistoricVote:
    """A roll call on a resolution of ratification."""

    slug: str
    treaty: str
    voted_on: date
    yes: int
    no: int
    source: str
    note: str = ""

    @property
    def voting(self) -> int:
        return self.yes + self.no


HISTORIC_VOTES = (
    HistoricVote(
        slug="versailles-1919-reservations",
        treaty="Treaty of Versailles, with Senator Lodge's 14 reservations",
        voted_on=date(1919, 11, 19),
        yes=39,
        no=55,
        source="https://www.politico.com/story/2014/11/senate-rejects-league-of-nations-nov-19-1919-113006",
    ),
    HistoricVote(
        slug="versailles-1919-without-reservations",
        treaty="Treaty of Versailles, without reservations",
        voted_on=date(1919, 11, 19),
        yes=38,
        no=53,
        source="https://www.politico.com/story/2014/11/senate-rejects-league-of-nations-nov-19-1919-113006",
    ),
    HistoricVote(
        slug="versailles-1920",
        treaty="Treaty of Versailles, with reservations (second try)",
        voted_on=date(1920, 3, 19),
        yes=49,
        no=35,
        source="https://www.politico.com/story/2014/11/senate-rejects-league-of-nations-nov-19-1919-113006",
    ),
    HistoricVote(
        slug="panama-canal-1978",
        treaty="Panama Canal Treaty",
        voted_on=date(1978, 4, 18),
        yes=68,
        no=32,
        source="https://www.archives.gov/exhibits/treasures_of_congress/text/page25_text.html",
    ),
    HistoricVote(
        slug="inf-1988",
        treaty="INF Treaty (Intermediate-Range Nuclear Forces)",
        voted_on=date(1988, 5, 27),
        yes=93,
        no=5,
        source="https://www.upi.com/Archives/1988/05/27/The-Senate-approved-the-historic-INF-treaty-93-5-Friday/1466580708800/",
    ),
    HistoricVote(
        slug="chemical-weapons-1997",
        treaty="Chemical Weapons Convention",
        voted_on=date(1997, 4, 24),
        yes=74,
        no=26,
        source="https://voteview.com/rollcall/RS1050051?mapParties=0",
        note="The Senate attached 28 conditions to its consent.",
    ),
    HistoricVote(
        slug="ctbt-1999",
        treaty="Comprehensive Nuclear-Test-Ban Treaty",
        voted_on=date(1999, 10, 13),
        yes=48,
        no=51,
        source="http://www.fas.org/nuke/control/ctbt/text/101399ctbtvote.htm",
        note=(
            'Senator Robert Byrd answered "present": he counted toward the '
            "quorum but not toward the two-thirds, so 66 of the 99 voting were "
            "needed. 48 was not even a majority."
        ),
    ),
    HistoricVote(
        slug="new-start-2010",
        treaty="New START",
        voted_on=date(2010, 12, 22),
        yes=71,
        no=26,
        source="https://www.foxbusiness.com/politics/start-treaty-ratified-by-senate-in-71-26-final-vote",
    ),
    HistoricVote(
        slug="disability-convention-2012",
        treaty="Convention on the Rights of Persons with Disabilities",
        voted_on=date(2012, 12, 4),
        yes=61,
        no=38,
        source="https://www.politifact.com/truth-o-meter/promises/obameter/promise/88/sign-the-un-convention-on-the-rights-of-persons-wi/",
    ),
)


@dataclass(frozen=True)
class Summit:
    """A meeting of leaders and what, constitutionally, came of it."""

    slug: str
    place: str
    starts_on: date
    leaders: tuple[str, ...]
    agreed: str
    became_treaty: bool
    treaty_outcome: str
    lesson: str
    sources: tuple[str, ...]
    ends_on: date | None = None
    # The Senate vote on the treaty the summit produced, for the calculator.
    senate_vote: str = ""

    @property
    def lesson_link(self) -> LessonLink:
        return lesson_link(self.lesson)

    @property
    def source_links(self) -> list[tuple[str, str]]:
        """(site, url) for each source, so a link says where it leads."""
        return [
            (urlsplit(url).hostname.removeprefix("www."), url) for url in self.sources
        ]

    @property
    def dates(self) -> str:
        """The days it ran, for reading: "4-11 February 1945" with an en dash."""
        start, end = self.starts_on, self.ends_on or self.starts_on
        if end == start:
            return f"{end.day} {end:%B %Y}"
        if (end.year, end.month) == (start.year, start.month):
            return f"{start.day}\N{EN DASH}{end.day} {end:%B %Y}"
        return f"{start.day} {start:%B} \N{EN DASH} {end.day} {end:%B %Y}"


SUMMITS = (
    Summit(
        slug="yalta-1945",
        place="Yalta",
        starts_on=date(1945, 2, 4),
        ends_on=date(1945, 2, 11),
        leaders=(
            "President Franklin Roosevelt",
            "Prime Minister Winston Churchill",
            "Marshal Joseph Stalin",
        ),
        agreed=(
            "Occupation zones for Germany, a Declaration on Liberated Europe, a UN "
            "Security Council voting compromise, and (in a secret protocol) Soviet "
            "entry into the war against Japan."
        ),
        became_treaty=False,
        treaty_outcome="No. No Yalta agreement went to the Senate as a treaty.",
        lesson="summits-as-a-tool",
        sources=(
            "https://www.washingtonpost.com/archive/politics/1985/02/11/the-yalta-conference-big-3-mapped-wars-end/666e9c99-212d-4f80-9a51-57bdd4f30f3b/",
            "https://scholarlycommons.law.case.edu/jil/vol2/iss2/3",
        ),
    ),
    Summit(
        slug="vienna-1961",
        place="Vienna",
        starts_on=date(1961, 6, 3),
        ends_on=date(1961, 6, 4),
        leaders=("President John F. Kennedy", "Premier Nikita Khrushchev"),
        agreed=(
            "Nothing: the leaders met without a set agenda and reached no agreement "
            "on Berlin. East Germany began building the Berlin Wall on 13 August "
            "1961."
        ),
        became_treaty=False,
        treaty_outcome="No. No treaty resulted.",
        lesson="summits-as-a-tool",
        sources=(
            "https://www.politico.com/story/2017/06/02/jfk-and-khrushchev-meet-in-vienna-june-3-1961-238979",
        ),
    ),
    Summit(
        slug="camp-david-1978",
        place="Camp David",
        starts_on=date(1978, 9, 5),
        ends_on=date(1978, 9, 17),
        leaders=(
            "President Carter",
            "Egyptian President Anwar Sadat",
            "Israeli Prime Minister Menachem Begin",
        ),
        agreed=(
            "The Camp David Accords, signed on 17 September 1978 after 13 days of "
            "talks hosted by President Carter."
        ),
        became_treaty=False,
        treaty_outcome=(
            "Not a US treaty. The Egypt-Israel Peace Treaty followed on 26 March "
            "1979, signed in Washington by Sadat and Begin with Carter as a "
            "witness. It is a treaty between Egypt and Israel, so it did not need "
            "Senate consent."
        ),
        lesson="summits-as-a-tool",
        sources=(
            "https://www.sahistory.org.za/dated-event/egyptian-president-anwar-sadat-israeli-prime-minister-menachem-begin-and-president",
            "https://diplomacy.state.gov/social-media-objects/camp-david-accords/",
        ),
    ),
    Summit(
        slug="geneva-1985",
        place="Geneva",
        starts_on=date(1985, 11, 19),
        ends_on=date(1985, 11, 20),
        leaders=("President Reagan", "General Secretary Gorbachev"),
        agreed=(
            'No firm agreements, but a joint statement that "a nuclear war cannot '
            'be won and must never be fought".'
        ),
        became_treaty=False,
        treaty_outcome="No. A joint statement is not a treaty.",
        lesson="summits-as-a-tool",
        sources=(
            "https://www.politico.com/story/2012/11/us-soviet-union-gather-at-summit-conference-nov-19-1985-084016",
        ),
    ),
    Summit(
        slug="reykjavik-1986",
        place="Reykjavik",
        starts_on=date(1986, 10, 11),
        ends_on=date(1986, 10, 12),
        leaders=("President Reagan", "General Secretary Gorbachev"),
        agreed=(
            "Nothing: the leaders discussed deep cuts, even eliminating nuclear "
            "weapons, but ended without agreement over Reagan's Strategic Defense "
            "Initiative."
        ),
        became_treaty=False,
        treaty_outcome="No. The summit ended without agreement.",
        lesson="summits-as-a-tool",
        sources=("https://newstatesman.com/politics/2016/10/speaking-the-unspeakable",),
    ),
    Summit(
        slug="washington-1987",
        place="Washington",
        starts_on=date(1987, 12, 8),
        ends_on=date(1987, 12, 10),
        leaders=("President Reagan", "General Secretary Gorbachev"),
        agreed=(
            "The INF Treaty, signed on 8 December 1987. It eliminated US and Soviet "
            "ground-launched missiles with ranges of 500 to 5,500 km."
        ),
        became_treaty=True,
        treaty_outcome=(
            "Yes. The INF Treaty went to the Senate, which approved it 93 to 5 on 27 "
            "May 1988."
        ),
        lesson="summits-as-a-tool",
        sources=(
            "https://history.state.gov/historicaldocuments/frus1981-88v44p1/d243",
            "https://www.upi.com/Archives/1988/05/27/The-Senate-approved-the-historic-INF-treaty-93-5-Friday/1466580708800/",
        ),
        senate_vote="inf-1988",
    ),
    Summit(
        slug="singapore-2018",
        place="Singapore",
        starts_on=date(2018, 6, 12),
        leaders=("President Trump", "North Korean leader Kim Jong Un"),
        agreed=(
            'A joint statement calling for North Korea "to work toward complete '
            'denuclearization of the Korean Peninsula".'
        ),
        became_treaty=False,
        treaty_outcome="No. The joint statement was not a treaty.",
        lesson="summits-as-a-tool",
        sources=(
            "https://www.cheddar.com/media/trump-kim-reach-agreement-but-theres-more-to-go/",
        ),
    ),
    Summit(
        slug="helsinki-2018",
        place="Helsinki",
        starts_on=date(2018, 7, 16),
        leaders=("President Trump", "President Putin"),
        agreed=(
            "Nothing signed: the leaders met one-on-one, with interpreters, for "
            "more than two hours, then with aides, and held a joint press "
            "conference."
        ),
        became_treaty=False,
        treaty_outcome="No. No agreement was signed.",
        lesson="summits-as-a-tool",
        sources=(
            "https://time.com/5339848/donald-trump-vladimir-putin-summit-transcript/",
        ),
    ),
    Summit(
        slug="geneva-2021",
        place="Geneva",
        starts_on=date(2021, 6, 16),
        leaders=("President Biden", "President Putin"),
        agreed=(
            'A Joint Statement on Strategic Stability that repeated "a nuclear war '
            'cannot be won and must never be fought" and launched a "Strategic '
            'Stability Dialogue"; both sides also agreed to return their '
            "ambassadors."
        ),
        became_treaty=False,
        treaty_outcome="No. No treaty resulted.",
        lesson="summits-as-a-tool",
        sources=(
            "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/06/16/u-s-russia-presidential-joint-statement-on-strategic-stability/",
            "https://tass.com/politics/1303493",
        ),
    ),
    Summit(
        slug="anchorage-2025",
        place="Anchorage, Alaska (Joint Base Elmendorf-Richardson)",
        starts_on=date(2025, 8, 15),
        leaders=("President Trump", "President Putin"),
        agreed="No ceasefire and no written agreement were announced.",
        became_treaty=False,
        treaty_outcome=(
            "No. Because no written agreement came out of the summit, there was "
            "nothing for the Senate to consider."
        ),
        lesson="anchorage-summit-2025",
        sources=(
            "https://washexam.com/news/3099013/no-deal-until-theres-a-deal-trump-sums-up-putin-meeting-in-surprisingly-brief-press-conference",
            "https://tass.com/politics/2003213",
            "https://www.themoscowtimes.com/2025/08/13/trump-putin-summit-to-take-place-on-us-military-base-a90202",
        ),
    ),
)
