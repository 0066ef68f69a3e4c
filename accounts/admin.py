"""Users in the admin, with the two privacy actions an administrator needs
when a family asks: hand over a student's data, or delete it."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse

from accounts import services
from accounts.models import AccountAction, User
from civics.admin_records import ReadOnlyRecordAdmin
from civics.rules import permissions


@admin.register(User)
class SiteUserAdmin(UserAdmin):
    actions = ["export_data", "delete_students"]

    @admin.action(
        description="Export data of selected users (JSON)", permissions=["change"]
    )
    def export_data(self, request, queryset):
        """One JSON file with everything the site holds about each user."""
        response = JsonResponse(
            [services.export_student_data(student=user) for user in queryset],
            safe=False,
            json_dumps_params={"indent": 2, "ensure_ascii": False},
        )
        response["Content-Disposition"] = 'attachment; filename="student-data.json"'
        return response

    @admin.action(
        description="Delete selected students and their data", permissions=["delete"]
    )
    def delete_students(self, request, queryset):
        """Asks first, listing everything that will go; then deletes each
        student with all their work, or none if any is not a student."""
        others = [
            user.username for user in queryset if not permissions.is_student(user)
        ]
        if others:
            self.message_user(
                request,
                f"Nothing was deleted: {', '.join(others)} teach or administer the "
                "site. Select students only.",
                messages.ERROR,
            )
            return None
        if request.POST.get("post") == "yes":
            return self._delete_students(request, queryset)
        deletable, model_count, _, _ = self.get_deleted_objects(queryset, request)
        return TemplateResponse(
            request,
            "admin/accounts/user/delete_students_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Delete students and their data",
                "opts": self.model._meta,
                "queryset": queryset,
                "deletable_objects": [deletable],
                "model_count": dict(model_count).items(),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _delete_students(self, request, queryset):
        students = list(queryset)
        try:
            with transaction.atomic():
                self.log_deletions(request, queryset)
                for student in students:
                    services.delete_student(student=student)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        self.message_user(
            request,
            f"Deleted {len(students)} student(s) and all their data.",
            messages.SUCCESS,
        )
        return None


@admin.register(AccountAction)
class AccountActionAdmin(ReadOnlyRecordAdmin, admin.ModelAdmin):
    """What teachers did to students' accounts from their class pages: a
    record to read, so nobody adds, edits or deletes it here."""

    list_display = ("created_at", "actor", "action", "student")
    list_filter = ("action",)
    search_fields = ("actor__username", "student__username")
    list_select_related = ("actor", "student")
    date_hierarchy = "created_at"
