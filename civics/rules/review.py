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


def day_in_words(day: date, *, today: date) -> str:
    """A due date as a student reads it: "today", "tomorrow", or the day
    itself ("on Friday, March 6")."""
    if day <= today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day:%A}, {day:%B} {day.day}"


def why_due(state: ReviewState) -> str:
    """Why a question due for review is there, from the box it is in."""
    if state.box >= LAST_BOX:
        return "You got it right once already: get it right again and it leaves review."
    return "You missed it: get it right and it moves along."


def after_review_in_words(
    state: ReviewState | None, *, correct: bool, today: date
) -> str:
    """What happens next to a question of a review, said on its result.

    `state` is the question's review state now (after the review, and after
    anything the student answered since), `correct` how it was answered in
    the review. None means the student has no review record for it."""
    if state is None or state.retired:
        return "Right again: it has left review." if correct else "It has left review."
    if is_due(state, today=today):
        if correct:
            return "Right, but it is due again now: practise it once more."
        return "Missed: it stays due, so it comes back in your next practice."
    when = day_in_words(state.due_on, today=today)
    if not correct:
        return f"It comes back {when}."
    if state.box >= LAST_BOX:
        return f"Right: it comes back {when}; right again then and it leaves review."
    return f"Right: it comes back {when}."
