"""A teacher gives one student another try at an assigned quiz, in a real
browser: confirmed first, then the dashboard and the student's home say so."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.audit import Audit
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
)

pytestmark = pytest.mark.browser


def test_a_teacher_resets_one_students_quiz_and_both_see_the_fresh_start(
    open_page, teacher, tmp_path
):
    devon = make_student(username="devon_k", first_name="Devon", last_name="K")
    classroom = make_classroom(teacher=teacher, students=[devon], name="Period 3")
    quiz = make_quiz(questions=2)
    title = quiz.lesson.title
    make_assignment(
        classroom=classroom,
        lesson=quiz.lesson,
        due_at=timezone.now() + timedelta(days=7),
    )
    make_submitted_attempt(student=devon, quiz=quiz)
    audit = Audit(tmp_path)
    staff = open_page(teacher)

    student_page = reverse("teaching:student_detail", args=[classroom.pk, devon.pk])
    staff.goto(student_page)
    staff.get_by_role("link", name=f"Another try… at {title}").click()
    expect(staff.get_by_role("main")).to_contain_text(
        "their 1 submitted attempt no longer counts"
    )
    audit.check(staff, "another try confirmation", staff.content())
    staff.get_by_role("button", name="Give Devon K. another try").click()
    expect(staff.get_by_role("status")).to_contain_text(
        f"Devon K. starts {title} afresh: their 1 submitted attempt stays in "
        "their history."
    )
    audit.visit(staff, "student page after another try", student_page)
    expect(staff.get_by_role("table", name="Each time Devon K.")).to_contain_text(title)
    attempts = staff.get_by_role("table", name="Every quiz and review")
    expect(attempts).to_contain_text("100% (mastered)")

    staff.goto(classroom.get_absolute_url())
    row = staff.get_by_role("row", name="Devon K. (devon_k)")
    expect(row).to_contain_text("Not started")
    expect(row).to_contain_text("0 attempts")
    expect(row).to_contain_text("another try since")

    pupil = open_page(devon)
    pupil.goto(reverse("civics:course_home"))
    expect(pupil.get_by_role("region", name="Your assignments")).to_contain_text(
        "Another try from your teacher"
    )
    audit.validate()
    assert not audit.problems, audit.report()
