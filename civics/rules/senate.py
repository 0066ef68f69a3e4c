"""Senate vote math for treaties: the one place that counts to two-thirds.

The Treaty Clause (Article II, Section 2, Clause 2) lets the President make
treaties "provided two thirds of the Senators present concur"; Congress.gov
describes the same rule as "two-thirds of voting Senators". The denominator is
therefore the Senators who vote yes or no, never the full 100, and a quorum
(Article I, Section 5: "a Majority of each shall constitute a Quorum to do
Business", 51 of 100) must be present first.

The calculator, the handshake walk-through and the tests that check the
shipped quiz answers all ask these functions, so a lesson, a quiz key and a
tool can never disagree about the count.
"""

from dataclasses import dataclass

SENATORS = 100
# Article I, Section 5: a majority of the 100 Senators.
QUORUM = SENATORS // 2 + 1

MESSAGES = {
    "not_a_number": "Enter a whole number of Senators.",
    "negative": "A vote count cannot be below zero.",
    "over_senate": ("The Senate has 100 Senators. Enter 100 or fewer Senators voting."),
    "below_quorum": (
        "The Senate needs a quorum of 51 Senators to do business (Article I, "
        "Section 5). Enter 51 or more Senators voting."
    ),
    "yes_over_voting": (
        "There cannot be more yes votes than Senators voting (%(voting)d). "
        "Check both numbers."
    ),
}


class VoteCountError(ValueError):
    """A vote count the Senate could not produce, with a message a student can
    act on. `argument` names the count at fault ("voting" or "yes") so a form
    can show the message beside the right box."""

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

    @property
    def no(self) -> int:
        return self.voting - self.yes

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


def check_voting(voting) -> None:
    """Raise VoteCountError unless `voting` Senators can decide a treaty: a
    whole number from a quorum (51, Article I, Section 5) to all 100."""
    _check_count(voting, argument="voting")
    if voting > SENATORS:
        raise VoteCountError("over_senate", argument="voting")
    if voting < QUORUM:
        raise VoteCountError("below_quorum", argument="voting")


def votes_needed_for_consent(voting: int) -> int:
    """Yes votes a treaty needs when `voting` Senators vote yes or no.

    Source: Article II, Section 2, Clause 2, "two thirds of the Senators
    present concur"; Congress.gov: "two-thirds of voting Senators".
    Denominator: the Senators voting. The answer is two-thirds rounded up,
    computed in whole numbers (the smallest yes with yes * 3 >= voting * 2)
    so that 99 voting needs exactly 66 with no floating-point doubt.
    """
    check_voting(voting)
    return (voting * 2 + 2) // 3


def votes_to_block(voting: int) -> int:
    """The fewest no votes that defeat a treaty when `voting` Senators vote:
    the blocking minority (34 when all 100 vote). Same source and
    denominator as votes_needed_for_consent."""
    return voting - votes_needed_for_consent(voting) + 1


def treaty_vote(*, voting: int, yes: int) -> TreatyVote:
    """Whether the Senate consents to a treaty, and by how many votes.

    Source: Article II, Section 2, Clause 2 ("two thirds of the Senators
    present concur") with Article I, Section 5 (the quorum of 51).
    Denominator: the Senators voting yes or no. A tie (50 of 100) is short of
    two-thirds, so it never gives consent.

    Raises VoteCountError for counts the Senate could not produce: not a
    whole number, below zero, more than 100 voting, fewer than a quorum
    voting, or more yes votes than Senators voting.
    """
    check_voting(voting)
    _check_count(yes, argument="yes")
    if yes > voting:
        raise VoteCountError("yes_over_voting", argument="yes", voting=voting)
    return TreatyVote(voting=voting, yes=yes, needed=votes_needed_for_consent(voting))
