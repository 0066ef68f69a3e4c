"""Privacy: what the site holds about a student, handed over or erased.

A teacher or an administrator may need either when a family asks to see a
child's data or to have it removed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from civics.models import Attempt, Progress, ReviewItem
from civics.rules import permissions
from teaching.models import Classroom


def export_student_data(*, student, classrooms=None) -> dict:
    """Everything the site holds about the student, as plain values ready
    for JSON: their account (never the password hash), the classes they are
    in, every attempt with its answers, their progress and review items.

    `classrooms` limits the classes listed (a teacher's export names only
    the teacher's own); by default every class the student is in.
    """
    classrooms = Classroom.objects.all() if classrooms is None else classrooms
    enrolments = student.enrolments.filter(classroom__in=classrooms).select_related(
        "classroom__teacher"
    )
    attempts = Attempt.objects.filter(student=student).with_answers()
    progress = Progress.objects.for_student(student).select_related("lesson")
    reviews = ReviewItem.objects.for_student(student).select_related(
        "question__quiz__lesson"
    )
    return {
        "account": {
            "username": student.username,
            "first_name": student.first_name,
            "last_name": student.last_name,
            "email": student.email,
            "date_joined": student.date_joined,
            "last_login": student.last_login,
            "is_active": student.is_active,
            "groups": [group.name for group in student.groups.all()],
        },
        "classes": [
            {
                "class": enrolment.classroom.name,
                "teacher": enrolment.classroom.teacher.username,
                "joined_at": enrolment.joined_at,
            }
            for enrolment in enrolments
        ],
        "attempts": [_attempt(attempt) for attempt in attempts],
        "progress": [
            {
                "lesson": record.lesson.title,
                "read_at": record.read_at,
                "attempt_count": record.attempt_count,
                "best_percent": record.best_percent,
                "mastered_at": record.mastered_at,
            }
            for record in progress
        ],
        "review_items": [
            {
                "lesson": item.question.quiz.lesson.title,
                "question": item.question.prompt,
                "box": item.box,
                "due_on": item.due_on,
            }
            for item in reviews
        ],
    }


def _attempt(attempt):
    return {
        "title": attempt.title,
        "started_at": attempt.started_at,
        "submitted_at": attempt.submitted_at,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "pass_mark": attempt.pass_mark,
        "answers": [
            {
                "question": answer.question.prompt,
                "kind": answer.question.kind,
                "choices": [choice.text for choice in answer.chosen_choices],
                "number": answer.numeric_value,
                "credit": answer.credit,
            }
            for answer in attempt.answers.all()
        ],
    }


def delete_student(*, student) -> dict[str, int]:
    """Delete the student's account and everything that is theirs (class
    memberships, attempts with their answers, progress, review items) in one
    transaction, and return how many rows of each kind went.

    Raises ValidationError "not_a_student" for a teacher or administrator:
    classes and course content depend on those accounts.
    """
    if not permissions.is_student(student):
        raise ValidationError(
            "%(username)s teaches or administers the site; only students' "
            "accounts are deleted with their data.",
            code="not_a_student",
            params={"username": student.username},
        )
    with transaction.atomic():
        _, deleted = student.delete()
    return deleted
