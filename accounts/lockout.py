"""The log-in lockout: wrong passwords stop guessing without stopping the owner.

django-axes counted wrong passwords per username and address. Behind a
school's proxy every student has the same address, so five wrong passwords
typed by a classmate for someone's username locked the owner out too, on
both log-in pages, for 15 minutes and as often as the classmate liked.
Counting per username alone would be worse (anyone anywhere could lock anyone
out), and per address alone would lock out a whole school.

So, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies",
the owner is told apart from the guesser by the browser, not the address. A
browser that has logged in to an account (or signed it up) carries a signed
known-device cookie for that account, and then:

- A known device counts its own wrong passwords for that account, and
  AXES_FAILURE_LIMIT of them lock that browser alone: someone guessing on the
  owner's own computer is stopped, and nobody else's guesses count against it.
- Every other browser at one address shares one count for the account, as
  before: guessing from the classmate's browser is stopped after five, and so
  is any browser at that address the account has not used, but not the
  owner's own. OWASP pools unknown browsers everywhere; the address stays in
  the count so that a classmate at school cannot also lock the owner out of a
  borrowed or shared computer at home.
- Password spraying, one password over many usernames, is caught by the
  address's own count: LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords from one
  address within the cool-off, whatever the usernames, pause log-ins from
  there in browsers the account typed has not used. Known devices are never
  paused, so one pupil spraying cannot stop the school. Refused attempts are
  not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so one
  account guessed without end adds at most five to its address.

A teacher's unlock, or an administrator's, forgets the account's wrong
passwords on every browser and lets it past its address's pause for the
cool-off (excuse_from_address_pause).

The cookie names no account. Each entry is a keyed hash of the username, a
random nonce that keeps this browser's count apart, and the day it was
issued, all signed with the site's secret key, so an entry cannot be forged
or moved to another account. An entry lasts KNOWN_DEVICE_DAYS from the last
log-in and survives logging out (it is about the browser, not the session);
a shared computer keeps the KNOWN_DEVICES_PER_BROWSER accounts that logged
in on it last. django-axes keeps a known device's wrong passwords with no
address and "known device <nonce>" as the browser: every other browser's
record has an address, so none can add to that count or share it, whatever
user agent it claims.
"""

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import get_random_string, salted_hmac

KNOWN_DEVICE_COOKIE = "known_device"
# A school year and its summer: a student's own Chromebook stays known.
KNOWN_DEVICE_DAYS = 365
# Each entry is about 50 characters; the cookie goes with every request.
KNOWN_DEVICES_PER_BROWSER = 10
KNOWN_DEVICE_BROWSER = "known device "
_SALT = "accounts.lockout.known_device"

# Which count refused a log-in, for the lockout page.
DEVICE, ACCOUNT, ADDRESS = "device", "account", "address"

# django-axes keeps at most this much of a username (a longer one is a 500
# on PostgreSQL). No account has a username that long.
RECORDED_USERNAME_LENGTH = AccessAttempt._meta.get_field("username").max_length


def attempted_username(request, credentials):
    """The username typed, as django-axes records it (AXES_USERNAME_CALLABLE),
    cut to the length its table keeps: the log-in form then gives its usual
    "enter a correct username and password" however long it was."""
    field = get_user_model().USERNAME_FIELD
    username = (credentials or request.POST).get(field)
    if isinstance(username, str):
        return username[:RECORDED_USERNAME_LENGTH]
    return username


# The known-device cookie.


def _user_key(username):
    return salted_hmac(_SALT, username.lower()).hexdigest()[:16]


def _today():
    return timezone.now().date().toordinal()


def _entries(request):
    """The browser's entries [user key, nonce, day issued], newest first,
    without any that are too old; [] for a missing or forged cookie."""
    try:
        entries = signing.loads(
            request.COOKIES.get(KNOWN_DEVICE_COOKIE, ""),
            salt=_SALT,
            max_age=timedelta(days=KNOWN_DEVICE_DAYS),
        )
    except signing.BadSignature:
        return []
    oldest = _today() - KNOWN_DEVICE_DAYS
    return [entry for entry in entries if entry[2] >= oldest]


def known_device(request, username):
    """This browser's nonce for `username`'s account if the account has logged
    in on it, else None."""
    if request is None or not username:
        return None
    key = _user_key(username)
    return next((nonce for user, nonce, _ in _entries(request) if user == key), None)


def remember_device(request, response, username):
    """Make the browser known for `username`'s account (keeping its nonce if
    it was already), newest first."""
    key = _user_key(username)
    others = [entry for entry in _entries(request) if entry[0] != key]
    nonce = known_device(request, username) or get_random_string(12)
    entries = [[key, nonce, _today()], *others][:KNOWN_DEVICES_PER_BROWSER]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        signing.dumps(entries, salt=_SALT),
        max_age=int(timedelta(days=KNOWN_DEVICE_DAYS).total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# Teachers and administrators let a student past an address's pause.


def _excuse_key(username):
    return f"lockout-excused:{_user_key(username)}"


def excuse_from_address_pause(username):
    """Let `username` log in past their address's pause for the cool-off:
    their teacher or an administrator has just unlocked them."""
    seconds = int(get_cool_off().total_seconds())
    cache.set(_excuse_key(username), True, timeout=seconds)


def _is_excused(username):
    return bool(username) and cache.get(_excuse_key(username), False)


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, counting as this module's docstring
    says (AXES_HANDLER)."""

    def filter_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        attempts = AccessAttempt.objects.filter(username=username)
        device = known_device(request, username)
        if device:
            browser = KNOWN_DEVICE_BROWSER + device
            return [attempts.filter(ip_address=None, user_agent=browser)]
        return [attempts.filter(ip_address=request.axes_ip_address)]

    def is_locked(self, request, credentials=None):
        request.lockout_reason = self._lockout_reason(request, credentials)
        return request.lockout_reason is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        device = known_device(request, get_client_username(request, credentials))
        if device:
            # Recorded apart from every other browser's wrong passwords.
            seen = request.axes_ip_address, request.axes_user_agent
            request.axes_ip_address = None
            request.axes_user_agent = KNOWN_DEVICE_BROWSER + device
            try:
                super().user_login_failed(sender, credentials, request, **kwargs)
            finally:
                request.axes_ip_address, request.axes_user_agent = seen
        else:
            super().user_login_failed(sender, credentials, request, **kwargs)
        # Refused before the password was checked: is_locked said why.
        if request.axes_locked_out:
            return None
        reason = self._lockout_reason(request, credentials)
        if reason:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            request.lockout_reason = reason
        return None

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        # accounts.middleware.KnownDeviceMiddleware sets the cookie.
        request.known_device_for = user.get_username()

    def _lockout_reason(self, request, credentials):
        username = get_client_username(request, credentials)
        device = known_device(request, username)
        if self.get_failures(request, credentials) >= get_failure_limit(
            request, credentials
        ):
            return DEVICE if device else ACCOUNT
        if (
            not device
            and self._address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
            and not _is_excused(username)
        ):
            return ADDRESS
        return None

    @staticmethod
    def _address_failures(request):
        """Wrong passwords from the request's address within the cool-off,
        whatever the usernames (a known device's have no address)."""
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, saying which count refused the log-in and what still
    works (AXES_LOCKOUT_CALLABLE)."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "reason": getattr(request, "lockout_reason", None) or ACCOUNT,
            "cooloff_minutes": int(get_cool_off(request).total_seconds() // 60),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
