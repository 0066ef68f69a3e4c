"""Questions in and out of a quiz as text: a spreadsheet-friendly CSV
(quiz_csv) and Moodle's GIFT (gift). Parsers and writers are pure functions
over the plain data below, so they can be tested without a database; the
service that turns them into rows is civics.importing."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from civics.kinds import QuestionKind


@dataclass
class ParsedChoice:
    text: str
    is_correct: bool = False
    feedback: str = ""
    position: int = 0


@dataclass
class ParsedQuestion:
    """One question as read from a file; `line` is where it starts there,
    for row-by-row errors."""

    kind: str
    prompt: str
    explanation: str = ""
    points: int = 1
    choices: list[ParsedChoice] = field(default_factory=list)
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    # Written questions: one criterion per line, and an answer meeting them.
    rubric: str = ""
    model_answer: str = ""
    line: int = 0

    @property
    def kind_label(self):
        return QuestionKind(self.kind).label


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class Parsed:
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class RowProblem(ValueError):
    """Raised inside a parser for one question; the parser records it as a
    RowError at that question's line and goes on with the next."""


def number(text: str, what: str) -> Decimal:
    """A finite decimal from a cell or a GIFT answer, or a RowProblem."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise RowProblem(f"{what} “{text.strip()}” is not a number.") from None
    if not value.is_finite():
        raise RowProblem(f"{what} “{text.strip()}” is not a number.")
    return value


def plain_number(value: Decimal) -> str:
    """66.0000 as "66", 0.5000 as "0.5": how a teacher would type it."""
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def numbered(choices) -> list[ParsedChoice]:
    """Choices with positions 1, 2, … in the order given."""
    choices = list(choices)
    for position, choice in enumerate(choices, start=1):
        choice.position = position
    return choices


def from_question(question) -> ParsedQuestion:
    """A saved Question (choices prefetched) as plain data, for the writers."""
    return ParsedQuestion(
        kind=question.kind,
        prompt=question.prompt,
        explanation=question.explanation,
        points=question.points,
        choices=[
            ParsedChoice(
                text=choice.text,
                is_correct=choice.is_correct and question.kind != QuestionKind.ORDERING,
                feedback=choice.feedback,
                position=position,
            )
            for position, choice in enumerate(question.choices.all(), start=1)
        ],
        numeric_answer=question.numeric_answer,
        tolerance=question.tolerance if question.is_numeric else Decimal(0),
        rubric="\n".join(question.rubric_lines),
        model_answer=question.model_answer,
    )
