"""Two-factor sign-in for staff: after their password, an administrator (and
every teacher, with STAFF_TWO_FACTOR = "staff") gives a code from an
authenticator app, or a recovery code, before any other page; the first time,
they set the app up. Students never see any of it."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import (
    PASSWORD,
    make_authenticator,
    make_superuser,
    make_teacher,
)

pytestmark = pytest.mark.django_db

VERIFY = reverse("two_factor_verify")
SETUP = reverse("two_factor_setup")


def _code(device):
    """The next code the app shows that the device has not accepted yet: one
    code is accepted once, and the app moves on every 30 seconds."""
    device.refresh_from_db()
    now = int(time.time()) // device.step
    later = max(0, device.last_t + 1 - now)
    return f"{totp(device.bin_key, drift=device.drift + later):06d}"


def _wrong_code(device):
    """Six digits that no moment near now gives."""
    near = {totp(device.bin_key, drift=device.drift + d) for d in range(-2, 3)}
    return next(f"{n:06d}" for n in range(1_000_000) if n not in near)


def _log_in(client, user):
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def _verified(client):
    """Whether the client may open any page now (the course home is no
    redirect)."""
    return client.get(reverse("civics:course_home")).status_code == 200


def _set_up(client, user):
    """Sets up an authenticator app as the setup page asks; its device."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": _code(device)})
    return device


@pytest.fixture
def superuser():
    return make_superuser()


@pytest.fixture
def enrolled_superuser():
    """An administrator whose authenticator app is set up."""
    user = make_superuser()
    make_authenticator(user)
    return user


# Who is asked


def test_a_superuser_without_an_app_is_sent_to_set_one_up(client, superuser):
    _log_in(client, superuser)
    response = client.get(reverse("civics:course_home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert "Set up two-factor sign-in" in response.content.decode()


def test_a_superuser_with_an_app_is_asked_for_a_code_first(client, enrolled_superuser):
    _log_in(client, enrolled_superuser)
    response = client.get(reverse("civics:my_progress"))
    assert response.url == f"{VERIFY}?next={reverse('civics:my_progress')}"
    page = client.get(response.url).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in page


def test_a_teacher_is_not_asked_by_default(client, teacher):
    _log_in(client, teacher)
    assert client.get(reverse("teaching:classroom_list")).status_code == 200
    assert client.get(VERIFY).status_code == 404


def test_with_staff_two_factor_a_teacher_is_asked_too(client, teacher, settings):
    settings.STAFF_TWO_FACTOR = "staff"
    _log_in(client, teacher)
    response = client.get(reverse("teaching:classroom_list"), follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)


@pytest.mark.parametrize("policy", ["superusers", "staff"])
def test_students_are_never_asked(client, student, settings, policy):
    settings.STAFF_TWO_FACTOR = policy
    _log_in(client, student)
    assert client.get(reverse("civics:course_home")).status_code == 200
    assert client.get(VERIFY).status_code == 404
    assert client.get(SETUP).status_code == 404
    assert not TOTPDevice.objects.exists()


# Setting up


def test_the_setup_page_shows_a_qr_code_and_the_key_to_type(client, superuser):
    _log_in(client, superuser)
    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert '<svg role="img"' in page
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page


def test_the_setup_page_keeps_its_key_when_opened_again(client, superuser):
    _log_in(client, superuser)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=superuser).count() == 1


def test_the_first_right_code_sets_up_the_app_and_shows_ten_recovery_codes(
    client, superuser
):
    _log_in(client, superuser)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=superuser)
    response = client.post(SETUP, {"code": _code(device)})
    page = response.content.decode()
    tokens = StaticToken.objects.filter(device__user=superuser)
    assert response.status_code == 200
    assert "Print or write these down" in page
    assert tokens.count() == 10
    assert all(token.token in page for token in tokens)
    device.refresh_from_db()
    assert device.confirmed
    assert "no-store" in response["Cache-Control"]
    assert _verified(client)


def test_a_wrong_first_code_sets_up_nothing(client, superuser):
    _log_in(client, superuser)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=superuser)
    response = client.post(SETUP, {"code": _wrong_code(device)})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.exists()
    assert not _verified(client)


def test_with_an_app_set_up_the_setup_page_cannot_add_another(
    client, enrolled_superuser
):
    """Else a password alone would let anyone add their own app."""
    _log_in(client, enrolled_superuser)
    response = client.get(SETUP)
    assert response.url.startswith(VERIFY)
    response = client.post(SETUP, {"code": "123456"})
    assert response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=enrolled_superuser).count() == 1
    assert not _verified(client)


# Signing in with a code


def test_a_right_code_lets_them_in_where_they_were_going(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _log_in(client, enrolled_superuser)
    response = client.post(
        VERIFY, {"code": _code(device), "next": reverse("admin:index")}
    )
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused_and_counted(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _log_in(client, enrolled_superuser)
    response = client.post(VERIFY, {"code": _wrong_code(device)})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert not _verified(client)


def test_after_wrong_codes_even_the_right_one_waits(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _log_in(client, enrolled_superuser)
    client.post(VERIFY, {"code": _wrong_code(device)})
    # Three more wrong codes in a row: the next waits 8 seconds.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=4)
    response = client.post(VERIFY, {"code": _code(device)})
    assert response.status_code == 429
    assert "Too many wrong codes in a row. Wait 8 seconds" in response.content.decode()
    assert not _verified(client)


def test_once_the_wait_is_over_the_right_code_works(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _log_in(client, enrolled_superuser)
    client.post(VERIFY, {"code": _wrong_code(device)})
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=2)
    )
    client.post(VERIFY, {"code": _code(device)})
    assert _verified(client)


def test_a_code_is_accepted_once(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    code = _code(device)
    other = Client()
    _log_in(client, enrolled_superuser)
    _log_in(other, enrolled_superuser)
    client.post(VERIFY, {"code": code})
    other.post(VERIFY, {"code": code})
    assert _verified(client)
    assert not _verified(other)


def test_a_recovery_code_works_once(client, superuser):
    _log_in(client, superuser)
    _set_up(client, superuser)
    recovery = StaticToken.objects.filter(device__user=superuser).first().token
    client.post(reverse("logout"))

    _log_in(client, superuser)
    response = client.post(VERIFY, {"code": recovery.upper()}, follow=True)
    assert "9 recovery codes left" in response.content.decode()
    assert _verified(client)
    client.post(reverse("logout"))

    _log_in(client, superuser)
    response = client.post(VERIFY, {"code": recovery})
    assert "That code is not right" in response.content.decode()
    assert not _verified(client)


def test_a_code_from_elsewhere_never_leads_off_the_site(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _log_in(client, enrolled_superuser)
    response = client.post(
        VERIFY, {"code": _code(device), "next": "https://evil.example/"}
    )
    # An administrator may teach: they land on My classes, as after log-in.
    assert response.url == reverse("teaching:classroom_list")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"code": ""},
        {"code": "1" * 500},
        {"code": "12\x0034"},
        {"code": ["123456", "654321"]},
        {"code": "é" * 6},
        {"code": "²" * 6},
    ],
)
def test_a_forged_code_is_a_form_error(client, enrolled_superuser, data):
    _log_in(client, enrolled_superuser)
    response = client.post(VERIFY, data)
    assert response.status_code == 200
    assert not _verified(client)


def test_a_forged_first_code_is_a_form_error(client, superuser):
    _log_in(client, superuser)
    response = client.post(SETUP, {"code": "12\x0034"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


# What the gate covers


def test_the_admin_asks_for_the_code(client, enrolled_superuser):
    client.force_login(enrolled_superuser)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.url.startswith(VERIFY)


def test_the_admins_own_log_in_page_is_no_way_around_it(client, enrolled_superuser):
    response = client.post(
        f"{reverse('admin:login')}?next={reverse('admin:index')}",
        {
            "username": enrolled_superuser.username,
            "password": PASSWORD,
            "next": reverse("admin:index"),
        },
    )
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).url.startswith(VERIFY)


def test_log_in_log_out_health_and_static_files_are_never_gated(
    client, enrolled_superuser, settings
):
    _log_in(client, enrolled_superuser)
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("health")).status_code == 200
    assert client.get(f"{settings.STATIC_URL}css/site.css").status_code != 302
    response = client.post(reverse("logout"))
    assert response.url == reverse("civics:course_home")
    assert client.get(reverse("civics:my_progress")).url.startswith(reverse("login"))


def test_a_temporary_password_is_changed_after_the_code(client, enrolled_superuser):
    enrolled_superuser.must_change_password = True
    enrolled_superuser.save()
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _log_in(client, enrolled_superuser)
    assert client.get(reverse("password_change")).url.startswith(VERIFY)
    client.post(VERIFY, {"code": _code(device)})
    assert client.get(reverse("civics:course_home")).url == reverse("password_change")


# Resetting a lost phone


def _reset(client, users):
    return client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [u.pk for u in users]},
    )


def test_an_administrator_resets_a_teachers_two_factor(admin_client, settings):
    settings.STAFF_TWO_FACTOR = "staff"
    teacher = make_teacher()
    teacher_browser = Client()
    _log_in(teacher_browser, teacher)
    _set_up(teacher_browser, teacher)
    assert _verified(teacher_browser)

    response = _reset(admin_client, [teacher])
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert not StaticDevice.objects.filter(user=teacher).exists()
    assert LogEntry.objects.filter(object_id=str(teacher.pk)).exists()
    # Their session asks again, and they set up their new phone.
    response = teacher_browser.get(reverse("teaching:classroom_list"), follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)


def test_a_teacher_cannot_reset_anyones_two_factor(teacher_client, admin_user):
    make_authenticator(admin_user)
    response = _reset(teacher_client, [admin_user])
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_nobody_reads_a_secret_key_in_the_admin(admin_client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert device.key not in response.content.decode()


# The setting


PROJECT = Path(__file__).resolve().parent.parent


def _started_with(value):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="summit.settings")
    if value is not None:
        env["DJANGO_STAFF_TWO_FACTOR"] = value
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.STAFF_TWO_FACTOR)",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "policy"),
    [(None, "superusers"), ("staff", "staff"), (" Staff ", "staff")],
)
def test_who_must_use_two_factor_is_read_from_the_environment(value, policy):
    assert _started_with(value).stdout.strip() == policy


def test_an_unknown_two_factor_policy_refuses_to_start():
    result = _started_with("teachers")
    assert result.returncode != 0
    assert "DJANGO_STAFF_TWO_FACTOR" in result.stderr
