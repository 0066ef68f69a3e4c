"""The database's invariants and deliberate on_delete choices."""

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Progress, Question, Quiz, ReviewItem
from tests.factories import (
    make_lesson,
    make_student,
    make_submitted_attempt,
    make_unit,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pass_mark", [0, 101])
def test_pass_mark_outside_1_to_100_is_refused(pass_mark):
    with pytest.raises(IntegrityError):
        Quiz.objects.create(lesson=make_lesson(), pass_mark=pass_mark)


def test_new_quiz_pass_mark_defaults_to_80():
    assert Quiz.objects.create(lesson=make_lesson()).pass_mark == 80


def test_a_lesson_has_at_most_one_quiz(quiz):
    with pytest.raises(IntegrityError):
        Quiz.objects.create(lesson=quiz.lesson)


def test_a_student_has_one_open_attempt_per_quiz(quiz, student):
    Attempt.objects.create(student=student, quiz=quiz)
    with pytest.raises(IntegrityError):
        Attempt.objects.create(student=student, quiz=quiz)


def test_a_new_attempt_may_open_once_the_last_is_submitted(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz)
    Attempt.objects.create(student=student, quiz=quiz)
    assert Attempt.objects.filter(student=student, quiz=quiz).count() == 2


def test_a_submitted_attempt_must_carry_its_score(quiz, student):
    with pytest.raises(IntegrityError, match="submitted_is_scored"):
        Attempt.objects.create(
            student=student, quiz=quiz, submitted_at=timezone.now(), pass_mark=80
        )


def test_a_score_above_the_maximum_is_refused(quiz, student):
    with pytest.raises(IntegrityError, match="score_within_max"):
        Attempt.objects.create(
            student=student,
            quiz=quiz,
            submitted_at=timezone.now(),
            score=Decimal(6),
            max_score=Decimal(5),
            pass_mark=80,
        )


def test_a_question_is_answered_once_per_attempt(quiz, student):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    with pytest.raises(IntegrityError):
        Answer.objects.create(
            attempt=attempt, question=quiz.questions.first(), credit=Decimal(1)
        )


def test_credit_above_one_is_refused(quiz, student):
    attempt = Attempt.objects.create(student=student, quiz=quiz)
    with pytest.raises(IntegrityError):
        Answer.objects.create(
            attempt=attempt, question=quiz.questions.first(), credit=Decimal(2)
        )


def test_a_student_has_one_progress_row_per_lesson(lesson, student):
    Progress.objects.create(student=student, lesson=lesson)
    with pytest.raises(IntegrityError):
        Progress.objects.create(student=student, lesson=lesson)


def test_a_quiz_that_students_took_cannot_be_deleted(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz)
    with pytest.raises(ProtectedError):
        quiz.delete()


def test_a_choice_a_student_picked_cannot_be_deleted(quiz, student):
    make_submitted_attempt(student=student, quiz=quiz)
    picked = quiz.questions.first().choices.get(is_correct=True)
    with pytest.raises(ProtectedError):
        picked.delete()


def test_a_unit_with_lessons_cannot_be_deleted():
    unit = make_unit()
    make_lesson(unit=unit)
    with pytest.raises(ProtectedError):
        unit.delete()


def test_deleting_a_student_deletes_their_work(quiz):
    student = make_student()
    make_submitted_attempt(student=student, quiz=quiz)
    student.delete()
    assert not Attempt.objects.exists()
    assert not Progress.objects.exists()


def test_lesson_body_is_rendered_and_sanitised_on_save():
    lesson = make_lesson(
        body="# Title\n\nSome **bold** text.<script>alert(1)</script>\n\n"
        '[a link](javascript:alert(1)) <img src=x onerror="alert(1)">'
    )
    assert "<strong>bold</strong>" in lesson.body_html
    assert (
        '<h2 id="section-title">Title</h2>' in lesson.body_html
    )  # the only h1 stays the page's
    assert "<script" not in lesson.body_html
    assert "javascript:" not in lesson.body_html
    assert "onerror" not in lesson.body_html


def test_lesson_body_html_follows_an_update_of_the_body_field_alone():
    lesson = make_lesson(body="Old text")
    lesson.body = "New *text*"
    lesson.save(update_fields=["body"])
    lesson.refresh_from_db()
    assert "<em>text</em>" in lesson.body_html


def test_objectives_are_read_one_per_line():
    lesson = make_lesson(objectives="Explain the clause.\n\n  Count the votes.  \n")
    assert lesson.objective_list == ["Explain the clause.", "Count the votes."]


def test_admin_names_are_recognisable(quiz, student):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    assert str(quiz) == f"Quiz: {quiz.lesson.title}"
    assert str(attempt).startswith(f"{student.username} · {quiz.lesson.title}")


def test_a_numeric_question_without_its_answer_is_refused(quiz):
    with pytest.raises(IntegrityError):
        Question.objects.create(
            quiz=quiz, kind=QuestionKind.NUMERIC, prompt="?", explanation="."
        )


def test_only_numeric_questions_take_a_numeric_answer(quiz):
    with pytest.raises(IntegrityError):
        Question.objects.create(
            quiz=quiz, prompt="?", explanation=".", numeric_answer=Decimal(3)
        )


def test_a_negative_tolerance_is_refused(quiz):
    with pytest.raises(IntegrityError):
        Question.objects.create(
            quiz=quiz,
            kind=QuestionKind.NUMERIC,
            prompt="?",
            explanation=".",
            numeric_answer=Decimal(62),
            tolerance=Decimal(-1),
        )


def test_a_student_has_one_open_review_at_a_time(student):
    Attempt.objects.create(student=student, quiz=None)
    with pytest.raises(IntegrityError):
        Attempt.objects.create(student=student, quiz=None)


def test_a_submitted_quiz_attempt_keeps_its_pass_mark(quiz, student):
    with pytest.raises(IntegrityError):
        Attempt.objects.create(
            student=student,
            quiz=quiz,
            submitted_at=timezone.now(),
            score=Decimal(1),
            max_score=Decimal(5),
        )


def test_a_question_is_in_review_once_per_student(quiz, student):
    question = quiz.questions.first()
    ReviewItem.objects.create(student=student, question=question)
    with pytest.raises(IntegrityError):
        ReviewItem.objects.create(student=student, question=question)


def test_a_question_in_an_open_attempt_cannot_be_deleted(quiz, student):
    services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    with pytest.raises(ProtectedError):
        quiz.questions.first().delete()
