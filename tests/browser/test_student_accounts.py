"""A teacher helps a student who forgot their password or locked themselves
out, in real browsers, and each new page passes the accessibility audit."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.audit import Audit
from tests.factories import PASSWORD, make_classroom, make_student

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
NEW_PASSWORD = "my-Own-new-passphrase-3"


def _log_in(page, username, password):
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_teacher_resets_a_forgotten_password_and_the_student_chooses_a_new_one(
    open_page, teacher, tmp_path
):
    devon = make_student(username="devon_k", first_name="Devon", last_name="K")
    classroom = make_classroom(teacher=teacher, students=[devon], name="Period 3")
    audit = Audit(tmp_path)
    staff = open_page(teacher, viewport=PHONE)
    pupil = open_page(viewport=PHONE)

    staff.goto(classroom.get_absolute_url())
    staff.get_by_role("link", name="Devon K. (devon_k)").first.click()
    staff.get_by_role("link", name="Reset Devon K.\u2019s password").click()
    expect(staff.get_by_role("main")).to_contain_text(
        "will have to choose a new password when they next log in"
    )
    audit.check(staff, "reset confirmation", staff.content())
    audit.submit(
        staff,
        "temporary password",
        staff.get_by_role("button", name="Reset the password"),
    )
    temporary = staff.locator("code.temporary-password").inner_text()

    _log_in(pupil, "devon_k", PASSWORD)
    expect(pupil.get_by_role("main")).to_contain_text("enter a correct username")
    _log_in(pupil, "devon_k", temporary)
    expect(pupil.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    audit.check(pupil, "password change", pupil.content())
    pupil.goto(reverse("civics:my_progress"))
    expect(pupil.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    pupil.locator('input[name="old_password"]').fill(temporary)
    pupil.locator('input[name="new_password1"]').fill(NEW_PASSWORD)
    pupil.locator('input[name="new_password2"]').fill(NEW_PASSWORD)
    pupil.get_by_role("button", name="Save my new password").click()
    expect(pupil.get_by_role("status")).to_contain_text("Your new password is saved")
    pupil.goto(reverse("civics:my_progress"))
    expect(pupil.get_by_role("heading", level=1)).to_have_text("My progress")
    pupil.get_by_role("link", name="Your name").click()
    audit.check(pupil, "your name", pupil.content())

    staff.get_by_role("link", name="Back to Devon K.").click()
    staff.get_by_role("link", name="Change Devon K.\u2019s name").click()
    audit.check(staff, "student name", staff.content())

    audit.validate()
    assert not audit.problems, audit.report()


def test_a_teacher_unlocks_a_student_locked_out_by_wrong_passwords(
    open_page, teacher, tmp_path
):
    devon = make_student(username="devon_k", first_name="Devon", last_name="K")
    classroom = make_classroom(teacher=teacher, students=[devon], name="Period 3")
    audit = Audit(tmp_path)
    staff = open_page(teacher)
    pupil = open_page()

    for _ in range(5):
        _log_in(pupil, "devon_k", "not-my-password")
    _log_in(pupil, "devon_k", PASSWORD)
    expect(pupil.get_by_role("heading", level=1)).to_have_text(
        "Too many log-in attempts"
    )

    staff.goto(reverse("teaching:student_detail", args=[classroom.pk, devon.pk]))
    staff.get_by_role("link", name="Unlock Devon K.\u2019s account").click()
    expect(staff.get_by_role("main")).to_contain_text("Devon K. is locked out")
    audit.check(staff, "unlock confirmation", staff.content())
    staff.get_by_role("button", name="Unlock the account").click()
    expect(staff.get_by_role("status")).to_contain_text("Devon K. can log in again")

    _log_in(pupil, "devon_k", PASSWORD)
    expect(pupil.get_by_role("heading", level=1)).not_to_have_text(
        "Too many log-in attempts"
    )
    pupil.goto(reverse("civics:my_progress"))
    expect(pupil.get_by_role("heading", level=1)).to_have_text("My progress")
    assert not audit.problems, audit.report()
