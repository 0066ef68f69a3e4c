"""Let the Teachers group run classes. Holding teaching.add_classroom is what
makes a user a teacher on the site (civics.rules.permissions.can_teach)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    *(f"{action}_classroom" for action in ("add", "change", "view")),
    *(f"{action}_assignment" for action in ("add", "change", "delete", "view")),
    *(f"{action}_enrolment" for action in ("delete", "view")),
]


def grant(apps, schema_editor):
    teaching = apps.get_app_config("teaching")
    teaching.models_module = True
    create_permissions(teaching, apps=apps, verbosity=0)
    teaching.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    teachers, _ = Group.objects.get_or_create(name="Teachers")
    teachers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="teaching", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for teachers in Group.objects.filter(name="Teachers"):
        teachers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="teaching")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("teaching", "0001_initial"),
        ("civics", "0002_teachers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
