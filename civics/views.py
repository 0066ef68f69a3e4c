from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from civics import services
from civics.forms import QuizForm
from civics.models import Attempt, Lesson
from civics.rules import mastery


def _lessons_with_status(user):
    return (
        Lesson.objects.visible_to(user).select_related("unit").with_progress_for(user)
    )


def course_home(request):
    """Anyone sees the units and lessons; a signed-in student also sees where
    they stand on each lesson."""
    lessons = list(_lessons_with_status(request.user))
    context = {"lessons": lessons}
    if request.user.is_authenticated:
        context["course_progress"] = mastery.course_progress(
            lesson.student_status for lesson in lessons
        )
    return render(request, "civics/course_home.html", context)


def lesson_detail(request, slug):
    """Anyone may read a published lesson; a signed-in student's visit marks it
    read and offers the quiz."""
    lesson = get_object_or_404(
        Lesson.objects.visible_to(request.user)
        .select_related("unit", "quiz")
        .prefetch_related("sources"),
        slug=slug,
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
        {"lesson": lesson, "quiz": quiz, "open_attempt": open_attempt},
    )


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


@login_required
def attempt_take(request, pk):
    """A student answers their own open attempt and submits it, once."""
    attempt = get_object_or_404(
        Attempt.objects.visible_to(request.user).with_quiz(), pk=pk
    )
    if attempt.is_submitted:
        if request.method == "POST":
            messages.info(
                request, "You already submitted this attempt; your first score stands."
            )
        return redirect(attempt)

    form = QuizForm(request.POST or None, questions=attempt.quiz.questions.all())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attempt = services.submit_attempt(
                    attempt=attempt, responses=form.responses(), now=timezone.now()
                )
            except ValidationError as error:
                if error.code == "already_submitted":
                    messages.info(
                        request,
                        "You already submitted this attempt; your first score stands.",
                    )
                    return redirect("civics:attempt_result", pk=attempt.pk)
                form.add_error(None, error)
            else:
                messages.success(request, "Your answers are in. Here is how you did.")
                return redirect(attempt)
        status = 400 if form.is_forged() else 200
    return render(
        request,
        "civics/attempt_take.html",
        {"attempt": attempt, "lesson": attempt.quiz.lesson, "form": form},
        status=status,
    )


@login_required
def attempt_result(request, pk):
    """A student sees their score and, for every question, their answer, the
    correct answer and why."""
    attempt = get_object_or_404(
        Attempt.objects.visible_to(request.user).with_answers(), pk=pk
    )
    if not attempt.is_submitted:
        return redirect(attempt)
    return render(
        request,
        "civics/attempt_result.html",
        {"attempt": attempt, "lesson": attempt.quiz.lesson},
    )


@login_required
def my_progress(request):
    """A student sees each lesson's status, best score and attempts, and how much
    of the course they have mastered."""
    lessons = list(_lessons_with_status(request.user))
    return render(
        request,
        "civics/my_progress.html",
        {
            "lessons": lessons,
            "course_progress": mastery.course_progress(
                lesson.student_status for lesson in lessons
            ),
        },
    )
