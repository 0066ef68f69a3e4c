from pathlib import Path

from django.core.management.base import BaseCommand

from civics import backup


class Command(BaseCommand):
    help = (
        "Write everything the site holds (users with their password hashes, the "
        "course and its history, classes, attempts, answers, progress, review) "
        "to one file, for restore_data. Name it .json, or .json.gz to compress."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Where to write the backup.")

    def handle(self, *args, path, **options):
        counts = backup.write_backup(path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {counts.total()} rows to {path}: {backup.describe(counts)}."
            )
        )
