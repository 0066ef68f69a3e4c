from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

# Error codes that mean the request was not made by our own form: a choice or
# question id that is not on the page. The view answers those with a 400.
# "forged" is submit_attempt's own check of the same thing.
FORGED_CODES = frozenset({"invalid_choice", "unknown_question", "forged"})
QUESTION_PREFIX = "question_"


class QuizForm(forms.Form):
    """One field per question, named question_<id>, for taking a quiz.

    Radio buttons give each question a fieldset whose legend is the prompt.
    Nothing about which choice is correct is ever put on the form.
    """

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.prompt}",
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose an answer for question {number}.",
                    "invalid_choice": (
                        f"The answer sent for question {number} is not one of its "
                        "choices. Reload the page and choose again."
                    ),
                },
            )
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        unknown = [
            name
            for name in self.data
            if name.startswith(QUESTION_PREFIX) and name not in self.fields
        ]
        if unknown:
            raise ValidationError(
                "The answers sent name a question that is not in this quiz. "
                "Reload the page and try again.",
                code="unknown_question",
            )
        return super().clean()

    def is_forged(self):
        """True when the errors come from ids no page of ours would send."""
        return any(
            error.code in FORGED_CODES
            for errors in self.errors.as_data().values()
            for error in errors
        )

    def responses(self):
        """The answers as {question id: [choice ids]}, for submit_attempt."""
        return {
            question.pk: [self.cleaned_data[f"{QUESTION_PREFIX}{question.pk}"]]
            for question in self.questions
        }
