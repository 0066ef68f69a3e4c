from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from civics import services
from civics.access import content_editor_required
from civics.forms import QuizForm
from civics.models import Attempt, KeyTerm, Lesson, ReviewItem
from civics.page_cache import cached_for_visitors
from civics.rules import mastery, permissions
from teaching.dashboard import assignments_for_student
from tools.links import tools_for_lesson


def health(request):
    """Load balancers and the school's IT check the app answers. No database
    or session work: it is also the benchmark's floor, the cheapest response
    the framework can give through the full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")


def _lessons_with_status(user):
    return Lesson.objects.visible_to(user).for_lesson_list().with_progress_for(user)


@cached_for_visitors
def course_home(request):
    """Anyone sees the units and lessons; a signed-in student also sees their
    assignments first, and where they stand on each lesson."""
    lessons = list(_lessons_with_status(request.user))
    context = {"lessons": lessons}
    if request.user.is_authenticated:
        context["course_progress"] = mastery.course_progress(
            lesson.student_status for lesson in lessons
        )
        context["assignments"] = assignments_for_student(
            request.user, lessons=lessons, today=timezone.localdate()
        )
    return render(request, "civics/course_home.html", context)


@cached_for_visitors
def lesson_detail(request, slug):
    """Anyone may read a published lesson; a signed-in student's visit marks it
    read and offers the quiz."""
    lesson = get_object_or_404(
        Lesson.objects.visible_to(request.user).for_lesson_page(), slug=slug
    )
    quiz = getattr(lesson, "quiz", None)
    open_attempt = None
    if request.user.is_authenticated:
        services.record_lesson_read(
            student=request.user, lesson=lesson, now=timezone.now()
        )
        if quiz is not None:
            open_attempt = (
                Attempt.objects.open().filter(student=request.user, quiz=quiz).first()
            )
    return render(
        request,
        "civics/lesson_detail.html",
        {
            "lesson": lesson,
            "quiz": quiz,
            "open_attempt": open_attempt,
            "tools": tools_for_lesson(lesson.slug),
        },
    )


@content_editor_required
def lesson_preview(request, slug):
    """A content editor sees any lesson, draft or published, exactly as a
    student would, without it counting as read or starting the quiz."""
    lesson = get_object_or_404(Lesson.objects.for_lesson_page(), slug=slug)
    return render(
        request,
        "civics/lesson_detail.html",
        {"lesson": lesson, "quiz": getattr(lesson, "quiz", None), "preview": True},
    )


@cached_for_visitors
def glossary(request):
    """Anyone sees every key term of the course, A to Z, linked to its lesson."""
    terms = KeyTerm.objects.glossary_for(request.user)
    return render(request, "civics/glossary.html", {"terms": terms})


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


@login_required
def my_progress(request):
    """A student sees each lesson's status, best score and attempts, how much of
    the course they have mastered, and how many missed questions are due."""
    lessons = list(_lessons_with_status(request.user))
    return render(
        request,
        "civics/my_progress.html",
        {
            "lessons": lessons,
            "course_progress": mastery.course_progress(
                lesson.student_status for lesson in lessons
            ),
            "reviews_due": ReviewItem.objects.for_student(request.user)
            .due(today=timezone.localdate())
            .count(),
        },
    )


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
