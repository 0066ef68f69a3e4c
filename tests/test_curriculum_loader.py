"""load_curriculum: the shipped course loads, and loading is idempotent."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from civics.course_loader import CURRICULUM_DIR
from civics.models import Choice, Lesson, Question, Quiz, Source, Unit
from civics.rules.authoring import validate_choices
from tests.factories import make_student, make_submitted_attempt

pytestmark = pytest.mark.django_db

ALL_MODELS = (Unit, Lesson, Source, Quiz, Question, Choice)


def _load(path=CURRICULUM_DIR):
    out = StringIO()
    call_command("load_curriculum", path=str(path), stdout=out)
    return out.getvalue()


def _snapshot():
    return {
        model.__name__: sorted(
            model.objects.values_list("pk", *_compared_fields(model))
        )
        for model in ALL_MODELS
    }


def _compared_fields(model):
    return [f.attname for f in model._meta.concrete_fields if f.attname != "id"]


@pytest.fixture
def curriculum_copy(tmp_path):
    shutil.copytree(CURRICULUM_DIR, tmp_path / "curriculum")
    return tmp_path / "curriculum"


def test_the_shipped_course_loads_with_three_units_and_quizzed_lessons():
    _load()
    assert Unit.objects.count() == 3
    lessons = Lesson.objects.published().select_related("quiz")
    assert lessons.count() >= 3
    for lesson in lessons:
        assert lesson.quiz.questions.count() >= 5
        assert lesson.sources.count() >= 2
        for question in lesson.quiz.questions.all():
            choices = question.choices.all()
            validate_choices(
                question.kind,
                choice_count=len(choices),
                correct_count=sum(1 for choice in choices if choice.is_correct),
            )


def test_loading_twice_changes_nothing():
    _load()
    before = _snapshot()
    assert _load() == "The curriculum is up to date; nothing changed.\n"
    assert _snapshot() == before
    assert not Version.objects.exists()  # edit history starts with teachers


def test_reloading_applies_an_edited_file_in_place(curriculum_copy):
    _load(curriculum_copy)
    lesson_file = sorted((curriculum_copy / "lessons").glob("*.toml"))[0]
    text = lesson_file.read_text()
    slug = text.split('slug = "')[1].split('"')[0]
    original = Lesson.objects.get(slug=slug)
    title = original.title
    lesson_file.write_text(text.replace(f'title = "{title}"', 'title = "New title"', 1))

    output = _load(curriculum_copy)

    updated = Lesson.objects.get(slug=slug)
    assert updated.pk == original.pk
    assert updated.title == "New title"
    assert "Updated 1 lessons." in output


def test_a_file_with_two_correct_choices_loads_nothing(curriculum_copy):
    lesson_file = sorted((curriculum_copy / "lessons").glob("*.toml"))[-1]
    text = lesson_file.read_text()
    lesson_file.write_text(text.replace("correct = false", "correct = true", 1))
    with pytest.raises(CommandError, match="Mark exactly one choice as correct"):
        _load(curriculum_copy)
    for model in ALL_MODELS:
        assert not model.objects.exists()


def test_a_question_students_answered_is_retired_not_deleted_by_a_reload(
    curriculum_copy,
):
    _load(curriculum_copy)
    lesson_file = sorted((curriculum_copy / "lessons").glob("*.toml"))[0]
    slug = lesson_file.read_text().split('slug = "')[1].split('"')[0]
    quiz = Quiz.objects.get(lesson__slug=slug)
    make_submitted_attempt(student=make_student(), quiz=quiz)
    last = quiz.questions.last()
    text = lesson_file.read_text()
    lesson_file.write_text(text[: text.rindex("[[quiz.questions]]")])

    assert "Retired 1 questions." in _load(curriculum_copy)
    last.refresh_from_db()
    assert last.retired_at is not None
    assert last.answers.count() == 1
