"""The spaced review of missed questions: a small Leitner schedule.

A question answered wrong goes into box 1, due at once. Each right answer given
on or after its due date moves it up a box; the box's interval sets the next due
date, so two right answers only count when they come in separate sessions (on
different days). After box 2 the question leaves review. A wrong answer at any
point sends it back to box 1.
"""

from dataclasses import dataclass
from datetime import date, timedelta

# Days until a question in each box is due again.
INTERVAL_DAYS = {1: 0, 2: 1}
LAST_BOX = max(INTERVAL_DAYS)


@dataclass(frozen=True)
class ReviewState:
    box: int
    due_on: date | None  # None once the question has left review

    @property
    def retired(self) -> bool:
        return self.due_on is None


def after_answer(state: ReviewState | None, *, correct: bool, today: date):
    """The question's review state after an answer; None while never missed."""
    if not correct:
        return ReviewState(box=1, due_on=today)
    if state is None or state.retired or today < state.due_on:
        return state
    if state.box >= LAST_BOX:
        return ReviewState(box=state.box, due_on=None)
    box = state.box + 1
    return ReviewState(box=box, due_on=today + timedelta(days=INTERVAL_DAYS[box]))


def is_due(state: ReviewState, *, today: date) -> bool:
    return not state.retired and state.due_on <= today
