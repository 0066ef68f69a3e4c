"""Join codes, deadlines and item results, on plain values."""

from datetime import date

import pytest

from teaching.rules import (
    JOIN_CODE_ALPHABET,
    ItemResult,
    Timeliness,
    is_well_formed_join_code,
    new_join_code,
    normalise_join_code,
    timeliness,
)

DUE = date(2026, 3, 10)


def test_join_codes_avoid_characters_that_look_alike():
    for character in "0O1Il":
        assert character not in JOIN_CODE_ALPHABET
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) > 195
    assert all(is_well_formed_join_code(code) for code in codes)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("k7m2qx", "K7M2QX"), (" K7M-2QX ", "K7M2QX"), ("k7 m2 qx", "K7M2QX")],
)
def test_a_typed_code_is_normalised(typed, stored):
    assert normalise_join_code(typed) == stored


@pytest.mark.parametrize("code", ["K7M2Q", "K7M2QXX", "K7M2Q0", "K7M2QO", "K7M2Q!"])
def test_malformed_codes_are_recognised(code):
    assert not is_well_formed_join_code(code)


@pytest.mark.parametrize(
    ("due_on", "mastered_on", "today", "expected"),
    [
        (DUE, date(2026, 3, 10), date(2026, 3, 20), Timeliness.ON_TIME),
        (DUE, date(2026, 3, 11), date(2026, 3, 20), Timeliness.LATE),
        (None, date(2026, 3, 11), date(2026, 3, 20), Timeliness.DONE),
        (DUE, None, date(2026, 3, 11), Timeliness.OVERDUE),
        (DUE, None, date(2026, 3, 10), Timeliness.DUE_SOON),  # the due day itself
        (DUE, None, date(2026, 3, 7), Timeliness.DUE_SOON),
        (DUE, None, date(2026, 3, 6), Timeliness.OPEN),
        (None, None, date(2026, 3, 6), Timeliness.OPEN),
    ],
)
def test_timeliness_of_an_assignment(due_on, mastered_on, today, expected):
    assert timeliness(due_on=due_on, mastered_on=mastered_on, today=today) == expected


@pytest.mark.parametrize(
    ("answered", "correct", "percent"), [(0, 0, 0), (3, 2, 67), (8, 8, 100)]
)
def test_item_percent_correct_is_of_those_who_answered(answered, correct, percent):
    result = ItemResult(answered=answered, correct=correct, top_wrong_answer=None)
    assert result.percent_correct == percent
