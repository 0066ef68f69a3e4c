"""Render every lesson body again, now that raw-text tags a teacher typed
("Use the <title> tag", an unclosed <script>) show as text instead of
swallowing the rest of the lesson."""

from django.db import migrations

from civics.markdown import render_markdown


def render_bodies(apps, schema_editor):
    # The historical model has no Lesson.save() to render body_html.
    Lesson = apps.get_model("civics", "Lesson")
    lessons = list(Lesson.objects.only("pk", "body", "body_html"))
    for lesson in lessons:
        lesson.body_html = render_markdown(lesson.body)
    Lesson.objects.bulk_update(lessons, ["body_html"], batch_size=100)


class Migration(migrations.Migration):
    dependencies = [("civics", "0007_lesson_section_ids")]

    # Going back keeps the fuller rendering: the older code shows it as it is.
    operations = [migrations.RunPython(render_bodies, migrations.RunPython.noop)]
