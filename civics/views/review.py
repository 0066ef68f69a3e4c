from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Min
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from civics import services
from civics.models import Attempt, ReviewItem
from civics.rules import review


@dataclass(frozen=True)
class DueQuestion:
    """A question due for review, and why it is there."""

    item: ReviewItem
    why: str


@login_required
@require_http_methods(["GET", "POST"])
def review_start(request):
    """A student sees which missed questions are due for review, lesson by
    lesson, and why; posting starts a short quiz of them (or returns to the
    one they have open)."""
    if request.method == "POST":
        return _start(request)
    today = timezone.localdate()
    reviews = ReviewItem.objects.for_student(request.user).visible_to(request.user)
    due = list(
        reviews.due(today=today)
        .select_related("question__quiz__lesson")
        .defer("question__quiz__lesson__body", "question__quiz__lesson__body_html")
        .order_by(
            "question__quiz__lesson__unit__position",
            "question__quiz__lesson__unit_id",
            "question__quiz__lesson__position",
            "question__quiz__lesson_id",
            "question__position",
            "question_id",
        )
    )
    next_due = None
    if not due:
        next_due = reviews.filter(due_on__gt=today).aggregate(Min("due_on"))[
            "due_on__min"
        ]
    return render(
        request,
        "civics/review.html",
        {
            "due": [DueQuestion(item, review.why_due(item.state)) for item in due],
            "due_count": len(due),
            "next_due": next_due and review.day_in_words(next_due, today=today),
            "review_size": services.REVIEW_SIZE,
            "open_review": Attempt.objects.open()
            .reviews()
            .filter(student=request.user)
            .exists(),
        },
    )


def _start(request):
    attempt = services.start_review(student=request.user, now=timezone.now())
    if attempt is None:
        messages.info(
            request, "Nothing is due for review. Questions you miss come back here."
        )
        return redirect("civics:review_start")
    return redirect(attempt)
