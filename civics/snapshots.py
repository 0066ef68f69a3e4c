"""What a student saw and was scored on, kept with each submitted answer.

A teacher may reword a prompt, fix a key, reorder or delete choices at any
time; a student's result must still show the question as it was when they
answered it. So submit_attempt writes a snapshot onto every Answer: the
prompt, the explanation, the kind and points, the choices in the order the
student saw them (each with its text, whether it was correct, its feedback
and its place in the key), for a numeric question its answer and
tolerance, and for a written one its rubric, its model answer and how the
quiz counted it. Results, the teacher's pages, question analysis and exports read
the snapshot, never the live question.

A snapshot, not question versions: a snapshot is written in one place, at
submission, whereas versions would need every edit path (the admin, the
curriculum loader, a restore from history or backup) to create one.

Pure functions of row attributes, so that the migration that snapshots the
answers submitted before there were snapshots can use them with its
historical models.
"""

from dataclasses import dataclass
from decimal import Decimal

from civics.kinds import QuestionKind
from civics.rules import scoring
from civics.rules.shuffle import shuffled


@dataclass(frozen=True)
class ShownChoice:
    id: int
    text: str
    is_correct: bool
    feedback: str
    # Its place in the question's own order: for ordering, the correct order.
    position: int


@dataclass(frozen=True)
class ShownQuestion:
    prompt: str
    explanation: str
    kind: str
    points: int
    choices: tuple[ShownChoice, ...]  # in the order the student saw them
    numeric_answer: Decimal | None = None
    tolerance: Decimal = scoring.ZERO
    rubric: tuple[str, ...] = ()
    model_answer: str = ""
    written_counts: str = ""

    @property
    def is_numeric(self):
        return self.kind == QuestionKind.NUMERIC

    @property
    def is_ordering(self):
        return self.kind == QuestionKind.ORDERING

    @property
    def is_written(self):
        return self.kind == QuestionKind.WRITTEN

    def in_key_order(self):
        return sorted(self.choices, key=lambda choice: choice.position)

    def correct_choices(self):
        """The right answer as shown: the correct choices or, for ordering,
        every item in its correct order (as Question.correct_choices)."""
        return scoring.right_answer(self.kind, self.in_key_order())

    def answer_key(self):
        """The key the answer was scored on (as Question.answer_key)."""
        return scoring.AnswerKey(
            kind=self.kind,
            correct_choice_ids=tuple(choice.id for choice in self.correct_choices()),
            numeric_answer=self.numeric_answer,
            tolerance=self.tolerance,
            points=scoring.counted_points(
                self.kind, self.points, written_counts=self.written_counts
            ),
        )

    def choice(self, choice_id):
        return next((c for c in self.choices if c.id == choice_id), None)


def shown_order(choices, *, kind, seed, question_id):
    """The choices in the order an attempt with `seed` shows them: shuffled
    for the attempt and question, except true/false, which keeps its order."""
    if kind == QuestionKind.TRUE_FALSE:
        return list(choices)
    return shuffled(choices, seed=seed, salt=question_id)


def of_question(question, choices, *, seed, written_counts=""):
    """The question as an attempt with `seed` shows it; `choices` are its
    choices in their own order (position, id); `written_counts` is its
    quiz's rule for written answers."""
    places = {choice.pk: place for place, choice in enumerate(choices, start=1)}
    return ShownQuestion(
        prompt=question.prompt,
        explanation=question.explanation,
        kind=question.kind,
        points=question.points,
        choices=tuple(
            ShownChoice(
                id=choice.pk,
                text=choice.text,
                is_correct=choice.is_correct,
                feedback=choice.feedback,
                position=places[choice.pk],
            )
            for choice in shown_order(
                choices, kind=question.kind, seed=seed, question_id=question.pk
            )
        ),
        numeric_answer=question.numeric_answer,
        tolerance=question.tolerance,
        **(
            {
                "rubric": tuple(rubric_lines(question.rubric)),
                "model_answer": question.model_answer,
                "written_counts": written_counts,
            }
            if question.kind == QuestionKind.WRITTEN
            else {}
        ),
    )


def rubric_lines(text):
    """A rubric's criteria: its non-empty lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def answer_fields(shown):
    """The Answer field values that keep `shown`."""
    return {
        "prompt_shown": shown.prompt,
        "explanation_shown": shown.explanation,
        "kind_shown": shown.kind,
        "points_shown": shown.points,
        "choices_shown": [
            {
                "id": choice.id,
                "text": choice.text,
                "is_correct": choice.is_correct,
                "feedback": choice.feedback,
                "position": choice.position,
            }
            for choice in shown.choices
        ],
        "numeric_answer_shown": shown.numeric_answer,
        "tolerance_shown": shown.tolerance,
        "rubric_shown": list(shown.rubric),
        "model_answer_shown": shown.model_answer,
        "written_counts_shown": shown.written_counts,
    }


SNAPSHOT_FIELDS = tuple(answer_fields(ShownQuestion("", "", "", 0, ())))


def of_answer(answer):
    """The question as kept on a submitted answer (see answer_fields)."""
    return ShownQuestion(
        prompt=answer.prompt_shown,
        explanation=answer.explanation_shown,
        kind=answer.kind_shown,
        points=answer.points_shown,
        choices=tuple(ShownChoice(**choice) for choice in answer.choices_shown),
        numeric_answer=answer.numeric_answer_shown,
        tolerance=answer.tolerance_shown,
        rubric=tuple(answer.rubric_shown),
        model_answer=answer.model_answer_shown,
        written_counts=answer.written_counts_shown,
    )
