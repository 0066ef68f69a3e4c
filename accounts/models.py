"""The site's user model.

A project-owned user model from the first migration, as Django's docs advise, so
that student profile fields can be added later without a database rewrite.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.validators import UsernameValidator


class User(AbstractUser):
    """A student or a teacher; teachers are users in the "Teachers" group."""

    # ASCII only, unlike Django's default, so that no username can pass for
    # another in a roster ("teacher_a" with a Cyrillic a). Validators run on
    # forms only: an older account with other letters still logs in.
    username_validator = UsernameValidator()
    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        help_text="150 characters or fewer: letters a-z and A-Z, digits and "
        "@ . + - _ only.",
        validators=[username_validator],
        error_messages={"unique": "A user with that username already exists."},
    )

    # Set when a teacher gives the student a temporary password: every page
    # then leads to the password change until they choose their own
    # (accounts.middleware).
    must_change_password = models.BooleanField(
        default=False,
        help_text="Sent to choose a new password before anything else, after a "
        "teacher reset it.",
    )

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
        name and last initial, or the username when they gave no name. Only
        the initial, even where the admin holds a whole last name."""
        name = " ".join(
            part
            for part in (
                self.first_name,
                f"{self.last_name[:1].upper()}." if self.last_name else "",
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


class AccountAction(models.Model):
    """Something a teacher did to a student's account from a class page (or
    an administrator, unlocking it in the admin), kept so an administrator
    can see who reset or unlocked whom, and when."""

    class Kind(models.TextChoices):
        RESET_PASSWORD = "reset_password", "Reset the password"
        UNLOCK = "unlock", "Unlocked after wrong passwords"
        SET_NAME = "set_name", "Set the name"

    # PROTECT: the record outlives nobody; a teacher with classes cannot be
    # deleted anyway. The student's own records go with the student.
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="account_actions_taken"
    )
    student = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="account_actions"
    )
    action = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = "change to a student's account"
        verbose_name_plural = "changes to students' accounts"

    def __str__(self):
        return f"{self.actor} · {self.get_action_display()} · {self.student}"


class LoginLockoutQuerySet(models.QuerySet):
    @staticmethod
    def _in_force(now):
        # As django-axes decides (settings.AXES_*): enough wrong passwords,
        # the last of them within the cool-off.
        return models.Q(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
        )

    def in_force(self, *, now):
        """The records that lock their username out from their address now."""
        return self.filter(self._in_force(now))

    def with_in_force(self, *, now):
        """Each record with `in_force`: whether it locks them out now."""
        return self.annotate(
            in_force=models.ExpressionWrapper(
                self._in_force(now), output_field=models.BooleanField()
            )
        )


class LoginLockout(AccessAttempt):
    """django-axes's record of wrong passwords for one username from one
    address (and browser), or on one known device, which has no address
    (accounts.lockout), under the name administrators look for; deleting it
    unlocks them (accounts.services.unlock_logins)."""

    objects = LoginLockoutQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "log-in lockout"
        verbose_name_plural = "log-in lockouts"

    def __str__(self):
        if self.ip_address is None:
            return f"{self.username} on a known device"
        return f"{self.username} from {self.ip_address}"

    @property
    def ends_at(self):
        """When the cool-off after the last wrong password ends."""
        return self.attempt_time + settings.AXES_COOLOFF_TIME
