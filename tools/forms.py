"""The tools' forms. They read a student's typing; the Senate's vote math stays
in civics.rules.senate, which the vote form asks for its verdict."""

from django import forms
from django.core.exceptions import ValidationError

from civics.forms import CrispyMixin
from civics.rules import senate
from tools.handshake import ROUTES


class VoteForm(CrispyMixin, forms.Form):
    """Senators voting and yes votes; a valid form carries the rule's verdict."""

    voting = forms.IntegerField(
        label="Senators voting",
        help_text=(
            "Count the Senators who voted yes or no: from 51 (a quorum) to 100. "
            'A Senator who answers "present" is not counted here.'
        ),
        error_messages={
            "required": "Enter how many Senators voted yes or no.",
            "invalid": senate.MESSAGES["not_a_number"],
        },
    )
    yes = forms.IntegerField(
        label="Yes votes",
        help_text="How many of them voted yes.",
        error_messages={
            "required": "Enter how many Senators voted yes.",
            "invalid": senate.MESSAGES["not_a_number"],
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote = None

    def clean(self):
        cleaned = super().clean()
        if "voting" not in cleaned or "yes" not in cleaned:
            return cleaned
        try:
            self.vote = senate.treaty_vote(voting=cleaned["voting"], yes=cleaned["yes"])
        except senate.VoteCountError as error:
            self.add_error(error.argument, ValidationError(str(error), code=error.code))
        return cleaned


class RouteForm(CrispyMixin, forms.Form):
    route = forms.ChoiceField(
        label="What came out of the summit?",
        choices=[(slug, route.label) for slug, route in ROUTES.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what came out of the summit.",
            "invalid_choice": "Choose one of the outcomes listed.",
        },
    )
