"""The Leitner schedule of missed questions, on plain values."""

from datetime import date

import pytest

from civics.rules.review import (
    ReviewState,
    after_answer,
    after_review_in_words,
    day_in_words,
    is_due,
    why_due,
)

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)
FRIDAY = date(2026, 3, 6)


def test_a_question_never_missed_stays_out_of_review():
    assert after_answer(None, correct=True, today=MONDAY) is None


def test_a_miss_puts_the_question_in_box_1_due_at_once():
    state = after_answer(None, correct=False, today=MONDAY)
    assert state == ReviewState(box=1, due_on=MONDAY)
    assert is_due(state, today=MONDAY)


def test_a_right_answer_when_due_promotes_to_box_2_due_the_next_day():
    state = after_answer(ReviewState(1, MONDAY), correct=True, today=MONDAY)
    assert state == ReviewState(box=2, due_on=TUESDAY)
    assert not is_due(state, today=MONDAY)
    assert is_due(state, today=TUESDAY)


def test_a_second_right_answer_the_same_day_is_not_a_new_session():
    state = ReviewState(2, TUESDAY)
    assert after_answer(state, correct=True, today=MONDAY) == state


def test_right_answers_in_two_separate_sessions_retire_the_question():
    state = after_answer(None, correct=False, today=MONDAY)
    state = after_answer(state, correct=True, today=MONDAY)
    state = after_answer(state, correct=True, today=FRIDAY)
    assert state.retired
    assert not is_due(state, today=FRIDAY)


@pytest.mark.parametrize("state", [ReviewState(2, TUESDAY), ReviewState(2, None)])
def test_a_miss_at_any_point_demotes_to_box_1_due_at_once(state):
    assert after_answer(state, correct=False, today=FRIDAY) == ReviewState(1, FRIDAY)


def test_a_retired_question_stays_retired_when_answered_right():
    retired = ReviewState(2, None)
    assert after_answer(retired, correct=True, today=FRIDAY) == retired


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (MONDAY, "today"),
        (TUESDAY, "tomorrow"),
        (FRIDAY, "on Friday, March 6"),
    ],
)
def test_a_due_day_is_said_from_today(day, words):
    assert day_in_words(day, today=MONDAY) == words


@pytest.mark.parametrize(
    ("state", "correct", "words"),
    [
        # Right in box 1: box 2, due the next day.
        (
            ReviewState(2, TUESDAY),
            True,
            "Right: it comes back tomorrow; right again then and it leaves review.",
        ),
        (ReviewState(2, None), True, "Right again: it has left review."),
        (
            ReviewState(1, MONDAY),
            False,
            "Missed: it stays due, so it comes back in your next practice.",
        ),
        # Answered since: the page tells the state as it is now.
        (
            ReviewState(1, MONDAY),
            True,
            "Right, but it is due again now: practise it once more.",
        ),
        (ReviewState(2, FRIDAY), False, "It comes back on Friday, March 6."),
        (None, True, "Right again: it has left review."),
    ],
)
def test_a_review_result_says_what_happens_to_the_question_next(state, correct, words):
    assert after_review_in_words(state, correct=correct, today=MONDAY) == words


def test_the_review_result_follows_the_schedule_it_describes():
    """Missed on Monday, right then and on Tuesday: what each result says."""
    state = after_answer(None, correct=False, today=MONDAY)
    state = after_answer(state, correct=True, today=MONDAY)
    assert after_review_in_words(state, correct=True, today=MONDAY).startswith(
        "Right: it comes back tomorrow"
    )
    state = after_answer(state, correct=True, today=TUESDAY)
    assert after_review_in_words(state, correct=True, today=TUESDAY) == (
        "Right again: it has left review."
    )


@pytest.mark.parametrize(
    ("box", "words"),
    [
        (1, "You missed it: get it right and it moves along."),
        (2, "You got it right once already: get it right again and it leaves review."),
    ],
)
def test_a_due_question_says_why_it_is_there(box, words):
    assert why_due(ReviewState(box, MONDAY)) == words
