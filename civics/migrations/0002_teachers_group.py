"""Create the "Teachers" group: everything needed to edit course content in the
admin, and nothing about users, groups or students' records."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TEACHERS = "Teachers"
CONTENT_MODELS = ("unit", "lesson", "source", "quiz", "question", "choice")
ACTIONS = ("add", "change", "delete", "view")


def create_teachers_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # sure civics' exist now so the group can be given them on a fresh database.
    civics = apps.get_app_config("civics")
    civics.models_module = True
    create_permissions(civics, apps=apps, verbosity=0)
    civics.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    teachers, _ = Group.objects.get_or_create(name=TEACHERS)
    teachers.permissions.set(
        Permission.objects.filter(
            content_type__app_label="civics",
            codename__in=[
                f"{action}_{model}" for model in CONTENT_MODELS for action in ACTIONS
            ],
        )
    )


def remove_teachers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TEACHERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("civics", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_teachers_group, remove_teachers_group),
    ]
