"""Questions imported into a quiz from CSV or GIFT, and a quiz exported to
them (formats in civics.interchange).

An import is all or nothing: the preview lists every question it would
create and every row that cannot be one, and creation refuses the whole file
while any row is wrong, so a teacher never has to find out which half went
in. Each question and choice passes the models' own validation and the
authoring rule (civics.rules.authoring) first, as in the admin.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import ngettext

from civics import history
from civics.interchange import ParsedQuestion, RowError, from_question, gift, quiz_csv
from civics.kinds import QuestionKind
from civics.models import Choice, Lesson, Question, Quiz
from civics.rules.authoring import validate_choices, validate_rubric
from civics.snapshots import rubric_lines

FORMATS = {"csv": quiz_csv, "gift": gift}
# Far above any quiz, and below what the columns hold (positions and points
# are small integers, 32767 at most, which PostgreSQL enforces and SQLite
# does not), so a forged file is a row error on both.
MAX_QUESTIONS = 500
MAX_CHOICES = 100
MAX_POINTS = 1000
MAX_POSITION = 32767
FORMAT_NAMES = {"csv": "CSV", "gift": "GIFT"}


@dataclass
class Preview:
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class ImportRefused(Exception):
    def __init__(self, preview):
        super().__init__("The file has rows that cannot be imported.")
        self.preview = preview


def preview(quiz: Quiz, text: str, format: str) -> Preview:
    """What importing `text` would create in `quiz`, and what stands in the
    way, row by row. Asks the database nothing: the models' constraints and
    the quiz's existence, which full_clean checks with a query each, are
    checked on creation (the parsers already keep a numeric answer to
    numeric questions)."""
    parsed = FORMATS[format].parse(text)
    result = Preview(errors=list(parsed.errors))
    for parsed_question in parsed.questions:
        try:
            _build(quiz, parsed_question, position=0, constraints=False)
        except ValidationError as error:
            result.errors.append(RowError(parsed_question.line, _message(error)))
        else:
            result.questions.append(parsed_question)
    if len(parsed.questions) > MAX_QUESTIONS:
        result.errors.append(
            RowError(
                parsed.questions[MAX_QUESTIONS].line,
                f"An import holds at most {MAX_QUESTIONS} questions; this is "
                f"question {MAX_QUESTIONS + 1}. Split the file.",
            )
        )
    if not parsed.questions and not parsed.errors:
        result.errors.append(RowError(1, "There are no questions in this text."))
    result.errors.sort(key=lambda error: error.line)
    return result


def import_questions(*, quiz: Quiz, text: str, format: str, user) -> list[Question]:
    """Create every question of `text` at the end of `quiz`, in one
    transaction, and save the lesson as a version of its history; or, if any
    row is wrong, create nothing and raise ImportRefused with the preview."""
    lessons = Lesson.objects.filter(pk=quiz.lesson_id)
    history.keep_originals(lessons)
    with transaction.atomic():
        # One import at a time per quiz, so two cannot take the same positions.
        quiz = Quiz.objects.select_for_update().select_related("lesson").get(pk=quiz.pk)
        result = preview(quiz, text, format)
        if result.errors:
            raise ImportRefused(result)
        last = quiz.questions.aggregate(last=Max("position"))["last"] or 0
        if last + len(result.questions) > MAX_POSITION:
            result.errors.append(
                RowError(
                    1,
                    "The quiz's last question has too high a position "
                    "to add these after it; renumber the quiz's questions first.",
                )
            )
            raise ImportRefused(result)
        created = []
        for position, parsed_question in enumerate(result.questions, start=last + 1):
            question, choices = _build(quiz, parsed_question, position=position)
            question.save()
            for choice in choices:
                choice.question = question
                choice.full_clean()
                choice.save()
            created.append(question)
        history.record(
            quiz.lesson,
            user=user,
            comment=ngettext(
                "Imported %(count)d question from %(format)s.",
                "Imported %(count)d questions from %(format)s.",
                len(created),
            )
            % {"count": len(created), "format": FORMAT_NAMES[format]},
        )
    return created


def export(quiz: Quiz, format: str) -> str:
    """The quiz's questions as a CSV or GIFT text."""
    questions = quiz.questions.prefetch_related("choices")
    return FORMATS[format].write([from_question(question) for question in questions])


def _build(quiz, parsed, *, position, constraints=True):
    """The unsaved question and choices for `parsed`, validated as the admin
    validates them; raises ValidationError."""
    if parsed.points > MAX_POINTS:
        raise ValidationError(f"Points: a question is worth at most {MAX_POINTS}.")
    if len(parsed.choices) > MAX_CHOICES:
        raise ValidationError(f"A question has at most {MAX_CHOICES} choices.")
    question = Question(
        quiz=quiz,
        position=position,
        kind=parsed.kind,
        prompt=parsed.prompt,
        explanation=parsed.explanation,
        points=parsed.points,
        numeric_answer=parsed.numeric_answer,
        tolerance=parsed.tolerance,
        rubric=parsed.rubric,
        model_answer=parsed.model_answer,
    )
    # Without constraints, without the quiz too: checking that it exists
    # would be one more query a row.
    question.full_clean(
        exclude=None if constraints else ["quiz"], validate_constraints=constraints
    )
    ordering = parsed.kind == QuestionKind.ORDERING
    choices = [
        Choice(
            position=choice.position,
            text=choice.text,
            is_correct=choice.is_correct and not ordering,
            feedback=choice.feedback,
        )
        for choice in parsed.choices
    ]
    for choice in choices:
        try:
            choice.full_clean(exclude=["question"])
        except ValidationError as error:
            raise ValidationError(
                f"Choice {choice.position}: {_message(error, Choice)}"
            ) from None
    validate_choices(
        parsed.kind,
        choice_count=len(choices),
        correct_count=sum(1 for choice in choices if choice.is_correct),
    )
    validate_rubric(
        parsed.kind,
        criteria_count=len(rubric_lines(parsed.rubric)),
        has_model_answer=bool(parsed.model_answer),
    )
    return question, choices


def _message(error: ValidationError, model=Question) -> str:
    """One line for a row: each field's messages after the field's name."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, errors in error.message_dict.items():
        messages = " ".join(errors)
        if name == "__all__":
            parts.append(messages)
        else:
            label = str(model._meta.get_field(name).verbose_name).capitalize()
            parts.append(f"{label}: {messages}")
    return " ".join(parts)
