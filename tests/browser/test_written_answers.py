"""A written answer end to end, in a real browser: the student writes and
submits, reads the rubric and the model answer and scores themselves; their
teacher opens the result from the class's student page and scores it with a
comment; the student then sees the teacher's score."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from civics.kinds import QuestionKind
from tests.browser.audit import Audit
from tests.factories import make_classroom, make_question, make_quiz, make_student

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-pages")


def test_a_student_writes_and_scores_an_answer_and_their_teacher_scores_it(
    open_page, teacher, tmp_path
):
    teacher.first_name, teacher.last_name = "Ana", "Ruiz"
    teacher.save()
    devon = make_student(username="devon_k", first_name="Devon", last_name="K")
    classroom = make_classroom(teacher=teacher, students=[devon], name="Period 3")
    quiz = make_quiz(questions=1)
    make_question(
        quiz=quiz,
        kind=QuestionKind.WRITTEN,
        points=3,
        position=2,
        prompt="How does the Senate check the President's treaty power?",
        rubric="Names the Senate's role\nGives the two-thirds rule\nGives an example",
        model_answer="The President makes treaties.\nTwo-thirds of the "
        "senators present must consent.",
    )
    audit = Audit(tmp_path)

    pupil = open_page(devon)
    pupil.goto(quiz.lesson.get_absolute_url())
    pupil.get_by_role("button", name="Take the quiz").click()
    expect(pupil.get_by_role("main")).to_contain_text("Written answers count")
    pupil.get_by_role("radio").first.check()
    written = pupil.get_by_role("textbox", name="2. How does the Senate")
    written.fill("The Senate must agree.\nTwo-thirds vote yes.")
    expect(pupil.get_by_text("Saved · 2 of 2 answered")).to_be_visible()
    pupil.get_by_role("button", name="Submit answers").click()

    main = pupil.get_by_role("main")
    expect(main).to_contain_text("Not scored yet")
    expect(main).to_contain_text("Two-thirds of the senators present must consent.")
    audit.check(pupil, "results with a written answer", pupil.content())
    rubric = pupil.get_by_role("group", name="Score your answer")
    rubric.get_by_label("Names the Senate's role").check()
    rubric.get_by_label("Gives the two-thirds rule").check()
    pupil.get_by_role("button", name="Save my score").click()
    expect(main).to_contain_text("Your score is saved.")
    expect(main).to_contain_text("Your score: 2 of 3 criteria")
    for width in (1280, 360):
        pupil.set_viewport_size({"width": width, "height": 900})
        pupil.screenshot(path=SHOTS / f"student-{width}.png", full_page=True)

    staff = open_page(teacher)
    staff.goto(reverse("teaching:student_detail", args=[classroom.pk, devon.pk]))
    staff.get_by_role(
        "link", name=re.compile(r"^Score written answer \(1\)")
    ).first.click()
    expect(staff.get_by_role("main")).to_contain_text(
        "Devon K.\u2019s own score: 2 of 3"
    )
    audit.check(staff, "a student's written answer", staff.content())
    scoring = staff.get_by_role("group", name="Score Devon K.\u2019s answer")
    scoring.get_by_label("Names the Senate's role").check()
    staff.get_by_label("Comment for the student").fill("Give an example next time.")
    staff.get_by_role("button", name="Save score").click()
    expect(staff.get_by_role("main")).to_contain_text(
        "Score saved; Devon K. sees it with their results."
    )
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.screenshot(path=SHOTS / "teacher-1280.png", full_page=True)

    pupil.reload()
    expect(main).to_contain_text("Your teacher\u2019s score: 1 of 3 criteria")
    expect(main).to_contain_text("Give an example next time.")
    expect(main).to_contain_text("Scored by Ana Ruiz")
    expect(pupil.get_by_role("button", name="Save my score")).to_have_count(0)
    for width in (1280, 360):
        pupil.set_viewport_size({"width": width, "height": 900})
        pupil.screenshot(path=SHOTS / f"student-scored-{width}.png", full_page=True)
    audit.validate()
    assert not audit.problems, audit.report()
