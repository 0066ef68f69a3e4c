"""Senate vote math for treaties: the one place that counts to two-thirds.

The rule, with its sources:

- Two-thirds of those present and voting. The Treaty Clause (Article II,
  Section 2, Clause 2) lets the President make treaties "provided two thirds
  of the Senators present concur"; Congress.gov describes the same rule as
  "two-thirds of voting Senators". The denominator is the Senators who vote
  yes or no, never the full 100.
- A quorum first. Article I, Section 5: "a Majority of each shall constitute a
  Quorum to do Business". Senate Rule VI, paragraph 1, as Riddick's Senate
  Procedure ("Quorum", S. Doc. 101-28, 1992) gives it: "a quorum shall
  consist of a majority of the Senators duly chosen and sworn". So the quorum
  is 51 of a full Senate and fewer when seats are vacant (49 of 97).
- A Senator who answers "present" is there, so counts toward the quorum, but
  casts no vote, so is not in the two-thirds (facts.md, "Additions from the
  December 2026 review"; the CTBT's 48-51 vote, with Senator Byrd "present",
  needed 66 of 99). 48 voting and 5 "present" are a valid sitting.
- The Vice President votes only when the Senate is "equally divided" (Article
  I, Section 3, Clause 4). A tie is short of two-thirds, so a Vice President
  can never give the Senate's consent to a treaty.

The calculator, the handshake walk-through and the tests that check the
shipped quiz answers all ask these functions, so a lesson, a quiz key and a
tool can never disagree about the count.
"""

from dataclasses import dataclass

SENATORS = 100


def _majority(seats: int) -> int:
    return seats // 2 + 1


# The quorum of a full Senate, no seat vacant.
QUORUM = _majority(SENATORS)

MESSAGES = {
    "not_a_number": "Enter a whole number of Senators.",
    "negative": "A vote count cannot be below zero.",
    "seats_over_senate": (
        "The Senate has 100 seats, two for each state. Enter 100 or fewer "
        "Senators chosen and sworn."
    ),
    "no_seats": "Enter at least one Senator chosen and sworn.",
    "over_senate": (
        "The Senate has %(seats)d Senators chosen and sworn. Enter %(seats)d or "
        "fewer Senators voting."
    ),
    "present_over_seats": (
        "The Senate has %(seats)d Senators chosen and sworn. Enter %(seats)d or "
        'fewer answering "present".'
    ),
    "more_than_seats": (
        "%(voting)d voting and %(present)d present make %(total)d, more than the "
        "%(seats)d Senators chosen and sworn. Check both numbers."
    ),
    "nobody_voting": (
        "At least one Senator must vote yes or no for the Senate to decide. "
        'Senators who answer "present" do not vote.'
    ),
    "below_quorum": (
        "With %(seats)d Senators chosen and sworn, the Senate needs a quorum of "
        "%(quorum)d present to do business (Article I, Section 5). %(voting)d "
        'voting and %(present)d answering "present" make %(total)d: enter '
        '%(quorum)d or more Senators voting or answering "present".'
    ),
    "yes_over_voting": (
        "There cannot be more yes votes than Senators voting (%(voting)d). "
        "Check both numbers."
    ),
}


class VoteCountError(ValueError):
    """A vote count the Senate could not produce, with a message a student can
    act on. `argument` names the count at fault ("voting", "yes", "present" or
    "seats") so a form can show the message beside the right box."""

    def __init__(self, code: str, *, argument: str, **params):
        self.code = code
        self.argument = argument
        self.params = params
        super().__init__(MESSAGES[code] % params if params else MESSAGES[code])


@dataclass(frozen=True)
class TreatyVote:
    """The outcome of a vote on a resolution of ratification.

    `margin` is yes votes minus votes needed: positive means votes to spare,
    zero means it passed with none to spare, negative means it fell short.
    """

    voting: int
    yes: int
    needed: int
    present: int = 0
    seats: int = SENATORS

    @property
    def no(self) -> int:
        return self.voting - self.yes

    @property
    def quorum(self) -> int:
        return quorum(self.seats)

    @property
    def in_chamber(self) -> int:
        """Senators counted toward the quorum: those voting and those present."""
        return self.voting + self.present

    @property
    def tie(self) -> bool:
        """An equal division, the only time the Vice President may vote; it is
        always short of two-thirds."""
        return self.yes == self.no

    @property
    def consent(self) -> bool:
        return self.margin >= 0

    @property
    def margin(self) -> int:
        return self.yes - self.needed

    @property
    def short_by(self) -> int:
        """Yes votes missing for consent; 0 when the Senate consents."""
        return max(0, -self.margin)

    @property
    def to_spare(self) -> int:
        """Yes votes beyond those needed; 0 when the vote falls short."""
        return max(0, self.margin)


def _check_count(value, *, argument: str) -> None:
    # bool is an int in Python, but True is not a number of Senators.
    if not isinstance(value, int) or isinstance(value, bool):
        raise VoteCountError("not_a_number", argument=argument)
    if value < 0:
        raise VoteCountError("negative", argument=argument)


def quorum(seats: int = SENATORS) -> int:
    """The quorum when `seats` Senators are chosen and sworn: a majority of
    them (Article I, Section 5; Senate Rule VI), 51 of 100, 49 of 97."""
    _check_count(seats, argument="seats")
    if seats > SENATORS:
        raise VoteCountError("seats_over_senate", argument="seats")
    if seats == 0:
        raise VoteCountError("no_seats", argument="seats")
    return _majority(seats)


def check_voting(voting) -> None:
    """Raise VoteCountError unless `voting` Senators can vote yes or no on a
    treaty: a whole number from 1 to 100. Whether they make a quorum depends
    on the "present" answers and the vacancies, which treaty_vote checks."""
    _check_count(voting, argument="voting")
    if voting > SENATORS:
        raise VoteCountError("over_senate", argument="voting", seats=SENATORS)
    if voting == 0:
        raise VoteCountError("nobody_voting", argument="voting")


def votes_needed_for_consent(voting: int) -> int:
    """Yes votes a treaty needs when `voting` Senators vote yes or no.

    Source: Article II, Section 2, Clause 2, "two thirds of the Senators
    present concur"; Congress.gov: "two-thirds of voting Senators".
    Denominator: the Senators voting; "present" answers are not in it. The
    answer is two-thirds rounded up, computed in whole numbers (the smallest
    yes with yes * 3 >= voting * 2) so that 99 voting needs exactly 66 with no
    floating-point doubt.
    """
    check_voting(voting)
    return (voting * 2 + 2) // 3


def votes_to_block(voting: int) -> int:
    """The fewest no votes that defeat a treaty when `voting` Senators vote:
    the blocking minority (34 when all 100 vote). Same source and
    denominator as votes_needed_for_consent."""
    return voting - votes_needed_for_consent(voting) + 1


def treaty_vote(
    *, voting: int, yes: int, present: int = 0, seats: int = SENATORS
) -> TreatyVote:
    """Whether the Senate consents to a treaty, and by how many votes.

    `voting` Senators vote yes or no, `yes` of them yes; `present` more answer
    "present"; `seats` Senators are chosen and sworn (100 unless seats are
    vacant). Source: Article II, Section 2, Clause 2 ("two thirds of the
    Senators present concur") with Article I, Section 5 and Senate Rule VI
    (the quorum, a majority of the Senators chosen and sworn). Denominator:
    the Senators voting yes or no; "present" answers count toward the quorum
    only. A tie is short of two-thirds, so it never gives consent, and the
    Vice President's tie-breaking vote cannot change that.

    Raises VoteCountError for counts the Senate could not produce: not a
    whole number, below zero, more than the seats, nobody voting, fewer than a
    quorum in the chamber, or more yes votes than Senators voting.
    """
    quorum_needed = quorum(seats)
    _check_count(voting, argument="voting")
    _check_count(yes, argument="yes")
    _check_count(present, argument="present")
    if voting > seats:
        raise VoteCountError("over_senate", argument="voting", seats=seats)
    if present > seats:
        raise VoteCountError("present_over_seats", argument="present", seats=seats)
    counts = {"voting": voting, "present": present, "total": voting + present}
    if voting + present > seats:
        raise VoteCountError(
            "more_than_seats", argument="present", seats=seats, **counts
        )
    check_voting(voting)
    if voting + present < quorum_needed:
        raise VoteCountError(
            "below_quorum",
            argument="voting",
            seats=seats,
            quorum=quorum_needed,
            **counts,
        )
    if yes > voting:
        raise VoteCountError("yes_over_voting", argument="yes", voting=voting)
    return TreatyVote(
        voting=voting,
        yes=yes,
        needed=votes_needed_for_consent(voting),
        present=present,
        seats=seats,
    )
