from civics.rules import permissions


def roles(request):
    """What the navigation offers: the teacher area and the content editor,
    asked of the permission rules (which spare students any query). An error
    page drawn before the user is known offers neither."""
    if not hasattr(request, "user"):
        return {}
    return {
        "can_teach": permissions.can_teach(request.user),
        "can_edit_content": permissions.can_edit_content(request.user),
    }
