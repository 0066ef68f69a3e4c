from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from civics.models import Attempt
from civics.rules import permissions


@login_required
def attempt_result(request, pk):
    """A student sees their score and, for every question, their answer, the
    correct answer and why; so does the teacher of a class they are in, who
    is offered no retake: teachers review attempts, never take them."""
    attempt = get_object_or_404(
        Attempt.objects.visible_to(request.user)
        .with_answers()
        .select_related("student"),
        pk=pk,
    )
    if not attempt.is_submitted:
        return redirect(attempt)
    return render(
        request,
        "civics/attempt_result.html",
        {
            "attempt": attempt,
            "own": permissions.is_own_attempt(request.user, attempt),
        },
    )
