"""A teacher's way through the site in a real browser, with a student
working alongside in a browser of their own."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_classroom, make_quiz, make_student

pytestmark = pytest.mark.browser


def test_a_teacher_edits_a_lesson_runs_a_class_and_sees_a_students_attempt(
    open_page, teacher, student
):
    quiz = make_quiz(questions=2)
    lesson = quiz.lesson
    staff = open_page(teacher)
    pupil = open_page(student)

    staff.goto(f"/admin/civics/lesson/{lesson.pk}/change/")
    staff.get_by_label("Title").fill("Treaties and the Senate")
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("was changed successfully")
    pupil.goto(lesson.get_absolute_url())
    expect(pupil.get_by_role("heading", level=1)).to_have_text(
        "Treaties and the Senate"
    )

    staff.get_by_role("link", name="View site").click()
    staff.get_by_role("link", name="My classes").click()
    staff.get_by_label("Class name").fill("Civics, period 3")
    staff.get_by_role("button", name="Create class").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Civics, period 3")
    code = staff.locator("code.join-code").inner_text()
    staff.get_by_role("checkbox", name="Treaties and the Senate").check()
    staff.get_by_role("button", name="Assign").click()

    pupil.get_by_role("link", name="Join a class").click()
    pupil.get_by_label("Class code").fill(code)
    pupil.get_by_role("button", name="Join").click()
    expect(pupil.get_by_role("status")).to_contain_text("Civics, period 3")
    pupil.get_by_role("link", name="Treaties and the Senate").first.click()
    pupil.get_by_role("button", name="Take the quiz").click()
    for question in quiz.questions.all():
        pupil.get_by_label(question.choices.first().text, exact=True).check()
    pupil.get_by_role("button", name="Submit answers").click()
    expect(pupil.get_by_role("heading", name="Your score")).to_contain_text("100%")

    staff.reload()
    row = staff.get_by_role("row", name=student.username)
    expect(row).to_contain_text("Mastered")
    expect(row).to_contain_text("100% best")
    row.get_by_role("link", name=student.username).click()
    attempts = staff.get_by_role("table", name="Every quiz and review")
    expect(attempts).to_contain_text("Treaties and the Senate")
    expect(attempts).to_contain_text("100% (mastered)")


def test_a_teacher_removes_one_student_from_the_roster(open_page, teacher, student):
    """Each student's removal link leads to a page that says what happens to
    their work; only its button removes them."""
    stays = make_student(username="zed")
    classroom = make_classroom(teacher=teacher, students=[student, stays])
    staff = open_page(teacher)
    staff.goto(classroom.get_absolute_url())
    remove = f"Remove {student.username} from class"
    staff.get_by_role("link", name=remove).click()
    expect(staff.get_by_role("main")).to_contain_text("can rejoin with the class code")
    staff.get_by_role("button", name=f"Remove {student.username}").click()
    expect(staff.get_by_role("status")).to_contain_text(
        f"{student.username} has left {classroom.name}"
    )
    expect(staff.get_by_role("link", name=remove)).to_have_count(0)
    expect(staff.get_by_role("link", name="Remove zed from class")).to_be_visible()
