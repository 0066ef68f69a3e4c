"""The Leitner schedule of missed questions, on plain values."""

from datetime import date

import pytest

from civics.rules.review import ReviewState, after_answer, is_due

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
