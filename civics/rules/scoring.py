"""How many points a student earns for their answers.

Each question is worth its own number of points and earns a share of them, its
credit, from 0 to 1:

- single choice and true/false: all or nothing;
- multiple select: partial credit, (right picks - wrong picks) / correct
  choices, never below 0. All-or-nothing would give a student who found two of
  three powers the same zero as one who found none; counting right picks alone
  would reward ticking every box. Subtracting wrong picks rewards knowing and
  makes guessing pointless;
- ordering: the share of items placed in their correct position;
- numeric: full credit within the tolerance (inclusive), else none.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from civics.kinds import ONE_CHOICE_KINDS, QuestionKind

ZERO = Decimal(0)
ONE = Decimal(1)
CREDIT_STEP = Decimal("0.001")
POINTS_STEP = Decimal("0.01")


@dataclass(frozen=True)
class AnswerKey:
    """What a question accepts. For ordering, correct_choice_ids lists every
    item in the correct order; for numeric, the answer and its tolerance."""

    kind: str
    correct_choice_ids: tuple[int, ...] = ()
    numeric_answer: Decimal | None = None
    tolerance: Decimal = ZERO
    points: int = 1


@dataclass(frozen=True)
class Score:
    points: Decimal
    max_points: Decimal

    @property
    def percent(self) -> Decimal:
        return percent(self.points, self.max_points)


def credit(key: AnswerKey, response: Sequence[int] | Decimal | None) -> Decimal:
    """Share of the question's points earned, rounded to a thousandth."""
    if response is None:
        return ZERO
    if key.kind == QuestionKind.NUMERIC:
        earned = ONE if abs(response - key.numeric_answer) <= key.tolerance else ZERO
    elif key.kind in ONE_CHOICE_KINDS:
        earned = ONE if tuple(response) == key.correct_choice_ids else ZERO
    elif key.kind == QuestionKind.MULTIPLE:
        correct, chosen = set(key.correct_choice_ids), set(response)
        right, wrong = len(chosen & correct), len(chosen - correct)
        earned = max(ZERO, Decimal(right - wrong) / len(correct))
    elif key.kind == QuestionKind.ORDERING:
        in_place = sum(
            1
            for given, due in zip(response, key.correct_choice_ids, strict=False)
            if given == due
        )
        earned = Decimal(in_place) / len(key.correct_choice_ids)
    else:
        raise ValueError(f"No scoring rule for question kind {key.kind!r}")
    return earned.quantize(CREDIT_STEP)


def score(answers: Iterable[tuple[AnswerKey, Decimal]]) -> Score:
    """Add up the points of a set of answers, each given as (key, credit)."""
    points = max_points = ZERO
    for key, earned in answers:
        points += earned * key.points
        max_points += key.points
    return Score(points=points.quantize(POINTS_STEP), max_points=max_points)


def percent(points: Decimal, max_points: Decimal) -> Decimal:
    """A score as a percentage rounded to one decimal; an empty quiz scores 0."""
    if not max_points:
        return ZERO
    return (Decimal(points) * 100 / Decimal(max_points)).quantize(Decimal("0.1"))
