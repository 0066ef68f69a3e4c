"""The content of "From handshake to law of the land".

Seven questions take an agreement from a summit through the Constitution. Each
Step states the general rule, cites the Constitution or the case, and names the
lesson that teaches it. Each Route (treaty, congressional-executive agreement,
sole executive agreement, political commitment, nothing written) answers the
steps that apply to it, in order, and says where the walk ends.

Every statement comes from the project's fact base (facts.md sections 1 to 4,
6, 8 and 10); vote counts come from civics.rules.senate, never typed in.
"""

from dataclasses import dataclass

from civics.rules.senate import QUORUM, votes_needed_for_consent
from tools.links import LessonLink, lesson_link


@dataclass(frozen=True)
class Citation:
    label: str
    url: str


ARTICLE_I = "https://constitution.congress.gov/constitution/article-1/"
ARTICLE_II = "https://constitution.congress.gov/constitution/article-2/"
ARTICLE_VI = "https://constitution.congress.gov/constitution/article-6/"
CRS_AGREEMENTS = Citation(
    "Congressional Research Service, Legal Sidebar LSB11049",
    "https://www.everycrsreport.com/reports/LSB11049.html",
)
BELMONT = Citation(
    "United States v. Belmont, 301 U.S. 324 (1937)",
    "https://supreme.justia.com/cases/federal/us/301/324/",
)
TPA_PROCEDURES = Citation(
    "Congressional Research Service report R44584: implementing bills under "
    "Trade Promotion Authority",
    "https://www.everycrsreport.com/files/20160812_R44584_3d39ae5ac17ac9319887ea44072c21a968f06e3d.html",
)
REID = Citation(
    "Reid v. Covert, 354 U.S. 1 (1957)",
    "https://supreme.justia.com/cases/federal/us/354/1/",
)


@dataclass(frozen=True)
class Step:
    slug: str
    question: str
    rule: str
    citations: tuple[Citation, ...]
    lesson: str

    @property
    def lesson_link(self) -> LessonLink:
        return lesson_link(self.lesson)


WRITTEN = Step(
    slug="written",
    question="Is there a written agreement?",
    rule=(
        "A President needs no Senate vote to meet a foreign leader. A meeting, a "
        "handshake or a joint statement is not a treaty: summit statements are "
        "usually political commitments, and only a treaty approved by two-thirds "
        "of the Senate and ratified, or a valid executive agreement or law, binds "
        "the United States."
    ),
    citations=(
        Citation("U.S. Constitution, Art. II, §2, cl. 2 and §3", ARTICLE_II),
        CRS_AGREEMENTS,
    ),
    lesson="article-ii-foreign-affairs",
)

FORM = Step(
    slug="form",
    question="Is it binding, and in which form?",
    rule=(
        "US practice has three forms: a treaty (two-thirds of the Senate), an "
        "executive agreement (legally binding, but not sent to the Senate for "
        "two-thirds consent) and a political commitment, which is not legally "
        "binding. The Supreme Court has upheld executive agreements made without "
        "the Senate."
    ),
    citations=(
        Citation("U.S. Constitution, Art. II, §2, cl. 2", ARTICLE_II),
        CRS_AGREEMENTS,
        BELMONT,
        Citation(
            "United States v. Pink, 315 U.S. 203 (1942)",
            "https://supreme.justia.com/cases/federal/us/315/203/",
        ),
        Citation(
            "Dames & Moore v. Regan, 453 U.S. 654 (1981)",
            "https://supreme.justia.com/cases/federal/us/453/654/",
        ),
    ),
    lesson="executive-agreements",
)

VOTE = Step(
    slug="vote",
    question="What vote does it need?",
    rule=(
        "A treaty needs two-thirds of the Senators present and voting "
        f"({votes_needed_for_consent(100)} yes votes only when all 100 vote), a "
        "quorum being present: a majority of the Senators chosen and sworn, "
        f'{QUORUM} when no seat is vacant. Senators who answer "present" count '
        "toward the quorum, not the two-thirds, and the Vice President cannot "
        "break a tie, since a tie is short of two-thirds. A congressional-executive "
        "agreement needs a law passed by simple majorities of both the House and "
        "the Senate, though in the Senate ending debate usually takes 60 votes "
        "unless a fast-track law such as Trade Promotion Authority limits it; a "
        "sole executive agreement or a political commitment needs no vote of "
        "Congress."
    ),
    citations=(
        Citation(
            "U.S. Constitution, Art. II, §2, cl. 2 (the Treaty Clause)", ARTICLE_II
        ),
        Citation("U.S. Constitution, Art. I, §5, cl. 1 (the quorum)", ARTICLE_I),
        Citation(
            "Standing Rules of the Senate, Rule VI (a quorum of the Senators duly "
            "chosen and sworn)",
            "https://www.rules.senate.gov/rules-of-the-senate",
        ),
        Citation(
            "U.S. Constitution, Art. I, §3, cl. 4 (the Vice President votes only "
            "when the Senate is equally divided)",
            ARTICLE_I,
        ),
        Citation("U.S. Constitution, Art. I, §8 (the powers of Congress)", ARTICLE_I),
        TPA_PROCEDURES,
        Citation(
            "Congress.gov: Executive business in the Senate",
            "https://congress.gov/legislative-process/executive-business-senate",
        ),
    ),
    lesson="senate-vote-math",
)

CONDITIONS = Step(
    slug="conditions",
    question="What conditions can the Senate attach?",
    rule=(
        "The Senate can attach to its consent reservations (which change or limit "
        "US obligations), understandings (how the US reads a provision) and "
        "declarations (the Senate's views, for example whether the treaty is "
        "self-executing). Each condition is adopted by majority vote; only the "
        "final question needs two-thirds."
    ),
    citations=(
        Citation(
            "Congressional Research Service, In Focus IF12208",
            "https://www.everycrsreport.com/reports/IF12208.html",
        ),
        Citation(
            "Senate Manual, Rule XXX",
            "https://www.govinfo.gov/content/pkg/SMAN-118.zip:SMAN-118/html/SMAN-118-pg57.htm",
        ),
    ),
    lesson="treaty-clause",
)

RATIFY = Step(
    slug="ratify",
    question="Who ratifies it, and when does it take effect?",
    rule=(
        "The Senate does not ratify. In the Senate Historical Office's words, "
        '"the Senate approves or rejects a resolution of ratification". The '
        "President may then ratify or decide not to, and ratification takes "
        "effect internationally when the instruments of ratification are "
        "exchanged with the other party or deposited with a depositary."
    ),
    citations=(
        Citation(
            "U.S. Senate Historical Office: About Treaties",
            "https://www.senate.gov/artandhistory/history/common/briefing/Treaties.htm",
        ),
        Citation(
            "Senate oral history: Arthur Rynearson on treaties",
            "https://www.senate.gov/artandhistory/history/common/generic/RynearsonArthur_Treaties.htm",
        ),
    ),
    lesson="treaty-clause",
)

COURTS = Step(
    slug="courts",
    question="Does it bind courts at home?",
    rule=(
        'Article VI makes treaties "the supreme Law of the Land" and says "the '
        'Judges in every State shall be bound thereby". But in Medellín v. Texas '
        "(2008) the Supreme Court held that a treaty that is not self-executing "
        "needs a law from Congress before courts enforce it at home, and in Reid "
        "v. Covert (1957) that treaties and executive agreements cannot override "
        "the Constitution."
    ),
    citations=(
        Citation(
            "U.S. Constitution, Art. VI, cl. 2 (the Supremacy Clause)", ARTICLE_VI
        ),
        Citation(
            "Medellín v. Texas, 552 U.S. 491 (2008), as summarized by the "
            "Congressional Research Service (RL34450)",
            "https://www.everycrsreport.com/files/20080410_RL34450_9d9673ec45016b45a02712e0e49e51070900093c.html",
        ),
        REID,
    ),
    lesson="supreme-law-of-the-land",
)

LATER_PRESIDENT = Step(
    slug="later-president",
    question="What can a later President do?",
    rule=(
        "The Constitution says how treaties are made but not how they are ended, "
        "and in Goldwater v. Carter (1979) the Supreme Court ordered the case "
        "dismissed, leaving undecided whether a President may end a treaty alone. "
        "Presidents have withdrawn from the ABM Treaty (effective 13 June 2002) "
        "and the INF Treaty (effective 2 August 2019) without a Senate vote."
    ),
    citations=(
        Citation(
            "Goldwater v. Carter, 444 U.S. 996 (1979)",
            "https://supreme.justia.com/cases/federal/us/444/996/",
        ),
        Citation(
            "Federation of American Scientists: US withdrawal from the ABM Treaty",
            "https://fas.org/nuke/control/abmt/news/uswithdraw121301.html",
        ),
        Citation(
            "CSIS Missile Threat: United States withdraws from the INF Treaty",
            "https://missilethreat.csis.org/united-states-withdraws-from-inf-treaty/",
        ),
    ),
    lesson="ending-treaties",
)

STEPS = (WRITTEN, FORM, VOTE, CONDITIONS, RATIFY, COURTS, LATER_PRESIDENT)


@dataclass(frozen=True)
class Finding:
    """What one step means for one route, with the sources of its example."""

    step: Step
    answer: str
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Route:
    slug: str
    label: str
    findings: tuple[Finding, ...]
    ends: str
    ends_sources: tuple[Citation, ...] = ()


INF_SIGNING = Citation(
    "Office of the Historian: the signing of the INF Treaty",
    "https://history.state.gov/historicaldocuments/frus1981-88v44p1/d243",
)
INF_VOTE = Citation(
    "UPI: the Senate approves the INF Treaty, 93-5",
    "https://www.upi.com/Archives/1988/05/27/The-Senate-approved-the-historic-INF-treaty-93-5-Friday/1466580708800/",
)
NAFTA = Citation(
    "Cornell ILR: NAFTA's signing, approval and implementing act",
    "https://digitalcommons.ilr.cornell.edu/key_workplace/1937/",
)
USMCA = Citation(
    "Thompson Hine: congressional approval of the USMCA",
    "https://www.thompsonhinesmartrade.com/2020/01/congressional-approval-of-u-s-mexico-canada-trade-agreement-accomplished-president-trump-scheduled-to-sign-legislation-next-week/",
)
ANCHORAGE_OUTCOME = (
    Citation(
        'Washington Examiner: "no deal until there\'s a deal"',
        "https://washexam.com/news/3099013/no-deal-until-theres-a-deal-trump-sums-up-putin-meeting-in-surprisingly-brief-press-conference",
    ),
    Citation("TASS: the joint press appearance", "https://tass.com/politics/2003213"),
)

TREATY = Route(
    slug="treaty",
    label="A treaty sent to the Senate",
    findings=(
        Finding(
            WRITTEN,
            "Yes. The executive branch negotiates the text and the treaty is "
            "signed: President Reagan and General Secretary Gorbachev signed the "
            "INF Treaty at the Washington summit on 8 December 1987.",
            (INF_SIGNING,),
        ),
        Finding(
            FORM,
            "An Article II treaty. The President sends it to the Senate, where the "
            "Committee on Foreign Relations takes it up; the committee may report "
            "it or decline to act on it.",
            (
                Citation(
                    "Congressional Research Service report 98-384",
                    "https://www.everycrsreport.com/reports/98-384GOV.html",
                ),
            ),
        ),
        Finding(
            VOTE,
            "Two-thirds of the Senators present and voting: "
            f"{votes_needed_for_consent(100)} if all 100 vote, "
            f"{votes_needed_for_consent(99)} if 99 vote. The Senate approved the "
            "INF Treaty 93 to 5 on 27 May 1988, when "
            f"{votes_needed_for_consent(93 + 5)} yes votes were needed.",
            (INF_VOTE,),
        ),
        Finding(
            CONDITIONS,
            "The Senate may add conditions by majority vote before the final "
            "two-thirds vote. It approved the Chemical Weapons Convention 74 to 26 "
            "on 24 April 1997, with 28 conditions.",
            (
                Citation(
                    "Voteview: the Chemical Weapons Convention roll call",
                    "https://voteview.com/rollcall/RS1050051?mapParties=0",
                ),
            ),
        ),
        Finding(
            RATIFY,
            "The President decides whether to ratify. After the Senate approved "
            'the INF Treaty, President Reagan invited the Senate leaders "to join '
            'me for the exchange of ratification documents in Moscow". New '
            "START's instruments were exchanged in Munich on 5 February 2011, when "
            "it entered into force.",
            (
                Citation(
                    "Reagan Library: statement on the Senate's approval of the INF "
                    "Treaty",
                    "https://www.reaganlibrary.gov/archives/speech/statement-senate-ratification-intermediate-range-nuclear-forces-treaty",
                ),
                Citation(
                    "U.S. Department of State fact sheet: New START Treaty entry into "
                    "force, 5 February 2011",
                    "https://2009-2017.state.gov/r/pa/prs/ps/2011/02/156037.htm",
                ),
                Citation(
                    "UPI: the US-Russia arms treaty goes into effect, 5 February 2011",
                    "https://www.upi.com/Top_News/World-News/2011/02/05/US-Russia-arms-treaty-goes-into-effect/UPI-80791296935484/",
                ),
            ),
        ),
        Finding(
            COURTS,
            "It binds judges in every state as supreme law. If it is not "
            "self-executing, courts enforce it at home only once Congress passes a "
            "law to carry it out (Medellín v. Texas, 2008); the Senate can say "
            "which kind it is in a declaration.",
            (
                Citation(
                    "Congressional Research Service, In Focus IF12208",
                    "https://www.everycrsreport.com/reports/IF12208.html",
                ),
            ),
        ),
        Finding(
            LATER_PRESIDENT,
            "A later President has given notice under a treaty's own withdrawal "
            "terms: formal notice of US withdrawal from the INF Treaty went to "
            "Russia on 2 February 2019 under its six-month withdrawal article, and "
            "the withdrawal took effect on 2 August 2019 without a Senate vote.",
            (
                Citation(
                    "ASIL: the US announces withdrawal from the INF Treaty",
                    "https://asil.org/print/ILIB/us-announces-withdrawal-cold-war-nuclear-arms-control-treaty-russia-february-1-2019",
                ),
            ),
        ),
    ),
    ends=(
        "The walk ends here. Of all the routes, only a treaty needs the Senate's "
        "two-thirds."
    ),
)

CONGRESSIONAL_EXECUTIVE_AGREEMENT = Route(
    slug="congressional-executive-agreement",
    label="An agreement Congress approves by law (a congressional-executive agreement)",
    findings=(
        Finding(
            WRITTEN,
            "Yes, a signed text. NAFTA, for example, was signed by President "
            "George H. W. Bush on 17 December 1992.",
            (NAFTA,),
        ),
        Finding(
            FORM,
            "A congressional-executive agreement: it is approved by a law passed by "
            "both houses of Congress, instead of by two-thirds of the Senate alone.",
            (
                Citation(
                    "Congressional Research Service report 97-896: why certain trade "
                    "agreements are approved as congressional-executive agreements",
                    "https://www.everycrsreport.com/files/20071119_97-896_4ac9020a639dfb980c23e5aee5ce1efbdcb6be18.html",
                ),
            ),
        ),
        Finding(
            VOTE,
            "Simple majorities in both the House and the Senate. The bill carrying "
            "out the US-Mexico-Canada Agreement (USMCA) passed the House 385 to 41 "
            "on 19 December 2019 and the Senate 89 to 10 on 16 January 2020, and "
            "was signed into law on 29 January 2020. It came to Congress under "
            "Trade Promotion Authority, the fast-track law that limits debate and "
            "bars amendments, so the Senate needed no 60 votes to end debate.",
            (USMCA, TPA_PROCEDURES),
        ),
        Finding(
            COURTS,
            'It is approved by a law, and Article VI makes "the Laws of the United '
            'States which shall be made in Pursuance" of the Constitution part of '
            '"the supreme Law of the Land". NAFTA\'s implementing act, signed by '
            "President Clinton on 8 December 1993, is Public Law 103-182.",
            (NAFTA,),
        ),
    ),
    ends=(
        "The walk ends here: Congress as a whole has voted, by simple majorities, "
        "so the Senate's two-thirds does not apply."
    ),
)

SOLE_EXECUTIVE_AGREEMENT = Route(
    slug="sole-executive-agreement",
    label="An agreement the President makes alone (a sole executive agreement)",
    findings=(
        Finding(
            WRITTEN,
            "Yes. For example, in an exchange of notes on 16 November 1933 with "
            "Soviet Foreign Commissar Maxim Litvinov, the United States recognized "
            "the Soviet Union, and Soviet claims to certain assets in the US were "
            "assigned to the United States (the Litvinov Assignment).",
            (
                Citation(
                    "Encyclopedia.com: United States v. Belmont",
                    "https://encyclopedia.com/politics/encyclopedias-almanacs-transcripts-and-maps/belmont-united-states-v-301-us-324-1937",
                ),
            ),
        ),
        Finding(
            FORM,
            "A sole executive agreement: it rests on the President's own "
            "constitutional powers. The Supreme Court upheld the Litvinov "
            "Assignment as binding without the Senate in United States v. Belmont "
            "(1937) and United States v. Pink (1942), and upheld the executive "
            "orders carrying out the Iran hostage agreement in Dames & Moore v. "
            "Regan (1981).",
        ),
        Finding(
            VOTE,
            "None: Congress does not vote. The Case-Zablocki Act of 1972 required "
            "the Secretary of State to send Congress the text of every "
            "international agreement other than a treaty no later than 60 days "
            "after it entered into force; the law was rewritten in December 2022.",
            (
                Citation(
                    "U.S. Department of State: reporting international agreements to "
                    "Congress under the Case Act, 1 U.S.C. 112b",
                    "https://www.state.gov/s/l/treaty/caseact/",
                ),
                Citation(
                    "Congressional Research Service, Legal Sidebar LSB11050: the Case "
                    "Act and its 2022 rewrite",
                    "https://www.everycrsreport.com/files/2023-09-29_LSB11050_cd6962d2271cf45f80565e3f97cfabe2a5541459.html",
                ),
            ),
        ),
        Finding(
            COURTS,
            "It can bind them: in Belmont the Court held that the Litvinov "
            "Assignment overrode New York's contrary state policy. Like a treaty, "
            "it cannot override the Constitution (Reid v. Covert, 1957).",
        ),
    ),
    ends=(
        "The walk ends here, with no vote in Congress. Some senators argue that "
        "particular commitments should go through the treaty process instead: "
        "S. Res. 748 (2024), for example, states that the United States should not "
        "enter any agreement giving Ukraine security guarantees."
    ),
    ends_sources=(
        Citation(
            "GovInfo: text of S. Res. 748",
            "https://govinfo.gov/content/pkg/BILLS-118sres748is/html/BILLS-118sres748is.htm",
        ),
    ),
)

POLITICAL_COMMITMENT = Route(
    slug="political-commitment",
    label="A joint statement or other political commitment",
    findings=(
        Finding(
            WRITTEN,
            "There is a text, but not necessarily an agreement in law. At "
            "Singapore on 12 June 2018 President Trump and North Korean leader Kim "
            "Jong Un signed a joint statement; it was not a treaty.",
            (
                Citation(
                    "Cheddar: the Singapore joint statement",
                    "https://www.cheddar.com/media/trump-kim-reach-agreement-but-theres-more-to-go/",
                ),
            ),
        ),
        Finding(
            FORM,
            "A political commitment, which is not legally binding. In 2015 the "
            "State Department told Rep. Mike Pompeo that the Iran nuclear deal "
            '(JCPOA) "is not a treaty or an executive agreement, and is not a '
            'signed document" but "reflects political commitments".',
            (
                Citation(
                    "National Review: the State Department's letter on the JCPOA",
                    "https://www.nationalreview.com/2015/11/state-department-iran-deal-not-legally-binding-signed/",
                ),
            ),
        ),
    ),
    ends=(
        "The walk stops here. A political commitment is made without Congress and "
        "needs no vote. Congress can still pass a law to review one: the Iran "
        "Nuclear Agreement Review Act of 2015 required the President to send any "
        "nuclear agreement with Iran to Congress within 5 calendar days."
    ),
    ends_sources=(
        Citation(
            "GovInfo: Public Law 114-17",
            "https://www.govinfo.gov/content/pkg/STATUTE-129/html/STATUTE-129-Pg201.htm",
        ),
    ),
)

NOTHING_WRITTEN = Route(
    slug="nothing-written",
    label="Nothing in writing: talks, a handshake, statements to the press",
    findings=(
        Finding(
            WRITTEN,
            "No. At Anchorage on 15 August 2025, for example, no ceasefire and no "
            "written agreement were announced.",
            ANCHORAGE_OUTCOME,
        ),
    ),
    ends=(
        "The walk stops at the first step. Because no written agreement came out "
        "of the Anchorage summit, there was nothing for the Senate to consider."
    ),
    ends_sources=ANCHORAGE_OUTCOME,
)

# The worked example's own sources: what was said on the way to Anchorage
# and after, and what has been reported since about a possible agreement.
ANCHORAGE_REMARKS = (
    Citation(
        'To Vima: Trump aboard Air Force One, "nothing binding"',
        "https://www.tovima.com/world/trump-and-putin-in-alaska-joint-press-conference-planned/amp",
    ),
    Citation(
        'Washington Examiner: "no deal until there\'s a deal"',
        "https://washexam.com/news/3099013/no-deal-until-theres-a-deal-trump-sums-up-putin-meeting-in-surprisingly-brief-press-conference",
    ),
)
SECURITY_GUARANTEE_REPORTS = (
    Citation(
        "Meduza, 5 March 2026",
        "https://meduza.io/news/2026/03/05/lavrov-duh-ankoridzha-isparyaetsya",
    ),
    Citation(
        "Euromaidan Press on Sybiha, 13 February 2026",
        "https://euromaidanpress.com/2026/02/13/us-signals-readiness-to-ratify-ukraine-security-deal-in-congress",
    ),
    Citation(
        "Espreso on the CNN report, 28 December 2025",
        "https://global.espreso.tv/world-about-ukraine-trump-seeks-congressional-approval-for-ukraine-security-guarantees",
    ),
    Citation(
        "Congressional Research Service, Insight IN12385: the 2024 agreement is an "
        "executive agreement",
        "https://www.everycrsreport.com/reports/IN12385.html",
    ),
)

ROUTES = {
    route.slug: route
    for route in (
        TREATY,
        CONGRESSIONAL_EXECUTIVE_AGREEMENT,
        SOLE_EXECUTIVE_AGREEMENT,
        POLITICAL_COMMITMENT,
        NOTHING_WRITTEN,
    )
}
