from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import retention


class Command(BaseCommand):
    help = (
        "Delete what the retention schedule (docs/privacy.md) no longer keeps: "
        "old log-in and lockout records, expired sessions, classes archived "
        "long ago, students who have left with all their data, and old records "
        "of teachers' changes to students' accounts. Never a teacher or an "
        "administrator. Safe to run daily from cron; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say how much of each kind would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run, **options):
        try:
            outcomes = retention.apply(now=timezone.now(), dry_run=dry_run)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        verb = "would be deleted" if dry_run else "deleted"
        for outcome in outcomes:
            with_them = outcome.rows_with_them()
            self.stdout.write(
                f"{outcome}: {outcome.count} {verb}"
                + (f", with {with_them}." if with_them else ".")
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was deleted.")
