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
# The buttons of the quiz page: "Submit answers" asks first when questions are
# unanswered; "Submit anyway" is the answer to that question.
SUBMIT, SUBMIT_ANYWAY, SAVE = "submit", "submit_anyway", "save"


def _open_attempt(request, pk):
    """The student's own attempt, with everything its page shows. A review
    first loses the questions of lessons unpublished since it started."""
    attempts = Attempt.objects.filter(student=request.user).with_answers()
    attempt = get_object_or_404(attempts, pk=pk)
    if (
        attempt.is_review
        and not attempt.is_submitted
        and services.drop_hidden_questions(attempt=attempt, student=request.user)
    ):
        attempt = attempts.get(pk=pk)
    return attempt


@login_required
def attempt_take(request, pk):
    """A student answers their own open attempt. Every answer that is valid
    on its own is kept, whatever the others' state: "Save and finish later"
    keeps them (the page also saves by itself as they go), and "Submit" keeps
    them too, then scores the attempt once, after asking when questions are
    unanswered. Only the student: a teacher may review results, never answer."""
    attempt = _open_attempt(request, pk)
    if attempt.is_submitted:
        return _already_submitted(request, attempt)
    if attempt.is_review and not attempt.answers.all():
        messages.info(
            request, "The questions of that review are no longer in the course."
        )
        return redirect("civics:review_start")
    # Bound on every POST, even an empty one (no box ticked, nothing typed).
    data = request.POST if request.method == "POST" else None
    form = QuizForm(data, attempt=attempt, answers=attempt.answers.all())
    if request.method != "POST":
        return _quiz_page(request, attempt, form)
    action = request.POST.get("action", SUBMIT)
    form.is_valid()
    if form.is_forged():
        return _quiz_page(request, attempt, form, status=400)
    state = form.state()
    ready = not state.problems and (action == SUBMIT_ANYWAY or not state.unanswered)
    try:
        if action != SAVE and ready:
            attempt = services.submit_attempt(
                attempt=attempt, responses=form.responses(), now=timezone.now()
            )
            messages.success(request, "Your answers are in. Here is how you did.")
            return redirect(attempt)
        services.save_answers(attempt=attempt, responses=form.responses())
    except ValidationError as error:
        if error.code == "already_submitted":
            return _already_submitted(request, attempt)
        form.add_error(None, error)
        return _quiz_page(request, attempt, form, status=400)
    if action == SAVE and not state.problems:
        messages.success(
            request, "Your answers are saved. You can come back to them later."
        )
        return redirect(attempt)
    # A save or a submit with something to show: a question that needs a
    # look, or, before submitting, the questions still unanswered. The
    # valid answers are saved either way.
    return _quiz_page(request, attempt, form, submitting=action != SAVE)


def _quiz_page(request, attempt, form, *, submitting=False, status=200):
    """The quiz. After a refused submit it says why: the questions that
    need a look, or else those unanswered, asking whether to submit anyway."""
    state = form.state()
    return render(
        request,
        "civics/attempt_take.html",
        {
            "attempt": attempt,
            "form": form,
            "state": state,
            "submitting": submitting,
            "confirm_unanswered": submitting and not state.problems,
        },
        status=status,
    )


@login_required
@require_POST
def attempt_save(request, pk):
    """The quiz page's script saves the student's answers as they go: every
    answer valid on its own is kept, and the reply says what is answered and
    which questions need a look, for the page's status line."""
    attempt = _open_attempt(request, pk)
    if attempt.is_submitted:
        return JsonResponse({"saved": False, "submitted": True}, status=409)
    form = QuizForm(request.POST, attempt=attempt, answers=attempt.answers.all())
    form.is_valid()
    if form.is_forged():
        return JsonResponse({"saved": False}, status=400)
    try:
        services.save_answers(attempt=attempt, responses=form.responses())
    except ValidationError as error:
        if error.code == "already_submitted":
            return JsonResponse({"saved": False, "submitted": True}, status=409)
        return JsonResponse({"saved": False}, status=400)
    return JsonResponse({"saved": True, **form.state().as_json()})


def _already_submitted(request, attempt):
    """Back to the results, with a word when a button was pressed."""
    if request.method == "POST":
        messages.info(request, ALREADY_SUBMITTED)
    return redirect("civics:attempt_result", pk=attempt.pk)
