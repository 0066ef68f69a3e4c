"""The log-in lockout (accounts/lockout.py): wrong passwords stop guessing
without stopping the owner. A browser that has logged in to an account is
known for it, and counts its own wrong passwords; every other browser at an
address shares one count for the account; and an address where many
accounts get wrong passwords is paused for unknown browsers. The same on
the site's log-in page and the admin's."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.lockout import KNOWN_DEVICE_COOKIE
from accounts.models import LoginLockout
from tests.factories import PASSWORD, make_classroom, make_student, make_teacher

pytestmark = pytest.mark.django_db

# The site's log-in page and the admin's; a teacher may use either.
LOGIN_PAGES = ["login", "admin:login"]
SCHOOL = "203.0.113.7"
HOME = "198.51.100.2"


def _browser(address=SCHOOL):
    return Client(REMOTE_ADDR=address)


def _log_in(browser, username, password, page="login"):
    return browser.post(reverse(page), {"username": username, "password": password})


def _guess(browser, username, times, page="login"):
    return [_log_in(browser, username, "wrong", page).status_code for _ in range(times)]


def _known_browser(user, page="login", address=SCHOOL):
    """A browser `user` has logged in on before, and logged out of."""
    browser = _browser(address)
    assert _log_in(browser, user.username, PASSWORD, page).status_code == 302
    browser.post(reverse("logout"))
    return browser


@pytest.fixture
def owner(db):
    return make_teacher(username="ms_rivera")


# A classmate cannot lock the owner out of a browser they have used.


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_a_classmates_wrong_passwords_do_not_stop_the_owner_on_a_known_device(
    owner, page
):
    owners_laptop = _known_browser(owner, page)
    assert _guess(_browser(), owner.username, 5, page)[-1] == 429
    assert _log_in(owners_laptop, owner.username, PASSWORD, page).status_code == 302


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_guessing_from_the_classmates_browser_is_still_stopped_after_five(owner, page):
    classmate = _browser()
    assert _guess(classmate, owner.username, 5, page) == [200, 200, 200, 200, 429]
    locked = _log_in(classmate, owner.username, PASSWORD, page)
    assert locked.status_code == 429
    assert "Too many log-in attempts" in locked.content.decode()
    # Any other browser unknown to the account at that address shares the count.
    assert _log_in(_browser(), owner.username, PASSWORD, page).status_code == 429


def test_the_owners_log_in_does_not_give_the_classmate_fresh_guesses(owner):
    owners_laptop = _known_browser(owner)
    classmate = _browser()
    _guess(classmate, owner.username, 4)
    assert _log_in(owners_laptop, owner.username, PASSWORD).status_code == 302
    assert _guess(classmate, owner.username, 1) == [429]


def test_a_browser_known_for_another_account_gives_no_head_start(owner):
    classmate = _known_browser(make_student(username="jo"))
    assert _guess(classmate, owner.username, 5)[-1] == 429


@pytest.mark.parametrize("cookie", ["garbage", "", "e30:1abc:bad-signature"])
def test_a_made_up_device_cookie_is_ignored(owner, cookie):
    classmate = _browser()
    classmate.cookies[KNOWN_DEVICE_COOKIE] = cookie
    assert _guess(classmate, owner.username, 5) == [200, 200, 200, 200, 429]


def test_a_device_cookie_copied_to_another_account_is_ignored(owner):
    classmate = _known_browser(make_student(username="jo"))
    # Signed for jo: presenting it while typing the owner's name earns nothing.
    stolen = classmate.cookies[KNOWN_DEVICE_COOKIE].value
    other = _browser()
    other.cookies[KNOWN_DEVICE_COOKIE] = stolen
    assert _guess(other, owner.username, 5)[-1] == 429


def test_wrong_passwords_on_a_known_device_lock_that_device_only(owner):
    owners_laptop = _known_browser(owner)
    assert _guess(owners_laptop, owner.username, 5)[-1] == 429
    locked = _log_in(owners_laptop, owner.username, PASSWORD)
    assert locked.status_code == 429
    assert "on this browser" in locked.content.decode()
    assert _log_in(_browser(HOME), owner.username, PASSWORD).status_code == 302


def test_the_lockout_page_tells_the_owner_their_own_computer_still_works(owner):
    locked = _guess(_browser(), owner.username, 5)
    assert locked[-1] == 429
    page = _log_in(_browser(), owner.username, PASSWORD).content.decode()
    assert "where you have logged in to this account before" in page


def test_the_device_cookie_is_kept_from_scripts_and_names_nobody(owner):
    response = _log_in(_browser(), owner.username, PASSWORD)
    cookie = response.cookies[KNOWN_DEVICE_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 300 * 24 * 60 * 60
    assert owner.username not in cookie.value


def test_the_device_cookie_is_secure_where_the_session_cookie_is(owner, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = _log_in(_browser(), owner.username, PASSWORD)
    assert response.cookies[KNOWN_DEVICE_COOKIE]["secure"]


def test_one_browser_stays_known_for_each_account_that_used_it(owner):
    shared = _known_browser(owner)
    jo = make_student(username="jo")
    assert _log_in(shared, "jo", PASSWORD).status_code == 302
    shared.post(reverse("logout"))
    _guess(_browser(), owner.username, 5)
    _guess(_browser(), "jo", 5)
    assert _log_in(shared, owner.username, PASSWORD).status_code == 302
    shared.post(reverse("logout"))
    assert _log_in(shared, jo.username, PASSWORD).status_code == 302


def test_signing_up_makes_the_browser_known(owner):
    browser = _browser()
    browser.post(
        reverse("signup"),
        {"username": "new_kid", "password1": PASSWORD, "password2": PASSWORD},
    )
    browser.post(reverse("logout"))
    _guess(_browser(), "new_kid", 5)
    assert _log_in(browser, "new_kid", PASSWORD).status_code == 302


# Password spraying: one password over many usernames from one address.


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_spraying_one_password_over_40_usernames_from_one_address_is_paused(page):
    statuses = [
        _log_in(_browser(), f"pupil{n}", "Summer2026!", page).status_code
        for n in range(40)
    ]
    assert statuses[:29] == [200] * 29
    assert statuses[29:] == [429] * 11
    paused = _log_in(_browser(), "pupil40", "Summer2026!", page)
    page_text = paused.content.decode()
    assert "from this network" in page_text
    assert "ask your teacher" in page_text


def test_the_pause_stops_unknown_browsers_at_that_address_only(owner):
    owners_laptop = _known_browser(owner)
    for n in range(30):
        _log_in(_browser(), f"pupil{n}", "Summer2026!")
    assert _log_in(_browser(), owner.username, PASSWORD).status_code == 429
    assert _log_in(owners_laptop, owner.username, PASSWORD).status_code == 302
    assert _log_in(_browser(HOME), owner.username, PASSWORD).status_code == 302


def test_wrong_passwords_for_one_account_never_pause_the_address(owner):
    # Guessing one account stops at its own lockout, however long it goes on.
    _guess(_browser(), owner.username, 60)
    assert _log_in(_browser(), make_student().username, PASSWORD).status_code == 302


def test_a_whole_class_mistyping_once_each_is_not_paused():
    students = [make_student() for _ in range(35)]
    for student in students[:25]:
        _log_in(_browser(), student.username, "typo")
    for student in students:
        assert _log_in(_browser(), student.username, PASSWORD).status_code == 302


# Teachers and administrators still unlock.


@pytest.fixture
def devon(db):
    return make_student(username="devon_k")


@pytest.fixture
def classroom(owner, devon):
    return make_classroom(teacher=owner, students=[devon])


def _teacher_unlocks(teacher, classroom, student):
    browser = Client()
    browser.force_login(teacher)
    url = reverse("teaching:student_unlock", args=[classroom.pk, student.pk])
    assert browser.post(url, {"confirm": "yes"}).status_code == 302


def _admin_unlocks(admin_client, rows):
    response = admin_client.post(
        reverse("admin:accounts_loginlockout_changelist"),
        {"action": "unlock", "_selected_action": [row.pk for row in rows]},
    )
    assert response.status_code == 302


def test_a_teachers_unlock_ends_a_known_devices_lockout(owner, classroom, devon):
    devons_chromebook = _known_browser(devon)
    _guess(devons_chromebook, "devon_k", 5)
    _teacher_unlocks(owner, classroom, devon)
    assert _log_in(devons_chromebook, "devon_k", PASSWORD).status_code == 302


def test_a_teachers_unlock_lets_a_student_past_the_addresss_pause(
    owner, classroom, devon
):
    for n in range(30):
        _log_in(_browser(), f"pupil{n}", "Summer2026!")
    assert _log_in(_browser(), "devon_k", PASSWORD).status_code == 429
    _teacher_unlocks(owner, classroom, devon)
    assert _log_in(_browser(), "devon_k", PASSWORD).status_code == 302
    assert _log_in(_browser(), make_student().username, PASSWORD).status_code == 429


def test_an_admins_unlock_ends_a_known_devices_lockout(admin_client, owner):
    owners_laptop = _known_browser(owner)
    _guess(owners_laptop, owner.username, 5)
    _admin_unlocks(admin_client, LoginLockout.objects.filter(username=owner.username))
    assert _log_in(owners_laptop, owner.username, PASSWORD).status_code == 302


def test_an_admins_unlock_of_an_addresss_rows_lifts_its_pause(admin_client):
    for n in range(30):
        _log_in(_browser(), f"pupil{n}", "Summer2026!")
    student = make_student()
    assert _log_in(_browser(), student.username, PASSWORD).status_code == 429
    _admin_unlocks(admin_client, LoginLockout.objects.filter(ip_address=SCHOOL))
    assert _log_in(_browser(), student.username, PASSWORD).status_code == 302


def test_the_admin_list_tells_a_known_devices_rows_apart(admin_client, owner):
    _guess(_known_browser(owner), owner.username, 5)
    page = admin_client.get(
        reverse("admin:accounts_loginlockout_changelist")
    ).content.decode()
    assert "known device" in page
    assert '<td class="field-status">Yes, until ' in page


# A username longer than django-axes keeps.


@pytest.mark.parametrize("page", LOGIN_PAGES)
@pytest.mark.parametrize("length", [151, 255, 256, 1000])
def test_a_very_long_username_gets_the_forms_usual_error(page, length):
    response = _log_in(_browser(), "a" * length, "wrong", page)
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
