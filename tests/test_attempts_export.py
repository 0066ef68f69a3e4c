"""The attempts export: one CSV row per submitted attempt of the class's
students at its assigned lessons."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from civics import services
from tests.factories import (
    correct_responses,
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_teacher,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def _attempt(student, quiz, *, start, minutes, responses):
    attempt = services.start_attempt(student=student, quiz=quiz, now=start)
    return services.submit_attempt(
        attempt=attempt, responses=responses, now=start + timedelta(minutes=minutes)
    )


def _rows(client, classroom):
    response = client.get(reverse("teaching:attempts_csv", args=[classroom.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_each_submitted_attempt_is_a_row_with_times_in_the_sites_time_zone(
    teacher_client, teacher, settings
):
    assert settings.TIME_ZONE == "America/New_York"
    ada, ben = make_student(username="ada"), make_student(username="ben")
    classroom = make_classroom(teacher=teacher, students=[ada, ben], name="Period 3")
    quiz = make_quiz(lesson=make_lesson(title="Treaty Clause"), questions=4)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    # Evening in New York is the next day in UTC.
    evening = datetime(2026, 3, 10, 23, 30, tzinfo=NEW_YORK)
    half = {
        q: (correct_responses(quiz) if i < 2 else wrong_responses(quiz))[q]
        for i, q in enumerate(correct_responses(quiz))
    }
    _attempt(ada, quiz, start=evening, minutes=12.5, responses=half)
    _attempt(
        ada,
        quiz,
        start=evening + timedelta(days=1),
        minutes=7,
        responses=correct_responses(quiz),
    )
    # Still open: not submitted, so not in the export.
    services.start_attempt(student=ben, quiz=quiz, now=evening)
    response = teacher_client.get(reverse("teaching:attempts_csv", args=[classroom.pk]))
    assert 'filename="period-3-attempts.csv"' in response["Content-Disposition"]
    assert _rows(teacher_client, classroom) == [
        [
            "Student",
            "Lesson",
            "Started",
            "Submitted",
            "Score",
            "Max score",
            "Percent",
            "Time taken (minutes)",
            "Mastered",
        ],
        [
            "ada",
            "Treaty Clause",
            "2026-03-10T23:30:00-04:00",
            "2026-03-10T23:42:30-04:00",
            "2",
            "4",
            "50",
            "12.5",
            "no",
        ],
        [
            "ada",
            "Treaty Clause",
            "2026-03-11T23:30:00-04:00",
            "2026-03-11T23:37:00-04:00",
            "4",
            "4",
            "100",
            "7.0",
            "yes",
        ],
    ]


def test_only_the_classes_students_and_assigned_lessons_are_exported(
    teacher_client, teacher
):
    ada, outsider = make_student(username="ada"), make_student(username="zed")
    classroom = make_classroom(teacher=teacher, students=[ada])
    make_classroom(teacher=make_teacher(), students=[ada, outsider])
    assigned, other = make_quiz(questions=1), make_quiz(questions=1)
    make_assignment(classroom=classroom, lesson=assigned.lesson)
    now = datetime(2026, 3, 10, 9, tzinfo=NEW_YORK)
    for student in (ada, outsider):
        for quiz in (assigned, other):
            _attempt(
                student, quiz, start=now, minutes=1, responses=correct_responses(quiz)
            )
    rows = _rows(teacher_client, classroom)[1:]
    assert [(row[0], row[1]) for row in rows] == [("ada", assigned.lesson.title)]


def test_students_are_named_as_teachers_see_them_in_order_of_username(
    teacher_client, teacher
):
    devon = make_student(username="devon_k", first_name="Devon", last_name="K")
    # "Aaron" sorts first by name, but rows go by username, as on class pages.
    aaron = make_student(username="zz_aaron", first_name="Aaron")
    ada = make_student(username="ada")
    classroom = make_classroom(teacher=teacher, students=[devon, aaron, ada])
    quiz = make_quiz(questions=1)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    for student in (devon, aaron, ada):
        _attempt(
            student,
            quiz,
            start=datetime(2026, 3, 10, 9, tzinfo=NEW_YORK),
            minutes=1,
            responses=correct_responses(quiz),
        )
    assert [row[0] for row in _rows(teacher_client, classroom)[1:]] == [
        "ada",
        "Devon K. (devon_k)",
        "Aaron (zz_aaron)",
    ]


def test_names_that_a_spreadsheet_would_run_are_neutralised(teacher_client, teacher):
    sneaky = make_student(username="=cmd")
    classroom = make_classroom(teacher=teacher, students=[sneaky])
    quiz = make_quiz(lesson=make_lesson(title="+SUM(A1)"), questions=1)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    _attempt(
        sneaky,
        quiz,
        start=datetime(2026, 3, 10, 9, tzinfo=NEW_YORK),
        minutes=1,
        responses=correct_responses(quiz),
    )
    assert _rows(teacher_client, classroom)[1][:2] == ["'=cmd", "'+SUM(A1)"]


def test_a_first_name_that_a_spreadsheet_would_run_is_neutralised(
    teacher_client, teacher
):
    sneaky = make_student(username="sam", first_name="=HYPERLINK(1)")
    classroom = make_classroom(teacher=teacher, students=[sneaky])
    quiz = make_quiz(questions=1)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    _attempt(
        sneaky,
        quiz,
        start=datetime(2026, 3, 10, 9, tzinfo=NEW_YORK),
        minutes=1,
        responses=correct_responses(quiz),
    )
    assert _rows(teacher_client, classroom)[1][0] == "'=HYPERLINK(1) (sam)"


def test_the_export_costs_the_same_queries_for_one_attempt_and_forty(
    teacher_client, teacher, django_assert_num_queries
):
    # Named, so that reading the names is part of the one query too.
    students = [make_student(first_name="Ada", last_name="L") for _ in range(4)]
    classroom = make_classroom(teacher=teacher, students=students)
    quizzes = [make_quiz(questions=1) for _ in range(5)]
    for quiz in quizzes:
        make_assignment(classroom=classroom, lesson=quiz.lesson)
    now = datetime(2026, 3, 10, 9, tzinfo=NEW_YORK)
    _attempt(
        students[0],
        quizzes[0],
        start=now,
        minutes=1,
        responses=correct_responses(quizzes[0]),
    )
    url = reverse("teaching:attempts_csv", args=[classroom.pk])
    # The teacher's 3 (as on every teacher page), the class, the attempts.
    with django_assert_num_queries(5):
        assert len(teacher_client.get(url).content.splitlines()) == 2
    for student in students:
        for quiz in quizzes:
            for day in range(2):
                _attempt(
                    student,
                    quiz,
                    start=now + timedelta(days=day + 1),
                    minutes=1,
                    responses=correct_responses(quiz),
                )
    with django_assert_num_queries(5):
        assert len(teacher_client.get(url).content.splitlines()) == 42


# Who may download it ------------------------------------------------------------


def test_visitors_are_sent_to_log_in(client):
    classroom = make_classroom()
    response = client.get(reverse("teaching:attempts_csv", args=[classroom.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_students_get_a_403_even_in_the_class(student_client, student):
    classroom = make_classroom(students=[student])
    url = reverse("teaching:attempts_csv", args=[classroom.pk])
    assert student_client.get(url).status_code == 403


def test_another_teachers_class_is_a_404(teacher_client):
    classroom = make_classroom(teacher=make_teacher())
    url = reverse("teaching:attempts_csv", args=[classroom.pk])
    assert teacher_client.get(url).status_code == 404


def test_the_class_page_links_to_the_export(teacher_client, teacher):
    classroom = make_classroom(teacher=teacher)
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert reverse("teaching:attempts_csv", args=[classroom.pk]) in html
