"""Render every lesson body again so its section headings carry ids, which
the results page's "See '...' in this lesson" links point at."""

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
    dependencies = [("civics", "0006_teachers_edit_key_terms")]

    # Going back leaves the ids: the older code shows the same bodies with them.
    operations = [migrations.RunPython(render_bodies, migrations.RunPython.noop)]
