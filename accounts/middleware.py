"""A student whose teacher reset their password chooses a new one first; a
browser that has just logged in is known for that account from then on."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts import lockout

# Pages a user with a temporary password may still open.
ALLOWED_URL_NAMES = ("password_change", "logout")


class PasswordChangeRequiredMiddleware:
    """Sends a user flagged `must_change_password` to the password change
    page from every other page until they change it (they may log out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A visitor without a session cookie is never looked up: reading the
        # session would mark visitors' cached pages "Vary: Cookie".
        if settings.SESSION_COOKIE_NAME in request.COOKIES and getattr(
            request.user, "must_change_password", False
        ):
            allowed = [reverse(name) for name in ALLOWED_URL_NAMES]
            if request.path not in allowed and not request.path.startswith(
                settings.STATIC_URL
            ):
                return redirect("password_change")
        return self.get_response(request)


class KnownDeviceMiddleware:
    """Gives a browser that has just logged in its known-device cookie for
    the account (accounts.lockout), whichever page logged it in: the site's
    log-in, the admin's, or signing up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        username = getattr(request, "known_device_for", None)
        if username:
            lockout.remember_device(request, response, username)
        return response
