"""Migrations run backward and forward again on a database full of work,
and what the earlier schema can hold comes back intact.

Going back past a migration drops what it added (its tables, fields and
permissions), so each test goes back only as far as the data it checks can
live: civics to 0003 (teaching depends on civics 0006, so its tables go
too), teaching to 0001 with classes kept, and civics to 0002 with content
and quiz attempts of the kinds that schema knew. Every test ends with the
database migrated to the latest state again, whatever happens.

Two reversals cannot keep everything, by their nature: civics 0003 refuses
to go back while any review attempt exists (the old schema needs a quiz on
every attempt; deleting reviews to make room would lose students' work),
and reversing civics 0002 deletes the Teachers group with its members.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from accounts.models import User
from civics import services
from civics.kinds import QuestionKind
from civics.models import (
    Answer,
    Attempt,
    Choice,
    KeyTerm,
    Lesson,
    Progress,
    Question,
    ReviewItem,
    SelectedChoice,
)
from civics.rules import permissions
from teaching.models import Assignment, Classroom, Enrolment
from tests.factories import (
    correct_response,
    end_of_day,
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
    wrong_responses,
)

OUR_APPS = ("accounts", "civics", "teaching")


def test_every_migration_of_ours_can_be_reversed():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    irreversible = [
        f"{app}.{name}: {operation.describe()}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in OUR_APPS
        for operation in migration.operations
        if not operation.reversible
    ]
    assert irreversible == []


def migrate_to(*targets):
    call_command("migrate", *targets, verbosity=0)


def historical(app_label, model_name):
    """The model as the migrations applied right now define it."""
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(
        list(executor.loader.applied_migrations), at_end=True
    )
    return state.apps.get_model(app_label, model_name)


@pytest.fixture
def back_to_latest():
    """Whatever the test does to the schema, leave it at the latest state."""
    yield
    migrate_to()


def rows(model, *fields):
    return sorted(model.objects.values_list("pk", *fields))


def kept_rows(kept, *, as_migrated_in=None):
    """The rows of each model in `kept`, in its listed fields. With
    `as_migrated_in` (an app label), each model is read as the migrations
    applied right now define it."""
    return {
        model: rows(
            historical(as_migrated_in, model._meta.model_name)
            if as_migrated_in
            else model,
            *fields,
        )
        for model, fields in kept.items()
    }


@pytest.fixture
def records():
    """A quiz of every kind with a right, a wrong, a review and an open
    attempt, and key terms on its lesson."""
    quiz = make_quiz(
        questions=2,
        kinds=(QuestionKind.MULTIPLE, QuestionKind.NUMERIC, QuestionKind.ORDERING),
    )
    KeyTerm.objects.create(lesson=quiz.lesson, term="Quorum", definition="Enough.")
    now = timezone.now()
    first, second = make_student(), make_student()
    make_submitted_attempt(student=first, quiz=quiz)
    make_submitted_attempt(student=second, quiz=quiz, responses=wrong_responses(quiz))
    review = services.start_review(student=second, now=now)
    services.submit_attempt(
        attempt=review,
        responses={
            a.question_id: correct_response(a.question) for a in review.answers.all()
        },
        now=now,
    )
    services.start_attempt(student=first, quiz=quiz, now=now)
    return quiz


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_civics_goes_back_to_0003_and_forward_keeping_every_record(
    records, back_to_latest
):
    kept = {
        Lesson: ("title", "body_html", "published"),
        Question: ("kind", "prompt", "numeric_answer"),
        Choice: ("text", "is_correct"),
        Attempt: ("student", "quiz", "seed", "submitted_at", "score", "max_score"),
        Answer: ("attempt", "question", "position", "numeric_value", "credit"),
        SelectedChoice: ("answer", "choice", "position"),
        Progress: ("student", "lesson", "attempt_count", "best_percent"),
        ReviewItem: ("student", "question", "box", "due_on"),
    }
    before = kept_rows(kept)

    migrate_to("civics", "0003_quiz_engine")
    assert kept_rows(kept, as_migrated_in="civics") == before
    assert "civics_keyterm" not in connection.introspection.table_names()

    migrate_to()
    assert kept_rows(kept) == before
    # 0005 added key terms; going back before it dropped them.
    assert not KeyTerm.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_teaching_goes_back_to_0001_and_forward_keeping_classes(back_to_latest):
    teacher = make_teacher()
    quiz = make_quiz()
    classroom = make_classroom(teacher=teacher, students=[make_student()])
    make_assignment(classroom=classroom, lesson=quiz.lesson, due_on=date(2026, 12, 11))
    kept = {
        Classroom: ("name", "teacher", "join_code"),
        Enrolment: ("classroom", "student", "joined_at"),
        Assignment: ("classroom", "lesson"),
    }
    before = kept_rows(kept)

    migrate_to("teaching", "0001_initial")
    assert not permissions.can_teach(User.objects.get(pk=teacher.pk))
    assert kept_rows(kept, as_migrated_in="teaching") == before
    # Before due times, a due date named the day.
    old_assignment = historical("teaching", "Assignment").objects.get()
    assert old_assignment.due_on == date(2026, 12, 11)

    migrate_to()
    assert permissions.can_teach(User.objects.get(pk=teacher.pk))
    assert kept_rows(kept) == before
    # ...and it comes back due at the end of that day, as it always was.
    assert Assignment.objects.get().due_at == end_of_day(date(2026, 12, 11))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_civics_goes_back_before_the_quiz_engine_keeping_quiz_attempts(
    back_to_latest,
):
    """0003 added question kinds and review: going back past it works while
    the data fits the first schema (single-choice quizzes, no reviews)."""
    quiz = make_quiz(questions=3)
    make_submitted_attempt(student=make_student(), quiz=quiz)
    make_submitted_attempt(
        student=make_student(), quiz=quiz, responses=wrong_responses(quiz)
    )
    kept = {
        Lesson: ("title", "slug", "body_html"),
        Question: ("prompt", "points"),
        Choice: ("text", "is_correct"),
        Attempt: ("student", "quiz", "submitted_at", "score", "pass_mark"),
        Answer: ("attempt", "question", "credit"),
        SelectedChoice: ("answer", "choice"),
        Progress: ("student", "attempt_count", "best_percent", "mastered_at"),
    }
    before = kept_rows(kept)

    migrate_to("civics", "0002_teachers_group")
    assert kept_rows(kept, as_migrated_in="civics") == before

    migrate_to()
    assert kept_rows(kept) == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_civics_refuses_to_go_back_past_0003_while_reviews_exist(
    records, back_to_latest
):
    """The first schema has no room for a review (an attempt without a
    quiz): the reversal stops with an error and deletes no attempt."""
    before = rows(Attempt, "quiz", "score")
    with pytest.raises(IntegrityError):
        migrate_to("civics", "0002_teachers_group")
    assert rows(historical("civics", "attempt"), "quiz", "score") == before
    migrate_to()
    assert rows(Attempt, "quiz", "score") == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lessons_cut_short_by_a_typed_script_tag_are_rendered_whole(back_to_latest):
    """Before 0008 the stored page of such a lesson ended at the tag."""
    lesson = make_lesson(body="Intro\n\n<script>alert(1)\n\nEnd")
    Lesson.objects.filter(pk=lesson.pk).update(body_html="<p>Intro</p>")
    migrate_to("civics", "0007_lesson_section_ids")
    migrate_to()
    body_html = Lesson.objects.get(pk=lesson.pk).body_html
    assert "&lt;script&gt;alert(1)" in body_html
    assert "<p>End</p>" in body_html
