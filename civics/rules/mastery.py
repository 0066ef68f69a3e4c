"""When a lesson counts as mastered, how far along a student is, and what
they should do next.

A lesson is mastered once a submitted attempt's score reaches the pass mark that
was in force when it was submitted; retakes only ever raise the best score.
"""

from collections.abc import Container, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import models


class LessonStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    READ = "read", "Read"
    ATTEMPTED = "attempted", "Attempted"
    IN_PROGRESS = "in_progress", "In progress"
    MASTERED = "mastered", "Mastered"


def reaches_pass_mark(points: Decimal, max_points: Decimal, pass_mark: int) -> bool:
    """True when points / max_points is at least pass_mark percent (exactly)."""
    if not max_points:
        return False
    return Decimal(points) * 100 >= Decimal(pass_mark) * Decimal(max_points)


def lesson_status(
    *, read: bool, attempted: bool, mastered: bool, in_progress: bool = False
) -> LessonStatus:
    """The furthest step a student has reached on one lesson. A quiz started
    and not yet submitted (`in_progress`) outranks what earlier attempts
    reached, so the student sees where to go back to; mastery still outranks
    it, since a retake can only raise the best score."""
    if mastered:
        return LessonStatus.MASTERED
    if in_progress:
        return LessonStatus.IN_PROGRESS
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


class NextStep(NamedTuple):
    """What the student should do next: go back to the quiz they left open on
    `lesson` (`resume`), or else work on `lesson`, one of their assignments
    (`assigned`) or the next in the course."""

    lesson: Hashable
    resume: bool = False
    assigned: bool = False


def next_step(
    *,
    open_attempts: Mapping[Hashable, datetime],
    assigned: Iterable[Hashable],
    course: Iterable[Hashable],
    mastered: Container[Hashable],
) -> NextStep | None:
    """The one thing the home page offers next, from plain values: lessons are
    any keys (ids, or the lessons themselves).

    A quiz left open comes first, the one started last if several
    (`open_attempts` maps a lesson to when its open attempt started), since
    its answers are waiting. Else the first lesson not yet mastered among the
    student's assignments (`assigned`, soonest due first), then in course
    order (`course`). None once every lesson is mastered."""
    if open_attempts:
        return NextStep(max(open_attempts, key=open_attempts.__getitem__), resume=True)
    for lesson in assigned:
        if lesson not in mastered:
            return NextStep(lesson, assigned=True)
    for lesson in course:
        if lesson not in mastered:
            return NextStep(lesson)
    return None
