"""Written answers: the student writes, submits, sees the rubric and a model
answer, and scores themselves; a teacher's score replaces theirs; how it
counts toward the score is the quiz's rule, kept at submission."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind, WrittenCounts
from civics.models import Answer, Progress, ReviewItem
from civics.rules import scoring
from tests.factories import (
    correct_responses,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
)

pytestmark = pytest.mark.django_db


def _quiz(written_counts=WrittenCounts.SELF, *, pass_mark=80):
    """Two one-point choice questions and a written one worth three points."""
    quiz = make_quiz(questions=2, pass_mark=pass_mark, written_counts=written_counts)
    make_question(quiz=quiz, kind=QuestionKind.WRITTEN, points=3, position=3)
    return quiz


def _written(attempt):
    return attempt.answers.get(kind_shown=QuestionKind.WRITTEN)


def test_a_submitted_written_answer_keeps_its_text_rubric_and_model_answer():
    quiz = _quiz()
    attempt = make_submitted_attempt(student=make_student(), quiz=quiz)
    answer = _written(attempt)
    question = answer.question
    question.rubric = "Something else entirely"
    question.model_answer = "Rewritten."
    question.save()

    answer = Answer.objects.get(pk=answer.pk)
    assert answer.text_value.startswith("The President negotiates")
    assert answer.shown.rubric[0].startswith("Names a power")
    assert len(answer.shown.rubric) == 3
    assert answer.shown.model_answer.startswith("A model answer")
    assert answer.written_counts_shown == WrittenCounts.SELF


def test_a_written_answer_earns_nothing_until_it_is_scored():
    attempt = make_submitted_attempt(student=make_student(), quiz=_quiz())
    assert attempt.score == 2
    assert attempt.max_score == 5
    assert _written(attempt).credit == 0


def test_scoring_yourself_raises_the_score_and_can_master_the_lesson():
    student = make_student()
    attempt = make_submitted_attempt(student=student, quiz=_quiz())
    progress = Progress.objects.get(student=student)
    assert progress.mastered_at is None

    services.score_written_answer(
        answer=_written(attempt),
        marks=[True, True, False],
        by=student,
        now=timezone.now(),
    )

    attempt.refresh_from_db()
    assert attempt.score == 4  # 2 + two thirds of 3
    progress.refresh_from_db()
    assert progress.best_percent == Decimal("80.0")
    assert progress.mastered_at is not None


def test_a_teachers_score_replaces_the_students_own_and_then_stands():
    student, teacher = make_student(), make_teacher()
    attempt = make_submitted_attempt(student=student, quiz=_quiz())
    now = timezone.now()
    services.score_written_answer(
        answer=_written(attempt), marks=[True] * 3, by=student, now=now
    )
    services.score_written_answer(
        answer=_written(attempt),
        marks=[True, False, False],
        by=teacher,
        now=now,
        comment="Name the check.",
    )

    answer = _written(attempt)
    assert answer.credit == Decimal("0.333")
    assert answer.teacher_comment == "Name the check."
    assert answer.teacher_scored_by == teacher
    attempt.refresh_from_db()
    assert attempt.score == 3
    assert Progress.objects.get(student=student).mastered_at is None
    with pytest.raises(ValidationError) as refused:
        services.score_written_answer(
            answer=answer, marks=[True] * 3, by=student, now=now
        )
    assert refused.value.code == "teacher_scored"


def test_under_the_teacher_rule_a_students_own_marks_count_for_nothing():
    student = make_student()
    attempt = make_submitted_attempt(student=student, quiz=_quiz(WrittenCounts.TEACHER))
    services.score_written_answer(
        answer=_written(attempt), marks=[True] * 3, by=student, now=timezone.now()
    )
    attempt.refresh_from_db()
    assert attempt.score == 2
    assert attempt.max_score == 5


def test_under_the_practice_rule_written_answers_are_left_out_of_the_score():
    student = make_student()
    attempt = make_submitted_attempt(
        student=student, quiz=_quiz(WrittenCounts.PRACTICE)
    )
    assert (attempt.score, attempt.max_score) == (2, 2)
    assert Progress.objects.get(student=student).mastered_at is not None
    services.score_written_answer(
        answer=_written(attempt), marks=[False] * 3, by=student, now=timezone.now()
    )
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score) == (2, 2)


def test_the_rule_at_submission_holds_when_the_quiz_changes_it_later():
    student = make_student()
    quiz = _quiz(WrittenCounts.PRACTICE)
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    quiz.written_counts = WrittenCounts.SELF
    quiz.save()
    services.score_written_answer(
        answer=_written(attempt), marks=[False] * 3, by=student, now=timezone.now()
    )
    attempt.refresh_from_db()
    assert attempt.max_score == 2


@pytest.mark.parametrize("marks", [[True], [True] * 4])
def test_marks_that_do_not_fit_the_rubric_are_refused(marks):
    student = make_student()
    attempt = make_submitted_attempt(student=student, quiz=_quiz())
    with pytest.raises(ValidationError) as refused:
        services.score_written_answer(
            answer=_written(attempt), marks=marks, by=student, now=timezone.now()
        )
    assert refused.value.code == "forged"
    assert _written(attempt).self_marks is None


def test_an_open_attempt_cannot_be_scored():
    student = make_student()
    quiz = _quiz()
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.save_answers(attempt=attempt, responses=correct_responses(quiz))
    with pytest.raises(ValidationError) as refused:
        services.score_written_answer(
            answer=attempt.answers.get(question__kind=QuestionKind.WRITTEN),
            marks=[True] * 3,
            by=student,
            now=timezone.now(),
        )
    assert refused.value.code == "not_submitted"


def test_a_draft_written_answer_is_saved_and_an_empty_one_clears_it():
    student = make_student()
    quiz = _quiz()
    written = quiz.questions.get(kind=QuestionKind.WRITTEN)
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.save_answers(attempt=attempt, responses={written.pk: "A first draft."})
    assert attempt.answers.get(question=written).text_value == "A first draft."
    services.save_answers(attempt=attempt, responses={written.pk: None})
    assert attempt.answers.get(question=written).text_value == ""


def test_an_answer_too_long_to_keep_is_refused_as_forged():
    student = make_student()
    quiz = _quiz()
    written = quiz.questions.get(kind=QuestionKind.WRITTEN)
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    with pytest.raises(ValidationError) as refused:
        services.save_answers(attempt=attempt, responses={written.pk: "x" * 10_001})
    assert refused.value.code == "forged"


def test_written_answers_never_go_into_the_review_of_missed_questions():
    student = make_student()
    quiz = _quiz()
    make_submitted_attempt(student=student, quiz=quiz)
    assert not ReviewItem.objects.filter(question__kind=QuestionKind.WRITTEN).exists()


def test_a_written_question_has_no_key_to_regrade():
    quiz = _quiz()
    make_submitted_attempt(student=make_student(), quiz=quiz)
    with pytest.raises(ValidationError) as refused:
        services.regrade_plan(quiz.questions.get(kind=QuestionKind.WRITTEN))
    assert refused.value.code == "written"


@pytest.mark.parametrize(
    ("rule", "self_marks", "teacher_marks", "credit"),
    [
        (WrittenCounts.SELF, None, None, "0"),
        (WrittenCounts.SELF, [True, False], None, "0.5"),
        (WrittenCounts.SELF, [True, True], [False, True], "0.5"),
        (WrittenCounts.TEACHER, [True, True], None, "0"),
        (WrittenCounts.TEACHER, None, [True, True], "1"),
    ],
)
def test_which_marks_stand(rule, self_marks, teacher_marks, credit):
    assert scoring.written_credit(
        rule, self_marks=self_marks, teacher_marks=teacher_marks
    ) == Decimal(credit)
