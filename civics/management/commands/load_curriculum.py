from django.core.management.base import BaseCommand, CommandError

from civics.course_loader import CURRICULUM_DIR, CurriculumError, load_curriculum


class Command(BaseCommand):
    help = (
        "Load the shipped curriculum into the database. Safe to run again: only "
        "content that differs from the files is written, and lessons a teacher "
        "has changed in the admin are skipped (and listed) unless forced."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=CURRICULUM_DIR,
            help="Folder holding course.toml and lessons/ (default: the shipped one).",
        )
        parser.add_argument(
            "--force",
            action="append",
            default=[],
            metavar="SLUG",
            help="Replace this lesson with the shipped version even if a teacher "
            "has changed it. Repeat for several lessons.",
        )

    def handle(self, *args, path, force, **options):
        try:
            report = load_curriculum(directory=path, force=force)
        except CurriculumError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for slug, reason in report.skipped:
            self.stdout.write(
                self.style.WARNING(
                    f"Skipped {slug}: {reason}. To replace it with the shipped "
                    f"version, run load_curriculum --force {slug}"
                )
            )
        if not report.changed:
            self.stdout.write("The curriculum is up to date; nothing changed.")
            return
        for verb, tally in (
            ("Created", report.created),
            ("Updated", report.updated),
            ("Deleted", report.deleted),
            ("Retired", report.retired),
        ):
            if tally:
                counts = ", ".join(f"{n} {name}" for name, n in sorted(tally.items()))
                self.stdout.write(self.style.SUCCESS(f"{verb} {counts}."))
