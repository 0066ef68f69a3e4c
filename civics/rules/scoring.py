"""How many points a student earns for their answers.

Each question is worth its own number of points; a question earns a share of
them between 0 and 1 (its credit). Single-choice questions are all or nothing.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class AnswerKey:
    """What a question accepts: its correct choices (in order) and its worth."""

    correct_choice_ids: tuple[int, ...]
    points: int = 1


@dataclass(frozen=True)
class Score:
    points: Decimal
    max_points: Decimal

    @property
    def percent(self) -> Decimal:
        return percent(self.points, self.max_points)


def credit(key: AnswerKey, selected_choice_ids: Sequence[int]) -> Decimal:
    """Share of the question's points earned: 1 for the correct choice, else 0."""
    return ONE if tuple(selected_choice_ids) == key.correct_choice_ids else ZERO


def score(answers: Iterable[tuple[AnswerKey, Decimal]]) -> Score:
    """Add up the points of a set of answers, each given as (key, credit)."""
    points = max_points = ZERO
    for key, earned in answers:
        points += earned * key.points
        max_points += key.points
    return Score(points=points, max_points=max_points)


def percent(points: Decimal, max_points: Decimal) -> Decimal:
    """A score as a percentage rounded to one decimal; an empty quiz scores 0."""
    if not max_points:
        return ZERO
    return (Decimal(points) * 100 / Decimal(max_points)).quantize(Decimal("0.1"))
