import string

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from civics import services
from civics.access import content_editor_required
from civics.forms import GlossarySearchForm
from civics.models import Attempt, KeyTerm, Lesson, ReviewItem
from civics.page_cache import cached_for_visitors
from civics.rules import mastery, permissions
from teaching.dashboard import assignments_for_student
from teaching.models import ClassNote
from tools.links import tools_for_lesson


def health(request):
    """Load balancers and the school's IT check the app answers. No database
    or session work: it is also the benchmark's floor, the cheapest response
    the framework can give through the full middleware stack."""
    return HttpResponse("ok", content_type="text/plain")


def _lessons_with_status(user):
    return Lesson.objects.visible_to(user).for_lesson_list().with_progress_for(user)


def _reviews_due(user, today):
    """How many missed questions of lessons the student can see are due."""
    return ReviewItem.objects.for_student(user).visible_to(user).due(today=today)


def _next_step(lessons, assignments):
    """The home page's "Continue": the open quiz or the next lesson (rule in
    mastery.next_step), from lessons with their progress attached."""
    return mastery.next_step(
        open_attempts={
            lesson: lesson.open_attempt_started_at
            for lesson in lessons
            if lesson.open_attempt_id is not None
        },
        assigned=[item.lesson for item in assignments],
        course=lessons,
        # Mastered, unless their teacher gave them another try since.
        mastered={
            lesson
            for lesson in lessons
            if lesson.student_status == mastery.LessonStatus.MASTERED
        }
        - {
            item.lesson
            for item in assignments
            if item.status != mastery.LessonStatus.MASTERED
        },
    )


@cached_for_visitors
def course_home(request):
    """Anyone sees the units and lessons; a signed-in student also sees what to
    do next (the quiz they left open, or the next lesson), how many missed
    questions are due, their assignments, and where they stand on each lesson."""
    lessons = list(_lessons_with_status(request.user))
    context = {"lessons": lessons}
    if request.user.is_authenticated:
        now = timezone.now()
        assignments = assignments_for_student(request.user, lessons=lessons, now=now)
        context.update(
            course_progress=mastery.course_progress(
                lesson.student_status for lesson in lessons
            ),
            assignments=assignments,
            next_step=_next_step(lessons, assignments),
            reviews_due=_reviews_due(request.user, timezone.localdate(now)).count(),
        )
    return render(request, "civics/course_home.html", context)


@cached_for_visitors
def lesson_detail(request, slug):
    """Anyone may read a published lesson; a signed-in student's visit marks it
    read and offers the quiz, below any note their teacher left for their
    class on this lesson. A teacher also finds the quiz and its answer key
    to print."""
    lesson = get_object_or_404(
        Lesson.objects.visible_to(request.user).for_lesson_page(), slug=slug
    )
    quiz = getattr(lesson, "quiz", None)
    open_attempt = None
    notes = ()
    if request.user.is_authenticated:
        # Signed-in users only: a visitor's page, the one page_cache keeps,
        # never holds a class's note.
        notes = list(
            ClassNote.objects.for_student(request.user)
            .filter(lesson=lesson)
            .select_related("classroom__teacher")
        )
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
            "can_print_quiz": permissions.can_print_answer_keys(request.user),
            "class_notes": notes,
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
    """Anyone sees every key term of the course, A to Z under an index of
    letters, each linked to its lesson, or the terms whose name or
    definition holds what they searched for."""
    form = GlossarySearchForm(request.GET)
    query = form.query()
    terms = KeyTerm.objects.glossary_for(request.user)
    if query:
        terms = terms.matching(query)
    sections = _by_first_letter(terms)
    return render(
        request,
        "civics/glossary.html",
        {
            "form": form,
            "query": query,
            "sections": sections,
            "count": sum(len(section) for _, section in sections),
            "letters": [
                (letter, letter in {first for first, _ in sections})
                for letter in string.ascii_uppercase
            ],
        },
    )


def _by_first_letter(terms):
    """[(letter, [terms])] in order; a term starting with no letter A to Z
    goes under "#"."""
    sections = {}
    for term in terms:
        first = term.term[:1].upper()
        letter = first if first in string.ascii_uppercase else "#"
        sections.setdefault(letter, []).append(term)
    return sorted(sections.items(), key=lambda item: (item[0] == "#", item[0]))


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
            "reviews_due": _reviews_due(request.user, timezone.localdate()).count(),
        },
    )
