"""The retention schedule (docs/privacy.md, "How long it is kept"): each kind
of record goes once past its period and stays until then, teachers and
administrators never go, and a dry run only counts."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import AccountAction, User
from civics import backup
from civics.models import Attempt, Progress
from teaching.models import Assignment, ClassNote, Classroom, Enrolment
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
)

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent


def _days_ago(days):
    return timezone.now() - timedelta(days=days)


def _run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def _login_record(model, *, days_ago, username="devon_k"):
    """A django-axes row of `model`, its time moved back (axes sets it on
    creation)."""
    fields = {
        "username": username,
        "ip_address": "10.0.0.7",
        "user_agent": "Mozilla/5.0 (X11; CrOS x86_64)",
        "http_accept": "text/html",
        "path_info": "/accounts/login/",
    }
    if model is AccessAttempt:
        fields.update(get_data="", post_data="", failures_since_start=2)
    record = model.objects.create(**fields)
    model.objects.filter(pk=record.pk).update(attempt_time=_days_ago(days_ago))
    return record


def _departed(*, days_ago=400, **fields):
    """A student in no class whose last log-in was `days_ago` days ago."""
    return make_student(last_login=_days_ago(days_ago), **fields)


def _archived_class(*, days_ago, students=()):
    classroom = make_classroom(students=students)
    Classroom.objects.filter(pk=classroom.pk).update(archived_at=_days_ago(days_ago))
    return classroom


def _account_action(*, days_ago):
    return AccountAction.objects.create(
        actor=make_teacher(),
        student=make_student(),
        action=AccountAction.Kind.RESET_PASSWORD,
        created_at=_days_ago(days_ago),
    )


# Log-in and lockout records


@pytest.mark.parametrize("model", [AccessAttempt, AccessLog, AccessFailureLog])
def test_login_records_past_their_period_are_deleted(model):
    old = _login_record(model, days_ago=31)
    recent = _login_record(model, days_ago=29, username="ada")

    _run()

    assert list(model.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not model.objects.filter(pk=old.pk).exists()


def test_a_lockout_in_force_is_kept():
    lockout = _login_record(AccessAttempt, days_ago=0)
    _run()
    assert AccessAttempt.objects.filter(pk=lockout.pk).exists()


def test_a_backup_after_the_command_holds_no_login_record_past_its_period(tmp_path):
    """Finding 13: backups hold django-axes's records; once the schedule has
    run, only the last 30 days of them."""
    _login_record(AccessLog, days_ago=31)
    recent = _login_record(AccessLog, days_ago=1, username="ada")
    _run()

    path = tmp_path / "after.json"
    backup.write_backup(path)

    held = [
        row for row in json.loads(path.read_text()) if row["model"] == "axes.accesslog"
    ]
    assert [row["fields"]["username"] for row in held] == [recent.username]


def test_restoring_an_older_backup_then_running_the_command_applies_it_again(
    tmp_path,
):
    """A backup keeps each record's time, so what the schedule deleted since
    comes back still old, and the command deletes it again."""
    old = _login_record(AccessLog, days_ago=31)
    path = tmp_path / "before.json"
    backup.write_backup(path)
    _run()
    assert not AccessLog.objects.filter(pk=old.pk).exists()

    backup.restore_backup(path, force=True)
    assert AccessLog.objects.filter(pk=old.pk).exists()
    _run()

    assert not AccessLog.objects.filter(pk=old.pk).exists()


# Sessions


def test_expired_sessions_are_deleted_and_live_ones_kept():
    Session.objects.create(
        session_key="expired", session_data="", expire_date=_days_ago(1)
    )
    Session.objects.create(
        session_key="live", session_data="", expire_date=_days_ago(-1)
    )

    _run()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


# Archived classes


def test_a_class_archived_past_its_period_goes_with_its_enrolments_and_notes():
    student = make_student()
    quiz = make_quiz()
    classroom = _archived_class(days_ago=366, students=[student])
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    ClassNote.objects.create(classroom=classroom, lesson=quiz.lesson, text="Read p. 4")
    make_submitted_attempt(student=student, quiz=quiz)

    _run()

    assert not Classroom.objects.filter(pk=classroom.pk).exists()
    for model in (Enrolment, Assignment, ClassNote):
        assert not model.objects.filter(classroom_id=classroom.pk).exists()
    # The student's own work stays with the student.
    assert User.objects.filter(pk=student.pk).exists()
    assert Attempt.objects.filter(student=student).count() == 1
    assert Progress.objects.filter(student=student).exists()


def test_a_class_archived_within_its_period_or_still_running_is_kept():
    recent = _archived_class(days_ago=364)
    running = make_classroom()

    _run()

    assert set(Classroom.objects.values_list("pk", flat=True)) == {
        recent.pk,
        running.pk,
    }


# Departed students


def test_a_departed_student_is_deleted_with_all_their_work():
    student = _departed()
    make_submitted_attempt(student=student, quiz=make_quiz())

    _run()

    assert not User.objects.filter(pk=student.pk).exists()
    assert not Attempt.objects.filter(student_id=student.pk).exists()
    assert not Progress.objects.filter(student_id=student.pk).exists()


def test_a_student_who_logged_in_within_the_period_is_kept():
    student = _departed(days_ago=394)
    _run()
    assert User.objects.filter(pk=student.pk).exists()


def test_a_student_who_never_logged_in_counts_from_signing_up():
    long_ago = make_student(date_joined=_days_ago(400))
    lately = make_student(date_joined=_days_ago(10))

    _run()

    assert not User.objects.filter(pk=long_ago.pk).exists()
    assert User.objects.filter(pk=lately.pk).exists()


def test_a_student_in_a_running_class_is_never_departed():
    student = _departed(days_ago=2000)
    make_classroom(students=[student])
    _run()
    assert User.objects.filter(pk=student.pk).exists()


def test_a_student_in_an_archived_class_stays_as_long_as_the_class():
    student = _departed(days_ago=2000)
    _archived_class(days_ago=364, students=[student])
    _run()
    assert User.objects.filter(pk=student.pk).exists()


def test_a_student_whose_last_class_goes_is_departed_in_the_same_run():
    student = _departed(days_ago=2000)
    _archived_class(days_ago=366, students=[student])
    _run()
    assert not User.objects.filter(pk=student.pk).exists()


def test_teachers_and_administrators_are_never_deleted():
    long_ago = {"last_login": _days_ago(2000), "date_joined": _days_ago(2000)}
    teacher = make_teacher(**long_ago)
    admin = User.objects.create_superuser("head", password="x", **long_ago)
    staff = User.objects.create_user("office", is_staff=True, **long_ago)
    # Staff status taken away, the Teachers group kept, the account disabled.
    former = make_teacher(**long_ago)
    User.objects.filter(pk=former.pk).update(is_staff=False, is_active=False)
    # A teaching permission given to the account itself, not through a group.
    direct = make_student(**long_ago)
    direct.user_permissions.add(
        Permission.objects.get(
            codename="add_classroom", content_type__app_label="teaching"
        )
    )

    _run()

    kept = set(User.objects.values_list("pk", flat=True))
    assert {teacher.pk, admin.pk, staff.pk, former.pk, direct.pk} <= kept


def test_a_former_teacher_who_still_owns_a_class_is_kept():
    """Staff status and the Teachers group taken away: their classes still
    hang on the account."""
    former = make_teacher(last_login=_days_ago(2000))
    make_classroom(teacher=former)
    User.objects.filter(pk=former.pk).update(is_staff=False)
    former.groups.clear()

    _run()

    assert User.objects.filter(pk=former.pk).exists()


# Teachers' changes to students' accounts


def test_account_actions_past_their_period_are_deleted_and_recent_ones_kept():
    old = _account_action(days_ago=731)
    recent = _account_action(days_ago=729)

    _run()

    assert list(AccountAction.objects.values_list("pk", flat=True)) == [recent.pk]
    # The people stay: only the record of what was done goes.
    assert User.objects.filter(pk=old.actor_id).exists()
    assert User.objects.filter(pk=old.student_id).exists()


# The command


@pytest.fixture
def one_of_each():
    """Something past its period of every kind, and one class's worth more."""
    _login_record(AccessLog, days_ago=31)
    _login_record(AccessAttempt, days_ago=31)
    Session.objects.create(session_key="old", session_data="", expire_date=_days_ago(1))
    _archived_class(days_ago=366, students=[make_student(), make_student()])
    _departed()
    _account_action(days_ago=731)


def test_the_command_prints_how_many_of_each_kind_went(one_of_each):
    output = _run()
    assert output.splitlines() == [
        "Log-in and lockout records older than 30 days: 2 deleted.",
        "Expired sessions: 1 deleted.",
        "Classes archived more than 365 days ago: 1 deleted, with 2 enrolments.",
        "Students in no class who have not logged in for 395 days: 1 deleted.",
        "Teachers' changes to students' accounts older than 730 days: 1 deleted.",
    ]


def test_a_dry_run_deletes_nothing_and_counts_what_a_real_run_deletes(one_of_each):
    models = (AccessLog, AccessAttempt, Session, Classroom, Enrolment, User)
    before = {model: model.objects.count() for model in models}

    dry = _run("--dry-run")

    assert {model: model.objects.count() for model in models} == before
    real = _run()
    assert (
        dry.splitlines()[:-1]
        == real.replace(" deleted", " would be deleted").splitlines()
    )
    assert dry.splitlines()[-1] == "Dry run: nothing was deleted."


def test_a_dry_run_counts_a_student_whose_last_class_goes_in_the_same_run():
    _archived_class(days_ago=366, students=[_departed(days_ago=2000)])
    output = _run("--dry-run")
    assert (
        "Students in no class who have not logged in for 395 days: 1 would be deleted."
        in output.splitlines()
    )


def test_running_again_deletes_nothing_more(one_of_each):
    _run()
    assert all(" 0 deleted." in line for line in _run().splitlines())


def test_the_periods_come_from_the_settings(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "login_records": 7}
    old = _login_record(AccessLog, days_ago=8)

    output = _run()

    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert "Log-in and lockout records older than 7 days: 1 deleted." in output


@pytest.mark.parametrize("days", [0, -30])
def test_a_period_shorter_than_a_day_is_refused_and_nothing_goes(settings, days):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "departed_students": days}
    student = make_student(last_login=_days_ago(1))

    with pytest.raises(CommandError, match="DJANGO_RETAIN_DEPARTED_STUDENTS_DAYS"):
        _run()

    assert User.objects.filter(pk=student.pk).exists()


def test_each_period_can_be_set_from_the_environment():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="summit.settings",
        DJANGO_RETAIN_ARCHIVED_CLASSES_DAYS="730",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps(settings.RETENTION_DAYS))",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == {
        "login_records": 30,
        "archived_classes": 730,
        "departed_students": 395,
        "account_actions": 730,
    }
