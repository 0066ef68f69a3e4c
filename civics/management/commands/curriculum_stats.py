from django.core.management.base import BaseCommand

from civics.models import Lesson
from civics.readability import readability


class Command(BaseCommand):
    help = (
        "Print each lesson's word count and Flesch-Kincaid reading level, as "
        "students see it now (teacher edits included)."
    )

    def handle(self, *args, **options):
        lessons = Lesson.objects.select_related("unit")
        rows = [(lesson, readability(lesson.body)) for lesson in lessons]
        self.stdout.write("| Unit | Lesson | Words | Grade level |")
        self.stdout.write("| --- | --- | ---: | ---: |")
        for lesson, stats in rows:
            self.stdout.write(
                f"| {lesson.unit.position} | {lesson.title} | {stats.words} | "
                f"{stats.grade:.1f} |"
            )
        if rows:
            words = sum(stats.words for _, stats in rows)
            grade = sum(stats.grade for _, stats in rows) / len(rows)
            self.stdout.write(
                f"\n{len(rows)} lessons, {words} words, mean grade level {grade:.1f}."
            )
