"""Keep with every submitted answer the question as its student saw it and
was scored on (civics.snapshots), so no later edit changes a past result.

Answers submitted before this migration get a snapshot of the question as
it stands now: the best that can be done for the past, since what was shown
then was never kept. Their choice order is the one the attempt's seed gives
today's choices, as the quiz page showed them. Going back drops the fields
(and the regrade records) again; nothing else was changed.

Teachers may regrade (they change questions) and read the record of every
regrade (view_regrade).
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from civics import snapshots

# The snapshot's fields as this migration adds them, fixed here so that a
# later change to civics.snapshots cannot change what it writes.
SNAPSHOT_FIELDS = (
    "prompt_shown",
    "explanation_shown",
    "kind_shown",
    "points_shown",
    "choices_shown",
    "numeric_answer_shown",
    "tolerance_shown",
)


def snapshot_submitted_answers(apps, schema_editor):
    Answer = apps.get_model("civics", "Answer")
    Choice = apps.get_model("civics", "Choice")
    submitted = (
        Answer.objects.filter(attempt__submitted_at__isnull=False)
        .select_related("question", "attempt")
        .order_by("pk")
    )
    choices = {}
    for choice in Choice.objects.order_by("position", "id"):
        choices.setdefault(choice.question_id, []).append(choice)
    batch = []
    for answer in submitted.iterator(chunk_size=500):
        shown = snapshots.of_question(
            answer.question,
            choices.get(answer.question_id, []),
            seed=answer.attempt.seed,
        )
        fields = snapshots.answer_fields(shown)
        for field in SNAPSHOT_FIELDS:
            setattr(answer, field, fields[field])
        batch.append(answer)
        if len(batch) == 500:
            Answer.objects.bulk_update(batch, SNAPSHOT_FIELDS)
            batch = []
    Answer.objects.bulk_update(batch, SNAPSHOT_FIELDS)


def _view_regrade(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="civics", codename="view_regrade"
    )


def grant_view_regrade(apps, schema_editor):
    civics = apps.get_app_config("civics")
    civics.models_module = True
    create_permissions(civics, apps=apps, verbosity=0)
    civics.models_module = None
    Group = apps.get_model("auth", "Group")
    teachers, _ = Group.objects.get_or_create(name="Teachers")
    teachers.permissions.add(*_view_regrade(apps))


def revoke_view_regrade(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for teachers in Group.objects.filter(name="Teachers"):
        teachers.permissions.remove(*_view_regrade(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("civics", "0009_question_and_choice_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="choices_shown",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="answer",
            name="explanation_shown",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="kind_shown",
            field=models.CharField(
                blank=True,
                choices=[
                    ("single", "Single choice"),
                    ("multiple", "Multiple select"),
                    ("true_false", "True or false"),
                    ("ordering", "Put in order"),
                    ("numeric", "Numeric answer"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="numeric_answer_shown",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=12, null=True
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="points_shown",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="prompt_shown",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="regraded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="tolerance_shown",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=12, null=True
            ),
        ),
        migrations.CreateModel(
            name="Regrade",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("prompt", models.TextField()),
                ("regraded_at", models.DateTimeField()),
                ("changes", models.JSONField(default=dict)),
                (
                    "question",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="regrades",
                        to="civics.question",
                    ),
                ),
                (
                    "regraded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("-regraded_at", "-id"),
            },
        ),
        # Going back, the fields and their snapshots go with the AddFields.
        migrations.RunPython(snapshot_submitted_answers, migrations.RunPython.noop),
        migrations.RunPython(grant_view_regrade, revoke_view_regrade),
    ]
