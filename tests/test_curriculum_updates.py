"""Reloading the curriculum updates shipped lessons but never overwrites what a
teacher changed in the admin, unless told to for a named lesson."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from civics.models import Choice, KeyTerm, Lesson
from tests.curriculum_files import lesson_file, write_curriculum
from tests.factories import make_lesson

pytestmark = pytest.mark.django_db


def _load(folder, *force):
    out = StringIO()
    call_command("load_curriculum", path=str(folder), force=list(force), stdout=out)
    return out.getvalue()


@pytest.fixture
def course(tmp_path):
    folder = write_curriculum(tmp_path, [("tiny-one", "Tiny one"), ("tiny-two", "Two")])
    _load(folder)
    return folder


def _ship_new_title(folder, slug, title):
    path = lesson_file(folder, slug)
    text = path.read_text()
    old = text.split('title = "')[1].split('"')[0]
    path.write_text(text.replace(f'title = "{old}"', f'title = "{title}"', 1))


def test_a_first_load_reports_what_it_created(tmp_path):
    output = _load(write_curriculum(tmp_path))
    assert "Created" in output
    assert "2 key terms" in output.split("Created")[1].split("\n")[0]


def test_a_lesson_loads_with_its_key_terms_review_date_and_discussion(course):
    lesson = Lesson.objects.get(slug="tiny-one")
    assert lesson.reviewed_on == date(2026, 3, 5)
    assert lesson.discussion == "Should the House have a say on treaties?"
    assert list(lesson.key_terms.values_list("term", flat=True)) == [
        "Quorum",
        "Ratify",
    ]
    assert lesson.quiz.questions.get(kind="numeric").numeric_answer == 62


def test_an_unedited_lesson_takes_the_shipped_update(course):
    _ship_new_title(course, "tiny-one", "Shipped update")
    output = _load(course)
    assert Lesson.objects.get(slug="tiny-one").title == "Shipped update"
    assert "Skipped" not in output


def test_a_lesson_a_teacher_edited_is_skipped_and_reported(course):
    Lesson.objects.filter(slug="tiny-one").update(title="Ms Rivera's version")
    _ship_new_title(course, "tiny-one", "Shipped update")
    _ship_new_title(course, "tiny-two", "Two, updated")

    output = _load(course)

    assert Lesson.objects.get(slug="tiny-one").title == "Ms Rivera's version"
    assert Lesson.objects.get(slug="tiny-two").title == "Two, updated"
    assert "Skipped tiny-one: a teacher has changed it since it was loaded" in output
    assert "--force tiny-one" in output
    assert "tiny-two" not in output


@pytest.mark.parametrize("part", ["choice", "key_term", "unpublished"])
def test_an_edit_to_any_part_of_a_lesson_counts_as_a_teacher_edit(course, part):
    lesson = Lesson.objects.get(slug="tiny-one")
    if part == "choice":
        Choice.objects.filter(question__quiz__lesson=lesson).update(
            feedback="Teacher's feedback"
        )
    elif part == "key_term":
        KeyTerm.objects.create(lesson=lesson, term="Treaty", definition="A pact.")
    else:
        Lesson.objects.filter(pk=lesson.pk).update(published=False)
    _ship_new_title(course, "tiny-one", "Shipped update")

    assert "Skipped tiny-one" in _load(course)
    assert Lesson.objects.get(slug="tiny-one").title == "Tiny one"


def test_an_unchanged_file_leaves_a_teachers_edit_alone_quietly(course):
    Lesson.objects.filter(slug="tiny-one").update(title="Ms Rivera's version")
    assert _load(course) == "The curriculum is up to date; nothing changed.\n"
    assert Lesson.objects.get(slug="tiny-one").title == "Ms Rivera's version"


def test_force_restores_the_shipped_version_of_a_named_lesson(course):
    Lesson.objects.filter(slug="tiny-one").update(title="Ms Rivera's version")
    Lesson.objects.filter(slug="tiny-two").update(title="Mr Chen's version")

    _load(course, "tiny-one")

    assert Lesson.objects.get(slug="tiny-one").title == "Tiny one"
    assert Lesson.objects.get(slug="tiny-two").title == "Mr Chen's version"


def test_a_forced_lesson_takes_later_updates_again(course):
    Lesson.objects.filter(slug="tiny-one").update(title="Ms Rivera's version")
    _load(course, "tiny-one")
    _ship_new_title(course, "tiny-one", "Later update")
    _load(course)
    assert Lesson.objects.get(slug="tiny-one").title == "Later update"


def test_forcing_an_unknown_lesson_loads_nothing(course):
    _ship_new_title(course, "tiny-two", "Two, updated")
    with pytest.raises(CommandError, match="No shipped lesson has the slug"):
        _load(course, "no-such-lesson")
    assert Lesson.objects.get(slug="tiny-two").title == "Two"


def test_a_lesson_a_teacher_created_is_never_touched(course):
    own = make_lesson(title="Our local lesson", slug="local-lesson")
    _load(course)
    own.refresh_from_db()
    assert own.title == "Our local lesson"
    assert Lesson.objects.count() == 3
