"""Races on real PostgreSQL: two requests doing the same thing at the same
moment, each in its own thread with its own database connection.

SQLite takes one writer at a time, so these races cannot happen there and
the tests are skipped; CI's PostgreSQL pass runs them. A barrier releases
the threads together, and where the window a race needs is narrow, the
tests widen it: each thread waits for the other after its first read, or
the thread holding a lock sleeps, so both are truly inside at once.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models.query import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from civics import services
from civics.models import Answer, Attempt, Progress, SelectedChoice
from teaching import services as teaching_services
from teaching.models import Assignment, Enrolment
from tests.factories import (
    PASSWORD,
    correct_responses,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite lets one writer in at a time, so these "
        "races cannot happen there (CI runs the PostgreSQL pass)",
    ),
    # Threads need committed rows, so no test transaction; serialized
    # rollback puts back the Teachers group the flush afterwards removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT = 10


def run_together(*jobs):
    """Run each job in its own thread and connection, released at the same
    moment; return what each returned or raised."""
    start = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait(TIMEOUT)
            outcomes[index] = job()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, job))
        for index, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 3)
    return outcomes


def meet_after_first(monkeypatch, method, model, parties=2):
    """Make each thread wait for the others right after its first `method`
    query on `model`: all have looked before any writes, the moment a
    check-then-insert race needs."""
    original = getattr(QuerySet, method)
    meeting = threading.Barrier(parties)
    met = threading.local()

    def looked_then_wait(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        finally:
            if self.model is model and not getattr(met, "done", False):
                met.done = True
                meeting.wait(TIMEOUT)

    monkeypatch.setattr(QuerySet, method, looked_then_wait)


def test_two_submissions_at_once_score_the_attempt_once(monkeypatch):
    student = make_student()
    quiz = make_quiz(questions=3)
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    responses = correct_responses(quiz)
    # Hold the row lock a while, so the second submission is surely waiting
    # on it rather than arriving after the first has finished.
    answers_of = services._answers_of

    def slow_answers_of(locked):
        time.sleep(0.3)
        return answers_of(locked)

    monkeypatch.setattr(services, "_answers_of", slow_answers_of)

    def submit():
        return services.submit_attempt(
            attempt=Attempt.objects.get(pk=attempt.pk),
            responses=responses,
            now=timezone.now(),
        )

    outcomes = run_together(submit, submit)

    scored = [o for o in outcomes if isinstance(o, Attempt)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(scored) == 1, outcomes
    assert [error.code for error in refused] == ["already_submitted"]
    assert Progress.objects.get(student=student).attempt_count == 1
    assert Answer.objects.filter(attempt=attempt).count() == 3
    assert SelectedChoice.objects.filter(answer__attempt=attempt).count() == 3
    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score == 3


def test_two_students_joining_a_class_at_once_both_get_in():
    classroom = make_classroom()
    first, second = make_student(), make_student()

    def join(student):
        return lambda: teaching_services.enrol_student(
            student=student, join_code=classroom.join_code
        )

    outcomes = run_together(join(first), join(second))

    assert all(isinstance(o, Enrolment) for o in outcomes), outcomes
    assert set(classroom.students.all()) == {first, second}


def test_one_student_joining_twice_at_once_is_enrolled_once(monkeypatch):
    classroom = make_classroom()
    student = make_student()
    meet_after_first(monkeypatch, "get", Enrolment)

    def join():
        return teaching_services.enrol_student(
            student=student, join_code=classroom.join_code
        )

    outcomes = run_together(join, join)

    assert all(isinstance(o, Enrolment) for o in outcomes), outcomes
    assert Enrolment.objects.filter(student=student).count() == 1


def test_two_starts_of_a_quiz_at_once_open_one_attempt(monkeypatch):
    student = make_student()
    quiz = make_quiz(questions=3)
    meet_after_first(monkeypatch, "first", Attempt)

    def start():
        return services.start_attempt(student=student, quiz=quiz, now=timezone.now())

    outcomes = run_together(start, start)

    assert all(isinstance(o, Attempt) for o in outcomes), outcomes
    assert outcomes[0] == outcomes[1]
    attempt = Attempt.objects.get(student=student)
    assert attempt.answers.count() == 3


def test_assigning_a_lesson_twice_at_once_leaves_one_assignment(monkeypatch):
    classroom = make_classroom()
    lesson = make_lesson()
    meet_after_first(monkeypatch, "get", Assignment)

    def assign():
        return teaching_services.assign_lessons(
            classroom=classroom, lessons=[lesson], due_at=None
        )

    outcomes = run_together(assign, assign)

    # Both succeed; one of them made the assignment, the other found it.
    assert all(isinstance(o, list) for o in outcomes), outcomes
    assert sorted(len(o) for o in outcomes) == [0, 1]
    assert Assignment.objects.filter(classroom=classroom).count() == 1


@pytest.mark.parametrize("names", [("ada", "ada"), ("Ada", "ada")])
def test_signing_up_twice_at_once_with_one_name_makes_one_user(monkeypatch, names):
    """A double click on "Sign up", or two students picking the same name in
    different case: both requests find the name free."""
    meet_after_first(monkeypatch, "exists", User)

    def sign_up(name):
        return lambda: Client().post(
            reverse("signup"),
            {"username": name, "password1": PASSWORD, "password2": PASSWORD},
        )

    outcomes = run_together(*(sign_up(name) for name in names))

    assert sorted(o.status_code for o in outcomes) == [200, 302], outcomes
    refused = next(o for o in outcomes if o.status_code == 200)
    assert "already exists" in refused.content.decode()
    assert User.objects.filter(username__iexact="ada").count() == 1
