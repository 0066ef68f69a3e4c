"""Course authoring for teachers: a lesson, its sources, its quiz, the quiz's
questions and their choices are all edited on the lesson's page, and every
edit is kept in the lesson's history (civics.history), from which a teacher
can see what changed and restore an earlier version."""

import nested_admin
import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from civics import history, page_cache, services
from civics.admin_interchange import QuizInterchangeMixin
from civics.admin_records import ReadOnlyRecordAdmin
from civics.forms import LessonAdminForm
from civics.models import (
    Attempt,
    Choice,
    KeyTerm,
    Lesson,
    Question,
    Quiz,
    Source,
    Unit,
)
from civics.rules.authoring import validate_choices


class ChoiceFormSetMixin:
    """Checks the choices of one question together, as the authoring rule asks."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        validate_choices(
            self.instance.kind,
            choice_count=len(kept),
            correct_count=sum(1 for data in kept if data.get("is_correct")),
        )


class ChoiceFormSet(ChoiceFormSetMixin, BaseInlineFormSet):
    pass


class NestedChoiceFormSet(
    ChoiceFormSetMixin, nested_admin.formsets.NestedInlineFormSet
):
    def get_queryset(self):
        """The question's choices as QuestionInline prefetched them, rather
        than a query per question of the lesson. A saved form is read as
        nested_admin reads it, by the choices posted, so that a choice dragged
        here from another question is checked as a move (Choice.clean)."""
        if self.instance.pk is None or self.is_bound:
            return super().get_queryset()
        return self.instance.choices.all()


CHOICE_FIELDS = ("position", "text", "is_correct", "feedback")


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    fields = CHOICE_FIELDS
    extra = 0


class NestedChoiceInline(nested_admin.NestedTabularInline):
    model = Choice
    formset = NestedChoiceFormSet
    fields = CHOICE_FIELDS
    extra = 0
    sortable_field_name = "position"


QUESTION_FIELDS = (
    "position",
    "kind",
    "prompt",
    "explanation",
    "points",
    ("numeric_answer", "tolerance"),
)


class QuestionInline(nested_admin.NestedStackedInline):
    model = Question
    fields = QUESTION_FIELDS
    inlines = [NestedChoiceInline]
    extra = 0
    sortable_field_name = "position"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices")


class QuizInline(nested_admin.NestedStackedInline):
    model = Quiz
    fields = ("pass_mark",)
    inlines = [QuestionInline]
    extra = 0
    max_num = 1


class SourceInline(nested_admin.NestedTabularInline):
    model = Source
    fields = ("position", "title", "url")
    extra = 0
    sortable_field_name = "position"
    # A bare "senate.gov" typed by a teacher becomes an https link.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class KeyTermInline(nested_admin.NestedTabularInline):
    model = KeyTerm
    fields = ("position", "term", "definition")
    extra = 0
    sortable_field_name = "position"


# A lesson's history holds the lesson and every part edited on its page, so
# restoring a version puts the whole page back. Registered before LessonAdmin:
# VersionAdmin would otherwise register Lesson itself, following only its
# direct inlines and so missing the quiz's questions and choices.
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
SLUG_SCRIPTS = {
    "admin/js/urlify.js",
    "admin/js/prepopulate.js",
    "admin/js/vendor/xregexp/xregexp.js",
    "admin/js/vendor/xregexp/xregexp.min.js",
}


@admin.register(Lesson)
class LessonAdmin(VersionAdmin, nested_admin.NestedModelAdmin):
    """The one-page lesson editor. VersionAdmin saves each change form as a
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
    inlines = [SourceInline, KeyTermInline, QuizInline]
    # The change page links to the student's-eye preview instead (see
    # templates/admin/civics/lesson/change_form.html): the lesson page itself
    # would count a teacher's visit as reading it.
    view_on_site = False
    object_history_template = "admin/civics/lesson/object_history.html"
    history_latest_first = True

    @property
    def media(self):
        """The editor's scripts without the admin's slug-from-title ones
        (xregexp alone is 46 KB of the 150 KB a page may weigh, issue #10):
        LessonAdminForm makes the slug from the title when it is left empty."""
        media = super().media
        return forms.Media(
            css=media._css,
            js=[script for script in media._js if script not in SLUG_SCRIPTS],
        )

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
        restore it; a version that would delete what students have answered,
        or move back a question or choice answered since it moved, is refused
        with a message, and nothing changes."""
        lesson = self.get_object(request, unquote(object_id))
        if lesson is not None:
            if not self.has_view_or_change_permission(request, lesson):
                raise PermissionDenied
            version = get_object_or_404(
                Version.objects.get_for_object(lesson), pk=version_id
            )
            refusal = self._restore_refusal(version.revision, lesson)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return redirect("admin:civics_lesson_history", quote(lesson.pk))
            extra_context = {
                "changes_url": reverse(
                    "admin:civics_lesson_changes",
                    args=[quote(lesson.pk), version.revision_id],
                ),
                **(extra_context or {}),
            }
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted lesson is brought back as its last version, unless that
        would move back a question or choice answered since it moved."""
        version = get_object_or_404(
            Version.objects.get_for_model(Lesson), pk=version_id
        )
        refusal = self._restore_refusal(version.revision)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return redirect("admin:civics_lesson_recoverlist")
        return super().recover_view(request, version_id, extra_context)

    def _restore_refusal(self, revision, lesson=None):
        """Why restoring `revision` (over `lesson`, if it still exists) would
        take something from students' answered attempts, or None."""
        lost = lesson and history.answered_parts_missing_from(revision, lesson)
        if lost:
            return (
                "This version cannot be restored: it does not have "
                f"{', '.join(lost)}, which students have answered, and "
                "restoring it would delete them and their answers. Nothing "
                "was changed. Edit the lesson instead, or restore a later "
                "version."
            )
        moved = history.answered_parts_moved_by(revision)
        if moved:
            message = ngettext(
                "This version cannot be restored: students have answered "
                "%(names)s where it is now, and restoring this version would "
                "move it back to where it was. Nothing was changed. Copy it "
                "instead, or restore a later version.",
                "This version cannot be restored: students have answered "
                "%(names)s where they are now, and restoring this version would "
                "move them back to where they were. Nothing was changed. Copy "
                "them instead, or restore a later version.",
                len(moved),
            )
            return message % {"names": ", ".join(moved)}
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


@admin.register(Question)
class QuestionAdmin(QuizInterchangeMixin, admin.ModelAdmin):
    list_display = ("__str__", "quiz", "kind", "position")
    list_filter = ("kind", "quiz__lesson__unit")
    list_select_related = ("quiz__lesson",)
    search_fields = ("prompt", "explanation", "quiz__lesson__title")
    ordering = ("quiz__lesson__unit__position", "quiz__lesson__position", "position")
    fields = ("quiz", *QUESTION_FIELDS)
    inlines = [ChoiceInline]
    # "Save as new" copies a question, choices and all: the way to reuse one
    # students have answered, which cannot move (Question.clean).
    save_as = True

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

    # A question is part of its lesson's page, so an edit here is recorded in
    # the lesson's history (both lessons' when it moves to another quiz).

    def save_model(self, request, obj, form, change):
        history.keep_originals(self._lessons_of(obj, form))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        done = "Changed" if change else "Added"
        for lesson in self._lessons_of(form.instance, form):
            history.record(
                lesson,
                user=request.user,
                comment=f"{done} question “{form.instance}” in the question editor.",
            )

    def delete_model(self, request, obj):
        self.delete_queryset(request, Question.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        lessons = Lesson.objects.filter(quiz__questions__in=queryset).distinct()
        history.keep_originals(lessons)
        lessons = list(lessons)
        names = ", ".join(f"“{question}”" for question in queryset)
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


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyRecordAdmin, admin.ModelAdmin):
    """Read-only: scores come only from submit_attempt."""

    list_display = ("student", "quiz", "started_at", "submitted_at", "score")
    list_filter = ("quiz__lesson__unit",)
    list_select_related = ("student", "quiz__lesson")
    search_fields = ("student__username", "quiz__lesson__title")
    ordering = ("-started_at",)
