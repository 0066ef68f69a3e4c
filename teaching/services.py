"""Writes for running classes. Each runs in one transaction."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from teaching import rules
from teaching.dashboard import attempts_counted
from teaching.models import Assignment, Classroom, Enrolment, Extension, QuizReset

# Collisions among 31^6 codes are rare; a few retries make them harmless.
CODE_ATTEMPTS = 5


def create_classroom(*, teacher, name: str) -> Classroom:
    """A new class with a fresh join code."""
    return _with_fresh_code(
        lambda code: Classroom.objects.create(
            teacher=teacher, name=name, join_code=code
        )
    )


def regenerate_join_code(*, classroom: Classroom) -> Classroom:
    """Give the class a new code; the old one stops working at once."""

    def save(code):
        classroom.join_code = code
        classroom.save(update_fields=["join_code", "updated_at"])
        return classroom

    return _with_fresh_code(save)


def _with_fresh_code(save):
    """save(code) with a new join code, again with another if it is taken."""
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return save(rules.new_join_code())
        except IntegrityError:
            continue
    raise RuntimeError("Could not find an unused join code.")


def enrol_student(*, student, join_code: str) -> Enrolment:
    """Put the student in the class with this code. Joining twice is harmless.

    Raises ValidationError "unknown_code" when no running class has the code,
    and "own_class" when a teacher tries to join their own class.
    """
    code = rules.normalise_join_code(join_code)
    classroom = Classroom.objects.active().filter(join_code=code).first()
    if classroom is None:
        raise ValidationError(
            "No class has that code. Check it with your teacher and try again.",
            code="unknown_code",
        )
    if classroom.teacher_id == student.pk:
        raise ValidationError("You teach this class.", code="own_class")
    enrolment, _ = Enrolment.objects.get_or_create(classroom=classroom, student=student)
    return enrolment


def assign_lessons(
    *, classroom: Classroom, lessons, due_at: datetime | None
) -> list[Assignment]:
    """Assign lessons to the class, all due at the same time; returns the new
    assignments. A lesson already assigned keeps its due time: changing one
    is set_due_time's job, never a side effect of assigning."""
    assigned = []
    with transaction.atomic():
        for lesson in lessons:
            assignment, created = Assignment.objects.get_or_create(
                classroom=classroom, lesson=lesson, defaults={"due_at": due_at}
            )
            if created:
                assigned.append(assignment)
    return assigned


def set_due_time(*, assignment: Assignment, due_at: datetime | None) -> None:
    """Move an assignment's due time, or clear it. Students' extra time
    stays; where it ends before the new time, the class's time counts."""
    assignment.due_at = due_at
    assignment.save(update_fields=["due_at", "updated_at"])


def give_extra_time(*, assignment: Assignment, student, until: datetime) -> Extension:
    """Give one student of the class until `until` on an assignment, or
    move their extra time."""
    extension, _ = Extension.objects.update_or_create(
        assignment=assignment, student=student, defaults={"due_at": until}
    )
    return extension


def set_archived(*, classroom: Classroom, archived: bool, now: datetime) -> None:
    """Archive a class (its records stay; its code stops working), or reopen it."""
    classroom.archived_at = now if archived else None
    classroom.save(update_fields=["archived_at", "updated_at"])


def give_another_try(
    *, assignment: Assignment, students, by, now: datetime
) -> list[QuizReset]:
    """Another try at the assignment's quiz for each of the students who are
    in its class and have submitted attempts that count now: for the
    assignment those stop counting, and they start afresh. Nothing is
    deleted or edited: the attempts stay in the student's history, and
    their own record of the lesson (Progress) is unchanged. A quiz they have
    open keeps its answers and counts once submitted. Students with nothing
    to set aside get no row, so a second click changes nothing."""
    with transaction.atomic():
        # One at a time per assignment: a double click waits here, then
        # finds nothing left to set aside.
        Assignment.objects.select_for_update().filter(pk=assignment.pk).values_list(
            "pk"
        ).get()
        counted = attempts_counted(assignment, students=students, now=now)
        return QuizReset.objects.bulk_create(
            QuizReset(
                assignment=assignment,
                student_id=student_id,
                reset_by=by,
                reset_at=now,
                attempts_set_aside=n,
            )
            for student_id, n in counted.items()
        )
