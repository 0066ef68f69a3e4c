"""The log-in lockout: how django-axes counts wrong passwords."""

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

# django-axes keeps at most this much of a username (a longer one is a 500
# on PostgreSQL). No account has a username that long.
RECORDED_USERNAME_LENGTH = AccessAttempt._meta.get_field("username").max_length


def attempted_username(request, credentials):
    """The username typed, as django-axes records it (AXES_USERNAME_CALLABLE),
    cut to the length its table keeps: the log-in form then gives its usual
    "enter a correct username and password" however long it was."""
    field = get_user_model().USERNAME_FIELD
    username = (credentials or request.POST).get(field)
    if isinstance(username, str):
        return username[:RECORDED_USERNAME_LENGTH]
    return username
