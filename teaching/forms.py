from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from civics.forms import CrispyMixin
from civics.models import Lesson
from teaching import rules
from teaching.formats import due_text
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


class DueFields(forms.Form):
    """A due date and an optional time, read as one moment in the site's time
    zone (`due_at`), which must be in the future. A date with no time is due
    at the end of that day; no date, no due time."""

    # A date with no time: due when the day ends, as due dates always were.
    END_OF_DAY = time(23, 59)
    date_required = False

    due_date = forms.DateField(
        label="Due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date, for example 2026-12-01."},
    )
    due_time = forms.TimeField(
        label="Time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Optional: without a time, it is due at 11:59 PM.",
        error_messages={"invalid": "Enter a time, for example 08:30."},
    )

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        self.fields["due_date"].required = self.date_required
        self.fields["due_date"].error_messages["required"] = "Choose a date."

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("due_date"), cleaned.get("due_time")
        if "due_date" in self.errors or "due_time" in self.errors:
            return cleaned
        if day is None:
            if at is not None:
                self.add_error("due_date", "Choose a date for that time.")
            cleaned["due_at"] = None
            return cleaned
        due_at = timezone.make_aware(datetime.combine(day, at or self.END_OF_DAY))
        if due_at <= self.now:
            self.add_error(
                "due_date",
                ValidationError(
                    "That time has already passed: every student would be late at "
                    "once. Choose a later date or time.",
                    code="past",
                ),
            )
        cleaned["due_at"] = due_at
        return cleaned


def due_initial(due_at):
    """The due fields' initial values for a due time, in the site's time zone."""
    if due_at is None:
        return {}
    local = timezone.localtime(due_at)
    return {"due_date": local.date(), "due_time": local.time()}


class AssignmentForm(CrispyMixin, DueFields):
    """One or several lessons, due at the same time."""

    lessons = forms.ModelMultipleChoiceField(
        label="Lessons",
        queryset=Lesson.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose one or several; they get the same due date.",
        error_messages={
            "required": "Choose at least one lesson.",
            "invalid_choice": "One of those lessons is not in the course or is "
            "assigned already. Reload the page and choose again.",
            "invalid_pk_value": "Reload the page and choose the lessons again.",
        },
    )
    field_order = ("lessons", "due_date", "due_time")

    def __init__(self, *args, lessons, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices show titles only; loading each lesson's body took longer
        # than rendering the form.
        self.fields["lessons"].queryset = lessons.only("title")
        self.fields[
            "due_date"
        ].help_text = "Optional. Students see what is due soon and what is late."

    @property
    def forged(self):
        """Lesson ids no page offered: 400, not a form to correct."""
        return self.has_error("lessons", "invalid_choice") or self.has_error(
            "lessons", "invalid_pk_value"
        )


class DueDateForm(CrispyMixin, DueFields):
    """An assignment's due time, changed or cleared."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].help_text = "Leave it empty for no due date."


class ExtraTimeForm(CrispyMixin, DueFields):
    """One student's own due time, after the class's."""

    date_required = True

    def __init__(self, *args, class_due_at, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_due_at = class_due_at
        self.fields["due_date"].label = "Due for this student"

    def clean(self):
        cleaned = super().clean()
        due_at = cleaned.get("due_at")
        if due_at is not None and due_at <= self.class_due_at:
            self.add_error(
                "due_date",
                ValidationError(
                    "Extra time ends after the class's due time (%(due)s).",
                    code="not_later",
                    params={"due": due_text(self.class_due_at)},
                ),
            )
        return cleaned


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
