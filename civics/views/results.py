from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString

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
class AnswerResult:
    """One question's result as the page shows it: how its points were
    earned, the explanation and feedback with their pointers linked, and for
    a review, what happens to the question next."""

    answer: Answer
    breakdown: scoring.Breakdown | None  # None if it does not match the score
    explanation: SafeString
    picks: list[Pick]
    review_note: str = ""


@login_required
def attempt_result(request, pk):
    """A student sees their score and, for every question, their answer, the
    correct answer and why, then where to go next; so does the teacher of a
    class they are in, who is offered no retake or next lesson: teachers
    review attempts, never take them. The teacher is led back instead to the
    student's page in each of their classes the student is in."""
    attempt = get_object_or_404(
        Attempt.objects.visible_to(request.user)
        .with_answers()
        .select_related("student", "quiz__lesson__unit"),
        pk=pk,
    )
    if not attempt.is_submitted:
        return redirect(attempt)
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
    return render(
        request,
        "civics/attempt_result.html",
        {
            "attempt": attempt,
            "own": own,
            "results": _results(attempt),
            "next_lesson": next_lesson,
            "student_pages": student_pages,
        },
    )


def _results(attempt, answers=None, *, lesson_url=None):
    """Every answer's AnswerResult. A quiz's lesson came with the attempt; a
    review's lessons are read in one query, its review states in another.
    A preview's dry run gives its unsaved `answers`, and the `lesson_url`
    its pointers to sections lead to (the lesson's preview)."""
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
            )
        )
    return results


def _breakdown(answer):
    """How the answer earned its points, from the key it was scored on (its
    snapshot); None when the counts do not add up to the credit given, as
    for an answer submitted before snapshots whose question had changed."""
    shown = answer.shown
    result = scoring.breakdown(shown.answer_key(), answer.response)
    given = (answer.credit * shown.points).quantize(scoring.POINTS_STEP)
    return result if result.points_earned == given else None
