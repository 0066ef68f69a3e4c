"""What makes a question answerable, checked wherever questions are written.

The admin's choice formset and the curriculum loader both ask this rule, so a
teacher's edit and a shipped data file are held to the same standard.
"""

from django.core.exceptions import ValidationError

from civics.models import QuestionKind


def validate_choices(kind: str, *, choice_count: int, correct_count: int) -> None:
    """Raise ValidationError unless the choices fit the question's kind."""
    if kind == QuestionKind.SINGLE:
        if choice_count < 2:
            raise ValidationError(
                "Give a single-choice question at least two choices.",
                code="too_few_choices",
            )
        if correct_count != 1:
            raise ValidationError(
                "Mark exactly one choice as correct (%(count)d marked now).",
                code="not_one_correct",
                params={"count": correct_count},
            )
