"""A teacher sets a class's work in a real browser: three lessons at once,
due at a time, then extra time for one student, which that student sees."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_classroom, make_lesson, make_student

pytestmark = pytest.mark.browser


def _shot(page, name):
    """Kept when SCREENSHOTS_DIR is set, for looking at the pages by eye."""
    if folder := os.environ.get("SCREENSHOTS_DIR"):
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_a_teacher_assigns_three_lessons_due_friday_and_gives_one_student_more_time(
    open_page, teacher, student
):
    classmate = make_student(username="zed")
    classroom = make_classroom(teacher=teacher, students=[student, classmate])
    titles = ["The Treaty Clause", "Executive agreements", "The Anchorage summit"]
    for title in [*titles, "Not this one"]:
        make_lesson(title=title)
    day = timezone.localdate() + timedelta(days=2)

    staff = open_page(teacher)
    staff.goto(classroom.get_absolute_url())
    for title in titles:
        staff.get_by_role("checkbox", name=title).check()
    staff.get_by_label("Due date").fill(day.isoformat())
    staff.get_by_label("Time").fill("08:30")
    staff.get_by_role("button", name="Assign").click()
    expect(staff.get_by_role("status")).to_contain_text(
        "Assigned The Treaty Clause, Executive agreements, The Anchorage summit, due"
    )
    grid = staff.get_by_role("table", name="Each student")
    for title in titles:
        expect(grid.get_by_role("columnheader", name=title)).to_contain_text("8:30 AM")
    expect(grid).not_to_contain_text("Not this one")
    _shot(staff, "assigned-three-lessons.png")

    staff.get_by_role("row", name=student.username).get_by_role(
        "link", name=student.username
    ).click()
    staff.get_by_role("link", name="Give extra time on The Treaty Clause").click()
    later = day + timedelta(days=3)
    staff.get_by_label("Due for this student").fill(later.isoformat())
    staff.get_by_label("Time").fill("15:00")
    staff.get_by_role("button", name="Give extra time").click()
    expect(staff.get_by_role("status")).to_contain_text(
        f"has until {later:%a} {later.day} {later:%b %Y}, 3:00 PM on The Treaty Clause"
    )
    expect(staff.get_by_role("row", name="The Treaty Clause")).to_contain_text(
        "extra time"
    )
    _shot(staff, "extra-time.png")

    pupil = open_page(student)
    pupil.goto("/")
    item = (
        pupil.get_by_role("region", name="Your assignments")
        .get_by_role("listitem")
        .filter(has_text="The Treaty Clause")
    )
    expect(item).to_contain_text("3:00 PM")
    expect(item).to_contain_text("(extra time)")
    other = open_page(classmate)
    other.goto("/")
    item = (
        other.get_by_role("region", name="Your assignments")
        .get_by_role("listitem")
        .filter(has_text="The Treaty Clause")
    )
    expect(item).to_contain_text("8:30 AM")
    expect(item).not_to_contain_text("extra time")
