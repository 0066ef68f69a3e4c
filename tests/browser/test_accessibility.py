"""Every page type, as the people who use it see it on a phone, passes
axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules and the Nu Html Checker, fits
the screen's width, has a lang and one h1, a skip link that works, a visible
focus on every control and its form errors tied to their fields.

At 360 pixels wide rather than a desktop's width: that is where reflow (WCAG
1.4.10), target sizes and scrolling tables are put to the test; the pages
show the same content at every width. One test walks them all, so the data
is seeded and the checker started once.
"""

import pytest
from django.urls import reverse

from tests.browser.audit import Audit
from tests.browser.demo import seed_demo

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_every_page_type_is_accessible_and_valid(open_page, transactional_db, tmp_path):
    demo = seed_demo()
    classroom = demo.classroom
    audit = Audit(tmp_path)

    visitor = open_page(viewport=PHONE)
    audit.visit(visitor, "course home, visitor", reverse("civics:course_home"))
    audit.visit(visitor, "lesson, visitor", demo.every_kind.get_absolute_url())
    audit.visit(visitor, "glossary", reverse("civics:glossary"))
    audit.visit(visitor, "sign-up", reverse("signup"))
    audit.submit(
        visitor, "sign-up with errors", visitor.get_by_role("button", name="Sign up")
    )
    audit.visit(visitor, "log-in", reverse("login"))
    audit.visit(visitor, "tools", reverse("tools:index"))
    calculator = reverse("tools:vote_calculator")
    audit.visit(visitor, "vote calculator", f"{calculator}?voting=100&yes=67")
    audit.visit(visitor, "vote calculator with errors", f"{calculator}?voting=120")
    walk = reverse("tools:handshake_walk")
    audit.visit(visitor, "handshake walk", walk)
    audit.visit(visitor, "handshake walk, treaty route", f"{walk}?route=treaty")
    audit.visit(visitor, "summit timeline", reverse("tools:summit_timeline"))

    student = open_page(demo.student, viewport=PHONE)
    audit.visit(student, "course home, student", reverse("civics:course_home"))
    audit.visit(student, "lesson, student", demo.every_kind.get_absolute_url())
    audit.submit(student, "quiz", student.get_by_role("button", name="Take the quiz"))
    number = student.get_by_role("main").get_by_role("textbox").first
    number.fill("lots")
    submit = student.get_by_role("button", name="Submit answers")
    audit.submit(student, "quiz with errors", submit)
    number.fill("")
    audit.submit(student, "quiz asking to confirm unanswered questions", submit)
    audit.visit(student, "results", demo.result.get_absolute_url())
    audit.visit(student, "my progress", reverse("civics:my_progress"))
    audit.visit(student, "join a class", reverse("teaching:join"))
    audit.submit(
        student, "join a class with errors", student.get_by_role("button", name="Join")
    )

    teacher = open_page(demo.teacher, viewport=PHONE)
    audit.visit(teacher, "class list", reverse("teaching:classroom_list"))
    audit.visit(teacher, "class dashboard", classroom.get_absolute_url())
    audit.visit(
        teacher,
        "student drill-down",
        reverse("teaching:student_detail", args=[classroom.pk, demo.student.pk]),
    )
    audit.visit(
        teacher,
        "question analysis",
        reverse(
            "teaching:item_analysis", args=[classroom.pk, demo.result.quiz.lesson_id]
        ),
    )
    audit.visit(teacher, "a student's results", demo.result.get_absolute_url())
    audit.visit(
        teacher,
        "lesson preview",
        reverse("civics:lesson_preview", args=[demo.every_kind.slug]),
    )

    audit.validate()
    assert not audit.problems, audit.report()
