from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from civics import services
from civics.forms import QuizForm
from civics.models import Attempt, Lesson


@login_required
@require_POST
def quiz_start(request, slug):
    """A student starts the lesson's quiz, or returns to the attempt they have open."""
    lesson = get_object_or_404(
        Lesson.objects.visible_to(request.user).select_related("quiz"), slug=slug
    )
    quiz = getattr(lesson, "quiz", None)
    if quiz is None:
        messages.error(request, "This lesson has no quiz yet.")
        return redirect(lesson)
    attempt = services.start_attempt(
        student=request.user, quiz=quiz, now=timezone.now()
    )
    return redirect(attempt)


ALREADY_SUBMITTED = "You already submitted this attempt; your first score stands."


@login_required
def attempt_take(request, pk):
    """A student answers their own open attempt: "Save" keeps a draft (the page
    also saves by itself as they go), "Submit" scores it, once. Only the
    student: a teacher may review results, never answer."""
    attempt = get_object_or_404(
        Attempt.objects.filter(student=request.user).with_answers(), pk=pk
    )
    if attempt.is_submitted:
        return _already_submitted(request, attempt)

    saving = request.POST.get("action") == "save"
    form = QuizForm(
        request.POST or None,
        attempt=attempt,
        answers=attempt.answers.all(),
        require_all=not saving,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if saving:
                services.save_answers(attempt=attempt, responses=form.responses())
            else:
                attempt = services.submit_attempt(
                    attempt=attempt, responses=form.responses(), now=timezone.now()
                )
        except ValidationError as error:
            if error.code == "already_submitted":
                return _already_submitted(request, attempt)
            form.add_error(None, error)
        else:
            if _wants_json(request):
                return JsonResponse({"saved": True})
            if saving:
                messages.success(
                    request, "Your answers are saved. You can come back to them later."
                )
            else:
                messages.success(request, "Your answers are in. Here is how you did.")
            return redirect(attempt)
    forged = form.is_forged()
    if request.method == "POST" and _wants_json(request):
        return JsonResponse({"saved": False}, status=400 if forged else 422)
    return render(
        request,
        "civics/attempt_take.html",
        {"attempt": attempt, "form": form},
        status=400 if forged else 200,
    )


def _already_submitted(request, attempt):
    """Back to the results. A late autosave (the page's script, racing the
    submit button) gets a 409 and leaves no message to puzzle the student."""
    if request.method == "POST":
        if _wants_json(request):
            return JsonResponse({"saved": False, "submitted": True}, status=409)
        messages.info(request, ALREADY_SUBMITTED)
    return redirect("civics:attempt_result", pk=attempt.pk)


def _wants_json(request):
    """The page's own autosave script asks for JSON instead of a page."""
    return request.headers.get("Accept") == "application/json"
