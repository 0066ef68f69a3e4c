"""The curriculum files carry written questions (a rubric and a model
answer), each quiz's rule for counting them, and the tags that say what a
question tests and what a wrong choice reveals."""

import tomllib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from civics.course_loader import CURRICULUM_DIR
from civics.kinds import QuestionKind, WrittenCounts
from civics.models import Choice, Lesson, Question
from tests.curriculum_files import lesson_file, write_curriculum

pytestmark = pytest.mark.django_db

WRITTEN = '''
[[quiz.questions]]
key = "explain-the-check"
kind = "written"
points = 2
objective = "Explain the rule."
prompt = "Explain how the Senate checks the President's treaties."
explanation = "The Senate must consent by two-thirds."
rubric = [
  "Names the Senate's advice and consent.",
  "Explains the two-thirds rule.",
]
model_answer = """
The Senate must give its advice and consent, by two-thirds of the Senators present.
"""
'''


def _load(folder):
    call_command("load_curriculum", path=str(folder), stdout=StringIO())


def _loaded(folder):
    out = StringIO()
    call_command("load_curriculum", path=str(folder), stdout=out)
    return out.getvalue()


def _with(folder, text, *, quiz_rule=None):
    path = lesson_file(folder, "tiny-one")
    content = path.read_text()
    if quiz_rule:
        content = content.replace(
            "pass_mark = 80", f'pass_mark = 80\nwritten_counts = "{quiz_rule}"'
        )
    path.write_text(content + text)


def test_a_written_question_loads_with_its_rubric_model_answer_and_rule(tmp_path):
    folder = write_curriculum(tmp_path)
    _with(folder, WRITTEN, quiz_rule=WrittenCounts.TEACHER)
    _load(folder)
    question = Question.objects.get(key="explain-the-check")
    assert question.kind == QuestionKind.WRITTEN
    assert question.rubric_lines == [
        "Names the Senate's advice and consent.",
        "Explains the two-thirds rule.",
    ]
    assert question.model_answer.startswith("The Senate must give")
    assert question.objective == "Explain the rule."
    assert question.quiz.written_counts == WrittenCounts.TEACHER


def test_a_quiz_that_names_no_rule_lets_the_students_own_score_count(tmp_path):
    folder = write_curriculum(tmp_path)
    _with(folder, WRITTEN)
    _load(folder)
    assert Lesson.objects.get().quiz.written_counts == WrittenCounts.SELF


def test_a_wrong_choice_loads_with_its_misconception(tmp_path):
    folder = write_curriculum(tmp_path)
    path = lesson_file(folder, "tiny-one")
    path.write_text(
        path.read_text().replace(
            'feedback = "The Senate consents; it does not ratify."',
            'feedback = "The Senate consents; it does not ratify."\n'
            'misconception = "Thinks the Senate ratifies treaties"',
        )
    )
    _load(folder)
    assert (
        Choice.objects.get(text="The Senate").misconception
        == "Thinks the Senate ratifies treaties"
    )


def test_loading_twice_changes_nothing_with_written_questions(tmp_path):
    folder = write_curriculum(tmp_path)
    _with(folder, WRITTEN)
    _load(folder)
    out = StringIO()
    call_command("load_curriculum", path=str(folder), stdout=out)
    assert Question.objects.filter(kind=QuestionKind.WRITTEN).count() == 1
    assert "skipped" not in out.getvalue().lower()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda text: text.replace(
                'rubric = [\n  "Names the Senate\'s advice and consent.",\n'
                '  "Explains the two-thirds rule.",\n]\n',
                "",
            ),
            "Give a written question its rubric",
        ),
        (
            lambda text: (
                text
                + '\n[[quiz.questions.choices]]\nkey = "a"\n'
                + 'text = "Yes"\ncorrect = true\n'
            ),
            "A written question has no choices",
        ),
    ],
)
def test_a_written_question_without_a_rubric_or_with_choices_loads_nothing(
    tmp_path, change, message
):
    folder = write_curriculum(tmp_path)
    _with(folder, change(WRITTEN))
    with pytest.raises(CommandError, match=message):
        _load(folder)
    assert not Lesson.objects.exists()


def test_every_unit_of_the_shipped_course_asks_for_a_written_answer():
    course = tomllib.loads((CURRICULUM_DIR / "course.toml").read_text())
    written_in = {}
    for path in (CURRICULUM_DIR / "lessons").glob("*.toml"):
        lesson = tomllib.loads(path.read_text())
        for question in lesson["quiz"]["questions"]:
            if question.get("kind") == QuestionKind.WRITTEN:
                assert len(question["rubric"]) >= 2, question["key"]
                assert question["model_answer"].strip(), question["key"]
                written_in.setdefault(lesson["unit"], []).append(question["key"])
    assert set(written_in) == {unit["slug"] for unit in course["units"]}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0011_keeps_unchanged_lessons_loadable_and_edited_ones_skipped(
    tmp_path,
):
    """0011 adds fields to the loader's spec, so every digest changes; it
    stamps the new form on lessons still as loaded (there and back)."""
    lessons = (("tiny-one", "Tiny one"), ("tiny-two", "Tiny two"))
    folder = write_curriculum(tmp_path, lessons)
    _load(folder)
    Lesson.objects.filter(slug="tiny-two").update(title="Ms Rivera's version")

    call_command("migrate", "civics", "0010_answer_snapshots", verbosity=0)
    call_command("migrate", verbosity=0)

    assert _loaded(folder) == "The curriculum is up to date; nothing changed.\n"
    _with(folder, WRITTEN)
    two = lesson_file(folder, "tiny-two")
    two.write_text(two.read_text().replace("A lesson for tests.", "Revised."))
    report = _loaded(folder)
    assert Question.objects.filter(key="explain-the-check").exists()
    assert "tiny-two: a teacher has changed it" in report
    assert Lesson.objects.get(slug="tiny-two").title == "Ms Rivera's version"
