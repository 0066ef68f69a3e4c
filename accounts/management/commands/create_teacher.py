import getpass
import os

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User

PASSWORD_VARIABLE = "DJANGO_TEACHER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a teacher account: it runs classes from /teach/ and edits "
        "course content in /admin/, and nothing about users beyond its own "
        "students. Prompts for the password, or reads "
        f"{PASSWORD_VARIABLE} with --noinput."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--noinput",
            action="store_true",
            help=f"Take the password from the {PASSWORD_VARIABLE} variable.",
        )

    def handle(self, *args, username, noinput, **options):
        # Usernames are unique in any case (the table says so, as sign-up does).
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = self._password(noinput)
        try:
            # As staff, so the longer minimum for staff applies.
            validate_password(password, User(username=username, is_staff=True))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            teacher = User.objects.create_user(
                username=username, password=password, is_staff=True
            )
            teacher.groups.add(Group.objects.get(name="Teachers"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Teacher {username!r} created; they log in at /accounts/login/ "
                "and start at /teach/ (My classes)."
            )
        )

    def _password(self, noinput):
        if noinput:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Set {PASSWORD_VARIABLE} to use --noinput.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords did not match.")
        return password
