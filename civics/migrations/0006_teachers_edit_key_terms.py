"""Let the Teachers group edit key terms, the lesson part added in 0005."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant_key_terms(apps, schema_editor):
    civics = apps.get_app_config("civics")
    civics.models_module = True
    create_permissions(civics, apps=apps, verbosity=0)
    civics.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    teachers, _ = Group.objects.get_or_create(name="Teachers")
    teachers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="civics",
            codename__in=[f"{action}_keyterm" for action in ACTIONS],
        )
    )


def revoke_key_terms(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for teachers in Group.objects.filter(name="Teachers"):
        teachers.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="civics",
                codename__in=[f"{action}_keyterm" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("civics", "0005_lesson_review_discussion_key_terms")]

    operations = [migrations.RunPython(grant_key_terms, revoke_key_terms)]
