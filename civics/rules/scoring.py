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
- numeric: full credit within the tolerance (inclusive), else none;
- written: the share of its rubric's criteria met, as marked by a teacher or,
  where the quiz lets it count, by the student; nothing until then. Under a
  quiz's "practice" rule it is worth no points at all.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from civics.kinds import ONE_CHOICE_KINDS, QuestionKind, WrittenCounts

ZERO = Decimal(0)
ONE = Decimal(1)
CREDIT_STEP = Decimal("0.001")
POINTS_STEP = Decimal("0.01")


def right_answer(kind, choices_in_key_order):
    """The right answer to a question: its correct choices or, for ordering,
    every item in its correct order. The live question and the snapshot a
    student's answer keeps (civics.snapshots) both ask this."""
    if kind == QuestionKind.ORDERING:
        return list(choices_in_key_order)
    return [choice for choice in choices_in_key_order if choice.is_correct]


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


Response = Sequence[int] | Decimal | None


def counted_points(kind, points, *, written_counts):
    """The points a question adds to its quiz's total: its own, except a
    written question under the "practice" rule, which adds none."""
    if kind == QuestionKind.WRITTEN and written_counts == WrittenCounts.PRACTICE:
        return 0
    return points


WRITTEN_COUNTS_IN_WORDS = {
    WrittenCounts.SELF: "Written answers count toward your score: after you "
    "submit, you score yours on its rubric, and your teacher may score it "
    "instead.",
    WrittenCounts.TEACHER: "Written answers count toward your score once your "
    "teacher scores them on their rubric; until then they earn no points.",
    WrittenCounts.PRACTICE: "Written answers are practice: score yours on its "
    "rubric to check yourself; they do not count toward your score.",
}


def written_counts_in_words(written_counts) -> str:
    """How a quiz's written answers count, as the student is told on the quiz
    and with the results."""
    return WRITTEN_COUNTS_IN_WORDS[written_counts]


def written_credit(written_counts, *, self_marks, teacher_marks) -> Decimal:
    """A written answer's credit: the share of rubric criteria met, on a
    teacher's marks, else on the student's own where the quiz lets them
    count (under "practice" they are shown, and the answer counts for
    nothing anyway). No marks yet earn nothing."""
    if teacher_marks is not None:
        marks = teacher_marks
    elif written_counts in (WrittenCounts.SELF, WrittenCounts.PRACTICE):
        marks = self_marks
    else:
        marks = None
    if not marks:
        return ZERO
    return (Decimal(sum(1 for mark in marks if mark)) / len(marks)).quantize(
        CREDIT_STEP
    )


def credit(key: AnswerKey, response: Response) -> Decimal:
    """Share of the question's points earned, rounded to a thousandth. A
    written answer earns its credit from rubric marks given after it is
    submitted (written_credit), so none at submission."""
    if response is None or key.kind == QuestionKind.WRITTEN:
        return ZERO
    if key.kind == QuestionKind.NUMERIC:
        earned = ONE if abs(response - key.numeric_answer) <= key.tolerance else ZERO
    elif key.kind in ONE_CHOICE_KINDS:
        earned = ONE if tuple(response) == key.correct_choice_ids else ZERO
    elif key.kind == QuestionKind.MULTIPLE:
        right, wrong = _picks(key, response)
        earned = max(ZERO, Decimal(right - wrong) / len(key.correct_choice_ids))
    elif key.kind == QuestionKind.ORDERING:
        earned = Decimal(_in_place(key, response)) / len(key.correct_choice_ids)
    else:
        raise ValueError(f"No scoring rule for question kind {key.kind!r}")
    return earned.quantize(CREDIT_STEP)


def _picks(key: AnswerKey, response: Sequence[int]) -> tuple[int, int]:
    """A multiple-select answer's right picks and wrong picks."""
    correct, chosen = set(key.correct_choice_ids), set(response)
    return len(chosen & correct), len(chosen - correct)


def _in_place(key: AnswerKey, response: Sequence[int]) -> int:
    """How many items of an ordering answer stand in their correct position."""
    return sum(
        1
        for given, due in zip(response, key.correct_choice_ids, strict=False)
        if given == due
    )


@dataclass(frozen=True)
class Breakdown:
    """Where one answer's points came from, in counts a student can check
    against the rule: right and wrong picks for multiple select, items in
    place for ordering. Its `in_words` is how the results page says it."""

    kind: str
    points_earned: Decimal
    points: int
    found: int = 0  # multiple select: right picks
    correct_total: int = 0  # multiple select: choices that are right
    wrong_picks: int = 0  # multiple select: picks that are not right
    in_place: int = 0  # ordering: items in their correct position
    items: int = 0  # ordering: items to put in order

    @property
    def in_words(self) -> str:
        return breakdown_in_words(self)

    @property
    def worth_saying(self) -> bool:
        """Whether the sentence tells a student more than "Correct" or "Not
        quite" does: on a question of several points, or one whose picks or
        items earned part of its credit or lost it."""
        if self.points != 1:
            return True
        partial_kinds = {QuestionKind.MULTIPLE, QuestionKind.ORDERING}
        return self.kind in partial_kinds and self.points_earned != self.points


def breakdown(key: AnswerKey, response: Response) -> Breakdown:
    """The counts behind credit(key, response), and the points they earn."""
    earned = (credit(key, response) * key.points).quantize(POINTS_STEP)
    result = Breakdown(kind=key.kind, points_earned=earned, points=key.points)
    if key.kind == QuestionKind.MULTIPLE:
        right, wrong = _picks(key, response or ())
        return replace(
            result,
            found=right,
            correct_total=len(key.correct_choice_ids),
            wrong_picks=wrong,
        )
    if key.kind == QuestionKind.ORDERING:
        return replace(
            result,
            in_place=_in_place(key, response or ()),
            items=len(key.correct_choice_ids),
        )
    return result


def points_in_words(points: Decimal | int) -> str:
    """Points as a student reads them: whole, or to one decimal ("7.7", never
    "7.67" or "0.667"), rounding halves up as people do."""
    rounded = Decimal(points).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".removesuffix(".0")


def breakdown_in_words(result: Breakdown) -> str:
    """One sentence saying how an answer earned its points, e.g. "2 of 3
    points: you found 2 of the 3 right answers and picked 1 that is not one;
    each wrong pick takes one away." The one place this wording lives."""
    unit = "point" if result.points == 1 else "points"
    points = f"{points_in_words(result.points_earned)} of {result.points} {unit}"
    if result.kind == QuestionKind.MULTIPLE:
        return f"{points}: {_picks_in_words(result)}"
    if result.kind == QuestionKind.ORDERING:
        return f"{points}: {_order_in_words(result)}"
    return f"{points}."


def _picks_in_words(result: Breakdown) -> str:
    found, total = result.found, result.correct_total
    if total == 1:
        found_words = (
            "you found the one right answer"
            if found
            else ("you did not find the one right answer")
        )
    elif found == total:
        found_words = (
            f"you found {'both' if total == 2 else f'all {total}'} right answers"
        )
    elif found == 0:
        found_words = f"you found none of the {total} right answers"
    else:
        found_words = f"you found {found} of the {total} right answers"
    wrong = result.wrong_picks
    if not wrong:
        return f"{found_words}."
    not_one = "that is not one" if wrong == 1 else "that are not"
    return (
        f"{found_words} and picked {wrong} {not_one}; each wrong pick takes one away."
    )


def _order_in_words(result: Breakdown) -> str:
    placed, items = result.in_place, result.items
    if placed == items:
        return f"all {items} items are in their right place."
    if placed == 0:
        return f"none of the {items} items are in their right place."
    if placed == 1:
        return f"1 of the {items} items is in its right place."
    return f"{placed} of the {items} items are in their right place."


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
