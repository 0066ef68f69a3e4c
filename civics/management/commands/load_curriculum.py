from django.core.management.base import BaseCommand, CommandError

from civics.course_loader import CURRICULUM_DIR, CurriculumError, load_curriculum


class Command(BaseCommand):
    help = (
        "Load the shipped curriculum into the database. Safe to run again: "
        "only rows whose content differs from the files are written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=CURRICULUM_DIR,
            help="Folder holding course.toml and lessons/ (default: the shipped one).",
        )

    def handle(self, *args, path, **options):
        try:
            report = load_curriculum(directory=path)
        except CurriculumError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        if not report.changed:
            self.stdout.write("The curriculum is up to date; nothing changed.")
            return
        for verb, tally in (
            ("Created", report.created),
            ("Updated", report.updated),
            ("Deleted", report.deleted),
        ):
            if tally:
                counts = ", ".join(f"{n} {name}" for name, n in sorted(tally.items()))
                self.stdout.write(self.style.SUCCESS(f"{verb} {counts}."))
