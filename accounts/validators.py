"""What a username and a password must be, beyond Django's own rules.

Usernames are plain ASCII, so that no name in a roster or the gradebook can
pass for another ("teacher_a" with a Cyrillic a looks just like the one
with a Latin a).
Passwords are refused when they are only spaces or only the words anyone
would try first at a school, and staff need longer ones than students: their
accounts reach every class and the course content. (Issue 19, findings 9 and
10; the password validators are listed in settings.AUTH_PASSWORD_VALIDATORS.)
"""

from django.contrib.auth.password_validation import (
    MinimumLengthValidator,
    get_default_password_validators,
    password_validators_help_text_html,
)
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from civics.rules import permissions


@deconstructible
class UsernameValidator(ASCIIUsernameValidator):
    """Django's ASCII usernames, with a message that names what is allowed."""

    message = (
        "Use only the letters a-z and A-Z (no accents or other alphabets), the "
        "digits 0-9 and @ . + - _ in a username."
    )


class OnlySpacesValidator:
    """Eight spaces pass the length rule but are no secret."""

    def validate(self, password, user=None):
        if password and password.isspace():
            raise ValidationError(
                "This password is only spaces.", code="password_only_spaces"
            )

    def get_help_text(self):
        return "Your password can\u2019t be only spaces."


# The words tried first against a school's site: its name and subject, the
# seasons (with the year, stripped off as digits), and school words.
SCHOOL_WORDS = (
    "summit",
    "civic",
    "civics",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "school",
    "class",
    "classroom",
    "student",
    "teacher",
    "password",
)


def _letters(text):
    return "".join(character for character in text.casefold() if character.isalpha())


def _made_of(letters, words):
    """Whether `letters` is nothing but `words`, one after another, each as
    often as you like ("civicscivics", "summerschool")."""
    ends = {0}
    for end in range(1, len(letters) + 1):
        if any(
            end - len(word) in ends and letters.startswith(word, end - len(word))
            for word in words
        ):
            ends.add(end)
    return len(letters) in ends


class SchoolWordsValidator:
    """Refuses a password whose letters are only school words, seasons or the
    username, whatever the case and whatever digits and symbols go with them:
    "Summer2026!", "civicscivics", "Teacher#School1". A word of the student's
    own anywhere in it ("summer2026-pancakes") makes it theirs."""

    def __init__(self, words=SCHOOL_WORDS):
        self.words = {_letters(word) for word in words}

    def validate(self, password, user=None):
        letters = _letters(password)
        if letters and _made_of(letters, self.words | self._user_words(user)):
            raise ValidationError(
                "This password is only words anyone would guess at a school "
                "(the site\u2019s name, seasons, school words or your username) with "
                "digits or symbols. Add words of your own.",
                code="password_school_words",
            )

    @staticmethod
    def _user_words(user):
        # The username without its digits and symbols; one or two letters
        # would refuse far too much.
        username = _letters(getattr(user, "username", "") or "")
        return {username} if len(username) >= 3 else set()

    def get_help_text(self):
        return (
            "Your password can\u2019t be only school words, seasons, years or your "
            "username, like \u201cSummer2026!\u201d."
        )


def is_staff_account(user) -> bool:
    """Teachers and administrators. An account not yet saved (the one a form
    is creating) is judged by its flags alone."""
    if user is None:
        return False
    if user.pk is None:
        return user.is_staff or user.is_superuser
    return not permissions.is_student(user)


class StaffMinimumLengthValidator(MinimumLengthValidator):
    """A longer minimum for teachers and administrators; students keep the
    general one."""

    def __init__(self, min_length=12):
        super().__init__(min_length)

    def validate(self, password, user=None):
        if is_staff_account(user):
            super().validate(password, user)

    def get_error_message(self):
        return (
            f"This password is too short for a teacher or administrator. It must "
            f"contain at least {self.min_length} characters."
        )

    def get_help_text(self):
        return (
            f"As a teacher or administrator, your password must contain at least "
            f"{self.min_length} characters."
        )


def password_rules_help_text(user=None):
    """The rules that apply to `user` (None: a student signing up), as the
    list under a new password box: a student is not told the staff rule."""
    validators = [
        validator
        for validator in get_default_password_validators()
        if not isinstance(validator, StaffMinimumLengthValidator)
        or is_staff_account(user)
    ]
    return password_validators_help_text_html(validators)
