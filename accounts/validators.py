"""What a username must be, beyond Django's own rules.

Usernames are plain ASCII, so that no name in a roster or the gradebook can
pass for another ("teacher_a" with a Cyrillic a looks just like the one
with a Latin a). (Issue 19, finding 10.)
"""

from django.contrib.auth.validators import ASCIIUsernameValidator
from django.utils.deconstruct import deconstructible


@deconstructible
class UsernameValidator(ASCIIUsernameValidator):
    """Django's ASCII usernames, with a message that names what is allowed."""

    message = (
        "Use only the letters a-z and A-Z (no accents or other alphabets), the "
        "digits 0-9 and @ . + - _ in a username."
    )
