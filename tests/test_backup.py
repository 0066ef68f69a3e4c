"""backup_data and restore_data: everything the site holds goes into one
file and comes back, field for field, into an empty database."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from civics import backup, services
from civics.models import KeyTerm, Lesson, Source
from civics.rules import permissions
from tests.factories import (
    OTHER_KINDS,
    PASSWORD,
    as_post_data,
    correct_responses,
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    """A teacher's class of three students who have read, answered (right,
    wrong and half-way) and got questions to review, on a lesson with
    sources, key terms, a quiz of every kind and an edit history."""
    teacher = make_teacher(first_name="Ana", last_name="Rivera")
    students = [make_student() for _ in range(3)]
    classroom = make_classroom(teacher=teacher, students=students)
    quiz = make_quiz(
        questions=1,
        choices=4,
        kinds=OTHER_KINDS,
    )
    lesson = quiz.lesson
    Source.objects.create(lesson=lesson, title="The text", url="https://example.org")
    KeyTerm.objects.create(lesson=lesson, term="Treaty", definition="An agreement.")
    with reversion.create_revision():
        reversion.set_user(teacher)
        reversion.set_comment("Fixed a typo.")
        lesson.save()
    LogEntry.objects.log_actions(
        user_id=teacher.pk, queryset=[lesson], action_flag=ADDITION
    )
    make_assignment(
        classroom=classroom,
        lesson=lesson,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    now = timezone.now()
    first, second, third = students
    services.record_lesson_read(student=first, lesson=lesson, now=now)
    make_submitted_attempt(student=first, quiz=quiz)
    make_submitted_attempt(student=second, quiz=quiz, responses=wrong_responses(quiz))
    draft = services.start_attempt(student=third, quiz=quiz, now=now)
    services.save_answers(attempt=draft, responses=correct_responses(quiz))
    return {"teacher": teacher, "students": students, "quiz": quiz}


@pytest.fixture
def empty_database():
    """Empties the database, as flush does, inside the test's transaction.

    PostgreSQL will not truncate tables with foreign key checks still
    pending, so they are run first and deferred again for the restore.
    Content type ids cached meanwhile are forgotten afterwards: the test's
    rollback brings the old rows back, and a stale cache would give later
    tests wrong content types."""

    def empty():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", interactive=False, verbosity=0)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    yield empty
    ContentType.objects.clear_cache()


def _ref(row):
    """How a row is told apart across databases: by name if it has one."""
    return tuple(row.natural_key()) if hasattr(row, "natural_key") else row.pk


def _value(row, field):
    if field.many_to_many:
        return sorted(_ref(related) for related in getattr(row, field.name).all())
    if field.is_relation:
        related = getattr(row, field.name)
        return None if related is None else _ref(related)
    return field.value_from_object(row)


def snapshot():
    """Every field of every kept row, by model; references by name where a
    database may number the same row differently (content types, groups)."""
    tables = {}
    for model in backup.backed_up_models():
        fields = [
            field
            for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if not (field.primary_key and model is Group)
        ]
        tables[model._meta.label] = sorted(
            (tuple((field.name, _value(row, field)) for field in fields))
            for row in model._default_manager.all()
        )
    return tables


def test_a_backup_restored_into_an_emptied_database_loses_nothing(
    tmp_path, school, empty_database
):
    before = snapshot()
    kept = {label for label, rows in before.items() if rows}
    assert kept >= {
        *("accounts.User", "auth.Group", "admin.LogEntry"),
        *("civics.Unit", "civics.Lesson", "civics.Source", "civics.KeyTerm"),
        *("civics.Quiz", "civics.Question", "civics.Choice"),
        *("civics.Attempt", "civics.Answer", "civics.SelectedChoice"),
        *("civics.Progress", "civics.ReviewItem"),
        *("teaching.Classroom", "teaching.Enrolment", "teaching.Assignment"),
        *("reversion.Revision", "reversion.Version"),
    }
    path = tmp_path / "site.json.gz"
    call_command("backup_data", path, stdout=StringIO())

    empty_database()
    assert not User.objects.exists()
    output = StringIO()
    call_command("restore_data", path, stdout=output)

    assert snapshot() == before
    assert "4 users" in output.getvalue()


def test_a_restored_site_works_as_before(tmp_path, school, client, empty_database):
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    empty_database()
    call_command("restore_data", path, stdout=StringIO())

    teacher = User.objects.get(username=school["teacher"].username)
    assert teacher.check_password(PASSWORD)
    assert permissions.can_teach(teacher)
    student = User.objects.get(username=school["students"][2].username)
    client.force_login(student)
    draft = student.attempts.get()
    page = client.post(
        draft.get_absolute_url(), as_post_data(correct_responses(school["quiz"]))
    )
    assert page.status_code == 302
    draft.refresh_from_db()
    assert draft.score == draft.max_score


def test_a_restore_signs_everyone_out(tmp_path, school, client, empty_database):
    """Sessions are read from the cache, which a restore starts afresh."""
    client.force_login(school["students"][0])
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    empty_database()
    call_command("restore_data", path, stdout=StringIO())
    assert client.get(reverse("civics:my_progress")).status_code == 302


def test_a_backup_keeps_times_to_the_microsecond(tmp_path, school):
    """Django's JSON cuts times to milliseconds; the backup must not."""
    moment = timezone.now().replace(microsecond=123456)
    User.objects.filter(pk=school["teacher"].pk).update(date_joined=moment)
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    assert "123456" in path.read_text()


def test_a_backup_leaves_out_what_migrate_rebuilds_and_sessions(tmp_path, school):
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    text = path.read_text()
    assert '"model": "accounts.user"' in text
    for label in backup.NOT_BACKED_UP:
        assert f'"model": "{label}"' not in text


def test_restore_refuses_a_database_that_holds_data(tmp_path, school):
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    with pytest.raises(CommandError, match=r"already holds data .*4 users"):
        call_command("restore_data", path, stdout=StringIO())


def test_restore_with_force_loads_over_existing_data(tmp_path, school):
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    before = snapshot()
    User.objects.filter(pk=school["teacher"].pk).update(first_name="Changed")
    call_command("restore_data", path, force=True, stdout=StringIO())
    assert snapshot() == before


def test_restore_with_force_keeps_rows_the_backup_does_not_hold(tmp_path, school):
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    newcomer = make_student(username="joined_after_the_backup")
    call_command("restore_data", path, force=True, stdout=StringIO())
    assert User.objects.filter(pk=newcomer.pk).exists()


def test_a_restore_that_fails_part_way_writes_nothing_and_says_so(
    tmp_path, school, empty_database
):
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    rows = json.loads(path.read_text())
    # The last row points at a choice no row in the file creates.
    selection = next(r for r in reversed(rows) if r["model"] == "civics.selectedchoice")
    selection["fields"]["choice"] = 10**9
    path.write_text(json.dumps(rows))
    empty_database()
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("restore_data", path, stdout=StringIO())
    assert not User.objects.exists()
    assert not Lesson.objects.exists()


def test_restore_into_a_freshly_migrated_database_keeps_its_teachers_group(
    tmp_path, school, empty_database
):
    """A new database already has the Teachers group (from a migration);
    the backup's group is matched to it by name, not duplicated."""
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    empty_database()
    Group.objects.create(name="Teachers")
    call_command("restore_data", path, stdout=StringIO())
    assert Group.objects.filter(name="Teachers").count() == 1
    assert permissions.can_teach(User.objects.get(username=school["teacher"].username))


@pytest.mark.parametrize("name", ["site.sql", "site.json.bz2", "site"])
def test_backup_and_restore_name_their_file_json(tmp_path, name):
    with pytest.raises(CommandError, match="Name the backup file"):
        call_command("backup_data", tmp_path / name, stdout=StringIO())
    with pytest.raises(CommandError, match="Name the backup file"):
        call_command("restore_data", tmp_path / name, stdout=StringIO())


def test_restore_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore_data", tmp_path / "missing.json", stdout=StringIO())


def test_a_failed_backup_leaves_no_file(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backup.json, "dump", broken)
    make_student()
    path = tmp_path / "site.json"
    with pytest.raises(OSError, match="disk full"):
        call_command("backup_data", path, stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


def test_content_types_are_referred_to_by_name(tmp_path, school):
    """Content type ids differ between databases; the backup never uses them."""
    path = tmp_path / "site.json"
    call_command("backup_data", path, stdout=StringIO())
    lesson_type = ContentType.objects.get(app_label="civics", model="lesson")
    assert '"content_type": ["civics", "lesson"]' in path.read_text()
    assert f'"content_type": {lesson_type.pk}' not in path.read_text()
