"""Who may see what. Each object check has a matching queryset filter (a Q),
so a list page and a detail page can never disagree (Kolibri's pairing).
"""

from django.db.models import Q

EDIT_CONTENT_PERMISSION = "civics.change_lesson"


def can_see_unpublished_lessons(user) -> bool:
    """Content editors (teachers, admins) may open lessons that are still drafts."""
    return user.is_authenticated and user.has_perm(EDIT_CONTENT_PERMISSION)


def lessons_visible_to(user, *, through="") -> Q:
    """Students and visitors see published lessons only. `through` is the path
    from another model to its lesson, e.g. "lesson__" for key terms."""
    if can_see_unpublished_lessons(user):
        return Q()
    return Q(**{f"{through}published": True})


def can_view_attempt(user, attempt) -> bool:
    """An attempt is the student's own business."""
    return user.is_authenticated and attempt.student_id == user.pk


def attempts_visible_to(user) -> Q:
    return Q(student=user) if user.is_authenticated else Q(pk__in=[])
