"""The gradebook CSV: a best score and a status for each assigned lesson,
with headers that say what the numbers are."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.rules.mastery import LessonStatus
from teaching.rules import Timeliness, gradebook_status
from tests.factories import (
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_submitted_attempt,
    wrong_responses,
)

TODAY = timezone.localdate()


# The status words, without the database ---------------------------------------

NOT_MASTERED = [Timeliness.OPEN, Timeliness.DUE_SOON]


@pytest.mark.parametrize(
    ("status", "timeliness", "words"),
    [
        *((LessonStatus.NOT_STARTED, t, "not started") for t in NOT_MASTERED),
        (LessonStatus.NOT_STARTED, Timeliness.OVERDUE, "not started, overdue"),
        (LessonStatus.READ, Timeliness.OPEN, "read, quiz not started"),
        (LessonStatus.READ, Timeliness.OVERDUE, "read, quiz not started, overdue"),
        (LessonStatus.IN_PROGRESS, Timeliness.DUE_SOON, "in progress"),
        (LessonStatus.IN_PROGRESS, Timeliness.OVERDUE, "in progress, overdue"),
        (LessonStatus.ATTEMPTED, Timeliness.OPEN, "submitted, not mastered"),
        (
            LessonStatus.ATTEMPTED,
            Timeliness.OVERDUE,
            "submitted, not mastered, overdue",
        ),
        (LessonStatus.MASTERED, Timeliness.ON_TIME, "mastered on time"),
        (LessonStatus.MASTERED, Timeliness.LATE, "mastered late"),
        (LessonStatus.MASTERED, Timeliness.DONE, "mastered"),
    ],
)
def test_each_step_has_its_own_words_in_the_gradebook(status, timeliness, words):
    assert gradebook_status(status, timeliness) == words


def test_every_lesson_status_has_gradebook_words():
    for status in LessonStatus:
        assert gradebook_status(status, Timeliness.OPEN)


# The CSV --------------------------------------------------------------------------


def _rows(client, classroom):
    response = client.get(reverse("teaching:gradebook_csv", args=[classroom.pk]))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


@pytest.mark.django_db
def test_the_headers_say_the_numbers_are_best_scores_in_percent(
    teacher_client, teacher
):
    classroom = make_classroom(teacher=teacher, students=[make_student()])
    quiz = make_quiz(lesson=make_lesson(title="Treaty Clause"))
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    header = _rows(teacher_client, classroom)[0]
    assert header == [
        "Student",
        "Treaty Clause: best score (%)",
        "Treaty Clause: status",
        "Lessons mastered",
        "Lessons assigned",
    ]


@pytest.mark.django_db
def test_the_status_column_tells_started_from_never_started_and_on_time_from_late(
    teacher_client, teacher
):
    names = ["ada", "ben", "cal", "dee", "eve"]
    students = {name: make_student(username=name) for name in names}
    classroom = make_classroom(teacher=teacher, students=students.values())
    late = make_quiz(questions=2)
    on_time = make_quiz(questions=2)
    undated = make_quiz(questions=2)
    make_assignment(
        classroom=classroom, lesson=late.lesson, due_on=TODAY - timedelta(3)
    )
    make_assignment(classroom=classroom, lesson=on_time.lesson, due_on=TODAY)
    make_assignment(classroom=classroom, lesson=undated.lesson)
    now = timezone.now()
    # ada masters all three today; ben read each lesson; cal has each quiz
    # open; dee submitted each and failed; eve did nothing.
    for quiz in (late, on_time, undated):
        make_submitted_attempt(student=students["ada"], quiz=quiz)
        services.record_lesson_read(
            student=students["ben"], lesson=quiz.lesson, now=now
        )
        services.start_attempt(student=students["cal"], quiz=quiz, now=now)
        make_submitted_attempt(
            student=students["dee"], quiz=quiz, responses=wrong_responses(quiz)
        )
    rows = _rows(teacher_client, classroom)[1:]
    assert rows == [
        [
            "ada",
            "100",
            "mastered late",
            "100",
            "mastered on time",
            "100",
            "mastered",
            "3",
            "3",
        ],
        [
            "ben",
            "",
            "read, quiz not started, overdue",
            "",
            "read, quiz not started",
            "",
            "read, quiz not started",
            "0",
            "3",
        ],
        [
            "cal",
            "",
            "in progress, overdue",
            "",
            "in progress",
            "",
            "in progress",
            "0",
            "3",
        ],
        [
            "dee",
            "0",
            "submitted, not mastered, overdue",
            "0",
            "submitted, not mastered",
            "0",
            "submitted, not mastered",
            "0",
            "3",
        ],
        [
            "eve",
            "",
            "not started, overdue",
            "",
            "not started",
            "",
            "not started",
            "0",
            "3",
        ],
    ]
