"""The paper quiz and its answer key as a teacher prints them."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from civics.kinds import QuestionKind
from tests.browser.audit import Audit, axe_violations
from tests.factories import OTHER_KINDS, make_lesson, make_quiz

pytestmark = pytest.mark.browser


def test_a_teacher_prints_the_quiz_and_its_key_without_the_sites_menus(
    open_page, teacher, tmp_path
):
    quiz = make_quiz(
        lesson=make_lesson(title="Treaty Clause"), questions=1, kinds=OTHER_KINDS
    )
    ordering = quiz.questions.get(kind=QuestionKind.ORDERING)
    numeric = quiz.questions.get(kind=QuestionKind.NUMERIC)
    audit = Audit(tmp_path)
    page = open_page(teacher)
    sheet = reverse("civics:quiz_print", args=[quiz.lesson.slug])
    key = reverse("civics:answer_key", args=[quiz.lesson.slug])

    # On screen: the whole page, checked as every page is.
    audit.visit(page, "paper quiz", sheet)
    audit.visit(page, "answer key", key)

    page.emulate_media(media="print")
    page.goto(sheet)
    expect(page.get_by_role("heading", level=1)).to_have_text("Treaty Clause")
    expect(page.locator("body > header")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_text("Print this page")).to_be_hidden()
    expect(page.get_by_text(ordering.prompt)).to_be_visible()
    expect(page.get_by_text("Number the items from 1 (first) to 3")).to_be_visible()
    expect(page.get_by_text(numeric.prompt)).to_be_visible()
    expect(page.get_by_text(numeric.explanation)).to_have_count(0)
    controls = page.locator(".paper-quiz").locator("input, select, textarea, button")
    expect(controls).to_have_count(0)
    problems = axe_violations(page)

    page.goto(key)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Answer key: Treaty Clause"
    )
    expect(page.locator("body > header")).to_be_hidden()
    expect(page.get_by_text(numeric.explanation)).to_be_visible()
    expect(page.get_by_text("Answer: 66")).to_be_visible()
    problems += axe_violations(page)

    assert not problems, problems
    assert not audit.problems, audit.report()
