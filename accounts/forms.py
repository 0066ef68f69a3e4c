from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.validators import password_rules_help_text
from civics.forms import CrispyMixin


def _no_autofocus(form):
    """Django focuses the username box on load. That jumps past the skip link,
    the heading and the advice above the form, which a screen reader user
    then never hears; they reach the box with Tab like any other."""
    form.fields["username"].widget.attrs.pop("autofocus", None)


NAME_LABELS = {
    "first_name": "First name (optional)",
    "last_name": "Last initial (optional)",
}
NAME_HELP_TEXTS = {
    "first_name": "Your teacher sees it beside your username. Other students never do.",
    "last_name": "One letter, e.g. K for Kowalski.",
}


class NameMixin:
    """A first name and a last initial, both optional: what a teacher calls
    the student by ("Devon K."), never a full name."""

    initial_error = "Give one letter, the first of your last name."

    def _setup_name_fields(self):
        self.fields["first_name"].max_length = 30
        self.fields["first_name"].widget.attrs["maxlength"] = 30
        self.fields["last_name"].max_length = 1
        self.fields["last_name"].widget.attrs.update(
            maxlength=1, size=2, autocomplete="off"
        )
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"

    def clean_last_name(self):
        initial = self.cleaned_data["last_name"].strip().rstrip(".")
        if initial and not (len(initial) == 1 and initial.isalpha()):
            raise ValidationError(self.initial_error, code="initial")
        return initial.upper()


class SignUpForm(NameMixin, CrispyMixin, UserCreationForm):
    """A student account: a username and a password, and if they like, a
    first name and last initial for their teacher."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name")
        labels = NAME_LABELS
        help_texts = {
            "username": "Letters a-z (no accents or other alphabets), digits and "
            "@ . + - _ only. Avoid your full name.",
            **NAME_HELP_TEXTS,
        }

    field_order = ("username", "password1", "password2", "first_name", "last_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_autofocus(self)
        self._setup_name_fields()
        # Only students sign up: they are not told the staff rule.
        self.fields["password1"].help_text = password_rules_help_text()


class NameForm(NameMixin, CrispyMixin, forms.ModelForm):
    """A student's first name and last initial, changed later by them or by
    their teacher (`by_teacher`, whose help texts do not say "your")."""

    class Meta:
        model = User
        fields = ("first_name", "last_name")
        labels = NAME_LABELS
        help_texts = NAME_HELP_TEXTS

    def __init__(self, *args, by_teacher=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_name_fields()
        if by_teacher:
            self.fields["first_name"].help_text = "Other students never see it."


class LoginForm(AuthenticationForm):
    """Django's log-in form, without autofocus."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_autofocus(self)


class PasswordChangeForm(CrispyMixin, auth_forms.PasswordChangeForm):
    """Django's password change form, without autofocus (see _no_autofocus),
    listing the rules that apply to this user: a teacher's are stricter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].help_text = password_rules_help_text(self.user)


class ConfirmForm(forms.Form):
    """A teacher's "yes, do it" for an action on a student's account: the
    button posts confirm=yes; anything else is a forged request."""

    confirm = forms.ChoiceField(choices=[("yes", "yes")], widget=forms.HiddenInput)


class TwoFactorCodeForm(CrispyMixin, forms.Form):
    """A code from the authenticator app, or (`recovery=True`) one of the
    recovery codes instead. Spaces and dashes, as people copy codes, and
    letter case do not matter."""

    code = forms.CharField(
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, recovery=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if recovery:
            field.label = "Code"
            field.help_text = "6 digits from the app, or a recovery code."
        else:
            field.label = "6-digit code"
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
