"""What makes a question answerable, checked wherever questions are written.

The admin's choice formset and the curriculum loader both ask this rule, so a
teacher's edit and a shipped data file are held to the same standard.
"""

from django.core.exceptions import ValidationError

from civics.kinds import ONE_CHOICE_KINDS, QuestionKind

MESSAGES = {
    "too_few_choices": "Give this question at least two choices.",
    "not_two_choices": "A true-or-false question has exactly two choices.",
    "not_one_correct": "Mark exactly one choice as correct (%(count)d marked now).",
    "none_correct": "Mark at least one choice as correct.",
    "numeric_has_choices": "A numeric question has no choices; remove them.",
    "written_has_choices": "A written question has no choices; remove them.",
    "no_rubric": "Give a written question its rubric: one criterion per line.",
    "rubric_not_written": "Only written questions have a rubric and a model "
    "answer; clear them, or make the question a written one.",
}


def _error(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def validate_choices(kind: str, *, choice_count: int, correct_count: int) -> None:
    """Raise ValidationError unless the choices fit the question's kind.

    Ordering questions list their items in the correct order, so which items
    are marked correct does not matter for them.
    """
    if kind == QuestionKind.NUMERIC:
        if choice_count:
            raise _error("numeric_has_choices")
        return
    if kind == QuestionKind.WRITTEN:
        if choice_count:
            raise _error("written_has_choices")
        return
    if kind == QuestionKind.TRUE_FALSE and choice_count != 2:
        raise _error("not_two_choices")
    if choice_count < 2:
        raise _error("too_few_choices")
    if kind in ONE_CHOICE_KINDS and correct_count != 1:
        raise _error("not_one_correct", count=correct_count)
    if kind == QuestionKind.MULTIPLE and correct_count < 1:
        raise _error("none_correct")


def validate_rubric(kind: str, *, criteria_count: int, has_model_answer: bool) -> None:
    """Raise ValidationError unless a written question has a rubric and no
    other kind has one or a model answer."""
    if kind == QuestionKind.WRITTEN:
        if not criteria_count:
            raise _error("no_rubric")
    elif criteria_count or has_model_answer:
        raise _error("rubric_not_written")
