from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from civics import services


@login_required
@require_POST
def review_start(request):
    """A student starts a short quiz of the questions they missed that are due
    (or returns to the one they have open)."""
    attempt = services.start_review(student=request.user, now=timezone.now())
    if attempt is None:
        messages.info(
            request, "Nothing is due for review. Questions you miss come back here."
        )
        return redirect("civics:my_progress")
    return redirect(attempt)
