"""A submitted answer keeps the question as its student saw it and was
scored on (civics.snapshots): no later edit to the question changes the
student's results page, the teacher's view of it, the student's drill-down,
question analysis, the attempts CSV or the student's data export."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services, snapshots
from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Choice, SelectedChoice
from tests.factories import (
    correct_response,
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
)
from tests.test_migrations import (  # noqa: F401 (fixtures)
    back_to_latest,
    historical,
    kept_rows,
    migrate_to,
    records,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    """A single-choice question (the first of three choices right), then an
    ordering and a numeric one."""
    return make_quiz(questions=1, kinds=(QuestionKind.ORDERING, QuestionKind.NUMERIC))


@pytest.fixture
def ada():
    return make_student(username="ada")


@pytest.fixture
def classroom(teacher, quiz, ada):
    classroom = make_classroom(teacher=teacher, students=[ada])
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    return classroom


@pytest.fixture
def attempt(classroom, quiz, ada):
    """Ada picks the second, wrong, choice of the single-choice question,
    orders the items right and is 4 off the number."""
    single, ordering, numeric = quiz.questions.all()
    return make_submitted_attempt(
        student=ada,
        quiz=quiz,
        responses={
            single.pk: [single.choices.all()[1].pk],
            ordering.pk: correct_response(ordering),
            numeric.pk: Decimal(70),
        },
    )


def _without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _pages(client, teacher, ada, classroom, attempt):
    """What a student and their teacher read about the attempt."""
    result = attempt.get_absolute_url()
    client.force_login(ada)
    own = client.get(result).content.decode()
    client.force_login(teacher)
    teachers = client.get(result).content.decode()
    analysis = reverse(
        "teaching:item_analysis", args=[classroom.pk, attempt.quiz.lesson_id]
    )
    drill_down = reverse("teaching:student_detail", args=[classroom.pk, ada.pk])
    csv = reverse("teaching:attempts_csv", args=[classroom.pk])
    export = reverse("teaching:student_export", args=[classroom.pk, ada.pk])
    return {
        "results page": _without_tokens(own),
        "teacher's attempt page": _without_tokens(teachers),
        "question analysis": _without_tokens(client.get(analysis).content.decode()),
        "drill-down": _without_tokens(client.get(drill_down).content.decode()),
        "attempts CSV": client.get(csv).content.decode(),
        "data export": json.loads(client.get(export).content)["attempts"],
    }


def _changed(before, after):
    """The names of the pages that read differently after an edit."""
    return [page for page in before if after[page] != before[page]]


@pytest.fixture
def seen(client, teacher, ada, classroom, attempt):
    """Every page before the edit, and a way to read them again after it."""

    def now():
        return _pages(client, teacher, ada, classroom, attempt)

    return now(), now


def _single(quiz):
    return quiz.questions.get(kind=QuestionKind.SINGLE)


def test_rewording_a_prompt_changes_no_past_result(seen, quiz):
    """Question analysis is of the question as it is now, so it shows the
    new wording, and beside it the one the class answered."""
    before, now = seen
    question = _single(quiz)
    old = question.prompt
    question.prompt = "A reworded question?"
    question.save()
    after = now()
    assert _changed(before, after) == ["question analysis"]
    assert old in before["results page"]
    assert f"your class answered it as: “{old}”" in after["question analysis"]


def test_changing_a_choices_text_correctness_and_feedback_changes_no_past_result(
    seen, quiz
):
    before, now = seen
    right, picked, _ = _single(quiz).choices.all()
    picked.text, picked.is_correct, picked.feedback = "New text", True, "New why"
    picked.save()
    right.is_correct = False
    right.save()
    assert _changed(before, now()) == []


def test_reordering_choices_changes_no_past_result(seen, quiz):
    before, now = seen
    items = list(quiz.questions.get(kind=QuestionKind.ORDERING).choices.all())
    for position, item in enumerate(reversed(items), start=1):
        item.position = position
    Choice.objects.bulk_update(items, ["position"])
    assert _changed(before, now()) == []


def test_deleting_a_choice_nobody_picked_changes_no_past_result(seen, quiz):
    before, now = seen
    right = _single(quiz).choices.first()
    right.delete()
    assert _changed(before, now()) == []
    assert right.text in before["results page"]


def test_fixing_the_explanation_and_the_number_changes_no_past_result(seen, quiz):
    before, now = seen
    single = _single(quiz)
    single.explanation = "A better explanation."
    single.save()
    numeric = quiz.questions.get(kind=QuestionKind.NUMERIC)
    numeric.numeric_answer, numeric.tolerance = Decimal(70), Decimal(1)
    numeric.save()
    assert _changed(before, now()) == []


def test_the_answer_keeps_the_order_its_student_saw(attempt, quiz, client, ada):
    """The quiz page's shuffled order, fixed by the attempt's seed."""
    ordering = attempt.answers.get(question__kind=QuestionKind.ORDERING)
    shuffled_texts = [choice["text"] for choice in ordering.choices_shown]
    in_order = [choice.text for choice in ordering.question.choices.all()]
    assert sorted(shuffled_texts) == sorted(in_order)
    assert shuffled_texts != in_order  # the shuffle never leaves it solved
    assert [c.text for c in ordering.shown.correct_choices()] == in_order


def test_an_open_attempts_answers_have_no_snapshot_yet(quiz, ada):
    attempt = services.start_attempt(student=ada, quiz=quiz, now=timezone.now())
    assert {answer.kind_shown for answer in attempt.answers.all()} == {""}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("records", "back_to_latest")
def test_migrating_back_and_forward_keeps_every_answer_and_past_result(client):
    """0009 snapshots every submitted answer from the rows as they stand; on
    a database of quiz attempts of every kind, a review and an open attempt,
    going back to 0008 and forward again keeps every answer, and every
    results page reads exactly as it did."""
    kept = {
        Answer: (
            "attempt",
            "question",
            "position",
            "numeric_value",
            "credit",
            *snapshots.SNAPSHOT_FIELDS,
        ),
        SelectedChoice: ("answer", "choice", "position"),
        Attempt: ("student", "seed", "submitted_at", "score", "max_score"),
    }
    before = kept_rows(kept)
    submitted = list(Attempt.objects.submitted().select_related("student"))
    assert len(submitted) == 3

    def results():
        pages = {}
        for attempt in submitted:
            client.force_login(attempt.student)
            html = client.get(attempt.get_absolute_url()).content.decode()
            pages[attempt.pk] = _without_tokens(html)
        return pages

    pages = results()

    migrate_to("civics", "0008_lesson_raw_text_tags")
    assert "prompt_shown" not in {
        field.name for field in historical("civics", "Answer")._meta.fields
    }
    migrate_to()

    assert kept_rows(kept) == before
    assert results() == pages
    assert not Answer.objects.filter(
        attempt__submitted_at__isnull=False, kind_shown=""
    ).exists()
    assert set(
        Answer.objects.filter(attempt__submitted_at__isnull=True).values_list(
            "kind_shown", flat=True
        )
    ) == {""}
