"""Teaching rules as pure functions: join codes, deadlines, the gradebook's
status words, item analysis and what counts after another try."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import models

from civics.rules.mastery import LessonStatus

# No 0/O, 1/I/l: a code read aloud or copied from a board is never ambiguous.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
# An assignment counts as "due soon" this many days ahead.
DUE_SOON_DAYS = 3


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """What a student typed, as stored: upper case, spaces and dashes dropped."""
    return "".join(text.split()).replace("-", "").upper()


def is_well_formed_join_code(code: str) -> bool:
    return len(code) == JOIN_CODE_LENGTH and set(code) <= set(JOIN_CODE_ALPHABET)


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", "Done on time"
    LATE = "late", "Done late"
    DONE = "done", "Done"
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    OPEN = "open", "Not done yet"


def timeliness(
    *, due_at: datetime | None, mastered_at: datetime | None, now: datetime
) -> Timeliness:
    """Where an assignment stands: done means mastered, on time means
    mastered by the moment it was due."""
    if mastered_at is not None:
        if due_at is None:
            return Timeliness.DONE
        return Timeliness.ON_TIME if mastered_at <= due_at else Timeliness.LATE
    if due_at is None:
        return Timeliness.OPEN
    if now > due_at:
        return Timeliness.OVERDUE
    if due_at - now <= timedelta(days=DUE_SOON_DAYS):
        return Timeliness.DUE_SOON
    return Timeliness.OPEN


def due_for_student(
    class_due_at: datetime | None, extra_time_until: datetime | None
) -> datetime | None:
    """When one student's work is due. Extra time only ever adds time: if
    the class's due time moves past it, the class's counts; with no due time
    for the class, nobody's work is due."""
    if class_due_at is None or extra_time_until is None:
        return class_due_at
    return max(class_due_at, extra_time_until)


# What the gradebook writes for each step a student has reached on a lesson.
# Done means mastered, as on the dashboard, so "on time" and "late" compare
# the moment of mastery with the due time.
GRADEBOOK_STATUS = {
    LessonStatus.NOT_STARTED: "not started",
    LessonStatus.READ: "read, quiz not started",
    LessonStatus.IN_PROGRESS: "in progress",
    LessonStatus.ATTEMPTED: "submitted, not mastered",
}
GRADEBOOK_MASTERED = {
    Timeliness.ON_TIME: "mastered on time",
    Timeliness.LATE: "mastered late",
}


def gradebook_status(status: LessonStatus, timeliness: Timeliness) -> str:
    """One student's standing on one assigned lesson, as the gradebook's
    status column says it: never blank, so "not started" and "in progress"
    cannot be confused; unmastered work past its due date says so."""
    if status == LessonStatus.MASTERED:
        return GRADEBOOK_MASTERED.get(timeliness, "mastered")
    text = GRADEBOOK_STATUS[status]
    return f"{text}, overdue" if timeliness == Timeliness.OVERDUE else text


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong answer some of the class gave to one question: a choice's text
    or a numeric value, how many gave it, and the mistaken belief it reveals
    (the choice's misconception; blank for numbers and untagged choices)."""

    text: str
    count: int
    misconception: str = ""


@dataclass(frozen=True)
class ItemResult:
    """How a class did on one question."""

    answered: int
    correct: int
    # Every wrong answer given, the most-chosen first.
    wrong_answers: tuple[WrongAnswer, ...] = ()
    # The wordings the class answered, when a teacher has reworded it since.
    asked_as: tuple[str, ...] = ()

    @property
    def percent_correct(self) -> int:
        """Whole percent answering fully right, of those who answered."""
        return round(100 * self.correct / self.answered) if self.answered else 0


@dataclass(frozen=True)
class Standing:
    """Where a student stands on an assignment's quiz, from the attempts
    that count: as Progress sums up a lesson, but of those attempts only."""

    attempts: int
    best_percent: Decimal | None
    mastered_at: datetime | None


def standing_since(
    attempts: Iterable[tuple[datetime, Decimal, bool]], *, reset_at: datetime | None
) -> Standing:
    """The standing from submitted attempts, each (submitted_at, percent,
    passed), counting only those submitted after the teacher's latest
    "another try" (`reset_at`; all of them when there is none). Mastered at
    the first passing one, as Progress.mastered_at is; the best percent is
    the highest of them."""
    counted = sorted(
        (a for a in attempts if reset_at is None or a[0] > reset_at),
        key=lambda attempt: attempt[0],
    )
    return Standing(
        attempts=len(counted),
        best_percent=max((percent for _, percent, _ in counted), default=None),
        mastered_at=next(
            (submitted_at for submitted_at, _, passed in counted if passed), None
        ),
    )
