"""Classes in the admin, for administrators: when a teacher leaves, an
administrator hands each class on by changing its teacher, and the class
keeps its enrolments, assignments, notes and every student's work."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from civics.rules.permissions import TEACH_PERMISSION
from teaching.models import Assignment, Classroom, Enrolment


class AdministratorsOnly:
    """Teachers hold the teaching permissions so that they can run their own
    classes from /teach/; in the admin those would show them every teacher's
    classes and students, so only administrators see these pages."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class EnrolmentInline(AdministratorsOnly, admin.TabularInline):
    model = Enrolment
    fields = ("student", "joined_at")
    raw_id_fields = ("student",)
    extra = 0


class AssignmentInline(AdministratorsOnly, admin.TabularInline):
    model = Assignment
    fields = ("lesson", "due_at")
    extra = 0


@admin.register(Classroom)
class ClassroomAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("name", "teacher", "join_code", "student_count", "archived_at")
    list_filter = (("archived_at", admin.EmptyFieldListFilter),)
    list_select_related = ("teacher",)
    search_fields = ("name", "teacher__username", "join_code")
    ordering = ("teacher__username", "name")
    fields = ("name", "teacher", "join_code", "archived_at")
    readonly_fields = ("join_code",)
    inlines = (EnrolmentInline, AssignmentInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(student_count=Count("enrolments"))

    @admin.display(description="students", ordering="student_count")
    def student_count(self, classroom):
        return classroom.student_count

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A class goes to a teacher: someone who holds the teaching
        permission, through the Teachers group or their own."""
        if db_field.name == "teacher":
            app_label, codename = TEACH_PERMISSION.split(".")
            holds = Q(
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app_label,
            ) | Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(holds | Q(is_superuser=True))
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
