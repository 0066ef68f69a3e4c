"""Users in the admin, with the two privacy actions an administrator needs
when a family asks: hand over a student's data, or delete it, and the reset
of a lost phone's two-factor sign-in. And the log-in lockouts, which an
administrator lifts for anyone."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import formats, timezone

from accounts import services, two_factor
from accounts.models import AccountAction, LoginLockout, User
from civics.admin_records import ReadOnlyRecordAdmin
from civics.rules import permissions


@admin.register(User)
class SiteUserAdmin(UserAdmin):
    actions = ["export_data", "delete_students", "reset_two_factor"]
    change_user_password_template = "admin/accounts/user/change_password.html"

    def user_change_password(self, request, id, form_url=""):
        """A password an administrator sets for someone else is one that
        person did not choose, as after a teacher's reset: they are asked to
        choose their own when they next log in. An administrator's own
        password is theirs."""
        user = self.get_object(request, unquote(id))
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and user and user.pk != request.user.pk:
                # Only when this request saved a new password (its hash
                # changed) that logs in, not when it disabled password log-in.
                saved = User.objects.filter(pk=user.pk).exclude(password=user.password)
                saved.exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX).update(
                    must_change_password=True
                )
        return response

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

    @admin.action(
        description="Reset two-factor sign-in of selected users", permissions=["change"]
    )
    def reset_two_factor(self, request, queryset):
        """For a lost phone, or used-up recovery codes: their authenticator
        app and recovery codes are forgotten, and they set up a new app at
        their next page, even if signed in already."""
        users = list(queryset)
        with transaction.atomic():
            for user in users:
                two_factor.reset(user=user)
                self.log_change(request, user, "Reset two-factor sign-in.")
        self.message_user(
            request,
            f"Reset two-factor sign-in of {len(users)} user(s): each sets up an "
            "authenticator app again at their next page.",
            messages.SUCCESS,
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


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    """Who wrong passwords lock out now, or may soon. django-axes writes
    these records, so nobody adds or edits them here; deleting one is
    unlocking, recorded like a teacher's unlock."""

    list_display = ("username", "address", "wrong_passwords", "last_attempt", "status")
    search_fields = ("username", "ip_address")
    fields = readonly_fields = (
        "username",
        "address",
        "browser",
        "wrong_passwords",
        "last_attempt",
        "status",
    )
    actions = ["unlock"]

    def get_queryset(self, request):
        # Not super(): it orders the rows before `in_force` exists.
        return LoginLockout.objects.with_in_force(now=timezone.now()).order_by(
            *self.get_ordering(request)
        )

    def get_ordering(self, request):
        return ("-in_force", "-attempt_time")

    def get_actions(self, request):
        # "Unlock selected" does what Django's delete action would, recorded.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request,
            {
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
                "cooloff_minutes": int(
                    settings.AXES_COOLOFF_TIME.total_seconds() // 60
                ),
                **(extra_context or {}),
            },
        )

    @admin.display(description="address", ordering="ip_address")
    def address(self, lockout):
        return lockout.ip_address

    @admin.display(description="browser")
    def browser(self, lockout):
        return lockout.user_agent

    @admin.display(description="wrong passwords", ordering="failures_since_start")
    def wrong_passwords(self, lockout):
        return lockout.failures_since_start

    @admin.display(description="last attempt", ordering="attempt_time")
    def last_attempt(self, lockout):
        return formats.localize(timezone.localtime(lockout.attempt_time))

    @admin.display(description="locked out now", ordering="in_force")
    def status(self, lockout):
        if not lockout.in_force:
            return "No"
        ends_at = formats.time_format(timezone.localtime(lockout.ends_at))
        return f"Yes, until {ends_at}"

    @admin.action(
        description="Unlock selected %(verbose_name_plural)s", permissions=["delete"]
    )
    def unlock(self, request, queryset):
        """Lets them log in again at once, without waiting out the cool-off."""
        with transaction.atomic():
            self.log_deletions(request, queryset)
            count = services.unlock_logins(actor=request.user, lockouts=queryset)
        self.message_user(
            request,
            f"Unlocked {count} log-in lockout(s): they can log in again now.",
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        services.unlock_logins(
            actor=request.user, lockouts=LoginLockout.objects.filter(pk=obj.pk)
        )
