"""Two-factor sign-in for staff, on django-otp: an authenticator app (a TOTP
device) and ten recovery codes (a static device) per person, checked on the
server with no outside service. Who must use it is a setting
(STAFF_TWO_FACTOR, civics.rules.permissions.must_use_two_factor); the gate is
accounts.middleware.TwoFactorRequiredMiddleware."""

import math
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from civics.rules import permissions

RECOVERY_CODE_COUNT = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


class TooManyWrongCodes(Exception):
    """Codes are refused for a while after wrong ones (django-otp's throttle:
    1, 2, 4, 8 ... seconds after each wrong code in a row)."""

    def __init__(self, seconds):
        super().__init__(f"Codes are refused for {seconds} more seconds.")
        self.seconds = seconds


def is_required(user) -> bool:
    return permissions.must_use_two_factor(user, policy=settings.STAFF_TWO_FACTOR)


def has_app(user) -> bool:
    """Whether the user's authenticator app is set up; until it is, the setup
    page is theirs to open."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def app_being_set_up(*, user) -> TOTPDevice:
    """The app the setup page shows: the same key each time it is opened, so
    a code from an app that scanned it earlier still works."""
    device = (
        TOTPDevice.objects.devices_for_user(user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    device.user = user
    return device


def secret_for_typing(device) -> str:
    """The key as an app asks for it when typed in: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _check_throttle(device):
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = (details["locked_until"] - timezone.now()).total_seconds()
        raise TooManyWrongCodes(max(1, math.ceil(wait)))


def confirm_app(*, device, code) -> list[str] | None:
    """Sets up the app if `code` is one it shows now, with new recovery codes
    (returned, to be shown once); None if the code is wrong. Raises
    TooManyWrongCodes."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device.pk, confirmed=False)
            .first()
        )
        if device is None:
            # A simultaneous request set it up first.
            return None
        _check_throttle(device)
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
        return _new_recovery_codes(user_id=device.user_id)


def _new_recovery_codes(*, user_id) -> list[str]:
    StaticDevice.objects.filter(user_id=user_id).delete()
    device = StaticDevice.objects.create(user_id=user_id, name=RECOVERY_NAME)
    tokens = StaticToken.objects.bulk_create(
        StaticToken(device=device, token=StaticToken.random_token())
        for _ in range(RECOVERY_CODE_COUNT)
    )
    return [token.token for token in tokens]


def verify(*, user, code):
    """The device that accepts `code` (the app's 6 digits, or a recovery
    code, used up by this), or None. A wrong code counts against that device.
    Raises TooManyWrongCodes."""
    is_app_code = code.isascii() and code.isdigit() and len(code) == 6
    model = TOTPDevice if is_app_code else StaticDevice
    with transaction.atomic():
        device = (
            model.objects.devices_for_user(user, confirmed=True)
            .select_for_update()
            .order_by("pk")
            .first()
        )
        if device is None:
            return None
        _check_throttle(device)
        return device if device.verify_token(code) else None


def recovery_codes_left(device) -> int:
    return device.token_set.count()


def reset(*, user) -> None:
    """Forgets the user's app and recovery codes (a lost phone): they set up
    a new app at their next page, even in a session signed in already."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
