from crispy_forms.helper import FormHelper
from django.contrib.auth.forms import UserCreationForm

from accounts.models import User


class SignUpForm(UserCreationForm):
    """A student account: a username and a password, nothing else."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)
        help_texts = {
            "username": "Letters, digits and @ . + - _ only. Avoid your full name.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
