"""Written questions travel in both interchange formats with their rubric
and model answer, and a written question without a rubric is a row error,
never a half-made question."""

import pytest

from civics import importing
from civics.kinds import QuestionKind
from civics.models import Question
from tests.factories import make_question, make_quiz, make_teacher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", ["gift", "csv"])
def test_a_written_question_comes_back_from_an_export_as_it_went(format):
    source = make_quiz(questions=0)
    make_question(
        quiz=source,
        kind=QuestionKind.WRITTEN,
        points=3,
        rubric="Names the Senate.\nGives the two-thirds rule.\nGives an example.",
        model_answer="The Senate consents.\n\nTwo-thirds must agree.",
        explanation="The Treaty Clause.",
    )
    target = make_quiz(questions=0)
    importing.import_questions(
        quiz=target,
        text=importing.export(source, format),
        format=format,
        user=make_teacher(),
    )
    copied = target.questions.get()
    assert copied.kind == QuestionKind.WRITTEN
    assert copied.points == 3
    assert copied.rubric_lines == [
        "Names the Senate.",
        "Gives the two-thirds rule.",
        "Gives an example.",
    ]
    assert copied.model_answer == "The Senate consents.\n\nTwo-thirds must agree."
    assert copied.explanation == "The Treaty Clause."


@pytest.mark.parametrize(
    ("format", "text", "says"),
    [
        (
            "csv",
            "kind,prompt,explanation,rubric\nwritten,Explain the check.,Why.,\n",
            "Give a written question its rubric",
        ),
        ("gift", "Explain the check. {####Why it matters.}\n", "Rubric:"),
    ],
)
def test_a_written_question_without_a_rubric_is_refused_with_a_reason(
    format, text, says
):
    quiz = make_quiz(questions=0)
    (error,) = importing.preview(quiz, text, format).errors
    assert says in error.message
    with pytest.raises(importing.ImportRefused):
        importing.import_questions(
            quiz=quiz, text=text, format=format, user=make_teacher()
        )
    assert not Question.objects.filter(quiz=quiz).exists()


def test_a_choice_question_with_a_rubric_is_refused():
    quiz = make_quiz(questions=0)
    text = (
        "kind,prompt,explanation,correct,rubric,choice 1,choice 2\n"
        "single,Who?,Why.,1,Names the Senate.,The Senate,The House\n"
    )
    (error,) = importing.preview(quiz, text, "csv").errors
    assert "Only written questions have a rubric" in error.message
