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

    @property
    def display_name(self):
        """The name a teacher calls the student by: "Devon K." from a first
        name and last initial, or the username when they gave no name."""
        name = " ".join(
            part
            for part in (
                self.first_name,
                f"{self.last_name}." if self.last_name else "",
            )
            if part
        )
        return name or self.username

    @property
    def name_for_teachers(self):
        """How class pages and the gradebook list a student: "Devon K.
        (devon_k)", the username telling apart two Devon K.s; "devon_k" alone
        when they gave no name. Students never see other students."""
        name = self.display_name
        return name if name == self.username else f"{name} ({self.username})"
