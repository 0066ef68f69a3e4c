"""Log-in lockouts in the admin: administrators see who wrong passwords lock
out, under that name, and unlock them; teachers never see the list."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import AccountAction, LoginLockout
from tests.factories import PASSWORD, make_student, make_teacher

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:accounts_loginlockout_changelist"


def _lockout(username, *, failures=5, minutes_ago=0, address="127.0.0.1"):
    lockout = LoginLockout.objects.create(
        username=username,
        ip_address=address,
        user_agent="test",
        failures_since_start=failures,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    # attempt_time is set on creation (auto_now_add); move it back afterwards.
    LoginLockout.objects.filter(pk=lockout.pk).update(
        attempt_time=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return lockout


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _unlock(client, lockouts):
    return client.post(
        reverse(CHANGELIST),
        {"action": "unlock", "_selected_action": [lockout.pk for lockout in lockouts]},
    )


def test_admin_lists_lockouts_under_a_plain_name(admin_client):
    _lockout("devon_k", address="203.0.113.7")
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Log-in lockouts" in index
    assert "Access attempts" not in index
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    for heading in ("Username", "Address", "Wrong passwords", "Last attempt"):
        assert heading in page
    assert "devon_k" in page
    assert "203.0.113.7" in page
    assert '<td class="field-wrong_passwords">5</td>' in page


def test_axes_own_admin_pages_are_gone():
    with pytest.raises(NoReverseMatch):
        reverse("admin:axes_accessattempt_changelist")


@pytest.mark.parametrize(
    ("failures", "minutes_ago", "locked_out"),
    [
        (5, 0, True),
        (5, 14, True),
        (4, 0, False),  # one more wrong password to go
        (5, 16, False),  # the 15-minute cool-off is over
    ],
)
def test_each_row_says_in_plain_words_whether_it_locks_out_now(
    admin_client, failures, minutes_ago, locked_out
):
    lockout = _lockout("devon_k", failures=failures, minutes_ago=minutes_ago)
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    if locked_out:
        assert '<td class="field-status">Yes, until ' in page
    else:
        assert '<td class="field-status">No</td>' in page
    detail = reverse("admin:accounts_loginlockout_change", args=[lockout.pk])
    assert ("Yes, until" in admin_client.get(detail).content.decode()) is locked_out


def test_lockouts_in_force_come_first_then_the_latest(admin_client):
    _lockout("ended", minutes_ago=30)
    _lockout("locked", minutes_ago=10)
    _lockout("nearly", failures=2)
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    usernames = re.findall(r'class="field-username"><a [^>]*>([^<]+)</a>', page)
    assert usernames == ["locked", "nearly", "ended"]


def test_the_list_says_how_a_lockout_ends(admin_client):
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert "lock it out until 15 minutes after the last of them" in page
    assert "30 wrong passwords from one address, whatever the usernames" in page


def test_unlock_action_lets_the_student_log_in_again(client, admin_client):
    make_student(username="devon_k")
    for _ in range(5):
        _login(client, "devon_k", "wrong")
    assert _login(client, "devon_k", PASSWORD).status_code == 429
    response = _unlock(admin_client, LoginLockout.objects.all())
    assert response.status_code == 302
    assert not LoginLockout.objects.exists()
    assert _login(client, "devon_k", PASSWORD).status_code == 302


def test_unlocking_a_student_is_recorded_on_their_account(admin_client, admin_user):
    devon = make_student(username="devon_k")
    # Typed in another case, still Devon's account.
    lockout = _lockout("Devon_K")
    _unlock(admin_client, [lockout])
    record = AccountAction.objects.get()
    assert (record.actor, record.student, record.action) == (
        admin_user,
        devon,
        AccountAction.Kind.UNLOCK,
    )
    logged = LogEntry.objects.get()
    assert (logged.action_flag, logged.object_repr) == (
        DELETION,
        "Devon_K from 127.0.0.1",
    )


def test_unlocking_a_teacher_or_an_unknown_name_records_no_change_to_a_student(
    admin_client,
):
    teacher = make_teacher()
    lockouts = [_lockout(teacher.username), _lockout("nobody_by_that_name")]
    _unlock(admin_client, lockouts)
    assert not LoginLockout.objects.exists()
    assert not AccountAction.objects.exists()
    assert LogEntry.objects.count() == 2


def test_unlocking_leaves_the_lockouts_not_selected(admin_client):
    make_student(username="devon_k")
    selected = _lockout("devon_k", address="203.0.113.7")
    _lockout("devon_k", address="198.51.100.2")
    _lockout("someone_else")
    _unlock(admin_client, [selected])
    assert sorted(LoginLockout.objects.values_list("username", "ip_address")) == [
        ("devon_k", "198.51.100.2"),
        ("someone_else", "127.0.0.1"),
    ]


def test_the_only_action_is_unlock(admin_client):
    _lockout("devon_k")
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert "Unlock selected log-in lockouts" in page
    assert 'value="delete_selected"' not in page


def test_deleting_a_lockout_from_its_page_unlocks_and_records_it(admin_client):
    make_student(username="devon_k")
    lockout = _lockout("devon_k")
    url = reverse("admin:accounts_loginlockout_delete", args=[lockout.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not LoginLockout.objects.exists()
    assert AccountAction.objects.get().action == AccountAction.Kind.UNLOCK


def test_lockouts_cannot_be_added_or_edited(admin_client):
    lockout = _lockout("devon_k", failures=2)
    assert admin_client.get(reverse("admin:accounts_loginlockout_add")).status_code == (
        403
    )
    url = reverse("admin:accounts_loginlockout_change", args=[lockout.pk])
    assert admin_client.post(url, {"failures_since_start": "0"}).status_code == 403
    lockout.refresh_from_db()
    assert lockout.failures_since_start == 2


def test_teacher_cannot_see_lockouts_in_admin(teacher_client):
    lockout = _lockout("devon_k")
    assert "Log-in lockouts" not in (
        teacher_client.get(reverse("admin:index")).content.decode()
    )
    assert teacher_client.get(reverse(CHANGELIST)).status_code == 403
    assert _unlock(teacher_client, [lockout]).status_code == 403
    assert LoginLockout.objects.exists()


def test_the_list_costs_the_same_queries_for_one_lockout_and_thirty(
    admin_client, django_assert_num_queries
):
    # The administrator, the authenticator app they gave a code from (every
    # page of a two-factor session reads it), the count of rows (twice:
    # filtered and in all, as every admin list does), the rows.
    _lockout("first")
    with django_assert_num_queries(5):
        admin_client.get(reverse(CHANGELIST))
    for n in range(29):
        _lockout(f"student{n}")
    with django_assert_num_queries(5):
        admin_client.get(reverse(CHANGELIST))
