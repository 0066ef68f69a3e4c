"""A quiz taken in preview: scored by the real rules, and never saved.

An editor previewing a lesson answers its quiz as a student would and sees
the results page. Nothing is written: no Attempt, Answer, Progress or
ReviewItem, not even rolled back. A transaction rolled back would still take
ids from PostgreSQL's sequences, hold row locks while it ran, and need a
student's unique open attempt free; and the results page would have to be
rendered inside it. Instead the answers are kept in memory, as
DryRunAnswer, which offers what the quiz form, the scoring and the results
templates read of an Answer.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from civics import snapshots
from civics.kinds import TYPED_KINDS
from civics.models import Attempt, Question, Quiz
from civics.rules import scoring

# The order of choices in a preview: any seed shows an order a student may
# meet, and a fixed one keeps the order as the editor answers and resubmits.
PREVIEW_SEED = 1


@dataclass
class DryRunAnswer:
    """One question of a previewed quiz and the answer given to it."""

    question: Question
    response: scoring.Response = None
    credit: Decimal | None = None

    @property
    def question_id(self):
        return self.question.pk

    @property
    def numeric_value(self):
        return self.response if self.question.is_numeric else None

    @property
    def text_value(self):
        return (self.response or "") if self.question.is_written else ""

    @cached_property
    def shown(self) -> snapshots.ShownQuestion:
        """The question as the preview shows it, as Answer.shown is for an
        attempt not yet submitted."""
        return snapshots.of_question(
            self.question,
            list(self.question.choices.all()),
            seed=PREVIEW_SEED,
            written_counts=self.question.quiz.written_counts,
        )

    @property
    def marks(self):
        """A written answer's rubric marks: none, as a preview is never
        scored on its rubric."""
        return None

    @property
    def chosen_choices(self) -> list[snapshots.ShownChoice]:
        if self.question.kind in TYPED_KINDS or not self.response:
            return []
        return [self.shown.choice(choice_id) for choice_id in self.response]

    @property
    def is_correct(self):
        return self.credit == scoring.ONE

    @property
    def is_partly_correct(self):
        return scoring.ZERO < self.credit < scoring.ONE


def start(*, quiz: Quiz, user, questions) -> tuple[Attempt, list[DryRunAnswer]]:
    """An unsaved attempt at the quiz and an unanswered DryRunAnswer for each
    of `questions` (the quiz's, with their choices prefetched)."""
    attempt = Attempt(student=user, quiz=quiz, seed=PREVIEW_SEED)
    return attempt, [DryRunAnswer(question) for question in questions]


def submit(
    *,
    attempt: Attempt,
    answers: list[DryRunAnswer],
    responses: Mapping[int, scoring.Response],
    now: datetime,
) -> Attempt:
    """Score the answers as civics.services.submit_attempt does, in memory:
    each answer's credit, the attempt's score, maximum and pass mark."""
    keys = {answer.question_id: answer.question.answer_key() for answer in answers}
    for answer in answers:
        answer.response = responses.get(answer.question_id)
        answer.credit = scoring.credit(keys[answer.question_id], answer.response)
    result = scoring.score((keys[a.question_id], a.credit) for a in answers)
    attempt.score = result.points
    attempt.max_score = result.max_points
    attempt.pass_mark = attempt.quiz.pass_mark
    attempt.submitted_at = now
    return attempt
