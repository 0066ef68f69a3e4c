"""Backing up everything the site holds to one file, and restoring it.

The file is a Django fixture (JSON, gzipped when its name ends in .gz) that
loaddata reads: every user with their password hash and groups, the course
with its edit history, classes, enrolments, assignments, and every attempt,
answer, choice made, progress record and review item. It is written from
one consistent snapshot, so work saved during a backup can never leave it
with an answer whose attempt is missing.
"""

import datetime
import gzip
import json
import os
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction

SUFFIXES = (".json", ".json.gz")
# Content types and permissions are rebuilt by migrate on every database
# (the backup refers to them by name, never by id); sessions are not worth
# keeping: a restore signs everyone out.
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds for JavaScript's sake; a
    backup keeps the microseconds, so a restore changes no timestamp."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    """Every model whose rows are kept, ordered so that rows referred to by
    name (users, groups) come before the rows that refer to them."""
    app_list = [
        (config, None)
        for config in apps.get_app_configs()
        if config.models_module is not None
    ]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.label_lower not in NOT_BACKED_UP
        and model._meta.managed
        and not model._meta.proxy
    ]


def check_name(path: Path) -> None:
    if not path.name.endswith(SUFFIXES):
        raise CommandError(
            f"Name the backup file …{' or …'.join(SUFFIXES)} (.gz compresses it)."
        )


def write_backup(path: Path) -> Counter:
    """Write every kept row to `path` from one snapshot of the database, and
    return the number of rows of each model. The file appears only once it
    is complete: a failed backup never leaves half a file under that name."""
    check_name(path)
    partial = path.with_name(f"{path.name}.partial")
    opener = gzip.open if path.name.endswith(".gz") else open
    counts = Counter()
    try:
        with _one_snapshot(), opener(partial, "wt", encoding="utf-8") as stream:
            stream.write("[")
            separator = "\n"
            for model in backed_up_models():
                records = serializers.serialize(
                    "python",
                    model._default_manager.order_by(model._meta.pk.name).iterator(),
                    use_natural_foreign_keys=True,
                    # Every database gets the Teachers group from a migration,
                    # under an id of its own: groups are matched by name.
                    use_natural_primary_keys=model is Group,
                )
                for record in records:
                    stream.write(separator)
                    json.dump(record, stream, cls=ExactJSONEncoder, ensure_ascii=False)
                    separator = ",\n"
                counts[model._meta.label] = len(records)
            stream.write("\n]\n")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return counts


@contextmanager
def _one_snapshot():
    """A transaction that reads the whole database as of one moment.

    PostgreSQL's default isolation lets each query see the latest commits, so
    it is raised to REPEATABLE READ (possible only as a transaction's first
    statement, so not inside one already open, as in tests). SQLite's
    transactions read one snapshot anyway."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"
                )
        yield


def rows_held() -> Counter:
    """Rows already in the database that a restore would mix with, by model.
    Groups are left out: every migrated database has the Teachers group."""
    counts = Counter()
    for model in backed_up_models():
        if model is not Group:
            counts[model._meta.label] = model._default_manager.count()
    return +counts


def restore_backup(path: Path, *, force: bool = False) -> Counter:
    """Load a backup into this database in one transaction (all or nothing)
    and return the rows of each model it now holds.

    Refuses a database that already holds users, course or class data unless
    `force` is given: then rows with the same id (groups: the same name) are
    replaced and every other row stays."""
    check_name(path)
    if not path.is_file():
        raise CommandError(f"There is no backup file at {path}.")
    held = rows_held()
    if held and not force:
        raise CommandError(
            f"This database already holds data ({describe(held)}). Restore into "
            "an empty database: create one and run `python manage.py migrate`, "
            "then restore_data. Use --force to load the backup over this data."
        )
    try:
        call_command("loaddata", str(path), verbosity=0)
    except (DatabaseError, DeserializationError) as error:
        # loaddata runs in one transaction: whatever it wrote is undone.
        raise CommandError(
            f"{path} could not be loaded, so nothing was restored: {error}"
        ) from error
    # Sessions, visitors' pages and sign-up counts in the cache belong to the
    # data this restore replaced; starting clean signs everyone out.
    cache.clear()
    return rows_held()


def describe(counts: Counter) -> str:
    """'3 users, 14 lessons, …', in model order, for people to read."""
    names = {
        model._meta.label: (model._meta.verbose_name, model._meta.verbose_name_plural)
        for model in backed_up_models()
    }
    return ", ".join(
        f"{count} {names[label][count != 1]}"
        for label, count in counts.items()
        if count
    )
