"""Records in the admin: rows the site writes (attempts, the log of changes
to students' accounts) that people read there and never add, edit or
delete, so that nothing but the site's own services changes them."""


class ReadOnlyRecordAdmin:
    """Mix in before admin.ModelAdmin: every field shown, none editable."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
