"""What a content editor previews: a lesson body's Markdown as they type it,
and a lesson's quiz taken as a student would take it, recording nothing."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from civics import dry_run
from civics.access import content_editor_required
from civics.forms import QuizForm
from civics.markdown import render_markdown
from civics.models import Lesson
from civics.views.quiz import SUBMIT, SUBMIT_ANYWAY
from civics.views.results import _results

# Rendering takes about 7 ms per 1,000 characters, and the pane asks again
# each time the teacher pauses: five times the longest shipped lesson file
# keeps each preview well under a second. A longer body still saves.
PREVIEW_MAX_CHARS = 100_000


@require_POST
@content_editor_required
def markdown_preview(request):
    """The lesson editor's preview pane: the posted text rendered and
    sanitised exactly as a lesson body is, as an HTML fragment; a 413 for a
    text too long to render as the teacher types."""
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return HttpResponse(
            "Too long to preview as you type.", status=413, content_type="text/plain"
        )
    return HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")


@content_editor_required
def quiz_preview(request, slug):
    """A lesson's quiz, draft or published, as a student sees it. Submitted,
    it is scored by the real rules and shown as the results page shows it,
    with nothing recorded (civics.dry_run says why nothing is even rolled
    back). As on the student's page, a submit with answers that need a look,
    or with questions unanswered, asks first."""
    lesson = get_object_or_404(Lesson.objects.select_related("unit", "quiz"), slug=slug)
    quiz = getattr(lesson, "quiz", None)
    if quiz is None:
        raise Http404("This lesson has no quiz.")
    attempt, answers = dry_run.start(
        quiz=quiz,
        user=request.user,
        questions=quiz.questions.prefetch_related("choices"),
    )
    data = request.POST if request.method == "POST" else None
    form = QuizForm(data, attempt=attempt, answers=answers)
    if request.method != "POST":
        return _quiz_page(request, lesson, form)
    form.is_valid()
    if form.is_forged():
        return _quiz_page(request, lesson, form, status=400)
    state = form.state()
    action = request.POST.get("action", SUBMIT)
    if state.problems or (state.unanswered and action != SUBMIT_ANYWAY):
        return _quiz_page(request, lesson, form, submitting=True)
    attempt = dry_run.submit(
        attempt=attempt, answers=answers, responses=form.responses(), now=timezone.now()
    )
    # Pointers to the lesson's sections lead to its preview: the lesson page
    # itself would count the editor's visit as reading it.
    results = _results(
        attempt, answers, lesson_url=reverse("civics:lesson_preview", args=[slug])
    )
    return render(
        request,
        "civics/quiz_preview_result.html",
        {"lesson": lesson, "attempt": attempt, "results": results},
    )


def _quiz_page(request, lesson, form, *, submitting=False, status=200):
    state = form.state()
    return render(
        request,
        "civics/quiz_preview.html",
        {
            "lesson": lesson,
            "form": form,
            "state": state,
            "confirm_unanswered": submitting and not state.problems,
        },
        status=status,
    )
