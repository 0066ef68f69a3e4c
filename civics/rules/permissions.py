"""Who may see what. Each object check has a matching queryset filter (a Q),
so a list page and a detail page can never disagree (Kolibri's pairing).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

EDIT_CONTENT_PERMISSION = "civics.change_lesson"
# Holding it makes a user a teacher on the site (the Teachers group has it).
TEACH_PERMISSION = "teaching.add_classroom"


def is_staff_member(user) -> bool:
    """Teachers and admins are staff (README: "Accounts"), students never are.
    Asking this first spares every student's page the permission queries."""
    return user.is_authenticated and user.is_staff


def can_edit_content(user) -> bool:
    """Content editors (teachers, admins) edit lessons in the admin, so they
    may also open lessons that are still drafts."""
    return is_staff_member(user) and user.has_perm(EDIT_CONTENT_PERMISSION)


def lessons_visible_to(user, *, through="") -> Q:
    """Students and visitors see published lessons only. `through` is the path
    from another model to its lesson, e.g. "lesson__" for key terms."""
    if can_edit_content(user):
        return Q()
    return Q(**{f"{through}published": True})


def can_teach(user) -> bool:
    """Teachers run classes from the teacher area."""
    return is_staff_member(user) and user.has_perm(TEACH_PERMISSION)


def must_use_two_factor(user, *, policy) -> bool:
    """Administrators give a code from an authenticator app after their
    password; with policy "staff" (settings.STAFF_TWO_FACTOR), teachers and
    every other staff member too. Students never do."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (policy == "staff" and user.is_staff)


def can_print_answer_keys(user) -> bool:
    """Teachers and content editors print a quiz and its answer key for a
    lesson on paper; students never see a key."""
    return can_teach(user) or can_edit_content(user)


def is_student(user) -> bool:
    """Students are the accounts that neither teach nor administer: the only
    ones that may be erased with everything in them, as nobody else's classes
    or course content hang on them. The teaching permission counts here even
    without staff status: an account that taught may still own classes."""
    return (
        user.is_authenticated
        and not user.is_staff
        and not user.is_superuser
        and not user.has_perm(TEACH_PERMISSION)
    )


def classrooms_managed_by(user) -> Q:
    """A class is its own teacher's alone; views fetch classes through this."""
    return Q(teacher=user) if user.is_authenticated else Q(pk__in=[])


def attempts_visible_to(user) -> Q:
    """A student's attempts are theirs, and their teachers' to review: the
    teacher of any class the student is in (archived classes included)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    # A subquery, not a join, so a student in two of the teacher's classes
    # does not make each attempt appear twice. (Lazy: no query runs here.)
    taught = get_user_model().objects.filter(enrolments__classroom__teacher=user)
    return Q(student=user) | Q(student__in=taught)


def is_own_attempt(user, attempt) -> bool:
    """Only the student who took an attempt answers or retakes it; their
    teachers may review it (attempts_visible_to), never act on it."""
    return user.is_authenticated and attempt.student_id == user.pk


def can_score_as_teacher(user, attempt) -> bool:
    """A teacher of the student (the attempt is theirs to see, through
    attempts_visible_to) scores a written answer with a teacher's marks,
    which replace the student's own. Never on their own attempt: there they
    are its student and score themselves (is_own_attempt)."""
    return can_teach(user) and not is_own_attempt(user, attempt)
