"""The tools' forms. They read a student's typing; the Senate's vote math stays
in civics.rules.senate, which the vote form asks for its verdict."""

from django import forms
from django.core.exceptions import ValidationError

from civics.forms import CrispyMixin
from civics.rules import senate
from tools.handshake import ROUTES


class VoteForm(CrispyMixin, forms.Form):
    """Senators voting, yes votes, "present" answers and seats filled; a valid
    form carries the rule's verdict. The last two may be left empty: none
    present, a full Senate."""

    voting = forms.IntegerField(
        label="Senators voting",
        help_text=(
            "Count the Senators who voted yes or no. A Senator who answers "
            '"present" does not vote: count them in the box below.'
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
    present = forms.IntegerField(
        label='Answered "present"',
        required=False,
        help_text=(
            'Senators who answered "present" count toward the quorum but not '
            "toward the two-thirds. Leave empty if none did."
        ),
        error_messages={"invalid": senate.MESSAGES["not_a_number"]},
    )
    seats = forms.IntegerField(
        label="Senators chosen and sworn",
        required=False,
        help_text=(
            "100 unless seats are vacant; leave empty for 100. The quorum is a "
            "majority of this number."
        ),
        error_messages={"invalid": senate.MESSAGES["not_a_number"]},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote = None

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name in self.fields):
            return cleaned
        present = cleaned["present"]
        seats = cleaned["seats"]
        try:
            self.vote = senate.treaty_vote(
                voting=cleaned["voting"],
                yes=cleaned["yes"],
                present=0 if present is None else present,
                seats=senate.SENATORS if seats is None else seats,
            )
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
