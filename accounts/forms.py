from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from accounts.models import User
from civics.forms import CrispyMixin


def _no_autofocus(form):
    """Django focuses the username box on load. That jumps past the skip link,
    the heading and the advice above the form, which a screen reader user
    then never hears; they reach the box with Tab like any other."""
    form.fields["username"].widget.attrs.pop("autofocus", None)


class SignUpForm(CrispyMixin, UserCreationForm):
    """A student account: a username and a password, nothing else."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)
        help_texts = {
            "username": "Letters, digits and @ . + - _ only. Avoid your full name.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_autofocus(self)


class LoginForm(AuthenticationForm):
    """Django's log-in form, without autofocus."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_autofocus(self)
