"""The one place views ask who may enter. Every check calls a predicate in
civics.rules.permissions, so the rule and its enforcement never drift apart."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from civics.rules import permissions


def teacher_required(view):
    """Visitors go to log in; signed-in users who do not teach get a 403."""

    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not permissions.can_teach(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
