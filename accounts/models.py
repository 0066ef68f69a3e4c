"""The site's user model.

A project-owned user model from the first migration, as Django's docs advise, so
that student profile fields can be added later without a database rewrite.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    """A student or a teacher; teachers are users in the "Teachers" group."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # The sign-up form refuses "Ada" when "ada" exists; this index
            # holds when two such sign-ups arrive at the same moment.
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_unique_in_any_case",
                violation_error_message="A user with that username already exists.",
            ),
        ]
