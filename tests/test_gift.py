"""Moodle's GIFT format, read and written (civics.interchange.gift): pure
functions, no database."""

from decimal import Decimal

import pytest

from civics.interchange import ParsedChoice, ParsedQuestion, gift
from civics.kinds import QuestionKind


def only(text):
    parsed = gift.parse(text)
    assert parsed.errors == []
    (question,) = parsed.questions
    return question


def choices(question):
    return [(c.text, c.is_correct, c.feedback) for c in question.choices]


def test_multiple_choice_marks_the_right_answer_with_an_equals_sign():
    question = only("Who is buried in Grant's tomb? {~Grant =no one ~Jefferson}")
    assert question.kind == QuestionKind.SINGLE
    assert question.prompt == "Who is buried in Grant's tomb?"
    assert choices(question) == [
        ("Grant", False, ""),
        ("no one", True, ""),
        ("Jefferson", False, ""),
    ]
    assert [c.position for c in question.choices] == [1, 2, 3]


def test_answers_may_stand_on_lines_of_their_own():
    question = only("Pick one {\n  =right\n  ~wrong\n}")
    assert choices(question) == [("right", True, ""), ("wrong", False, "")]


def test_weighted_answers_make_a_multiple_select_question():
    question = only("Pick two {~%50%a ~%50%b ~%-100%c}")
    assert question.kind == QuestionKind.MULTIPLE
    assert choices(question) == [("a", True, ""), ("b", True, ""), ("c", False, "")]


@pytest.mark.parametrize(
    ("answer", "true_is_correct"),
    [("T", True), ("TRUE", True), ("F", False), ("false", False)],
)
def test_true_or_false_creates_its_two_choices(answer, true_is_correct):
    question = only(f"The Senate has 100 members. {{{answer}}}")
    assert question.kind == QuestionKind.TRUE_FALSE
    assert choices(question) == [
        ("True", true_is_correct, ""),
        ("False", not true_is_correct, ""),
    ]


def test_true_or_false_feedback_is_for_the_wrong_answer_then_the_right_one():
    question = only("The sky is green. {F#Look up.#Yes, it is blue.}")
    assert choices(question) == [
        ("True", False, "Look up."),
        ("False", True, "Yes, it is blue."),
    ]


def test_a_numeric_answer_takes_a_tolerance_after_a_colon():
    question = only("How many senators? {#100:0.5}")
    assert question.kind == QuestionKind.NUMERIC
    assert question.numeric_answer == Decimal(100)
    assert question.tolerance == Decimal("0.5")
    assert question.choices == []


def test_a_numeric_range_becomes_its_middle_and_half_its_width():
    question = only("A number from 1 to 5 {#1..5}")
    assert (question.numeric_answer, question.tolerance) == (Decimal(3), Decimal(2))


def test_a_numeric_answer_may_be_given_with_an_equals_sign_and_no_tolerance():
    question = only("How many? {#=7}")
    assert (question.numeric_answer, question.tolerance) == (Decimal(7), Decimal(0))


def test_feedback_follows_a_hash_and_the_explanation_four():
    question = only(
        "Who? {=Madison#He drafted it. ~Jay#He wrote five.####Madison drafted it.}"
    )
    assert choices(question) == [
        ("Madison", True, "He drafted it."),
        ("Jay", False, "He wrote five."),
    ]
    assert question.explanation == "Madison drafted it."


def test_comments_are_skipped_and_titles_are_not_kept():
    parsed = gift.parse(
        "// A comment {=not a question}\n::Q1:: First? {=a ~b}\n\n"
        "// another\n::Second one::Second? {=c ~d}"
    )
    assert parsed.errors == []
    assert [q.prompt for q in parsed.questions] == ["First?", "Second?"]


def test_escaped_characters_are_text():
    question = only(r"Is 2 \= 2 \{really\}\: \~ \# ? {=yes\~indeed ~no\#pe}")
    assert question.prompt == "Is 2 = 2 {really}: ~ # ?"
    assert choices(question) == [("yes~indeed", True, ""), ("no#pe", False, "")]


def test_an_escaped_newline_is_a_line_break():
    assert only(r"Line one\nline two {=a ~b}").prompt == "Line one\nline two"


def test_answers_inside_the_text_leave_a_blank():
    question = only("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.prompt == "Grant is _____ in Grant's tomb."


def test_a_text_format_tag_is_dropped():
    assert only("[markdown]Who **wrote** it? {=a ~b}").prompt == "Who **wrote** it?"


def test_a_points_comment_sets_the_next_questions_points():
    parsed = gift.parse("// points: 3\nFirst? {=a ~b}\n\nSecond? {=a ~b}")
    assert [q.points for q in parsed.questions] == [3, 1]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Match them {=a -> 1 =b -> 2 =c -> 3}", "matching"),
        ("Name the capital {=Paris =paris}", "short-answer"),
        ("Write an essay {}", "essay"),
        ("Just some words", "description"),
        ("Open {=a ~b", "closing"),
        ("How many? {#many}", "not a number"),
        ("How many? {#=3:0 =%50%4:0}", "one answer"),
        ("True? {T#a#b#c}", "two"),
        ("::Untitled Question {=a ~b}", "title"),
        ("Two sets {=a ~b} and {=c ~d}", "one set"),
        ("Loose text {junk =a ~b}", "starts with"),
    ],
)
def test_what_has_no_kind_here_is_an_error_at_its_line(text, says):
    parsed = gift.parse(f"Fine? {{=a ~b}}\n\n// comment\n{text}")
    assert len(parsed.questions) == 1
    (error,) = parsed.errors
    assert error.line == 4
    assert says in error.message


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "}",
        "::",
        ":: ::",
        "{#}",
        "{#..}",
        "{#1..}",
        "{#5..1}",
        "{#nan}",
        "{#inf:1}",
        "{####}",
        "{=}",
        "{~%abc%x}",
        "{~%1e999%x ~y}",
        "\\",
        "\\{\\",
        "q {T#",
        "q {=a -> }",
        "\ue000{=\ue001 ~x}",
        "\x00{=a ~b}",
        "q {=" + "a" * 10000 + " ~b}",
        "\n\n\n",
        "// only a comment",
        "$CATEGORY: x",
        "::a::::b::{=a~b}",
    ],
)
def test_malformed_text_is_an_error_or_a_question_never_an_exception(text):
    parsed = gift.parse(text)
    assert all(isinstance(q, ParsedQuestion) for q in parsed.questions)
    assert all(error.line >= 1 and error.message for error in parsed.errors)


def question(kind, **fields):
    fields.setdefault("explanation", "Because.")
    return ParsedQuestion(kind=kind, prompt=fields.pop("prompt", "Which?"), **fields)


def test_written_questions_read_back_the_same():
    questions = [
        question(
            QuestionKind.SINGLE,
            prompt="Who = wrote {this} #1: ~ \\ it?\nSecond line.",
            points=2,
            choices=[
                ParsedChoice("Madison", True, "Yes # really", 1),
                ParsedChoice("Jay ~ John", False, "", 2),
            ],
        ),
        question(
            QuestionKind.MULTIPLE,
            choices=[
                ParsedChoice("a", True, "", 1),
                ParsedChoice("b", False, "no", 2),
                ParsedChoice("c", True, "", 3),
            ],
        ),
        question(
            QuestionKind.TRUE_FALSE,
            choices=[
                ParsedChoice("True", False, "", 1),
                ParsedChoice("False", True, "Right.", 2),
            ],
        ),
        question(
            QuestionKind.NUMERIC,
            numeric_answer=Decimal("-2.5"),
            tolerance=Decimal("0.25"),
        ),
        question(QuestionKind.NUMERIC, numeric_answer=Decimal(66)),
    ]
    read = gift.parse(gift.write(questions))
    assert read.errors == []
    for got in read.questions:
        got.line = 0
    assert read.questions == questions


def test_multiple_select_is_written_with_weights_that_score_as_here():
    text = gift.write(
        [
            question(
                QuestionKind.MULTIPLE,
                choices=[
                    ParsedChoice("a", True, "", 1),
                    ParsedChoice("b", True, "", 2),
                    ParsedChoice("c", True, "", 3),
                    ParsedChoice("d", False, "", 4),
                ],
            )
        ]
    )
    # A wrong pick costs what a right one earns (civics.rules.scoring).
    assert "~%33.33333%a" in text
    assert "~%-33.33333%d" in text


def test_an_ordering_question_is_written_as_comments_and_read_as_nothing():
    ordering = question(
        QuestionKind.ORDERING,
        prompt="Put in order",
        choices=[
            ParsedChoice("First", False, "", 1),
            ParsedChoice("Second", False, "", 2),
        ],
    )
    text = gift.write([ordering])
    assert all(line.startswith("//") for line in text.strip().splitlines())
    assert "// 1. First" in text
    assert "// 2. Second" in text
    assert gift.parse(text).questions == []


def test_true_or_false_worded_otherwise_is_written_as_multiple_choice():
    yes_no = question(
        QuestionKind.TRUE_FALSE,
        choices=[ParsedChoice("Yes", True, "", 1), ParsedChoice("No", False, "", 2)],
    )
    assert "=Yes" in gift.write([yes_no])
