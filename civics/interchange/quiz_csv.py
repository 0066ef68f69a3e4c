"""A quiz as a spreadsheet: one row per question, written and read here.

Columns (the header row names them; their order and case do not matter,
and only kind and prompt are required):

    kind, prompt, points, explanation, correct, numeric answer, tolerance,
    rubric, model answer, choice 1, feedback 1, choice 2, feedback 2, …

kind is single, multiple, true_false, ordering, numeric or written (or its
label, "Single choice" …); correct lists the numbers of the correct choices
("1,3"); an ordering question lists its choices in their correct order and
leaves correct empty; a true-or-false one may leave its choices empty (True,
False) and give correct as true or false; a numeric one gives its numeric
answer and tolerance and no choices; a written one gives its rubric, one
criterion per line of the cell, and its model answer, and no choices. Written
files are formula-safe as the gradebook
is (teaching.dashboard.spreadsheet_safe): a text starting with = + - @ gets a
leading apostrophe, which reading takes off again.
"""

import csv
import io
import re

from civics.interchange import (
    Parsed,
    ParsedChoice,
    ParsedQuestion,
    RowError,
    RowProblem,
    number,
    numbered,
    plain_number,
)
from civics.kinds import QuestionKind
from teaching.dashboard import FORMULA_STARTS, spreadsheet_safe

FIXED = (
    "kind",
    "prompt",
    "points",
    "explanation",
    "correct",
    "numeric answer",
    "tolerance",
    "rubric",
    "model answer",
)
NUMBERED = re.compile(r"(choice|feedback) (\d{1,3})")
KINDS = {
    **{kind.value: kind for kind in QuestionKind},
    **{kind.label.lower(): kind for kind in QuestionKind},
    "true false": QuestionKind.TRUE_FALSE,
    "true/false": QuestionKind.TRUE_FALSE,
}
TRUTH = {"true": 1, "t": 1, "false": 2, "f": 2}


def _header_name(cell: str) -> str:
    return " ".join(cell.replace("_", " ").split()).lower()


def _cell(text: str) -> str:
    """A cell's text without the apostrophe that kept it from being a formula."""
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def parse(text: str) -> Parsed:
    """Every question row of a CSV file, and an error for each row that
    cannot be a question, with its line number (the header is line 1)."""
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = next(reader, None)
        if header is None:
            parsed.errors.append(RowError(1, "The file is empty."))
            return parsed
        columns = _columns(header)
    except (RowProblem, csv.Error) as problem:
        parsed.errors.append(RowError(1, str(problem)))
        return parsed
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as problem:
            parsed.errors.append(RowError(line, f"This row cannot be read: {problem}."))
            return parsed
        if row is None:
            return parsed
        if not any(cell.strip() for cell in row):
            continue
        try:
            question = _question(columns, row)
        except RowProblem as problem:
            parsed.errors.append(RowError(line, str(problem)))
            continue
        question.line = line
        parsed.questions.append(question)


def _columns(header):
    """{column index: name} for the header row, refusing what it cannot read
    (a misspelt column would otherwise be dropped without a word)."""
    columns = {}
    for index, cell in enumerate(header):
        name = _header_name(_cell(cell))
        if not name:
            continue
        if name not in FIXED and not NUMBERED.fullmatch(name):
            raise RowProblem(
                f"Unknown column “{cell.strip()}”. The columns are "
                f"{', '.join(FIXED)}, choice 1, feedback 1, choice 2, …"
            )
        if name in columns.values():
            raise RowProblem(f"The column “{cell.strip()}” is there twice.")
        columns[index] = name
    missing = {"kind", "prompt"} - set(columns.values())
    if missing:
        raise RowProblem(
            f"The header has no “{'” or “'.join(sorted(missing))}” column."
        )
    return columns


def _question(columns, row) -> ParsedQuestion:
    if len(row) > len(columns) and any(
        cell.strip() for index, cell in enumerate(row) if index not in columns
    ):
        raise RowProblem("This row has text in a column with no heading.")
    cells = {
        name: _cell(row[index]) for index, name in columns.items() if index < len(row)
    }
    kind = KINDS.get(_header_name(cells.get("kind", "")))
    if kind is None:
        raise RowProblem(
            f"Unknown kind “{cells.get('kind', '')}”: use single, multiple, "
            "true_false, ordering, numeric or written."
        )
    question = ParsedQuestion(
        kind=kind,
        prompt=cells.get("prompt", ""),
        explanation=cells.get("explanation", ""),
        points=_points(cells.get("points", "")),
        choices=_choices(cells),
    )
    answer, tolerance = cells.get("numeric answer", ""), cells.get("tolerance", "")
    if kind == QuestionKind.NUMERIC:
        if not answer:
            raise RowProblem("A numeric question needs its numeric answer.")
        question.numeric_answer = number(answer, "The numeric answer")
        if tolerance:
            question.tolerance = number(tolerance, "The tolerance")
    elif answer or tolerance:
        raise RowProblem("Only numeric questions take a numeric answer and tolerance.")
    question.rubric = cells.get("rubric", "").replace("\r\n", "\n")
    question.model_answer = cells.get("model answer", "").replace("\r\n", "\n")
    if kind == QuestionKind.TRUE_FALSE and not question.choices:
        question.choices = numbered([ParsedChoice("True"), ParsedChoice("False")])
    _mark_correct(question, cells.get("correct", ""))
    return question


def _points(text):
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        raise RowProblem(f"Points “{text}” is not a whole number of at least 1.")
    return int(text)


def _choices(cells):
    texts, feedback = {}, {}
    for name, value in cells.items():
        match = NUMBERED.fullmatch(name)
        if match and value:
            (texts if match.group(1) == "choice" else feedback)[int(match.group(2))] = (
                value
            )
    for n in sorted(feedback.keys() - texts.keys()):
        raise RowProblem(f"Feedback {n} has no choice {n}.")
    numbers = sorted(texts)
    if numbers != list(range(1, len(numbers) + 1)):
        gap = next(n for n in range(1, len(numbers) + 2) if n not in texts)
        raise RowProblem(f"Choice {gap} is empty but a later choice is not.")
    return numbered(
        ParsedChoice(texts[n], feedback=feedback.get(n, "")) for n in numbers
    )


def _mark_correct(question, text):
    if not text:
        return
    if question.kind == QuestionKind.ORDERING:
        raise RowProblem(
            "An ordering question lists its choices in their correct order; "
            "leave “correct” empty."
        )
    if question.kind == QuestionKind.TRUE_FALSE and text.lower() in TRUTH:
        text = str(TRUTH[text.lower()])
    for part in re.split(r"[,;\s]+", text):
        if not part.isdigit() or not 1 <= int(part) <= len(question.choices):
            raise RowProblem(
                f"“{part}” in correct is not the number of one of this "
                f"question's {len(question.choices)} choices."
            )
        question.choices[int(part) - 1].is_correct = True


def write(questions) -> str:
    """The questions as CSV text (the download adds the byte-order mark)."""
    questions = list(questions)
    width = max([2, *(len(question.choices) for question in questions)])
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        [
            *FIXED,
            *(
                f"{name} {n}"
                for n in range(1, width + 1)
                for name in ("choice", "feedback")
            ),
        ]
    )
    for question in questions:
        numeric = question.kind == QuestionKind.NUMERIC
        writer.writerow(
            [
                question.kind,
                spreadsheet_safe(question.prompt),
                question.points,
                spreadsheet_safe(question.explanation),
                ",".join(
                    str(choice.position)
                    for choice in question.choices
                    if choice.is_correct
                ),
                plain_number(question.numeric_answer) if numeric else "",
                plain_number(question.tolerance) if numeric else "",
                spreadsheet_safe(question.rubric),
                spreadsheet_safe(question.model_answer),
                *(
                    spreadsheet_safe(text)
                    for choice in question.choices
                    for text in (choice.text, choice.feedback)
                ),
            ]
        )
    return output.getvalue()
