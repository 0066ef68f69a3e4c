"""Join codes, deadlines and item results, on plain values."""

from datetime import UTC, datetime

import pytest

from teaching.rules import (
    JOIN_CODE_ALPHABET,
    ItemResult,
    Timeliness,
    due_for_student,
    is_well_formed_join_code,
    new_join_code,
    normalise_join_code,
    timeliness,
)

DUE = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


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


def _at(day, hour=12, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due_at", "mastered_at", "now", "expected"),
    [
        (DUE, _at(10, 8), _at(20), Timeliness.ON_TIME),
        (DUE, DUE, _at(20), Timeliness.ON_TIME),  # the due minute itself
        (DUE, _at(10, 8, 1), _at(20), Timeliness.LATE),
        (None, _at(11), _at(20), Timeliness.DONE),
        (DUE, None, _at(10, 8, 1), Timeliness.OVERDUE),
        (DUE, None, _at(10, 7), Timeliness.DUE_SOON),
        (DUE, None, _at(7, 8), Timeliness.DUE_SOON),
        (DUE, None, _at(7, 7), Timeliness.OPEN),
        (None, None, _at(6), Timeliness.OPEN),
    ],
)
def test_timeliness_of_an_assignment(due_at, mastered_at, now, expected):
    assert timeliness(due_at=due_at, mastered_at=mastered_at, now=now) == expected


@pytest.mark.parametrize(
    ("class_due", "extra_time", "expected"),
    [
        (DUE, None, DUE),
        (DUE, _at(12), _at(12)),
        # The class's due time moved past the extra time: the later counts.
        (_at(14), _at(12), _at(14)),
        # No due time for the class: nobody's work is due.
        (None, _at(12), None),
    ],
)
def test_a_students_due_time_is_the_later_of_the_class_and_their_extra_time(
    class_due, extra_time, expected
):
    assert due_for_student(class_due, extra_time) == expected


@pytest.mark.parametrize(
    ("answered", "correct", "percent"), [(0, 0, 0), (3, 2, 67), (8, 8, 100)]
)
def test_item_percent_correct_is_of_those_who_answered(answered, correct, percent):
    result = ItemResult(answered=answered, correct=correct)
    assert result.percent_correct == percent
