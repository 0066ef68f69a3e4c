"""The Senate's treaty vote math (civics/rules/senate.py), and the shipped
quizzes that ask it: one rule, so a quiz key can never disagree with a tool."""

import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civics.course_loader import CURRICULUM_DIR
from civics.rules.senate import (
    QUORUM,
    VoteCountError,
    quorum,
    treaty_vote,
    votes_needed_for_consent,
    votes_to_block,
)


def test_a_quorum_is_a_majority_of_the_100_senators():
    assert QUORUM == 51
    assert quorum() == 51


@pytest.mark.parametrize(
    ("seats", "expected"), [(100, 51), (99, 50), (98, 50), (97, 49), (1, 1)]
)
def test_vacancies_lower_the_quorum_to_a_majority_of_those_chosen_and_sworn(
    seats, expected
):
    assert quorum(seats) == expected


def test_present_answers_make_the_quorum_with_those_voting():
    # 48 yes or no and 5 "present" are 53 Senators, a quorum of 100.
    vote = treaty_vote(voting=48, yes=40, present=5)
    assert (vote.quorum, vote.needed, vote.consent) == (51, 32, True)


def test_present_answers_are_not_in_the_two_thirds():
    with_present = treaty_vote(voting=60, yes=40, present=30)
    assert with_present.needed == votes_needed_for_consent(60) == 40
    assert with_present.consent


def test_with_vacancies_fewer_senators_make_a_quorum():
    # 97 chosen and sworn: 49 is a quorum, 48 is not.
    assert treaty_vote(voting=49, yes=33, seats=97).consent
    with pytest.raises(VoteCountError) as caught:
        treaty_vote(voting=48, yes=33, seats=97)
    assert (caught.value.code, caught.value.argument) == ("below_quorum", "voting")
    assert "quorum of 49" in str(caught.value)


@pytest.mark.parametrize("voting", [2, 50, 52, 98, 100])
def test_a_tie_never_gives_consent_so_the_vice_president_cannot_break_it(voting):
    vote = treaty_vote(voting=voting, yes=voting // 2, present=max(0, 51 - voting))
    assert vote.tie
    assert not vote.consent


def test_only_an_even_split_is_a_tie():
    assert not treaty_vote(voting=99, yes=50).tie


# The table in facts.md section 11.
@pytest.mark.parametrize(
    ("voting", "needed"),
    [
        (100, 67),
        (99, 66),
        (98, 66),
        (97, 65),
        (96, 64),
        (92, 62),
        (90, 60),
        (84, 56),
        (75, 50),
        (51, 34),
    ],
)
def test_votes_needed_is_two_thirds_of_those_voting_rounded_up(voting, needed):
    assert votes_needed_for_consent(voting) == needed


@pytest.mark.parametrize(
    ("voting", "yes", "consent", "needed", "margin"),
    [
        pytest.param(99, 66, True, 66, 0, id="exactly-two-thirds"),
        pytest.param(99, 65, False, 66, -1, id="one-short"),
        pytest.param(100, 67, True, 67, 0, id="all-100-need-67"),
        pytest.param(100, 66, False, 67, -1, id="66-of-100-is-short"),
        pytest.param(100, 50, False, 67, -17, id="tie"),
        pytest.param(51, 34, True, 34, 0, id="bare-quorum"),
        pytest.param(51, 51, True, 34, 17, id="unanimous-quorum"),
        pytest.param(60, 0, False, 40, -40, id="no-yes-votes"),
    ],
)
def test_treaty_vote_gives_consent_and_margin(voting, yes, consent, needed, margin):
    vote = treaty_vote(voting=voting, yes=yes)
    assert (vote.consent, vote.needed, vote.margin) == (consent, needed, margin)
    assert vote.no == voting - yes


# The worked examples in facts.md section 11.
@pytest.mark.parametrize(
    ("yes", "no", "needed", "margin"),
    [
        pytest.param(49, 35, 56, -7, id="versailles-1920"),
        pytest.param(48, 51, 66, -18, id="ctbt-1999"),
        pytest.param(61, 38, 66, -5, id="disability-convention-2012"),
        pytest.param(71, 26, 65, 6, id="new-start-2010"),
        pytest.param(74, 26, 67, 7, id="chemical-weapons-1997"),
        pytest.param(68, 32, 67, 1, id="panama-canal-1978"),
        pytest.param(93, 5, 66, 27, id="inf-1988"),
    ],
)
def test_historic_votes_work_out_as_recorded(yes, no, needed, margin):
    vote = treaty_vote(voting=yes + no, yes=yes)
    assert (vote.needed, vote.margin) == (needed, margin)
    assert vote.short_by == max(0, -margin)
    assert vote.to_spare == max(0, margin)


def test_ctbt_needed_66_because_senator_byrds_present_is_not_a_vote():
    vote = treaty_vote(voting=48 + 51, yes=48, present=1)
    assert (vote.needed, vote.short_by) == (66, 18)


@pytest.mark.parametrize(("voting", "block"), [(100, 34), (99, 34), (98, 33)])
def test_blocking_minority(voting, block):
    assert votes_to_block(voting) == block
    assert not treaty_vote(voting=voting, yes=voting - block).consent
    assert treaty_vote(voting=voting, yes=voting - block + 1).consent


@pytest.mark.parametrize(
    ("voting", "yes", "code", "argument"),
    [
        pytest.param(40, 30, "below_quorum", "voting", id="fewer-than-a-quorum"),
        pytest.param(50, 40, "below_quorum", "voting", id="one-below-quorum"),
        pytest.param(0, 0, "nobody_voting", "voting", id="nobody"),
        pytest.param(60, 70, "yes_over_voting", "yes", id="more-yes-than-voting"),
        pytest.param(101, 80, "over_senate", "voting", id="more-than-100"),
        pytest.param(-99, 66, "negative", "voting", id="negative-voting"),
        pytest.param(99, -1, "negative", "yes", id="negative-yes"),
        pytest.param("abc", 66, "not_a_number", "voting", id="text-voting"),
        pytest.param(99, "66", "not_a_number", "yes", id="numeric-text-yes"),
        pytest.param(99.0, 66, "not_a_number", "voting", id="float-voting"),
        pytest.param(99, 65.5, "not_a_number", "yes", id="fractional-yes"),
        pytest.param(None, 66, "not_a_number", "voting", id="missing-voting"),
        pytest.param(99, True, "not_a_number", "yes", id="boolean-yes"),
    ],
)
def test_counts_the_senate_could_not_produce_are_refused(voting, yes, code, argument):
    with pytest.raises(VoteCountError) as caught:
        treaty_vote(voting=voting, yes=yes)
    assert (caught.value.code, caught.value.argument) == (code, argument)


@pytest.mark.parametrize(
    ("counts", "code", "argument"),
    [
        pytest.param({"present": -1}, "negative", "present", id="negative-present"),
        pytest.param({"present": "5"}, "not_a_number", "present", id="text-present"),
        pytest.param({"seats": 101}, "seats_over_senate", "seats", id="101-seats"),
        pytest.param({"seats": 0}, "no_seats", "seats", id="no-seats"),
        pytest.param({"seats": -3}, "negative", "seats", id="negative-seats"),
        pytest.param({"seats": 2.5}, "not_a_number", "seats", id="float-seats"),
        pytest.param({"seats": 97}, "over_senate", "voting", id="voting-over-seats"),
        pytest.param(
            {"present": 101}, "present_over_seats", "present", id="101-present"
        ),
        pytest.param(
            {"present": 3}, "more_than_seats", "present", id="voting-and-present-over"
        ),
        pytest.param({"present": 10**400}, "present_over_seats", "present", id="huge"),
    ],
)
def test_present_answers_and_seats_the_senate_could_not_have_are_refused(
    counts, code, argument
):
    with pytest.raises(VoteCountError) as caught:
        treaty_vote(voting=98, yes=66, **counts)
    assert (caught.value.code, caught.value.argument) == (code, argument)


@pytest.mark.parametrize(
    ("voting", "yes", "message"),
    [
        (40, 30, "quorum of 51"),
        (60, 70, "more yes votes than Senators voting (60)"),
        (101, 80, "The Senate has 100 Senators"),
        ("abc", 66, "Enter a whole number of Senators."),
    ],
)
def test_refusals_say_what_to_fix(voting, yes, message):
    with pytest.raises(VoteCountError, match=re.escape(message)):
        treaty_vote(voting=voting, yes=yes)


def _verdict(**counts):
    try:
        return treaty_vote(**counts)
    except VoteCountError as error:
        return error


counts = st.one_of(
    st.integers(min_value=-5, max_value=110),
    st.integers(),
    st.sampled_from([None, True, 2.5, "48", ""]),
)


@settings(max_examples=300, deadline=None)
@given(voting=counts, yes=counts, present=counts, seats=counts)
def test_any_counts_give_a_verdict_by_the_rule_or_a_refusal_to_act_on(
    voting, yes, present, seats
):
    vote = _verdict(voting=voting, yes=yes, present=present, seats=seats)
    if isinstance(vote, VoteCountError):
        assert vote.argument in {"voting", "yes", "present", "seats"}
        assert str(vote)
        return
    assert 0 < vote.voting <= vote.voting + vote.present <= vote.seats <= 100
    assert vote.voting + vote.present >= vote.seats // 2 + 1
    assert vote.consent == (vote.yes * 3 >= vote.voting * 2)
    assert not (vote.tie and vote.consent)


def test_votes_needed_counts_only_those_voting_so_fewer_than_51_is_allowed():
    # With "present" answers making the quorum, 48 may vote yes or no.
    assert votes_needed_for_consent(48) == 32


def test_votes_needed_refuses_a_vote_nobody_cast():
    with pytest.raises(VoteCountError, match="vote yes or no"):
        votes_needed_for_consent(0)


# The shipped quizzes ask this math. These patterns read only the prompts they
# understand ("N Senators vote", "the Senate voted Y to N"); anything else is
# left to the curriculum's own review.
SENATORS_VOTING = re.compile(r"\b(\d+) Senators (?:vote|voted|voting|present)\b")
SENATE_TALLY = re.compile(
    r"\b(?:the Senate voted|passed the Senate) (\d+) to (\d+)\b", re.IGNORECASE
)
ASKS_SHORTFALL = re.compile(r"\bhow many more yes votes\b", re.IGNORECASE)
ASKS_YES_NEEDED = re.compile(
    r"\bhow many yes votes\b|\bsmallest number of yes votes\b"
    r"|\bhow many must vote yes\b",
    re.IGNORECASE,
)
ASKS_BLOCKING = re.compile(r'\bsmallest number of "no" votes that blocks\b')


def _expected_answer(prompt):
    """What the rule says the answer is, or None for a prompt it cannot read."""
    voting = SENATORS_VOTING.search(prompt)
    tally = SENATE_TALLY.search(prompt)
    if tally and ASKS_SHORTFALL.search(prompt):
        yes, no = map(int, tally.groups())
        return "shortfall", treaty_vote(voting=yes + no, yes=yes).short_by
    if voting is None and tally is not None:
        count = sum(map(int, tally.groups()))
    elif voting is not None:
        count = int(voting.group(1))
    else:
        return None
    if ASKS_YES_NEEDED.search(prompt):
        return "yes_needed", votes_needed_for_consent(count)
    if ASKS_BLOCKING.search(prompt):
        return "blocking", votes_to_block(count)
    return None


def _vote_math_questions():
    for path in sorted((CURRICULUM_DIR / "lessons").glob("*.toml")):
        lesson = tomllib.loads(path.read_text())
        for number, question in enumerate(lesson["quiz"]["questions"], start=1):
            if question["kind"] != "numeric":
                continue
            expected = _expected_answer(question["prompt"])
            if expected is not None:
                yield pytest.param(
                    question, *expected, id=f"{lesson['slug']}-q{number}"
                )


VOTE_MATH_QUESTIONS = list(_vote_math_questions())


def test_the_quiz_check_finds_the_vote_math_questions():
    kinds = [param.values[1] for param in VOTE_MATH_QUESTIONS]
    assert kinds.count("yes_needed") >= 2
    assert "blocking" in kinds
    assert "shortfall" in kinds


@pytest.mark.parametrize(("question", "kind", "expected"), VOTE_MATH_QUESTIONS)
def test_shipped_quiz_answers_agree_with_the_rule(question, kind, expected):
    assert question["answer"] == expected
    assert question.get("tolerance", 0) == 0


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "With 98 Senators voting, how many yes votes did it need?",
            ("yes_needed", 66),
        ),
        (
            "The Senate voted 49 to 35. How many more yes votes did it need?",
            ("shortfall", 7),
        ),
        ("In the override the House voted 284 to 135. How many yes votes?", None),
        ("How many Senators make a quorum?", None),
        ("96 Senators vote. Who ratifies the treaty?", None),
    ],
)
def test_the_quiz_check_reads_only_prompts_it_understands(prompt, expected):
    assert _expected_answer(prompt) == expected
