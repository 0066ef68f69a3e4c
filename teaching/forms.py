from django import forms
from django.core.exceptions import ValidationError

from civics.forms import CrispyMixin
from civics.models import Lesson
from teaching import rules
from teaching.models import ClassNote, Classroom


class ClassroomForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ("name",)
        labels = {"name": "Class name"}
        help_texts = {"name": "For example: Civics, period 3."}


class JoinForm(CrispyMixin, forms.Form):
    code = forms.CharField(
        label="Class code",
        max_length=20,
        help_text="Six letters and digits from your teacher, for example K7M2QX.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        code = rules.normalise_join_code(self.cleaned_data["code"])
        if not rules.is_well_formed_join_code(code):
            raise ValidationError(
                "A class code has six letters and digits. Check it and try again.",
                code="malformed",
            )
        return code


class AssignmentForm(CrispyMixin, forms.Form):
    lesson = forms.ModelChoiceField(
        queryset=Lesson.objects.none(),
        error_messages={
            "invalid_choice": "That lesson is not in the course. Reload the page "
            "and choose again."
        },
    )
    due_on = forms.DateField(
        label="Due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional. Students see what is due soon and what is late.",
        error_messages={"invalid": "Enter a date, for example 2026-12-01."},
    )

    def __init__(self, *args, lessons, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices show titles only; loading each lesson's body took longer
        # than rendering the form.
        self.fields["lesson"].queryset = lessons.only("title")


class ClassNoteForm(CrispyMixin, forms.ModelForm):
    """A teacher's note on one assigned lesson; saved empty, it is removed."""

    class Meta:
        model = ClassNote
        fields = ("text",)
        labels = {"text": "Note for the class"}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False


class ArchiveForm(forms.Form):
    """Archive ("1") or reopen ("0") a class: the confirmation page's hidden
    choice, so a forged value is refused rather than read as "reopen"."""

    archive = forms.TypedChoiceField(
        choices=(("1", "Archive"), ("0", "Reopen")),
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
