"""How long the site keeps each kind of record, and the deletions that keep
to it (`python manage.py apply_retention`, daily from cron). docs/privacy.md,
"How long it is kept", is the written policy; the periods, in days, are
settings.RETENTION_DAYS.

The 2025 COPPA Rule (16 CFR 312.10) asks for exactly this: children's
information kept only as long as its purpose needs, never indefinitely, with
a written policy that gives a time for deleting it.
"""

from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce

from accounts import services
from accounts.models import AccountAction, User
from civics.rules.permissions import TEACH_PERMISSION
from teaching.models import Classroom, Enrolment

LOGIN_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)


def departed_students(*, since: datetime):
    """Students who have left: in no class at all (an archived class still
    counts, and keeps them until it goes) and not logged in since `since`, or
    never logged in and signed up before it.

    Anyone who teaches or administers is left out, whether by staff status,
    superuser status or the teaching permission (through a group or given to
    the account, active or not), and so is anyone who owns a class."""
    app_label, codename = TEACH_PERMISSION.split(".")
    teaching = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .exclude(groups__permissions__in=teaching)
        .exclude(user_permissions__in=teaching)
        .exclude(Exists(Classroom.objects.filter(teacher=OuterRef("pk"))))
        .exclude(Exists(Enrolment.objects.filter(student=OuterRef("pk"))))
        .alias(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=since)
    )


def _deleted(queryset) -> Counter:
    return Counter(queryset.delete()[1])


def _login_records(cutoff):
    deleted = Counter()
    for model in LOGIN_RECORDS:
        deleted += _deleted(model.objects.filter(attempt_time__lt=cutoff))
    return deleted


def _expired_sessions(now):
    # What clearsessions deletes, counted: the rows of the database-backed
    # session engine in use (cached_db) whose expiry has passed.
    sessions = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    return _deleted(sessions.objects.filter(expire_date__lt=now))


def _archived_classes(cutoff):
    # Enrolments, assignments (with extra time and another tries) and class
    # notes go with the class; the students' attempts and progress are theirs.
    return _deleted(Classroom.objects.filter(archived_at__lt=cutoff))


def _departed_students(cutoff):
    # One way to delete a student: the admin's "Delete selected students and
    # their data" uses the same service.
    deleted = Counter()
    for student in departed_students(since=cutoff):
        deleted += Counter(services.delete_student(student=student))
    return deleted


def _account_actions(cutoff):
    return _deleted(AccountAction.objects.filter(created_at__lt=cutoff))


@dataclass(frozen=True)
class Kind:
    """One line of the schedule. `period` is its key in
    settings.RETENTION_DAYS (None: it goes when it expires); `delete` deletes
    what is older than a cutoff and returns the rows that went, by model
    label; `counted` are the labels counted as this kind, the rest went with
    them."""

    description: str
    period: str | None
    delete: Callable[[datetime], Counter]
    counted: tuple[str, ...]

    def days(self) -> int | None:
        if self.period is None:
            return None
        days = settings.RETENTION_DAYS[self.period]
        if days < 1:
            raise ImproperlyConfigured(
                "A retention period is at least a day: "
                f"DJANGO_RETAIN_{self.period.upper()}_DAYS "
                f"(settings.RETENTION_DAYS[{self.period!r}]) is {days}."
            )
        return days


SCHEDULE = (
    Kind(
        "Log-in and lockout records older than {days} days",
        "login_records",
        _login_records,
        tuple(model._meta.label for model in LOGIN_RECORDS),
    ),
    Kind("Expired sessions", None, _expired_sessions, ("sessions.Session",)),
    Kind(
        "Classes archived more than {days} days ago",
        "archived_classes",
        _archived_classes,
        (Classroom._meta.label,),
    ),
    # After the classes: a student whose last class goes today may have left.
    Kind(
        "Students in no class who have not logged in for {days} days",
        "departed_students",
        _departed_students,
        (User._meta.label,),
    ),
    Kind(
        "Teachers' changes to students' accounts older than {days} days",
        "account_actions",
        _account_actions,
        (AccountAction._meta.label,),
    ),
)


@dataclass(frozen=True)
class Outcome:
    """What one kind deleted (or would): `count` rows of the kind itself,
    `with_them` the other rows that went with them, by model label."""

    kind: Kind
    days: int | None
    count: int
    with_them: Counter

    def __str__(self):
        return self.kind.description.format(days=self.days)

    def rows_with_them(self) -> str:
        """'55 enrolments, 14 assignments', leaving out Django's own link
        tables (a user's groups)."""
        parts = []
        for label, count in self.with_them.items():
            opts = apps.get_model(label)._meta
            if count and not opts.auto_created:
                name = opts.verbose_name if count == 1 else opts.verbose_name_plural
                parts.append(f"{count} {name}")
        return ", ".join(parts)


def apply(*, now: datetime, dry_run: bool = False) -> list[Outcome]:
    """Delete everything past its period, one transaction per kind, and say
    what went. A dry run makes the same deletions inside one transaction and
    rolls it back: its counts are what a real run deletes (cascades and a
    class's last students included), and nothing changes.

    Raises ImproperlyConfigured, before deleting anything, for a period
    shorter than a day."""
    periods = [(kind, kind.days()) for kind in SCHEDULE]
    outcomes = []
    with transaction.atomic() if dry_run else nullcontext():
        for kind, days in periods:
            cutoff = now if days is None else now - timedelta(days=days)
            with transaction.atomic():
                deleted = kind.delete(cutoff)
            counted = sum(deleted[label] for label in kind.counted)
            for label in kind.counted:
                del deleted[label]
            outcomes.append(Outcome(kind, days, counted, deleted))
        if dry_run:
            transaction.set_rollback(True)
    return outcomes
