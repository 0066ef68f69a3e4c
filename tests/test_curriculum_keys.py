"""The shipped course's questions and choices have keys, and the loader
matches rows by key: inserting, reordering or removing a question in a file
never hands one question's row, and its students' answers, to another."""

import tomllib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from civics import history, services
from civics.course_loader import CURRICULUM_DIR
from civics.models import Answer, Choice, Lesson, Question, Quiz, SelectedChoice
from tests.curriculum_files import lesson_file, write_curriculum
from tests.factories import (
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

SLUG = "tiny-one"


def _load(folder, *force):
    out = StringIO()
    call_command("load_curriculum", path=str(folder), force=list(force), stdout=out)
    return out.getvalue()


@pytest.fixture
def course(tmp_path):
    folder = write_curriculum(tmp_path)
    _load(folder)
    return folder


def _quiz():
    return Quiz.objects.get(lesson__slug=SLUG)


def _question(key, prompt):
    return f'''
[[quiz.questions]]
key = "{key}"
kind = "single"
prompt = "{prompt}"
explanation = "Because."

[[quiz.questions.choices]]
key = "a"
text = "Yes"
correct = true

[[quiz.questions.choices]]
key = "b"
text = "No"
'''


def _edit(folder, old, new):
    path = lesson_file(folder, SLUG)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _insert_before(folder, key, block):
    _edit(
        folder,
        f'[[quiz.questions]]\nkey = "{key}"',
        f'{block}\n[[quiz.questions]]\nkey = "{key}"',
    )


def _remove_last_question(folder):
    path = lesson_file(folder, SLUG)
    text = path.read_text()
    path.write_text(text[: text.rindex("[[quiz.questions]]")])


def _what_answers_say():
    """Each answer with the prompt and picked choices its question shows."""
    return {
        answer.pk: (
            answer.question.prompt,
            [choice.text for choice in answer.choices.all()],
            answer.numeric_value,
        )
        for answer in Answer.objects.select_related("question")
    }


def _prompts_in_order():
    return list(_quiz().questions.values_list("key", "prompt"))


def _shipped_lessons():
    for path in sorted((CURRICULUM_DIR / "lessons").glob("*.toml")):
        with path.open("rb") as file:
            yield path.name, tomllib.load(file)


def test_every_shipped_question_and_choice_has_a_key_unique_in_its_scope():
    problems = []
    for name, data in _shipped_lessons():
        questions = data["quiz"]["questions"]
        question_keys = [question.get("key") for question in questions]
        if None in question_keys or len(set(question_keys)) != len(question_keys):
            problems.append((name, question_keys))
        for question in questions:
            choice_keys = [choice.get("key") for choice in question.get("choices", [])]
            if None in choice_keys or len(set(choice_keys)) != len(choice_keys):
                problems.append((name, question.get("key"), choice_keys))
    assert problems == []


def test_a_question_inserted_mid_quiz_is_a_new_row_and_answers_keep_their_prompts(
    course,
):
    make_submitted_attempt(student=make_student(), quiz=_quiz())
    before = _what_answers_say()
    rows_before = dict(_quiz().questions.values_list("key", "pk"))

    _insert_before(course, "who-ratifies", _question("who-consents", "Who consents?"))
    _load(course)

    assert _what_answers_say() == before
    assert _prompts_in_order() == [
        ("votes-needed", "92 Senators vote. How many yes votes are needed?"),
        ("who-consents", "Who consents?"),
        ("who-ratifies", "Who ratifies a treaty?"),
    ]
    rows_after = dict(_quiz().questions.values_list("key", "pk"))
    assert {key: rows_after[key] for key in rows_before} == rows_before


def test_earlier_results_still_show_their_own_prompt_after_an_insertion(course, client):
    student = make_student()
    attempt = make_submitted_attempt(student=student, quiz=_quiz())

    _insert_before(course, "who-ratifies", _question("who-consents", "Who consents?"))
    _load(course)

    client.force_login(student)
    page = client.get(reverse("civics:attempt_result", args=[attempt.pk]))
    assert "Who ratifies a treaty?" in page.content.decode()
    assert "Who consents?" not in page.content.decode()


def test_reordering_questions_in_the_file_moves_their_rows(course):
    rows_before = dict(_quiz().questions.values_list("key", "pk"))
    path = lesson_file(course, SLUG)
    text = path.read_text()
    head, first, second = text.split("[[quiz.questions]]")
    path.write_text(f"{head}[[quiz.questions]]{second}\n[[quiz.questions]]{first}")

    _load(course)

    assert [key for key, _ in _prompts_in_order()] == ["who-ratifies", "votes-needed"]
    assert dict(_quiz().questions.values_list("key", "pk")) == rows_before


def test_reordering_choices_in_the_file_moves_their_rows(course):
    question = _quiz().questions.get(key="who-ratifies")
    rows_before = dict(question.choices.values_list("key", "pk"))
    path = lesson_file(course, SLUG)
    head, first, second = path.read_text().split("[[quiz.questions.choices]]")
    path.write_text(
        f"{head}[[quiz.questions.choices]]{second}\n[[quiz.questions.choices]]{first}"
    )

    _load(course)

    assert list(question.choices.values_list("key", "text")) == [
        ("b", "The Senate"),
        ("a", "The President"),
    ]
    assert dict(question.choices.values_list("key", "pk")) == rows_before


def test_a_removed_question_that_students_answered_is_retired(course, client):
    student = make_student()
    attempt = make_submitted_attempt(student=student, quiz=_quiz())
    before = _what_answers_say()

    _remove_last_question(course)
    output = _load(course)

    retired = Question.objects.get(key="who-ratifies")
    assert retired.retired_at is not None
    assert "Retired 1 questions." in output
    assert _what_answers_say() == before
    again = services.start_attempt(
        student=make_student(), quiz=_quiz(), now=timezone.now()
    )
    assert [answer.question.key for answer in again.answers.all()] == ["votes-needed"]
    client.force_login(student)
    page = client.get(reverse("civics:attempt_result", args=[attempt.pk]))
    assert "Who ratifies a treaty?" in page.content.decode()


def test_a_retired_question_leaves_review_the_lesson_page_and_the_printed_quiz(
    course, client
):
    student = make_student()
    make_submitted_attempt(
        student=student, quiz=_quiz(), responses=wrong_responses(_quiz())
    )
    _remove_last_question(course)
    _load(course)

    review = services.start_review(student=student, now=timezone.now())
    assert [answer.question.key for answer in review.answers.all()] == ["votes-needed"]
    client.force_login(student)
    page = client.get(reverse("civics:lesson_detail", args=[SLUG])).content.decode()
    assert "1 question." in page
    client.force_login(make_teacher())
    paper = client.get(reverse("civics:quiz_print", args=[SLUG])).content.decode()
    assert "92 Senators vote" in paper
    assert "Who ratifies a treaty?" not in paper


def test_a_retired_question_is_not_reported_again_and_returns_with_its_key(course):
    make_submitted_attempt(student=make_student(), quiz=_quiz())
    text = lesson_file(course, SLUG).read_text()
    _remove_last_question(course)
    _load(course)
    assert _load(course) == "The curriculum is up to date; nothing changed.\n"

    lesson_file(course, SLUG).write_text(text)
    _load(course)

    assert Question.objects.get(key="who-ratifies").retired_at is None


def test_restoring_a_version_from_before_a_key_was_dropped_and_readded(course):
    """The version's row and the one the loader made later share a key; the
    restore deletes the later one first, so they never clash."""
    history.keep_originals(Lesson.objects.filter(slug=SLUG))
    original = _quiz().questions.get(key="who-ratifies").pk
    text = lesson_file(course, SLUG).read_text()
    _remove_last_question(course)
    _load(course)
    lesson_file(course, SLUG).write_text(text)
    _load(course)
    assert _quiz().questions.get(key="who-ratifies").pk != original

    Version.objects.get_for_model(Lesson).get().revision.revert(delete=True)

    assert _quiz().questions.get(key="who-ratifies").pk == original


def test_a_removed_question_nobody_answered_is_deleted(course):
    _remove_last_question(course)
    output = _load(course)
    assert not Question.objects.filter(key="who-ratifies").exists()
    assert "Deleted 1 questions" in output


def test_a_removed_choice_that_students_picked_is_refused_by_name(course):
    make_submitted_attempt(student=make_student(), quiz=_quiz())
    # The picked choice a is replaced by a new choice c.
    _edit(
        course, 'key = "a"\ntext = "The President"', 'key = "c"\ntext = "The President"'
    )

    with pytest.raises(CommandError, match="question who-ratifies: choice a"):
        _load(course)
    assert list(Choice.objects.values_list("key", flat=True)) == ["a", "b"]


def test_a_question_without_a_key_names_its_file_and_question(course):
    _edit(course, 'key = "who-ratifies"\n', "")
    with pytest.raises(CommandError, match=r"01-tiny-one\.toml, question 2: .*key"):
        _load(course)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('key = "who-ratifies"', 'key = "votes-needed"', "question 2: the key"),
        ('key = "b"', 'key = "a"', "question 2, choice 2: the key"),
    ],
)
def test_a_key_used_twice_in_its_scope_loads_nothing(course, old, new, message):
    _edit(course, 'title = "Tiny one"', 'title = "Changed"')
    _edit(course, old, new)
    with pytest.raises(CommandError, match=message):
        _load(course)
    assert _quiz().lesson.title == "Tiny one"


# The tiny curriculum as the shipped files stood when keys came in: each
# question keyed by its place ("q1", "q2"), each choice by its letter.
KEYED_BY_PLACE = {
    'key = "votes-needed"': 'key = "q1"',
    'key = "who-ratifies"': 'key = "q2"',
}


def _keyed_by_place(folder):
    for path in (folder / "lessons").glob("*.toml"):
        text = path.read_text()
        for old, new in KEYED_BY_PLACE.items():
            text = text.replace(old, new)
        path.write_text(text)
    return folder


def _stored_keys(slug):
    return [
        (
            question.key,
            question.prompt,
            [(choice.key, choice.text) for choice in question.choices.all()],
        )
        for question in Question.objects.filter(quiz__lesson__slug=slug)
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keys_loaded_rows_by_their_place_and_keeps_every_answer(
    tmp_path,
):
    """Migration 0009 reads no file: it keys what is stored by position. So
    this uses a fixed curriculum, not the shipped one, whose keys may leave
    position order whenever a lesson gains or loses a question."""
    lessons = (("tiny-one", "Tiny one"), ("tiny-two", "Tiny two"))
    folder = _keyed_by_place(write_curriculum(tmp_path, lessons))
    _load(folder)
    answered, edited = (Quiz.objects.get(lesson__slug=slug) for slug, _ in lessons)
    for quiz in (answered, edited):
        make_submitted_attempt(student=make_student(), quiz=quiz)
    services.start_attempt(student=make_student(), quiz=answered, now=timezone.now())
    Lesson.objects.filter(pk=edited.lesson_id).update(title="Ms Rivera's version")
    own = make_quiz(questions=2)
    kept = {
        Answer: ("pk", "attempt", "question", "position", "credit"),
        SelectedChoice: ("pk", "answer", "choice", "position"),
        Question: ("pk", "quiz", "position", "prompt"),
        Choice: ("pk", "question", "position", "text"),
    }
    before = {model: sorted(model.objects.values_list(*f)) for model, f in kept.items()}

    call_command("migrate", "civics", "0008_lesson_raw_text_tags", verbosity=0)
    call_command("migrate", verbosity=0)

    assert {
        model: sorted(model.objects.values_list(*f)) for model, f in kept.items()
    } == before
    by_place = [
        ("q1", "92 Senators vote. How many yes votes are needed?", []),
        ("q2", "Who ratifies a treaty?", [("a", "The President"), ("b", "The Senate")]),
    ]
    assert {slug: _stored_keys(slug) for slug, _ in lessons} == {
        slug: by_place for slug, _ in lessons
    }
    assert set(own.questions.values_list("key", flat=True)) == {""}
    assert not Choice.objects.filter(question__quiz=own).exclude(key="").exists()
    # Digests were stamped in the new form: nothing differs from the files,
    # and the teacher's edit is still left alone.
    assert _load(folder) == "The curriculum is up to date; nothing changed.\n"
    assert Lesson.objects.get(pk=edited.lesson_id).title == "Ms Rivera's version"


def test_a_question_a_teacher_added_is_left_alone_even_by_force(course):
    own = make_question(quiz=_quiz(), prompt="Ms Rivera's question?", position=3)
    _insert_before(course, "who-ratifies", _question("who-consents", "Who consents?"))

    _load(course, SLUG)

    own.refresh_from_db()
    assert own.key == ""
    assert own.choices.count() == 3
    assert [key for key, _ in _prompts_in_order()] == [
        "votes-needed",
        "who-consents",
        "who-ratifies",
        "",
    ]
