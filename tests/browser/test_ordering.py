"""Put-in-order questions answered by moving the items (static/js/ordering.js):
by keyboard with the Up and Down buttons, which say where the item went, by
dragging with the mouse, and saved as the student goes. Without JavaScript
the numbered selects are the question, as before."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from civics.kinds import QuestionKind
from civics.services import start_attempt
from tests.browser.audit import axe_violations, structure_problems
from tests.browser.keys import tab_to
from tests.factories import make_quiz

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def quiz(transactional_db):
    """One put-in-order question of four items, listed in their right order."""
    return make_quiz(questions=0, choices=4, kinds=(QuestionKind.ORDERING,))


def _items(quiz):
    """The item texts in their right order."""
    return [choice.text for choice in quiz.questions.get().choices.all()]


def _question(page, quiz):
    return page.get_by_role("group", name=f"1. {quiz.questions.get().prompt}")


def _shown(question):
    """The item texts in the order the list shows them."""
    return question.locator(".ordering-text").all_inner_texts()


def _button(question, text, direction):
    return question.get_by_role("button", name=f"Move '{text}' {direction}")


def test_a_student_orders_the_items_by_keyboard_alone_and_scores_full_marks(
    open_page, student, quiz
):
    """On a phone: each Up press moves the item one place, says where it
    went, and keeps the focus on the button (or on Down once the item is at
    the top); the page has no axe-core violations and tap targets of 24
    pixels at least."""
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    page = open_page(student, viewport=PHONE)
    page.goto(attempt.get_absolute_url())
    question = _question(page, quiz)
    # The numbered selects are there for the form, out of sight.
    expect(question.get_by_role("combobox")).to_have_count(0)
    expect(question).to_contain_text("move them with the ↑ and ↓ buttons, or drag")
    assert axe_violations(page) == []
    assert structure_problems(page) == []
    for control in question.get_by_role("button").all():
        box = control.bounding_box()
        assert min(box["width"], box["height"]) >= 24, control

    right = _items(quiz)
    live = question.locator("[aria-live=polite]")
    keys = ["Enter", "Space"]
    for place, text in enumerate(right, start=1):
        up = _button(question, text, "up")
        steps = _shown(question).index(text) + 1 - place
        if steps:
            tab_to(page, up)
        for step in range(steps):
            page.keyboard.press(keys[step % 2])
            now_at = _shown(question).index(text) + 1
            expect(live).to_have_text(f"'{text}' moved to position {now_at} of 4")
            expect(
                up if now_at > 1 else _button(question, text, "down")
            ).to_be_focused()
    assert _shown(question) == right
    expect(_button(question, right[0], "up")).to_be_disabled()
    expect(_button(question, right[-1], "down")).to_be_disabled()
    expect(page.locator("#quiz-status")).to_have_text("Saved · 1 of 1 answered")
    assert axe_violations(page) == []

    tab_to(page, page.get_by_role("button", name="Submit answers"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your score")).to_have_text(
        "Your score: 1 out of 1 (100%)"
    )
    expect(page.get_by_text("Correct", exact=True)).to_be_visible()


def test_the_order_shown_can_be_kept_and_a_dragged_order_is_saved(
    open_page, student, quiz
):
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    page = open_page(student)
    page.goto(attempt.get_absolute_url())
    question = _question(page, quiz)
    status = page.locator("#quiz-status")
    expect(status).to_have_text("0 of 1 answered")
    shuffled = _shown(question)

    # The shuffled order could be the student's answer as it stands.
    question.get_by_role("button", name="Use this order").click()
    expect(status).to_have_text("Saved · 1 of 1 answered")
    expect(question.get_by_role("button", name="Use this order")).to_be_hidden()
    expect(
        question.get_by_text("Answered: the order above is your answer.")
    ).to_be_focused()

    # The last item, dragged with the mouse above the first.
    last = question.locator(".ordering-item").last.bounding_box()
    first = question.locator(".ordering-item").first.bounding_box()
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + last["height"] / 2)
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.mouse.down()
        page.mouse.move(first["x"] + first["width"] / 2, first["y"] + 2, steps=8)
        page.mouse.up()
    dragged = [shuffled[-1], *shuffled[:-1]]
    assert _shown(question) == dragged
    expect(question.locator("[aria-live=polite]")).to_have_text(
        f"'{shuffled[-1]}' moved to position 1 of 4"
    )

    page.reload()
    question = _question(page, quiz)
    expect(page.locator("#quiz-status")).to_have_text("1 of 1 answered")
    assert _shown(question) == dragged
    expect(question.get_by_role("button", name="Use this order")).to_be_hidden()


def test_without_javascript_the_items_are_numbered_with_selects(
    open_page, student, quiz
):
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    page = open_page(student, java_script_enabled=False)
    page.goto(attempt.get_absolute_url())
    question = _question(page, quiz)
    expect(
        question.get_by_text("Number the items from 1 (first) upward.")
    ).to_be_visible()
    right = _items(quiz)
    question.get_by_label(right[0], exact=True).select_option("1")
    submit = page.get_by_role("button", name="Submit answers")
    submit.click()
    # Half numbered: refused, and the question says why.
    expect(
        _question(page, quiz).get_by_text("Give every item in question 1 a position.")
    ).to_be_visible()

    for position, text in enumerate(right, start=1):
        question.get_by_label(text, exact=True).select_option(str(position))
    submit.click()
    expect(page.get_by_role("heading", name="Your score")).to_have_text(
        "Your score: 1 out of 1 (100%)"
    )


def test_a_refused_half_numbered_order_comes_back_numbered_items_first(
    open_page, student, quiz
):
    """A page drawn with a half-numbered answer (submitted before the script
    ran) lists the numbered items in their numbers' order, the others after
    them, and is not answered until the student moves or keeps the order."""
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    page = open_page(student)
    page.route("**/ordering.js", lambda route: route.abort())
    page.goto(attempt.get_absolute_url())
    question = _question(page, quiz)
    # The last two in the page's order take 1 and 2 the other way round.
    a, b, c, d = question.locator("label").all_inner_texts()
    question.get_by_label(d, exact=True).select_option("1")
    question.get_by_label(c, exact=True).select_option("2")
    page.unroute("**/ordering.js")
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Give every item in question 1 a position."
    )
    question = _question(page, quiz)
    expect(
        question.get_by_text("Give every item in question 1 a position.")
    ).to_be_visible()
    expect(question.get_by_role("button", name="Use this order")).to_be_visible()
    assert _shown(question) == [d, c, a, b]
