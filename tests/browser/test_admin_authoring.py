"""A teacher writes a quiz of every kind in the admin, from an empty lesson,
at 1280 pixels: no page scrolls sideways."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from civics.models import Attempt, Lesson

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}


# What scrolls sideways: the page, or a box of it (the admin lets wide
# tables scroll inside their own box).
WIDE_BOXES = """() => {
  const wide = [];
  const page = document.documentElement.scrollWidth;
  if (page > window.innerWidth) wide.push(`the page is ${page} px wide`);
  for (const box of document.querySelectorAll("body *")) {
    const overflow = getComputedStyle(box).overflowX;
    if ((overflow === "auto" || overflow === "scroll")
        && box.scrollWidth > box.clientWidth + 1) {
      wide.push(`${box.tagName.toLowerCase()}#${box.id}.${box.className} `
        + `holds ${box.scrollWidth} px in ${box.clientWidth}`);
    }
  }
  return wide;
}"""


def _fits(page, problems):
    problems += [f"{page.url}: {wide}" for wide in page.evaluate(WIDE_BOXES)]


def _add_question(page, problems, kind, prompt, fill):
    page.get_by_role("link", name=kind, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add question")
    page.get_by_label("Prompt").fill(prompt)
    page.get_by_label("Explanation").fill(f"Why: {prompt}")
    fill(page)
    _fits(page, problems)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def _choices(*texts, correct=()):
    def fill(page):
        for n, text in enumerate(texts):
            page.locator(f'[name="choices-{n}-text"]').fill(text)
            if n in correct:
                page.locator(f'[name="choices-{n}-is_correct"]').check()

    return fill


def _ordering(page):
    for n, text in enumerate(["Ratified", "Negotiated", "Signed"]):
        page.locator(f'[name="choices-{n}-text"]').fill(text)
    rows = page.locator("#choices-group tbody tr.form-row")
    # "Ratified" goes last: down twice, by its buttons.
    rows.nth(0).get_by_role("button", name="Move down").click()
    rows.nth(1).get_by_role("button", name="Move down").click()


def _numeric(page):
    page.get_by_label("Numeric answer").fill("67")


def test_a_teacher_writes_a_quiz_of_every_kind_from_an_empty_lesson(open_page, teacher):
    call_command("load_curriculum", stdout=StringIO())
    lesson = Lesson.objects.get(slug="treaty-clause")
    lesson.quiz.delete()
    staff = open_page(teacher, viewport=DESKTOP)
    problems = []

    staff.goto("/admin/civics/lesson/")
    _fits(staff, problems)
    staff.get_by_role("link", name=lesson.title, exact=True).click()
    _fits(staff, problems)
    staff.get_by_role("link", name="Add a quiz").click()
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(
        f"Quiz of {lesson.title}"
    )

    questions = [
        (
            "Single choice",
            "Who ratifies treaties?",
            _choices("The Senate", "The House", "The Court", correct=[0]),
        ),
        (
            "Multiple select",
            "Which take part in a treaty?",
            _choices("The President", "The Senate", "The Court", correct=[0, 1]),
        ),
        (
            "True or false",
            "A treaty needs a simple majority.",
            lambda page: page.get_by_label("False", exact=True).check(),
        ),
        ("Put in order", "Put a treaty's steps in order.", _ordering),
        ("Numeric answer", "How many senators make two-thirds of 100?", _numeric),
    ]
    for kind, prompt, fill in questions:
        _add_question(staff, problems, kind, prompt, fill)
        _fits(staff, problems)

    # Another kind picked on a new question's page lays it out for that kind,
    # keeping what was typed.
    staff.get_by_role("link", name="Single choice", exact=True).click()
    staff.get_by_label("Prompt").fill("Changed my mind?")
    staff.get_by_label("Kind").select_option(label="Numeric answer")
    expect(staff.get_by_label("Numeric answer")).to_be_visible()
    expect(staff.get_by_label("Prompt")).to_have_value("Changed my mind?")
    expect(staff.locator('[name="choices-TOTAL_FORMS"]')).to_have_count(0)
    staff.get_by_role("link", name="Back to the quiz").click()

    rows = staff.locator("#questions-group tbody tr.form-row")
    expect(rows).to_have_count(5)
    expect(rows.nth(2)).to_contain_text("True or false")
    staff.get_by_role("link", name="Edit: Put a treaty's steps in order.").click()
    _fits(staff, problems)
    items = [
        staff.locator(f'[name="choices-{n}-text"]').input_value() for n in range(3)
    ]
    assert items == ["Negotiated", "Signed", "Ratified"]

    quiz = Lesson.objects.get(pk=lesson.pk).quiz
    kinds = [question.kind for question in quiz.questions.all()]
    assert kinds == ["single", "multiple", "true_false", "ordering", "numeric"]
    true_false = quiz.questions.get(kind="true_false")
    assert [(c.text, c.is_correct) for c in true_false.choices.all()] == [
        ("True", False),
        ("False", True),
    ]
    assert not problems, "\n".join(problems)

    # The student's-eye view, quiz included, as a dry run that records nothing.
    staff.goto(reverse("civics:lesson_preview", args=[lesson.slug]))
    expect(staff.get_by_role("heading", level=1)).to_have_text(lesson.title)
    staff.get_by_role("link", name="Take the quiz").click()
    for question in quiz.questions.all():
        expect(staff.get_by_role("main")).to_contain_text(question.prompt)
    staff.get_by_role("button", name="Submit answers").click()
    staff.get_by_role("button", name="Submit anyway").click()
    expect(staff.get_by_role("heading", name="Your score")).to_be_visible()
    assert not Attempt.objects.exists()
