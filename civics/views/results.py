from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from civics import services
from civics.forms import WrittenScoreForm
from civics.kinds import QuestionKind
from civics.markdown import link_pointers, section_ids
from civics.models import Answer, Attempt, Lesson, ReviewItem
from civics.rules import permissions, review, scoring
from civics.snapshots import ShownChoice
from teaching.models import Classroom


@dataclass(frozen=True)
class Pick:
    """A choice the student picked, with its feedback ready to show. On a
    multiple-select question each pick is `marked` right or wrong, so that a
    right pick's "Right." beside a score of 0 is never a puzzle."""

    choice: ShownChoice
    feedback: SafeString
    marked: bool


@dataclass(frozen=True)
class Criterion:
    """One criterion of a written answer's rubric, and whether the marks
    that stand say it is met (None before any)."""

    text: str
    met: bool | None


@dataclass(frozen=True)
class WrittenResult:
    """A written answer's result beyond the text: its rubric with the marks
    that stand, how its quiz counted it, and the form to score it when the
    reader may."""

    criteria: list[Criterion]
    met: int  # criteria met on the marks that stand
    points: str  # "2 of 3 points"; "" when the quiz's rule leaves it out
    rule: str
    form: WrittenScoreForm | None


@dataclass(frozen=True)
class AnswerResult:
    """One question's result as the page shows it: how its points were
    earned, the explanation and feedback with their pointers linked, and for
    a review, what happens to the question next."""

    answer: Answer
    breakdown: scoring.Breakdown | None  # None if it does not match the score
    explanation: SafeString
    picks: list[Pick]
    review_note: str = ""
    written: WrittenResult | None = None


@login_required
def attempt_result(request, pk):
    """A student sees their score and, for every question, their answer, the
    correct answer and why, then where to go next; so does the teacher of a
    class they are in, who is offered no retake or next lesson: teachers
    review attempts, never take them. The teacher is led back instead to the
    student's page in each of their classes the student is in. Under each
    written answer, the student scores it on its rubric until a teacher
    has; the teacher scores it with a comment."""
    attempt = _visible_attempt(request, pk)
    if not attempt.is_submitted:
        return redirect(attempt)
    return _result_page(request, attempt)


def _visible_attempt(request, pk):
    return get_object_or_404(
        Attempt.objects.visible_to(request.user)
        .with_answers()
        .select_related("student", "quiz__lesson__unit"),
        pk=pk,
    )


def _result_page(request, attempt, *, refused=None, status=200):
    """The results page; `refused` is a written answer's form sent back
    with its errors, shown in place of that answer's fresh form."""
    own = permissions.is_own_attempt(request.user, attempt)
    next_lesson = None
    student_pages = []
    if not own:
        student_pages = (
            Classroom.objects.taught_by(request.user)
            .filter(enrolments__student=attempt.student)
            .only("name")
        )
    if own and not attempt.is_review:
        next_lesson = (
            Lesson.objects.visible_to(request.user)
            .after(attempt.quiz.lesson)
            .only("slug", "title")
            .first()
        )

    def score_form(answer):
        if refused is not None and refused.answer.pk == answer.pk:
            return refused
        if own and answer.teacher_marks is None:
            return WrittenScoreForm(answer=answer, as_teacher=False)
        if permissions.can_score_as_teacher(request.user, attempt):
            return WrittenScoreForm(
                answer=answer,
                as_teacher=True,
                answerer=attempt.student.display_name,
            )
        return None

    return render(
        request,
        "civics/attempt_result.html",
        {
            "attempt": attempt,
            "own": own,
            "results": _results(attempt, score_form=score_form),
            "next_lesson": next_lesson,
            "student_pages": student_pages,
        },
        status=status,
    )


@login_required
@require_POST
def written_score(request, pk, answer_pk):
    """The student scores their own written answer on its rubric, again as
    often as they like until a teacher has scored it; a teacher of theirs
    scores it, with a comment, and their score stands. Nobody else finds the
    attempt. Marks that do not fit the answer's rubric change nothing."""
    attempt = _visible_attempt(request, pk)
    own = permissions.is_own_attempt(request.user, attempt)
    if not own and not permissions.can_score_as_teacher(request.user, attempt):
        raise PermissionDenied
    if not attempt.is_submitted:
        return redirect(attempt)
    answer = next(
        (a for a in attempt.answers.all() if a.pk == answer_pk and a.shown.is_written),
        None,
    )
    if answer is None:
        messages.error(
            request,
            "That is not a written answer of this attempt, so nothing was "
            "scored. Reload the page and score it again.",
        )
        return _result_page(request, attempt, status=400)
    form = WrittenScoreForm(
        request.POST,
        answer=answer,
        as_teacher=not own,
        answerer=attempt.student.display_name,
    )
    if not form.is_valid():
        messages.error(request, "The score was not saved: see the question below.")
        return _result_page(request, attempt, refused=form, status=400)
    try:
        services.score_written_answer(
            answer=answer,
            marks=form.marks(),
            by=request.user,
            now=timezone.now(),
            comment=form.comment_text(),
        )
    except ValidationError as error:
        if error.code != "teacher_scored":
            raise
        messages.info(request, error.message)
        return redirect("civics:attempt_result", pk=attempt.pk)
    if own:
        messages.success(request, "Your score is saved.")
    else:
        messages.success(
            request,
            f"Score saved; {attempt.student.display_name} sees it with their results.",
        )
    return redirect("civics:attempt_result", pk=attempt.pk)


def _results(attempt, answers=None, *, lesson_url=None, score_form=None):
    """Every answer's AnswerResult. A quiz's lesson came with the attempt; a
    review's lessons are read in one query, its review states in another.
    A preview's dry run gives its unsaved `answers`, and the `lesson_url`
    its pointers to sections lead to (the lesson's preview). `score_form`
    gives a written answer's scoring form, or None where the reader may
    not score it (always, without it)."""
    answers = list(attempt.answers.all() if answers is None else answers)
    today = timezone.localdate()
    if attempt.is_review:
        lesson_ids = {answer.question.quiz.lesson_id for answer in answers}
        bodies = dict(
            Lesson.objects.filter(pk__in=lesson_ids).values_list("pk", "body_html")
        )
        states = {
            item.question_id: item.state
            for item in ReviewItem.objects.for_student(attempt.student).filter(
                question__in=[answer.question_id for answer in answers]
            )
        }
    else:
        lesson = attempt.quiz.lesson
        bodies = {lesson.pk: lesson.body_html}
    sections = {pk: section_ids(body) for pk, body in bodies.items()}
    results = []
    for answer in answers:
        question = answer.question
        lesson = question.quiz.lesson

        def linked(text, lesson=lesson):
            return link_pointers(
                text,
                url=lesson_url or lesson.get_absolute_url(),
                sections=sections[lesson.pk],
            )

        note = ""
        if attempt.is_review:
            note = review.after_review_in_words(
                states.get(question.pk), correct=answer.is_correct, today=today
            )
        shown = answer.shown
        results.append(
            AnswerResult(
                answer=answer,
                breakdown=_breakdown(answer),
                explanation=linked(shown.explanation),
                picks=[
                    Pick(
                        choice=choice,
                        feedback=linked(choice.feedback),
                        marked=shown.kind == QuestionKind.MULTIPLE,
                    )
                    for choice in answer.chosen_choices
                ],
                review_note=note,
                written=_written(answer, score_form) if shown.is_written else None,
            )
        )
    return results


def _written(answer, score_form):
    shown = answer.shown
    marks = answer.marks
    criteria = [
        Criterion(text, None if marks is None else bool(marks[index]))
        for index, text in enumerate(shown.rubric)
    ]
    counted = shown.answer_key().points
    earned = scoring.points_in_words((answer.credit or scoring.ZERO) * counted)
    return WrittenResult(
        criteria=criteria,
        met=sum(1 for criterion in criteria if criterion.met),
        points=f"{earned} of {counted} point{'' if counted == 1 else 's'}"
        if counted
        else "",
        rule=scoring.written_counts_in_words(shown.written_counts),
        form=score_form(answer) if score_form else None,
    )


def _breakdown(answer):
    """How the answer earned its points, from the key it was scored on (its
    snapshot); None when the counts do not add up to the credit given, as
    for an answer submitted before snapshots whose question had changed, and
    for a written answer, whose rubric marks say it instead."""
    shown = answer.shown
    if shown.is_written:
        return None
    result = scoring.breakdown(shown.answer_key(), answer.response)
    given = (answer.credit * shown.points).quantize(scoring.POINTS_STEP)
    return result if result.points_earned == given else None
