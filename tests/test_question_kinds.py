"""Scoring and authoring rules for each kind of question, on plain values."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from civics.kinds import QuestionKind
from civics.rules import scoring
from civics.rules.authoring import validate_choices
from civics.rules.scoring import AnswerKey
from civics.rules.shuffle import shuffled

Q = QuestionKind


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ([1, 2, 3], "1.000"),  # every correct choice
        ([1, 2], "0.667"),  # two of three, nothing wrong
        ([1, 2, 9], "0.333"),  # two right, one wrong
        ([1, 8, 9], "0.000"),  # never below zero
        ([1, 2, 3, 8, 9], "0.333"),  # ticking every box is no strategy
        ([8], "0.000"),
    ],
)
def test_multiple_select_gives_right_minus_wrong_partial_credit(selected, expected):
    key = AnswerKey(kind=Q.MULTIPLE, correct_choice_ids=(1, 2, 3))
    assert scoring.credit(key, selected) == Decimal(expected)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ([1, 2, 3, 4], "1.000"),
        ([2, 1, 3, 4], "0.500"),  # one swap: two items out of place
        ([4, 1, 2, 3], "0.000"),  # everything shifted by one
        ([1, 3, 2, 4], "0.500"),
    ],
)
def test_ordering_earns_the_share_of_items_in_their_place(order, expected):
    key = AnswerKey(kind=Q.ORDERING, correct_choice_ids=(1, 2, 3, 4))
    assert scoring.credit(key, order) == Decimal(expected)


@pytest.mark.parametrize(
    ("given", "tolerance", "expected"),
    [
        ("62", "0", 1),
        ("61", "0", 0),
        ("62.5", "0.5", 1),  # the tolerance is inclusive
        ("61.5", "0.5", 1),
        ("62.51", "0.5", 0),
        ("-62", "0", 0),
    ],
)
def test_numeric_is_right_within_the_tolerance(given, tolerance, expected):
    key = AnswerKey(
        kind=Q.NUMERIC, numeric_answer=Decimal(62), tolerance=Decimal(tolerance)
    )
    assert scoring.credit(key, Decimal(given)) == expected


@pytest.mark.parametrize(("selected", "expected"), [([5], 1), ([6], 0)])
def test_true_false_is_all_or_nothing(selected, expected):
    key = AnswerKey(kind=Q.TRUE_FALSE, correct_choice_ids=(5,))
    assert scoring.credit(key, selected) == expected


def test_an_unanswered_question_earns_nothing():
    assert scoring.credit(AnswerKey(kind=Q.SINGLE, correct_choice_ids=(1,)), None) == 0


def test_partial_credits_add_up_to_the_score():
    multiple = AnswerKey(kind=Q.MULTIPLE, correct_choice_ids=(1, 2, 3), points=3)
    single = AnswerKey(kind=Q.SINGLE, correct_choice_ids=(4,))
    result = scoring.score(
        [
            (multiple, scoring.credit(multiple, [1, 2])),
            (single, scoring.credit(single, [4])),
        ]
    )
    assert result.points == Decimal("3.00")  # 0.667 x 3 rounds to 2.00, + 1
    assert result.max_points == 4


@pytest.mark.parametrize(
    ("kind", "choices", "correct"),
    [
        (Q.SINGLE, 3, 1),
        (Q.TRUE_FALSE, 2, 1),
        (Q.MULTIPLE, 4, 1),
        (Q.MULTIPLE, 4, 4),
        (Q.ORDERING, 5, 0),
        (Q.NUMERIC, 0, 0),
    ],
)
def test_well_formed_questions_pass_the_authoring_rule(kind, choices, correct):
    validate_choices(kind, choice_count=choices, correct_count=correct)


@pytest.mark.parametrize(
    ("kind", "choices", "correct", "code"),
    [
        (Q.SINGLE, 1, 1, "too_few_choices"),
        (Q.SINGLE, 3, 0, "not_one_correct"),
        (Q.SINGLE, 3, 2, "not_one_correct"),
        (Q.TRUE_FALSE, 3, 1, "not_two_choices"),
        (Q.TRUE_FALSE, 2, 2, "not_one_correct"),
        (Q.MULTIPLE, 3, 0, "none_correct"),
        (Q.ORDERING, 1, 0, "too_few_choices"),
        (Q.NUMERIC, 2, 1, "numeric_has_choices"),
    ],
)
def test_malformed_questions_are_refused_with_a_reason(kind, choices, correct, code):
    with pytest.raises(ValidationError) as raised:
        validate_choices(kind, choice_count=choices, correct_count=correct)
    assert raised.value.code == code


def test_shuffle_is_the_same_for_the_same_attempt_and_question():
    items = list(range(10))
    assert shuffled(items, seed=7, salt=3) == shuffled(items, seed=7, salt=3)
    assert sorted(shuffled(items, seed=7, salt=3)) == items


def test_shuffle_differs_between_attempts():
    items = list(range(10))
    orders = {tuple(shuffled(items, seed=seed, salt=3)) for seed in range(20)}
    assert len(orders) > 15


@pytest.mark.parametrize("seed", range(50))
def test_shuffle_never_leaves_items_in_their_given_order(seed):
    assert shuffled([1, 2], seed=seed, salt=1) == [2, 1]
    assert shuffled([1, 2, 3], seed=seed, salt=1) != [1, 2, 3]
