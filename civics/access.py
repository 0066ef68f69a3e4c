"""The one place views ask who may enter. Every check calls a predicate in
civics.rules.permissions, so the rule and its enforcement never drift apart."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from civics.rules import permissions


def role_required(may_enter):
    """A view decorator: visitors go to log in; signed-in users for whom
    may_enter(user) is false get a 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not may_enter(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorator


teacher_required = role_required(permissions.can_teach)
content_editor_required = role_required(permissions.can_edit_content)
paper_quiz_required = role_required(permissions.can_print_answer_keys)
