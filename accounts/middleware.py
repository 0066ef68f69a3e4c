"""Gates that come before every other page: two-factor sign-in for staff who
must use it, then a new password for a student whose teacher reset theirs;
and a browser that has just logged in is known for that account from then
on."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from accounts import lockout, two_factor

# Pages a user with a temporary password may still open. The two-factor
# pages come first: a temporary password is changed after the code.
ALLOWED_URL_NAMES = (
    "password_change",
    "logout",
    "two_factor_verify",
    "two_factor_setup",
)

# Pages open before the two-factor code: signing in (on the site or the
# admin, which leads nowhere unverified), out, and the load balancers' check.
BEFORE_TWO_FACTOR_URL_NAMES = (
    "two_factor_verify",
    "two_factor_setup",
    "login",
    "logout",
    "admin:login",
    "admin:logout",
    "health",
)


def _has_session(request):
    # A visitor without a session cookie is never looked up: reading the
    # session would mark visitors' cached pages "Vary: Cookie".
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class TwoFactorRequiredMiddleware:
    """Sends staff who must use two-factor sign-in (accounts.two_factor) and
    have not given a code in this session to give one, or to set up their
    app first, from every page but signing in and out. It covers the admin,
    so the admin's own log-in page is no way around it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            _has_session(request)
            and two_factor.is_required(request.user)
            and not request.path.startswith(settings.STATIC_URL)
            and request.path not in [reverse(n) for n in BEFORE_TWO_FACTOR_URL_NAMES]
            and not request.user.is_verified()
        ):
            return redirect_to_login(
                request.get_full_path(), reverse("two_factor_verify")
            )
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Sends a user flagged `must_change_password` to the password change
    page from every other page until they change it (they may log out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request) and getattr(
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
