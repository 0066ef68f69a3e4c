"""Moodle's GIFT text format, read and written for the kinds this site has.

Read: multiple choice `{=right ~wrong}`, multiple answers with weights
`{~%50%a ~%50%b ~%-100%c}` (a positive weight marks a correct choice), true
or false `{T}` / `{F}` (with `#wrong-answer feedback#right-answer feedback`),
numeric `{#3:0.5}`, `{#1..5}` and `{#=3:0.5}`, feedback after `#`, general
feedback after `####` (the question's explanation), comments `//`, titles
`::title::` (not kept: questions here have none), text formats `[markdown]`,
the missing-word form `Text {…} more text.` (the prompt gets a blank) and the
escapes `\\~ \\= \\# \\{ \\} \\: \\\\ \\n`. Matching, short-answer and
description questions have no kind here: each is a row error.

An essay `{}` is a written question. GIFT has no rubric, and a written
question here cannot go without one (students mark themselves on it), so
the rubric travels in the general feedback, as the writer puts it there:

    Explain the check. {####Why it matters.\n\nRubric:\n- Names the Senate.
    \n- Gives the two-thirds rule.\n\nModel answer:\nThe Senate consents.}

(one line in the file): the text before a line "Rubric:" is the explanation,
the lines after it are the criteria, one a line ("- " before each is
optional), and the text after a line "Model answer:" is the model answer. An
essay without a "Rubric:" line, as Moodle writes one, is a row error that
says so, rather than a question imported with a made-up rubric students
would mark themselves on; its rubric is added to the file (or the question
written in the admin). Moodle reads such an essay back with the rubric and
model answer as its general feedback.

GIFT has no points, so the writer puts `// points: N` before a question
worth more than one and the reader takes it back; Moodle ignores it as a
comment. GIFT has no ordering question either: the writer keeps an ordering
question as a block of comments (its prompt and items in order), which the
reader, like Moodle, skips.
"""

import re
from decimal import Decimal

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

SPECIALS = "~=#{}:"
# Escaped characters stand in as private-use characters while a question is
# cut up, so that only unescaped ones act as syntax.
PLACEHOLDER = {char: chr(0xE000 + n) for n, char in enumerate("\\" + SPECIALS)}
RESTORE = {ord(stand_in): char for char, stand_in in PLACEHOLDER.items()}
PRIVATE_USE = {ord(stand_in): None for stand_in in PLACEHOLDER.values()}
POINTS_COMMENT = re.compile(r"//\s*points:\s*(\d{1,5})\s*$", re.IGNORECASE)
TEXT_FORMAT = re.compile(r"^\s*\[(?:markdown|plain|html|moodle)\]", re.IGNORECASE)
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
BLANK = "_____"


def _hide_escapes(text: str) -> str:
    text = text.translate(PRIVATE_USE)
    text = text.replace("\\\\", PLACEHOLDER["\\"]).replace("\\n", "\n")
    for char in SPECIALS:
        text = text.replace("\\" + char, PLACEHOLDER[char])
    return text


def _restore(text: str) -> str:
    return text.translate(RESTORE).strip()


def parse(text: str) -> Parsed:
    """Every question of a GIFT file, and an error for each one that cannot
    be a question here, at the line where it starts."""
    parsed = Parsed()
    for line, block, points in _blocks(text):
        try:
            question = _question(_hide_escapes(block))
        except RowProblem as problem:
            parsed.errors.append(RowError(line, str(problem)))
            continue
        question.line, question.points = line, points
        parsed.questions.append(question)
    return parsed


def _blocks(text: str):
    """(first line number, text, points) of each question: questions are
    separated by blank lines; comment and category lines are dropped, a
    `// points: N` comment setting the next question's points."""
    lines, start, points = [], 0, 1
    for number_, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if line.startswith("//"):
            match = POINTS_COMMENT.fullmatch(line)
            if match:
                points = int(match.group(1))
            continue
        if line.startswith("$CATEGORY:"):
            continue
        if not line:
            if lines:
                yield start, "\n".join(lines), points
                lines, points = [], 1
            continue
        if not lines:
            start = number_
        lines.append(raw)
    if lines:
        yield start, "\n".join(lines), points


def _question(block: str) -> ParsedQuestion:
    block = block.strip()
    if block.startswith("::"):
        end = block.find("::", 2)
        if end == -1:
            raise RowProblem("The title has no closing “::”.")
        block = block[end + 2 :]
    block = TEXT_FORMAT.sub("", block, count=1)
    opening = block.find("{")
    if opening == -1:
        raise RowProblem(
            "This has no answers in { }: a description, which a quiz here "
            "cannot hold. Escape a literal brace as \\{."
        )
    closing = block.find("}", opening)
    if closing == -1:
        raise RowProblem("The answers have no closing “}”.")
    if "{" in block[closing:]:
        raise RowProblem("A question has one set of answers in { }.")
    before, answers = block[:opening].strip(), block[opening + 1 : closing].strip()
    after = block[closing + 1 :].strip()
    prompt = TEXT_FORMAT.sub("", before, count=1).strip()
    if after:
        prompt = f"{prompt} {BLANK} {after}" if prompt else f"{BLANK} {after}"
    explanation = ""
    if "####" in answers:
        # The last one: a true-or-false question's empty right-answer
        # feedback runs into it ("T#wrong#####explanation").
        answers, _, explanation = answers.rpartition("####")
    answers = TEXT_FORMAT.sub("", answers.strip(), count=1).strip()
    question = ParsedQuestion(
        kind=QuestionKind.SINGLE,
        prompt=_restore(prompt),
        explanation=_restore(TEXT_FORMAT.sub("", explanation, count=1)),
    )
    if not answers:
        return _written(question)
    if answers.startswith("#"):
        return _numeric(question, answers[1:])
    head, *feedback = answers.split("#")
    if head.strip().upper() in TRUE_FALSE:
        return _true_false(question, TRUE_FALSE[head.strip().upper()], feedback)
    return _choices(question, answers)


RUBRIC_LABEL = "rubric:"
MODEL_ANSWER_LABEL = "model answer:"
BULLET = re.compile(r"^[-*•]\s+")


def _written(question):
    """An essay: its general feedback holds the explanation, the rubric and
    the model answer, under their labels (see the module's docstring)."""
    question.kind = QuestionKind.WRITTEN
    explanation, rubric, model_answer = [], [], []
    labelled = {RUBRIC_LABEL: rubric, MODEL_ANSWER_LABEL: model_answer}
    part = explanation
    for line in question.explanation.split("\n"):
        under = labelled.pop(line.strip().lower(), None)
        if under is None:
            part.append(line)
        else:
            part = under
    criteria = (BULLET.sub("", line.strip()) for line in rubric)
    question.rubric = "\n".join(line for line in criteria if line)
    if not question.rubric:
        raise RowProblem(
            "An essay question here is a written one and needs its rubric: "
            "after “####” write a line “Rubric:” and then one criterion per "
            "line (“\\n” between lines), and optionally a line “Model "
            "answer:” and the answer."
        )
    question.explanation = "\n".join(explanation).strip()
    question.model_answer = "\n".join(model_answer).strip()
    return question


def _numeric(question, answers):
    question.kind = QuestionKind.NUMERIC
    if "=" in answers:
        options = [part.strip() for part in answers.split("=") if part.strip()]
        if len(options) != 1:
            raise RowProblem(
                "A numeric question here has one answer; partly right "
                "answers (=%50%…) have no place."
            )
        answers = WEIGHT.sub("", options[0])
    value, _, feedback = answers.partition("#")
    value = _restore(value)
    if ".." in value:
        low, _, high = value.partition("..")
        low, high = number(low, "The answer"), number(high, "The answer")
        if high < low:
            raise RowProblem("The range's end is below its start.")
        question.numeric_answer = (low + high) / 2
        question.tolerance = (high - low) / 2
    else:
        value, colon, tolerance = value.partition(":")
        question.numeric_answer = number(value, "The answer")
        if colon:
            question.tolerance = number(tolerance, "The tolerance")
    feedback = _restore(feedback)
    if feedback:
        question.explanation = "\n\n".join(
            part for part in (question.explanation, feedback) if part
        )
    return question


def _true_false(question, truth, feedback):
    question.kind = QuestionKind.TRUE_FALSE
    if len(feedback) > 2:
        raise RowProblem("A true-or-false question takes at most two “#” feedbacks.")
    wrong, right = [*(_restore(text) for text in feedback), "", ""][:2]
    question.choices = numbered(
        [
            ParsedChoice("True", truth, right if truth else wrong),
            ParsedChoice("False", not truth, wrong if truth else right),
        ]
    )
    return question


def _choices(question, answers):
    parts = re.split(r"([=~])", answers)
    if parts[0].strip():
        raise RowProblem(
            "Each answer starts with “=” (right) or “~” (wrong); escape a "
            "literal one as \\= or \\~."
        )
    marks, texts = parts[1::2], parts[2::2]
    if any("->" in text for text in texts):
        raise RowProblem("A matching question (a -> b) has no kind here.")
    if "~" not in marks:
        raise RowProblem(
            "A short-answer question (only “=” answers) has no kind here: "
            "give the wrong choices with “~”."
        )
    choices = []
    for mark, text in zip(marks, texts, strict=True):
        weight = WEIGHT.match(text.strip())
        text = WEIGHT.sub("", text.strip())
        body, _, feedback = text.partition("#")
        correct = mark == "=" or (weight is not None and Decimal(weight.group(1)) > 0)
        choices.append(ParsedChoice(_restore(body), correct, _restore(feedback)))
    if "=" not in marks:
        question.kind = QuestionKind.MULTIPLE
    question.choices = numbered(choices)
    return question


# Writing


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in SPECIALS:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _weight(count: int) -> str:
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def write(questions) -> str:
    """The questions as a GIFT file Moodle can import, titled Q1, Q2, …"""
    return "\n\n".join(
        _write(number_, question) for number_, question in enumerate(questions, 1)
    ) + ("\n" if questions else "")


def _write(number_, question) -> str:
    head = [] if question.points == 1 else [f"// points: {question.points}"]
    title = f"::Q{number_}:: {_escape(question.prompt)}"
    if question.kind == QuestionKind.ORDERING:
        return "\n".join(
            [
                "// An ordering question: GIFT has no form for it, so it is "
                "kept here as comments and not imported.",
                *(f"// {line}" for line in [*head, title]),
                *(
                    f"// {choice.position}. {_escape(choice.text)}"
                    for choice in question.choices
                ),
            ]
        )
    if question.kind == QuestionKind.WRITTEN:
        return "\n".join([*head, f"{title} {{####{_escape(_feedback(question))}}}"])
    explanation = f"####{_escape(question.explanation)}" if question.explanation else ""
    if question.kind == QuestionKind.NUMERIC:
        answer = f"#{plain_number(question.numeric_answer)}"
        if question.tolerance:
            answer += f":{plain_number(question.tolerance)}"
        return "\n".join([*head, f"{title} {{{answer}{explanation}}}"])
    if question.kind == QuestionKind.TRUE_FALSE and _is_true_false(question.choices):
        right = next(choice for choice in question.choices if choice.is_correct)
        wrong = next(choice for choice in question.choices if not choice.is_correct)
        answer = "T" if right.text.lower() == "true" else "F"
        if right.feedback or wrong.feedback:
            answer += f"#{_escape(wrong.feedback)}#{_escape(right.feedback)}"
        return "\n".join([*head, f"{title} {{{answer}{explanation}}}"])
    lines = [*head, f"{title} {{"]
    correct = sum(1 for choice in question.choices if choice.is_correct) or 1
    for choice in question.choices:
        if question.kind == QuestionKind.MULTIPLE:
            sign = "" if choice.is_correct else "-"
            mark = f"~%{sign}{_weight(correct)}%"
        else:
            mark = "=" if choice.is_correct else "~"
        feedback = f"#{_escape(choice.feedback)}" if choice.feedback else ""
        lines.append(f"\t{mark}{_escape(choice.text)}{feedback}")
    if explanation:
        lines.append(f"\t{explanation}")
    lines.append("}")
    return "\n".join(lines)


def _feedback(question) -> str:
    """A written question's general feedback: its explanation, rubric and
    model answer, labelled as the reader takes them back."""
    parts = [question.explanation] if question.explanation else []
    criteria = [f"- {line}" for line in question.rubric.split("\n") if line.strip()]
    parts.append("\n".join(["Rubric:", *criteria]))
    if question.model_answer:
        parts.append(f"Model answer:\n{question.model_answer}")
    return "\n\n".join(parts)


def _is_true_false(choices) -> bool:
    """Choices GIFT's {T}/{F} can carry: "True" and "False", one correct;
    other wording is written as a multiple-choice question instead."""
    texts = sorted(choice.text.lower() for choice in choices)
    return texts == ["false", "true"] and sum(c.is_correct for c in choices) == 1
