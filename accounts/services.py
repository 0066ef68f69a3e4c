"""Privacy: what the site holds about a student, handed over or erased.
A teacher or an administrator may need either when a family asks to see a
child's data or to have it removed.

And what a teacher does for a student's account from a class page: a
temporary password, an unlock after wrong passwords, their name. Each is
recorded as an AccountAction, as is an administrator's unlock from the
admin's log-in lockouts.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts import lockout
from accounts.models import AccountAction, LoginLockout, User
from civics.models import Attempt, Progress, ReviewItem
from civics.rules import permissions
from teaching.models import Classroom


def export_student_data(*, student, classrooms=None) -> dict:
    """Everything the site holds about the student, as plain values ready
    for JSON: their account (never the password hash), the classes they are
    in and any extra time given them there, every attempt with its answers,
    their progress and review items.

    `classrooms` limits the classes listed (a teacher's export names only
    the teacher's own); by default every class the student is in.
    """
    classrooms = Classroom.objects.all() if classrooms is None else classrooms
    enrolments = student.enrolments.filter(classroom__in=classrooms).select_related(
        "classroom__teacher"
    )
    extra_time = student.extensions.filter(
        assignment__classroom__in=classrooms
    ).select_related("assignment__classroom", "assignment__lesson")
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
        "extra_time": [
            {
                "class": extension.assignment.classroom.name,
                "lesson": extension.assignment.lesson.title,
                "due_at": extension.due_at,
            }
            for extension in extra_time
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
                # As the student saw it: the snapshot (civics.snapshots).
                "question": answer.shown.prompt,
                "kind": answer.shown.kind,
                "choices": [choice.text for choice in answer.chosen_choices],
                "number": answer.numeric_value,
                "text": answer.text_value,
                "own_marks": answer.self_marks,
                "teacher_marks": answer.teacher_marks,
                "teacher_comment": answer.teacher_comment,
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


# No 0/O, 1/l/I: a teacher reads the password out or writes it on paper.
TEMPORARY_PASSWORD_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """Twelve random characters in three groups, e.g. "k7mq-2xhw-pa9d"."""
    return "-".join(get_random_string(4, TEMPORARY_PASSWORD_CHARS) for _ in range(3))


def reset_password(*, actor, student) -> str:
    """Give the student a new random password, to be changed at their next
    log-in, and return it: it is shown once and only its hash is kept. A
    lockout from wrong passwords ends too: they were trying the old one."""
    password = temporary_password()
    with transaction.atomic():
        student.set_password(password)
        student.must_change_password = True
        student.save(update_fields=["password", "must_change_password"])
        failed_logins(student).delete()
        _record(actor, student, AccountAction.Kind.RESET_PASSWORD)
    lockout.excuse_from_address_pause(student.username)
    return password


def failed_logins(student):
    """django-axes's records of the student's wrong passwords, whatever the
    case they typed their username in (usernames are unique in any case)."""
    return LoginLockout.objects.filter(username__iexact=student.username)


def is_locked_out(student, *, now) -> bool:
    """Whether wrong passwords have locked the student out (from one network
    address or on one of their devices at least: accounts.lockout)."""
    return failed_logins(student).in_force(now=now).exists()


def unlock(*, actor, student) -> int:
    """Forget the student's wrong passwords on every browser, so a locked-out
    student can log in again at once, even where their network's log-ins are
    paused; return how many lockout records went."""
    with transaction.atomic():
        count, _ = failed_logins(student).delete()
        _record(actor, student, AccountAction.Kind.UNLOCK)
    lockout.excuse_from_address_pause(student.username)
    return count


def unlock_logins(*, actor, lockouts) -> int:
    """Delete the given LoginLockout records, so that whoever they lock out
    can log in again at once (past their network's pause too), and record an
    unlock on each student's account among them; return how many records
    went. A record naming a teacher, an administrator or nobody (a mistyped
    username) goes unrecorded here: the admin's own history keeps every
    deletion."""
    usernames = set(lockouts.exclude(username=None).values_list("username", flat=True))
    with transaction.atomic():
        # In any case typed, compared as the database compares usernames.
        typed = lockouts.annotate(typed=Lower("username")).values("typed")
        accounts = User.objects.alias(lower=Lower("username")).filter(lower__in=typed)
        students = [user for user in accounts if permissions.is_student(user)]
        _, deleted = lockouts.delete()
        for student in students:
            _record(actor, student, AccountAction.Kind.UNLOCK)
    for username in usernames:
        lockout.excuse_from_address_pause(username)
    return deleted.get(LoginLockout._meta.label, 0)


def set_name(*, actor, form) -> None:
    """Save a NameForm bound to the student, and record who changed it."""
    with transaction.atomic():
        student = form.save()
        _record(actor, student, AccountAction.Kind.SET_NAME)


def _record(actor, student, action):
    AccountAction.objects.create(
        actor=actor, student=student, action=action, created_at=timezone.now()
    )
