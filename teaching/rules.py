"""Teaching rules as pure functions: join codes, deadlines and item analysis."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

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


def timeliness(*, due_on: date | None, mastered_on: date | None, today: date):
    """Where an assignment stands: done means mastered; a due date is kept
    through the whole day it names."""
    if mastered_on is not None:
        if due_on is None:
            return Timeliness.DONE
        return Timeliness.ON_TIME if mastered_on <= due_on else Timeliness.LATE
    if due_on is None:
        return Timeliness.OPEN
    if today > due_on:
        return Timeliness.OVERDUE
    if due_on - today <= timedelta(days=DUE_SOON_DAYS):
        return Timeliness.DUE_SOON
    return Timeliness.OPEN


@dataclass(frozen=True)
class ItemResult:
    """How a class did on one question."""

    answered: int
    correct: int
    top_wrong_answer: str | None  # the most-chosen wrong answer, if any
    top_wrong_count: int = 0

    @property
    def percent_correct(self) -> int:
        """Whole percent answering fully right, of those who answered."""
        return round(100 * self.correct / self.answered) if self.answered else 0
