from pathlib import Path

from django.core.management.base import BaseCommand

from civics import backup


class Command(BaseCommand):
    help = (
        "Load a backup_data file into an empty, migrated database, all or "
        "nothing. Refuses a database that already holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file to load.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load over existing data: rows with the same id (groups: the "
            "same name) are replaced, all others stay.",
        )

    def handle(self, *args, path, force, **options):
        counts = backup.restore_backup(path, force=force)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {path}. The database now holds {backup.describe(counts)}."
            )
        )
