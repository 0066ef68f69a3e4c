"""The site's user model.

A project-owned user model from the first migration, as Django's docs advise, so
that student profile fields can be added later without a database rewrite.
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A student or a teacher; teachers are users in the "Teachers" group."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
