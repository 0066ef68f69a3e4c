"""Course authoring for teachers: a lesson, its sources, its quiz, the quiz's
questions and their choices are all edited on the lesson's page."""

import nested_admin
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from civics import services
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
    pass


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


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("title", "position", "slug")
    list_editable = ("position",)
    search_fields = ("title", "summary")
    ordering = ("position",)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Lesson)
class LessonAdmin(nested_admin.NestedModelAdmin):
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
    prepopulated_fields = {"slug": ("title",)}
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

    @admin.action(description="Publish selected lessons", permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, published=True)

    @admin.action(description="Unpublish selected lessons", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, published=False)

    def _set_published(self, request, queryset, *, published):
        count = queryset.exclude(published=published).update(
            published=published, updated_at=timezone.now()
        )
        message = ngettext(
            "%(count)d lesson %(done)s.", "%(count)d lessons %(done)s.", count
        )
        done = "published" if published else "unpublished"
        self.message_user(request, message % {"count": count, "done": done})

    @admin.action(description="Duplicate selected lessons", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = [services.duplicate_lesson(lesson=lesson) for lesson in queryset]
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
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "quiz", "kind", "position")
    list_filter = ("kind", "quiz__lesson__unit")
    list_select_related = ("quiz__lesson",)
    search_fields = ("prompt", "explanation", "quiz__lesson__title")
    ordering = ("quiz__lesson__unit__position", "quiz__lesson__position", "position")
    fields = ("quiz", *QUESTION_FIELDS)
    inlines = [ChoiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quiz__lesson")


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Read-only: scores come only from submit_attempt."""

    list_display = ("student", "quiz", "started_at", "submitted_at", "score")
    list_filter = ("quiz__lesson__unit",)
    list_select_related = ("student", "quiz__lesson")
    search_fields = ("student__username", "quiz__lesson__title")
    ordering = ("-started_at",)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
