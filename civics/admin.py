"""Course authoring for teachers: a lesson's page holds its text, sources and
key terms; its quiz has a page of its own listing the questions, and each
question is edited on its own page by an editor that knows its kind. Every
edit on any of them is kept in the lesson's history (civics.history), from
which a teacher can see what changed and restore an earlier version."""

import json
from difflib import SequenceMatcher
from types import SimpleNamespace

import nested_admin
import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Max, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from civics import history, page_cache, services
from civics.admin_interchange import QuizInterchangeMixin
from civics.admin_records import ReadOnlyRecordAdmin
from civics.forms import LessonAdminForm
from civics.kinds import TYPED_KINDS, QuestionKind
from civics.models import (
    Attempt,
    Choice,
    KeyTerm,
    Lesson,
    Question,
    Quiz,
    Regrade,
    Source,
    Unit,
)
from civics.rules.authoring import validate_choices, validate_rubric
from civics.snapshots import rubric_lines


class TextareaField(forms.CharField):
    """A textarea's text with its lines ending as the curriculum loader writes
    them. Browsers post CR LF, so without this every untouched multi-line
    field (a lesson's objectives) counted as changed in the history and no
    longer matched its shipped fingerprint."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


# For every admin page that edits course text.
TEXT_FIELDS = {models.TextField: {"form_class": TextareaField}}


class ChoiceForm(forms.ModelForm):
    """A choice row. Its place may be left empty: the formset puts it after
    the others, so a teacher never types positions (with JavaScript, the rows
    are moved by drag or by buttons instead)."""

    position = forms.IntegerField(
        label="Order",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "position-field"}),
    )

    class Meta:
        model = Choice
        fields = ("position", "text", "is_correct", "feedback", "misconception")
        widgets = {
            "text": forms.TextInput(attrs={"size": 40}),
            "feedback": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "misconception": forms.TextInput(attrs={"size": 24}),
        }


class OwnRowsFormSet(BaseInlineFormSet):
    """Refuses a posted row whose id is not one of the parent's own (a forged
    or stale id), which Django would otherwise save as a new row."""

    # The field that orders the rows (see ReportsRealChanges).
    position_field = "position"

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                "A row on this page is not one of this page's own; reload the "
                "page and try again.",
                code="foreign_row",
            )


class ChoiceFormSet(OwnRowsFormSet):
    """Checks the choices of one question together, as the authoring rule
    asks, and numbers the rows left without a place after the others, in the
    order they stand on the page."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kind = self.instance.kind
        validate_choices(
            kind,
            choice_count=len(kept),
            # A true-or-false question's answer is chosen on the question
            # (TrueFalseChoiceInline shows no correct boxes).
            correct_count=1
            if kind == QuestionKind.TRUE_FALSE
            else sum(1 for form in kept if form.cleaned_data.get("is_correct")),
        )
        given = [form.cleaned_data.get("position") for form in kept]
        following = max((n for n in given if n is not None), default=-1) + 1
        for form in kept:
            # A row without an order box (true or false) keeps its place.
            shown = form.add_prefix("position") in self.data
            if shown and form.cleaned_data.get("position") is None:
                form.instance.position = following
                following += 1


# The empty choice rows of a question that has none yet.
NEW_CHOICE_ROWS = 4


class ChoiceInline(admin.TabularInline):
    model = Choice
    formfield_overrides = TEXT_FIELDS
    form = ChoiceForm
    formset = ChoiceFormSet
    fields = ("position", "text", "is_correct", "feedback", "misconception")
    classes = ("reorderable",)

    def get_extra(self, request, obj=None, **kwargs):
        # A new question starts with four empty rows, as most do.
        return NEW_CHOICE_ROWS if obj is None else 1


class OrderingChoiceInline(ChoiceInline):
    """The items of an ordering question, listed in their correct order;
    which are "correct" does not matter, so the boxes are not shown."""

    fields = ("position", "text", "feedback")
    verbose_name = "item"
    verbose_name_plural = "items, in their correct order"


class TrueFalseChoiceInline(ChoiceInline):
    """True and False, made by the editor: only their feedback is written
    here, and the right one is chosen on the question."""

    fields = ("text", "feedback", "misconception")
    readonly_fields = ("text",)
    classes = ()
    can_delete = False
    max_num = 2

    def get_extra(self, request, obj=None, **kwargs):
        return 0

    def has_add_permission(self, request, obj):
        return False


TRUE_FALSE_ANSWERS = (("true", "True"), ("false", "False"))


class QuestionAdminForm(forms.ModelForm):
    """The question editor's form. For a true-or-false question the teacher
    says whether the statement is true; the editor makes the two choices. The
    objective is picked from the lesson's own, so question analysis can group
    by them."""

    true_false_answer = forms.ChoiceField(
        label="The statement is",
        choices=TRUE_FALSE_ANSWERS,
        widget=forms.RadioSelect,
        required=False,
    )
    objective = forms.ChoiceField(
        label="Objective",
        required=False,
        help_text="The lesson objective this question tests. The list is the "
        "lesson's objectives; question analysis groups the questions by them.",
    )

    class Meta:
        model = Question
        fields = (
            *("quiz", "kind", "objective", "prompt", "explanation", "points"),
            *("numeric_answer", "tolerance", "true_false_answer"),
            *("rubric", "model_answer"),
        )
        help_texts = {
            "kind": "The page shows what this kind needs: choices, items in "
            "order, a true-or-false answer, a number or a rubric.",
        }
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3, "class": "wide-field"}),
            "explanation": forms.Textarea(attrs={"rows": 3, "class": "wide-field"}),
            "rubric": forms.Textarea(attrs={"rows": 4, "class": "wide-field"}),
            "model_answer": forms.Textarea(attrs={"rows": 6, "class": "wide-field"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.kind == QuestionKind.TRUE_FALSE:
            correct = [c for c in self.instance.choices.all() if c.is_correct]
            if correct:
                self.initial["true_false_answer"] = correct[0].text.strip().lower()
        if "objective" in self.fields:
            self.fields["objective"].choices = self._objective_choices()

    def _objective_choices(self):
        """The lesson's objectives, and the question's own if it is no longer
        one of them (a lesson's objectives were reworded), so that saving
        never drops it unseen."""
        objectives = self._lesson_objectives()
        current = self.instance.objective
        choices = [("", "---------"), *((line, line) for line in objectives)]
        if current and current not in objectives:
            choices.append((current, f"{current} (no longer one of the lesson's)"))
        return choices

    def _lesson_objectives(self):
        """The objectives of the lesson of the quiz posted or, on a new
        question's page, of the quiz it was opened for; no query when that is
        the question's own quiz (the editor loads it with its lesson)."""
        field = self.add_prefix("quiz")
        quiz_id = self.data.get(field) if self.is_bound else self.initial.get("quiz")
        quiz_id = str(quiz_id or self.instance.quiz_id or "")
        if not quiz_id.isdigit() or len(quiz_id) > 18:
            return []
        if quiz_id == str(self.instance.quiz_id):
            return self.instance.quiz.lesson.objective_list
        lesson = Lesson.objects.filter(quiz=quiz_id).only("objectives").first()
        return lesson.objective_list if lesson else []

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if kind != QuestionKind.NUMERIC:
            # The answer of a question that was numeric goes with the kind.
            self.instance.numeric_answer = None
        if kind != QuestionKind.WRITTEN:
            # So do the rubric and model answer of one that was written.
            self.instance.rubric = self.instance.model_answer = ""
        elif "rubric" in self.fields:
            try:
                validate_rubric(
                    kind,
                    criteria_count=len(rubric_lines(cleaned_data.get("rubric", ""))),
                    has_model_answer=bool(cleaned_data.get("model_answer")),
                )
            except ValidationError as error:
                self.add_error("rubric", error)
        if kind == QuestionKind.TRUE_FALSE and not cleaned_data.get(
            "true_false_answer"
        ):
            self.add_error(
                "true_false_answer", "Say whether the statement is true or false."
            )
        return cleaned_data


def make_true_false_choices(question, answer):
    """Give a true-or-false question its two choices, True then False, with
    `answer` ("true" or "false") marked correct. Existing ones are kept: by
    their text if they say True and False, else in their order (the choice
    formset has checked there are two)."""
    existing = list(question.choices.all())
    by_text = {choice.text.strip().lower(): choice for choice in existing}
    if set(by_text) == {"true", "false"}:
        existing = [by_text["true"], by_text["false"]]
    for position, (key, text) in enumerate(TRUE_FALSE_ANSWERS):
        if position < len(existing):
            choice = existing[position]
        else:
            choice = Choice(question=question, position=position)
        choice.text, choice.is_correct = text, key == answer
        choice.save()


class QuestionRowForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ("position", "points")
        widgets = {
            "position": forms.NumberInput(attrs={"class": "position-field"}),
            "points": forms.NumberInput(attrs={"class": "points-field"}),
        }


class QuestionRowInline(admin.TabularInline):
    """The quiz page's list of its questions: each edited on its own page,
    reordered here by their order numbers (or, with JavaScript, by drag or
    buttons)."""

    model = Question
    form = QuestionRowForm
    formset = OwnRowsFormSet
    fields = ("position", "question", "kind_name", "points", "answered")
    readonly_fields = ("question", "kind_name", "answered")
    classes = ("reorderable",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj):
        # New questions come from the kind chooser below the list.
        return False

    def get_queryset(self, request):
        students = Count(
            "answers__attempt__student",
            filter=Q(answers__attempt__submitted_at__isnull=False),
            distinct=True,
        )
        return super().get_queryset(request).annotate(answered_by=students)

    @admin.display(description="Question")
    def question(self, question):
        retired = (
            mark_safe(
                ' <strong class="retired">Retired</strong>: no longer in the '
                "shipped course; new attempts skip it, past results keep it."
            )
            if question.retired_at
            else ""
        )
        return format_html(
            '{} <a href="{}" aria-label="Edit: {}">Edit</a>{}',
            question,
            reverse("admin:civics_question_change", args=[question.pk]),
            question,
            retired,
        )

    @admin.display(description="Kind")
    def kind_name(self, question):
        return question.get_kind_display()

    @admin.display(description="Students who answered")
    def answered(self, question):
        return question.answered_by


class SourceInline(nested_admin.NestedTabularInline):
    model = Source
    fields = ("position", "title", "url")
    extra = 0
    sortable_field_name = "position"
    # A bare "senate.gov" typed by a teacher becomes an https link.
    formfield_overrides = {
        **TEXT_FIELDS,
        models.URLField: {"assume_scheme": "https"},
    }


class KeyTermInline(nested_admin.NestedTabularInline):
    model = KeyTerm
    formfield_overrides = TEXT_FIELDS
    fields = ("position", "term", "definition")
    extra = 0
    sortable_field_name = "position"


# A lesson's history holds the lesson and every part of it, edited on its
# page, its quiz's page or a question's, so restoring a version puts them all
# back. Registered before LessonAdmin: VersionAdmin would otherwise register
# Lesson itself, following only its inlines (sources and key terms) and so
# missing the quiz, its questions and their choices.
reversion.register(Choice)
reversion.register(Question, follow=["choices"])
reversion.register(Quiz, follow=["questions"])
reversion.register(Source)
reversion.register(KeyTerm)
reversion.register(Lesson, follow=["sources", "key_terms", "quiz"])


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("title", "position", "slug")
    list_editable = ("position",)
    search_fields = ("title", "summary")
    ordering = ("position",)
    prepopulated_fields = {"slug": ("title",)}


# The admin loads these on every change form to fill a slug as the title is
# typed; the lesson editor has no such field.
AUTHORING_CSS = "css/admin_authoring.css"
REORDER_JS = "js/admin_reorder.js"
KIND_JS = "js/question_kind.js"


SLUG_SCRIPTS = {
    "admin/js/urlify.js",
    "admin/js/prepopulate.js",
    "admin/js/vendor/xregexp/xregexp.js",
    "admin/js/vendor/xregexp/xregexp.min.js",
}


def _really_changed(formset):
    """The formset's changes without the renumbered positions of rows whose
    place among their siblings stayed the same (see
    ReportsRealChanges); rows left with no change drop out."""
    field = getattr(formset, "sortable_field_name", None) or getattr(
        formset, "position_field", None
    )
    if field is None or not hasattr(formset, "changed_objects"):
        return formset
    kept = [
        form
        for form in formset.initial_forms
        if form.instance.pk is not None and not form.cleaned_data.get("DELETE")
    ]

    def order(position):
        return [form.instance.pk for form in sorted(kept, key=position)]

    before = order(lambda form: (form.initial.get(field), form.instance.pk))
    after = order(lambda form: (getattr(form.instance, field), form.instance.pk))
    unmoved = {
        pk
        for block in SequenceMatcher(
            a=before, b=after, autojunk=False
        ).get_matching_blocks()
        for pk in before[block.a : block.a + block.size]
    }
    # Named as saved: nested_admin lists each row as it was before the save.
    saved = {form.instance.pk: form.instance for form in kept}
    changed = [
        (
            saved.get(row.pk, row),
            [name for name in names if name != field or row.pk not in unmoved],
        )
        for row, names in formset.changed_objects
    ]
    return SimpleNamespace(
        forms=formset.forms,
        new_objects=formset.new_objects,
        changed_objects=[(row, names) for row, names in changed if names],
        deleted_objects=formset.deleted_objects,
    )


class ReportsRealChanges:
    """A ModelAdmin whose history lists what the teacher changed: a row only
    counts as moved when its place among its siblings changed, however the
    rows were renumbered on save (nested_admin renumbers every sortable row
    from 0; the quiz and question pages number rows left blank)."""

    def construct_change_message(self, request, form, formsets, add=False):
        reported = formsets and [_really_changed(formset) for formset in formsets]
        return super().construct_change_message(request, form, reported, add)


def _drafts_confirmed(request, in_the_way):
    """Whether the teacher saw every student whose draft answers the restore
    discards: the restore page posts back the ones it named."""
    shown = request.POST.get("drafts_shown", "")
    named = {int(pk) for pk in shown.split(",") if pk.isdigit()}
    return in_the_way.draft_student_ids <= named


def _drafts_started_since(in_the_way):
    return (
        "Nothing was restored: since this version was opened, students have "
        "started answering what it would delete: "
        f"{'; '.join(map(str, in_the_way.drafts))}. Check the version again; "
        "saving it discards those draft answers."
    )


@admin.register(Lesson)
class LessonAdmin(ReportsRealChanges, VersionAdmin, nested_admin.NestedModelAdmin):
    """The lesson editor: its text, sources and key terms, and a link to its
    quiz's page (QuizAdmin). VersionAdmin saves each change form as a
    revision of the lesson and adds the history, restore and recover pages;
    changes made from the lesson list get a revision per lesson (see
    changelist_view)."""

    list_display = (
        "title",
        "unit",
        "position",
        "published",
        "reviewed_on",
        "preview_link",
    )
    list_display_links = ("title",)
    list_editable = ("position",)
    list_filter = ("published", "unit")
    list_select_related = ("unit",)
    search_fields = ("title", "summary", "body")
    # The id breaks ties as the course pages do, so a copy sharing its
    # original's position is listed right after it.
    ordering = ("unit__position", "position", "id")
    actions = ["publish", "unpublish", "duplicate"]
    form = LessonAdminForm
    fieldsets = (
        (None, {"fields": ("unit", "title", "summary", "published", "reviewed_on")}),
        ("Content", {"fields": ("objectives", "body", "discussion")}),
        (
            "Advanced options",
            {"classes": ("collapse",), "fields": ("slug", "position")},
        ),
    )
    inlines = [SourceInline, KeyTermInline]
    # The change page links to the student's-eye preview instead (see
    # templates/admin/civics/lesson/change_form.html): the lesson page itself
    # would count a teacher's visit as reading it.
    view_on_site = False
    object_history_template = "admin/civics/lesson/object_history.html"
    history_latest_first = True
    formfield_overrides = TEXT_FIELDS

    @property
    def media(self):
        """The editor's scripts without the admin's slug-from-title ones
        (xregexp alone is 46 KB of the 150 KB a page may weigh, issue #10):
        LessonAdminForm makes the slug from the title when it is left empty."""
        media = super().media
        return forms.Media(
            css=media._css,
            js=[script for script in media._js if script not in SLUG_SCRIPTS],
        ) + forms.Media(css={"all": [AUTHORING_CSS]})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Boxes as wide as the page, for titles and summaries of a full line.
        if db_field.name in {"title", "summary"}:
            kwargs["widget"] = forms.TextInput(attrs={"class": "wide-field"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        lesson = obj
        if lesson is not None:
            quiz = (
                Quiz.objects.filter(lesson=lesson)
                .annotate(question_count=Count("questions"))
                .first()
            )
            context["quiz"] = quiz
            context["add_quiz_url"] = (
                f"{reverse('admin:civics_quiz_add')}?lesson={lesson.pk}"
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        changes = path(
            "<path:object_id>/history/changes/<id:revision_id>/",
            self.admin_site.admin_view(self.changes_view),
            name="civics_lesson_changes",
        )
        return [changes, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Before VersionAdmin's revision begins: one started inside it would
        # merge into it.
        if request.method == "POST":
            lesson = self.get_object(request, unquote(object_id))
            if lesson is not None:
                history.keep_originals(Lesson.objects.filter(pk=lesson.pk))
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin runs the whole list page in one revision, so reordering
        # or publishing several lessons would make one revision of them all,
        # and restoring it from one lesson's history would roll back the
        # others too. Skip that wrapper; _log_in_revision gives each lesson
        # changed here a revision of its own. The context is what
        # VersionAdmin's list template needs for its "Recover" link.
        context = {
            "has_change_permission": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super(VersionAdmin, self).changelist_view(request, context)

    def save_model(self, request, obj, form, change):
        # A restore brings back the version's fields, loaded_digest among
        # them; the fingerprint is the loader's record of what it last
        # shipped, which no restore changes.
        if hasattr(request, "keep_loaded_digest"):
            obj.loaded_digest = request.keep_loaded_digest
        if change and not reversion.is_active():
            # A row saved from the list; the change form kept its original
            # in change_view, before VersionAdmin's revision began.
            history.keep_originals(Lesson.objects.filter(pk=obj.pk))
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        # So that "Recover deleted lessons" can bring it back.
        history.keep_originals(Lesson.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        history.keep_originals(queryset)
        super().delete_queryset(request, queryset)

    def log_addition(self, request, obj, message):
        return self._log_in_revision(super().log_addition, request, obj, message)

    def log_change(self, request, obj, message):
        return self._log_in_revision(super().log_change, request, obj, message)

    def _log_in_revision(self, log, request, lesson, message):
        """Inside the change form's revision, log as VersionAdmin does; for a
        change made from the list, save the lesson as a revision of its own."""
        if reversion.is_active():
            return log(request, lesson, message)
        with self.create_revision(request):
            reversion.add_to_revision(lesson)
            return log(request, lesson, message)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """A teacher opens an earlier version of the lesson and saves it to
        restore it. A version that would delete what students have submitted
        answers to, or move back a question or choice answered since it
        moved, is refused with an error naming them, and nothing changes.
        Draft answers in the way are named on the page and discarded when the
        teacher saves; the restore keeps the lesson's current loader
        fingerprint, so later shipped updates still see it as edited."""
        lesson = self.get_object(request, unquote(object_id))
        if lesson is None:
            return super().revision_view(request, object_id, version_id, extra_context)
        if not self.has_view_or_change_permission(request, lesson):
            raise PermissionDenied
        versions = Version.objects.get_for_object(lesson)
        version = get_object_or_404(versions, pk=version_id)
        history_url = reverse("admin:civics_lesson_history", args=[quote(lesson.pk)])
        in_the_way = history.answers_in_the_way_of_restoring(version.revision, lesson)
        refusal = self._restore_refusal(version.revision, in_the_way)
        if refusal:
            self._refuse(request, refusal)
            return redirect(history_url)
        if request.method == "POST" and not _drafts_confirmed(request, in_the_way):
            self._refuse(request, _drafts_started_since(in_the_way))
            return redirect(request.path)
        extra_context = {
            "changes_url": reverse(
                "admin:civics_lesson_changes",
                args=[quote(lesson.pk), version.revision_id],
            ),
            "drafts_in_the_way": in_the_way,
            **(extra_context or {}),
        }
        latest = versions.aggregate(latest=models.Max("pk"))["latest"]
        request.keep_loaded_digest = lesson.loaded_digest
        with transaction.atomic():
            services.discard_draft_answers(**in_the_way.discard)
            response = super().revision_view(
                request, object_id, version_id, extra_context
            )
            # Reversion undoes its own work unless the restore was saved (a
            # new version); the drafts come back with it.
            if not versions.filter(pk__gt=latest).exists():
                transaction.set_rollback(True)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted lesson is brought back as its last version, unless that
        would move back a question or choice answered since it moved."""
        version = get_object_or_404(
            Version.objects.get_for_model(Lesson), pk=version_id
        )
        refusal = self._restore_refusal(version.revision)
        if refusal:
            self._refuse(request, refusal)
            return redirect("admin:civics_lesson_recoverlist")
        return super().recover_view(request, version_id, extra_context)

    def _refuse(self, request, message):
        """An error shown as one: the site maps errors to Bootstrap's
        "danger", which the admin's styles do not know (they showed a refusal
        as a green success); "error" is the admin's own."""
        self.message_user(request, message, messages.ERROR, extra_tags="error")

    def _restore_refusal(self, revision, in_the_way=None):
        """Why restoring `revision` would take something from students'
        submitted attempts, or None. `in_the_way` is what it would delete
        over the lesson, if the lesson still exists."""
        submitted = in_the_way and in_the_way.submitted
        if submitted:
            return (
                "This version cannot be restored: it does not have "
                f"{'; '.join(map(str, submitted))}, and restoring it would "
                "delete those students' submitted answers. Nothing was "
                "changed. Edit the lesson instead, or restore a later version."
            )
        moved = history.answered_parts_moved_by(revision)
        if moved:
            message = ngettext(
                "This version cannot be restored: it would move %(names)s back "
                "to where it was, and students have answered it where it is "
                "now. Nothing was changed. Copy it instead, or restore a "
                "later version.",
                "This version cannot be restored: it would move %(names)s back "
                "to where they were, and students have answered them where "
                "they are now. Nothing was changed. Copy them instead, or "
                "restore a later version.",
                len(moved),
            )
            return message % {"names": "; ".join(map(str, moved))}
        return None

    def changes_view(self, request, object_id, revision_id):
        """A teacher sees what one saved version of the lesson changed since
        the version before it, field by field, and can restore it."""
        lesson = self.get_object(request, unquote(object_id))
        if lesson is None:
            raise Http404
        if not self.has_view_or_change_permission(request, lesson):
            raise PermissionDenied
        versions = Version.objects.get_for_object(lesson).select_related(
            "revision__user"
        )
        version = get_object_or_404(versions, revision_id=revision_id)
        previous = versions.filter(pk__lt=version.pk).first()
        changes = previous and history.changes_between(
            previous.revision, version.revision, lesson_id=lesson.pk
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/civics/lesson/changes.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": lesson,
                "title": f"What changed in “{lesson}”",
                "version": version,
                "previous": previous,
                "changes": changes,
                "revert_url": reverse(
                    "admin:civics_lesson_revision",
                    args=[quote(lesson.pk), version.pk],
                ),
            },
        )

    @admin.action(description="Publish selected lessons", permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, published=True)

    @admin.action(description="Unpublish selected lessons", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, published=False)

    def _set_published(self, request, queryset, *, published):
        changing = queryset.exclude(published=published)
        history.keep_originals(changing)
        lessons = list(changing)
        now = timezone.now()
        Lesson.objects.filter(pk__in=[lesson.pk for lesson in lessons]).update(
            published=published, updated_at=now
        )
        page_cache.content_changed()
        done = "published" if published else "unpublished"
        for lesson in lessons:
            lesson.published, lesson.updated_at = published, now
            self.log_change(request, lesson, f"{done.capitalize()}.")
        message = ngettext(
            "%(count)d lesson %(done)s.", "%(count)d lessons %(done)s.", len(lessons)
        )
        self.message_user(request, message % {"count": len(lessons), "done": done})

    @admin.action(description="Duplicate selected lessons", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = []
        for lesson in queryset:
            copy = services.duplicate_lesson(lesson=lesson)
            self.log_addition(request, copy, f"Copied from “{lesson}”.")
            copies.append(copy)
        message = ngettext(
            "%(count)d lesson duplicated; the copy is an unpublished draft "
            "named “Copy of …”.",
            "%(count)d lessons duplicated; the copies are unpublished drafts "
            "named “Copy of …”.",
            len(copies),
        )
        self.message_user(request, message % {"count": len(copies)})

    @admin.display(description="Preview")
    def preview_link(self, lesson):
        return format_html(
            '<a href="{}">View as student<span class="visually-hidden">: {}</span></a>',
            reverse("civics:lesson_preview", kwargs={"slug": lesson.slug}),
            lesson.title,
        )


@admin.register(Quiz)
class QuizAdmin(QuizInterchangeMixin, ReportsRealChanges, admin.ModelAdmin):
    """A quiz's page, reached from its lesson's: the pass mark, and its
    questions listed with their kind, points and how many students answered
    each, to reorder and to open; new questions are added by kind, or
    imported from CSV or GIFT, and the quiz exported to both."""

    interchange_prefix = ""

    inlines = [QuestionRowInline]
    list_display = ("__str__", "pass_mark")
    list_select_related = ("lesson",)
    search_fields = ("lesson__title",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lesson")

    radio_fields = {"written_counts": admin.VERTICAL}

    def get_fields(self, request, obj=None):
        fields = ("pass_mark", "written_counts")
        return fields if obj else ("lesson", *fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lesson":
            kwargs["queryset"] = Lesson.objects.filter(quiz__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": [AUTHORING_CSS]}, js=[REORDER_JS]
        )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            add_question = reverse("admin:civics_question_add")
            context.update(
                title=f"Quiz of {obj.lesson.title}",
                subtitle=None,
                lesson_url=reverse("admin:civics_lesson_change", args=[obj.lesson_id]),
                add_question_links=[
                    (label, f"{add_question}?quiz={obj.pk}&kind={kind}")
                    for kind, label in QuestionKind.choices
                ],
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        # On to the new quiz's page, to add its questions.
        return redirect("admin:civics_quiz_change", obj.pk)

    # The quiz is part of its lesson, so an edit here is recorded in the
    # lesson's history.

    def save_model(self, request, obj, form, change):
        history.keep_originals(Lesson.objects.filter(pk=obj.lesson_id))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        done = self.construct_change_message(request, form, formsets, not change)
        what = LogEntry(change_message=json.dumps(done)).get_change_message()
        history.record(
            form.instance.lesson,
            user=request.user,
            comment=f"{'Changed' if change else 'Added'} the quiz on its page: "
            f"{what or 'no changes.'}",
        )

    def delete_model(self, request, obj):
        self.delete_queryset(request, Quiz.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        lessons = Lesson.objects.filter(quiz__in=queryset)
        history.keep_originals(lessons)
        lessons = list(lessons)
        super().delete_queryset(request, queryset)
        for lesson in lessons:
            history.record(lesson, user=request.user, comment="Deleted the quiz.")


@admin.register(Question)
class QuestionAdmin(ReportsRealChanges, admin.ModelAdmin):
    """The question editor, which shows what the question's kind needs: the
    kind comes from what was posted, else the question, else the quiz page's
    kind chooser (?kind=), so it works without JavaScript; with it, the parts
    of other kinds hide as the kind is changed."""

    form = QuestionAdminForm
    formfield_overrides = TEXT_FIELDS
    delete_confirmation_template = "admin/civics/question/delete_confirmation.html"
    list_display = ("__str__", "quiz", "kind", "position")
    list_filter = ("kind", "quiz__lesson__unit")
    list_select_related = ("quiz__lesson",)
    search_fields = ("prompt", "explanation", "quiz__lesson__title")
    ordering = ("quiz__lesson__unit__position", "quiz__lesson__position", "position")
    # "Save as new" copies a question, choices and all: the way to reuse one
    # students have answered, which cannot move (Question.clean).
    save_as = True

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": [AUTHORING_CSS]}, js=[REORDER_JS, KIND_JS]
        )

    def kind_of(self, request, obj=None):
        kind = request.POST.get("kind") if request.method == "POST" else None
        kind = kind or (obj.kind if obj else request.GET.get("kind"))
        return kind if kind in QuestionKind.values else QuestionKind.SINGLE

    def get_fields(self, request, obj=None):
        kind = self.kind_of(request, obj)
        fields = ["quiz", "kind", "objective", "prompt", "explanation", "points"]
        if kind == QuestionKind.NUMERIC:
            fields.append(("numeric_answer", "tolerance"))
        elif kind == QuestionKind.TRUE_FALSE:
            fields.append("true_false_answer")
        elif kind == QuestionKind.WRITTEN:
            fields.extend(["rubric", "model_answer"])
        return fields

    def get_inlines(self, request, obj):
        kind = self.kind_of(request, obj)
        # A question turned into one of these kinds shows its old choices,
        # to be deleted (numeric, written) or cut to two (true or false).
        was = obj.kind if obj else kind
        if kind in TYPED_KINDS:
            return [] if was in TYPED_KINDS else [ChoiceInline]
        if kind == QuestionKind.TRUE_FALSE:
            # A new one's choices are made on saving (save_related), as are
            # those of one that had none.
            if obj is None or was in TYPED_KINDS:
                return []
            return [TrueFalseChoiceInline] if was == kind else [ChoiceInline]
        if kind == QuestionKind.ORDERING:
            return [OrderingChoiceInline]
        return [ChoiceInline]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A question turned from a kind without choices into one with them
        was posted from a page without choice rows: its rows are taken as
        empty, so the choice rule asks for them and the page shows rows to
        fill in, rather than refusing a form that was never tampered with."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        data = kwargs.get("data")
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = str(NEW_CHOICE_ROWS)
            data[f"{prefix}-INITIAL_FORMS"] = "0"
            kwargs["data"] = data
        return kwargs

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quiz__lesson")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The quiz menu names each quiz by its lesson.
        if db_field.name == "quiz":
            kwargs["queryset"] = Quiz.objects.select_related("lesson")
            kwargs["help_text"] = (
                "A question students have answered stays in its quiz. To use "
                "it in another, choose that quiz and click “Save as new”."
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        quiz_id = str(getattr(obj, "quiz_id", None) or request.GET.get("quiz", ""))
        if quiz_id.isdigit():
            context["quiz_url"] = reverse("admin:civics_quiz_change", args=[quiz_id])
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def response_post_save_add(self, request, obj):
        return redirect("admin:civics_quiz_change", obj.quiz_id)

    def response_post_save_change(self, request, obj):
        return redirect("admin:civics_quiz_change", obj.quiz_id)

    # A question is part of its lesson's page, so an edit here is recorded in
    # the lesson's history (both lessons' when it moves to another quiz).

    def save_model(self, request, obj, form, change):
        history.keep_originals(self._lessons_of(obj, form))
        if not change:
            # A new question goes at the end of its quiz.
            last = obj.quiz.questions.aggregate(last=Max("position"))["last"]
            obj.position = 0 if last is None else last + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        question = form.instance
        if question.kind == QuestionKind.TRUE_FALSE:
            make_true_false_choices(question, form.cleaned_data["true_false_answer"])
        done = "Changed" if change else "Added"
        for lesson in self._lessons_of(question, form):
            history.record(
                lesson,
                user=request.user,
                comment=f"{done} question “{question}” in the question editor.",
            )

    def delete_view(self, request, object_id, extra_context=None):
        """A question students have submitted answers to cannot be deleted;
        one only open attempts have answered can, once the page has named
        the students whose draft answers go with it (their quizzes stay open
        without it)."""
        question = self.get_object(request, unquote(object_id))
        if question is None or not self.has_delete_permission(request, question):
            return super().delete_view(request, object_id, extra_context)
        in_the_way = history.answers_in_the_way(questions=[question.pk])
        if request.method == "POST" and not _drafts_confirmed(request, in_the_way):
            self.message_user(
                request,
                "Nothing was deleted: since the page was opened, more students "
                "have started answering this question. Check the names again.",
                messages.ERROR,
                extra_tags="error",
            )
            return redirect(request.path)
        request.drafts_named = True
        context = {"drafts_in_the_way": in_the_way, **(extra_context or {})}
        return super().delete_view(request, object_id, context)

    def get_deleted_objects(self, objs, request):
        """Only submitted answers protect a question, named by student; draft
        answers give way on the question's own delete page, which names their
        students (delete_view), and are discarded with it."""
        deleted, counts, perms_needed, _ = super().get_deleted_objects(objs, request)
        in_the_way = history.answers_in_the_way(questions=[q.pk for q in objs])
        protected = [str(loss) for loss in in_the_way.submitted]
        if not getattr(request, "drafts_named", False):
            protected += [f"{loss} (a draft)" for loss in in_the_way.drafts]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        self.delete_queryset(request, Question.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        lessons = Lesson.objects.filter(quiz__questions__in=queryset).distinct()
        history.keep_originals(lessons)
        lessons = list(lessons)
        names = ", ".join(f"“{question}”" for question in queryset)
        services.discard_draft_answers(questions=[question.pk for question in queryset])
        super().delete_queryset(request, queryset)
        for lesson in lessons:
            history.record(
                lesson,
                user=request.user,
                comment=f"Deleted in the question editor: {names}.",
            )

    def _lessons_of(self, question, form):
        quizzes = {question.quiz_id, form.initial.get("quiz")} - {None}
        return Lesson.objects.filter(quiz__in=quizzes)

    # Regrading: a teacher who fixed a wrong key chooses whether students'
    # past answers follow it (services.regrade); until then they keep the
    # key they were scored on.

    actions = ["regrade"]

    def get_urls(self):
        regrade = path(
            "<path:object_id>/regrade/",
            self.admin_site.admin_view(self.regrade_view),
            name="civics_question_regrade",
        )
        return [regrade, *super().get_urls()]

    @admin.action(
        description="Regrade past attempts with the current key…",
        permissions=["change"],
    )
    def regrade(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, "Choose one question to regrade at a time.", messages.ERROR
            )
            return None
        return redirect("admin:civics_question_regrade", quote(queryset.get().pk))

    def regrade_view(self, request, object_id):
        """A dry run of the regrade (how many answers, attempts and students
        it changes, whose score and whose mastery), then the regrade itself
        once confirmed, recorded as a Regrade and in the question's history."""
        question = self.get_object(request, unquote(object_id))
        if question is None:
            raise Http404
        if not self.has_change_permission(request, question):
            raise PermissionDenied
        change_url = reverse("admin:civics_question_change", args=[quote(question.pk)])
        try:
            if request.method == "POST":
                report = services.regrade(
                    question=question, by=request.user, now=timezone.now()
                )
                self.log_change(request, question, _regrade_message(report))
                self.message_user(request, _regrade_message(report))
                return redirect(change_url)
            report = services.regrade_plan(question)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(change_url)
        return TemplateResponse(
            request,
            "admin/civics/question/regrade.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": question,
                "title": f"Regrade past attempts at “{question}”",
                "report": report,
            },
        )


def _regrade_message(report):
    """What a regrade did, in a sentence for the teacher and the history."""
    if not report.answers:
        return "Regraded: every answer was scored on the current key already."
    words = [
        ngettext(
            "Regraded %(n)d answer on the current key",
            "Regraded %(n)d answers on the current key",
            report.answers,
        )
        % {"n": report.answers},
        ngettext(
            "%(n)d attempt's score changed",
            "%(n)d attempts' scores changed",
            len(report.attempts),
        )
        % {"n": len(report.attempts)},
    ]
    if report.mastery_gained:
        words.append(f"now mastered by {', '.join(report.mastery_gained)}")
    if report.mastery_lost:
        words.append(f"no longer mastered by {', '.join(report.mastery_lost)}")
    return "; ".join(words) + "."


@admin.register(Regrade)
class RegradeAdmin(ReadOnlyRecordAdmin, admin.ModelAdmin):
    """Read-only: a record of each regrade, written by services.regrade."""

    list_display = ("prompt", "regraded_by", "regraded_at")
    list_select_related = ("regraded_by",)
    ordering = ("-regraded_at",)


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyRecordAdmin, admin.ModelAdmin):
    """Read-only: scores come only from submit_attempt."""

    list_display = ("student", "quiz", "started_at", "submitted_at", "score")
    list_filter = ("quiz__lesson__unit",)
    list_select_related = ("student", "quiz__lesson")
    search_fields = ("student__username", "quiz__lesson__title")
    ordering = ("-started_at",)
