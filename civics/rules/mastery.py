"""When a lesson counts as mastered, and how far along a student is.

A lesson is mastered once a submitted attempt's score reaches the pass mark that
was in force when it was submitted; retakes only ever raise the best score.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models


class LessonStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    READ = "read", "Read"
    ATTEMPTED = "attempted", "Attempted"
    MASTERED = "mastered", "Mastered"


def reaches_pass_mark(points: Decimal, max_points: Decimal, pass_mark: int) -> bool:
    """True when points / max_points is at least pass_mark percent (exactly)."""
    if not max_points:
        return False
    return Decimal(points) * 100 >= Decimal(pass_mark) * Decimal(max_points)


def lesson_status(*, read: bool, attempted: bool, mastered: bool) -> LessonStatus:
    """The furthest step a student has reached on one lesson."""
    if mastered:
        return LessonStatus.MASTERED
    if attempted:
        return LessonStatus.ATTEMPTED
    if read:
        return LessonStatus.READ
    return LessonStatus.NOT_STARTED


@dataclass(frozen=True)
class CourseProgress:
    mastered: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent mastered, for the progress bar."""
        return self.mastered * 100 // self.total if self.total else 0


def course_progress(statuses: Iterable[LessonStatus]) -> CourseProgress:
    """Lessons mastered out of the lessons the student can see."""
    statuses = list(statuses)
    mastered = sum(1 for status in statuses if status == LessonStatus.MASTERED)
    return CourseProgress(mastered=mastered, total=len(statuses))
