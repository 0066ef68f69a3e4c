"""A quiz previewed with a written question: the answer is kept as text, not
read as picked choices, and shown with the question's rubric."""

import pytest
from django.utils import timezone

from civics import dry_run
from civics.kinds import QuestionKind
from tests.factories import make_quiz, make_teacher

pytestmark = pytest.mark.django_db


def test_a_previewed_written_answer_is_its_text_with_the_rubric_shown():
    quiz = make_quiz(questions=0, kinds=[QuestionKind.WRITTEN])
    question = quiz.questions.prefetch_related("choices").get()
    attempt, answers = dry_run.start(
        quiz=quiz, user=make_teacher(), questions=[question]
    )
    dry_run.submit(
        attempt=attempt,
        answers=answers,
        responses={question.pk: "The Senate consents."},
        now=timezone.now(),
    )
    (answer,) = answers
    assert answer.text_value == "The Senate consents."
    assert answer.chosen_choices == []
    assert answer.shown.rubric == tuple(question.rubric_lines)
    assert answer.shown.written_counts == quiz.written_counts
