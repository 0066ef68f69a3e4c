import re
from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import slugify

from civics import services, snapshots
from civics.admin_widgets import MarkdownPreviewWidget
from civics.kinds import ONE_CHOICE_KINDS, WRITTEN_ANSWER_MAX_LENGTH, QuestionKind
from civics.models import Lesson
from civics.rules import scoring

# Error codes that mean the request was not made by our own page: an id or a
# value our widgets never send. The view answers those with a 400.
# "forged" is submit_attempt's own check of the same thing.
FORGED_CODES = frozenset({"invalid_choice", "unknown_question", "forged"})
QUESTION_KEY = re.compile(r"^question_(\d+)(?:_\d+)?$")


class CrispyMixin:
    """Crispy renders the fields; the template owns <form>, its token and the
    button. The helper is made when the template first asks for it, so forms
    that add fields in __init__ (QuizForm) get them all."""

    @cached_property
    def helper(self):
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        return helper


class OrderingWidget(forms.Widget):
    """A position select for each item; posts question_<id>_<choice id>."""

    template_name = "civics/widgets/ordering.html"
    use_fieldset = True

    def __init__(self, items=(), attrs=None):
        super().__init__(attrs)
        self.items = list(items)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        positions = value if isinstance(value, dict) else {}
        context["widget"]["positions"] = [str(n) for n in range(1, len(self.items) + 1)]
        context["widget"]["items"] = [
            {
                "name": f"{name}_{choice_id}",
                "id": f"id_{name}_{choice_id}",
                "text": text,
                "value": str(positions.get(str(choice_id), "")),
            }
            for choice_id, text in self.items
        ]
        return context

    def value_from_datadict(self, data, files, name):
        prefix = f"{name}_"
        return {
            key.removeprefix(prefix): data.get(key)
            for key in data
            if key.startswith(prefix)
        }

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}_") for key in data)

    def id_for_label(self, id_):
        return ""  # the legend names the group; each select has its own label


class OrderingField(forms.Field):
    """The items' choice ids in the order the student gave them."""

    widget = OrderingWidget
    default_error_messages = {
        "incomplete": "Give every item a position.",
        "duplicate": "Give each item a different position.",
        "invalid_choice": "The order sent does not match this question. "
        "Reload the page and try again.",
    }

    def __init__(self, *, items, **kwargs):
        super().__init__(widget=OrderingWidget(items), **kwargs)
        self.item_ids = [str(choice_id) for choice_id, _ in items]

    def to_python(self, value):
        if not value or not any(value.values()):
            return None
        if set(value) != set(self.item_ids):
            raise ValidationError(
                self.error_messages["invalid_choice"], "invalid_choice"
            )
        if not all(value.values()):
            raise ValidationError(self.error_messages["incomplete"], "incomplete")
        allowed = {str(n) for n in range(1, len(self.item_ids) + 1)}
        if not set(value.values()) <= allowed:
            raise ValidationError(
                self.error_messages["invalid_choice"], "invalid_choice"
            )
        if len(set(value.values())) != len(value):
            raise ValidationError(self.error_messages["duplicate"], "duplicate")
        return [int(item) for item in sorted(value, key=lambda item: int(value[item]))]

    def prepare_value(self, value):
        if isinstance(value, list):
            return {str(item): position for position, item in enumerate(value, 1)}
        return value


def _hint(question, text):
    """The kind's instruction, unless the prompt already gives it: "Choose
    all that apply." twice in a row reads as a stutter."""
    return "" if text.lower().rstrip(".") in question.prompt.lower() else text


def _field_for(question, *, number, choices):
    """The form field that asks one question, with messages a student reads.

    No field is required: a question left empty is unanswered (the page asks
    before it submits an attempt with unanswered questions), and one the
    student empties is cleared."""
    label = f"{number}. {question.prompt}"
    options = [(choice.pk, choice.text) for choice in choices]
    if question.kind == QuestionKind.NUMERIC:
        return forms.DecimalField(
            label=label,
            required=False,
            max_digits=12,
            decimal_places=4,
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off"}
            ),
            help_text=_hint(question, "Type a number, for example 12."),
            error_messages={
                "invalid": f"Enter a number for question {number}, using digits "
                "(for example 12).",
                **dict.fromkeys(
                    ("max_digits", "max_decimal_places", "max_whole_digits"),
                    f"Question {number} takes at most 8 digits before the decimal "
                    "point and 4 after it.",
                ),
            },
        )
    if question.kind == QuestionKind.WRITTEN:
        return forms.CharField(
            label=label,
            required=False,
            max_length=WRITTEN_ANSWER_MAX_LENGTH,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
            help_text="Write your answer in full sentences. After you submit, "
            "you will see the rubric and a model answer.",
            error_messages={
                "max_length": f"The answer to question {number} is too long: "
                f"keep it under {WRITTEN_ANSWER_MAX_LENGTH:,} characters.",
            },
        )
    if question.kind == QuestionKind.ORDERING:
        field = OrderingField(
            label=label,
            required=False,
            items=options,
            help_text="Number the items from 1 (first) upward.",
        )
        field.error_messages["incomplete"] = (
            f"Give every item in question {number} a position."
        )
        field.error_messages["duplicate"] = (
            f"Give each item in question {number} a different position."
        )
        return field
    invalid_choice = (
        f"The answer sent for question {number} is not one of its choices. "
        "Reload the page and choose again."
    )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            label=label,
            required=False,
            choices=options,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            help_text=_hint(question, "Choose all that apply."),
            error_messages={"invalid_choice": invalid_choice},
        )
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=options,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": invalid_choice},
    )


@dataclass(frozen=True)
class Problem:
    """A question whose answer could not be kept, as the page points to it."""

    number: int
    anchor: str
    message: str


@dataclass(frozen=True)
class QuizState:
    """Where the student stands on the page: what the status line says and
    the error summary lists."""

    answered: int
    total: int
    unanswered: tuple[int, ...]  # question numbers
    problems: tuple[Problem, ...]

    def as_json(self):
        return {
            "answered": self.answered,
            "total": self.total,
            "unanswered": list(self.unanswered),
            "problems": [vars(problem) for problem in self.problems],
        }


class QuizForm(CrispyMixin, forms.Form):
    """One field per question of an attempt, named question_<question id>,
    each in its own card (id question-<number>) for the page to link to.

    Choices appear in the attempt's shuffled order (true/false keeps its
    order). The saved draft answers are the initial values, so a reload
    resumes where the student was. Nothing about which answer is correct is
    ever put on the form.

    Each question stands alone: responses() holds every answer that is valid
    on its own, whatever state the others are in, so one half-finished
    question never keeps the rest from being saved.
    """

    def __init__(self, *args, attempt, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for number, answer in enumerate(self.answers, start=1):
            question = answer.question
            # The order the snapshot at submission keeps, from the same rule.
            choices = snapshots.shown_order(
                question.choices.all(),
                kind=question.kind,
                seed=attempt.seed,
                question_id=question.pk,
            )
            name = self.field_name(question)
            self.fields[name] = _field_for(question, number=number, choices=choices)
            self.initial[name] = _initial(answer)

    @cached_property
    def helper(self):
        helper = super().helper
        helper.layout = Layout(
            *(
                Div(
                    self.field_name(answer.question),
                    css_class="card card-body mb-3 quiz-question",
                    css_id=question_anchor(number),
                )
                for number, answer in enumerate(self.answers, start=1)
            )
        )
        return helper

    @staticmethod
    def field_name(question):
        return f"question_{question.pk}"

    @cached_property
    def written_rule(self):
        """How the quiz's written answers count, said above the questions
        when it has one; "" when it has none."""
        quiz = next(
            (a.question.quiz for a in self.answers if a.question.is_written), None
        )
        return scoring.written_counts_in_words(quiz.written_counts) if quiz else ""

    def clean(self):
        for key in self.data:
            match = QUESTION_KEY.match(key)
            if key.startswith("question_") and (
                not match or f"question_{match[1]}" not in self.fields
            ):
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
        """{question id: response} for every question whose answer is valid
        on its own; None for one left or made empty. A question the post
        does not mention (as Django's ModelForm reads an omitted field) keeps
        its saved answer; one with a problem is left out, so what was saved
        for it stays."""
        responses = {}
        for answer in self.answers:
            name = self.field_name(answer.question)
            if name in self.errors:
                continue
            if self.fields[name].widget.value_omitted_from_data(
                self.data, self.files, self.add_prefix(name)
            ):
                responses[answer.question_id] = answer.response
                continue
            value = self.cleaned_data.get(name)
            if value in (None, "", []) or (
                isinstance(value, str) and not value.strip()
            ):
                value = None
            elif isinstance(value, int):
                value = [value]
            responses[answer.question_id] = value
        return responses

    def state(self):
        """What is answered, unanswered and in need of a look: the saved
        drafts for an unbound form; for a bound one, the answers just sent,
        and the saved draft of any question whose answer was refused."""
        responses = self.responses() if self.is_bound else {}
        answered, unanswered, problems = 0, [], []
        for number, answer in enumerate(self.answers, start=1):
            name = self.field_name(answer.question)
            if self.is_bound and name in self.errors:
                problems.append(
                    Problem(number, question_anchor(number), self.errors[name][0])
                )
                given = _initial(answer)
            elif self.is_bound:
                given = responses[answer.question_id]
            else:
                given = _initial(answer)
            if given is None:
                unanswered.append(number)
            else:
                answered += 1
        return QuizState(
            answered=answered,
            total=len(self.answers),
            unanswered=tuple(unanswered),
            problems=tuple(problems),
        )


def question_anchor(number):
    """The id of a question's card on the quiz page, for links to it."""
    return f"question-{number}"


def _initial(answer):
    """A saved draft as the field's initial value."""
    response = answer.response
    if isinstance(response, Decimal):
        return format(response.normalize(), "f")  # 62.0000 shows as 62
    if response is None:
        return response
    if answer.question.kind in ONE_CHOICE_KINDS:
        return response[0]
    return response


class LessonAdminForm(forms.ModelForm):
    """The lesson editor's form. A teacher may leave the web address empty: it
    is made from the title, as the admin would do in the browser, without the
    46 KB script that does it there (issue #10 caps a page at 150 KB)."""

    slug = forms.SlugField(
        required=False,
        help_text="The lesson's web address; letters, digits, hyphens. "
        "Left empty, a new lesson's is made from its title and an existing "
        "lesson keeps its own.",
    )

    class Meta:
        model = Lesson
        fields = (
            *("unit", "title", "summary", "published", "reviewed_on"),
            *("objectives", "body", "discussion", "slug", "position"),
        )
        widgets = {"body": MarkdownPreviewWidget}

    def clean(self):
        cleaned_data = super().clean()
        title = cleaned_data.get("title")
        if not cleaned_data.get("slug") and title:
            # Links, bookmarks and the curriculum loader know a lesson by its
            # address, so an empty field never moves an existing lesson.
            cleaned_data["slug"] = self.instance.slug or services.free_lesson_slug(
                slugify(title) or "lesson"
            )
        return cleaned_data


class GlossarySearchForm(CrispyMixin, forms.Form):
    """The glossary's search box: a GET form, so a search can be bookmarked
    and works without JavaScript."""

    q = forms.CharField(
        label="Search the glossary",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": "Search for at most 100 characters."},
    )

    def query(self):
        """The words searched for, or "" to list every term."""
        return self.cleaned_data["q"].strip() if self.is_valid() else ""


class WrittenScoreForm(CrispyMixin, forms.Form):
    """Marks on a written answer's rubric, a box per criterion, ticked for
    each one the answer meets: the student's own, or a teacher's, who may
    add a comment. Each answer's form on the page has ids of its own."""

    met = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "The marks sent do not fit this answer's rubric. "
            "Reload the page and score it again."
        },
    )
    comment = forms.CharField(
        label="Comment for the student (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep the comment under 2,000 characters."},
    )

    def __init__(self, *args, answer, as_teacher, answerer="", **kwargs):
        super().__init__(*args, auto_id=f"id_answer_{answer.pk}_%s", **kwargs)
        self.answer = answer
        rubric = answer.shown.rubric
        self.criteria_count = len(rubric)
        field = self.fields["met"]
        field.choices = list(enumerate(rubric))
        field.label = (
            f"Score {answerer}\u2019s answer: tick each criterion it meets"
            if as_teacher
            else "Score your answer: tick each criterion you met"
        )
        marks = answer.teacher_marks if as_teacher else answer.self_marks
        self.initial["met"] = [i for i, mark in enumerate(marks or ()) if mark]
        if as_teacher:
            self.initial["comment"] = answer.teacher_comment
        else:
            del self.fields["comment"]

    def marks(self):
        """One true or false per criterion, as the service takes them."""
        met = set(self.cleaned_data["met"])
        return [i in met for i in range(self.criteria_count)]

    def comment_text(self):
        """A teacher's comment; a student's form has none."""
        return self.cleaned_data.get("comment", "")
