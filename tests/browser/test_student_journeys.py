"""A student's way through the course in a real browser: sign up, read, take
a quiz of every kind of question, see the results and progress, retake it;
the same quiz by keyboard alone; and answers kept as they go."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from civics.kinds import QuestionKind
from civics.services import start_attempt
from tests.browser.keys import tab_to
from tests.factories import PASSWORD, make_quiz

pytestmark = pytest.mark.browser


@pytest.fixture
def quiz(transactional_db):
    """Single choice, multiple select, put in order and numeric, in that order."""
    return make_quiz(
        questions=1,
        kinds=(QuestionKind.MULTIPLE, QuestionKind.ORDERING, QuestionKind.NUMERIC),
    )


KINDS = ("single", "multiple", "ordering", "numeric")


def _questions(quiz):
    return dict(zip(KINDS, quiz.questions.all(), strict=True))


def _group(page, number, question):
    """The fieldset of a question, named by its legend."""
    return page.get_by_role("group", name=f"{number}. {question.prompt}")


def _shown(group):
    """A put-in-order question's items in the order its list shows them."""
    return group.locator(".ordering-text").all_inner_texts()


def _put_in_order(group, texts):
    """Click Up on each item until the list shows `texts`
    (static/js/ordering.js); "Use this order" if it already does."""
    for place, text in enumerate(texts):
        while _shown(group).index(text) > place:
            group.get_by_role("button", name=f"Move '{text}' up").click()
    keep = group.get_by_role("button", name="Use this order")
    if keep.is_visible():
        keep.click()


def _answer_with_the_mouse(page, quiz, *, right):
    """Right: full marks. Not right: no credit on any question."""
    questions = _questions(quiz)
    single = [c.text for c in questions["single"].choices.all()]
    _group(page, 1, questions["single"]).get_by_label(
        single[0] if right else single[1], exact=True
    ).check()
    multiple = _group(page, 2, questions["multiple"])
    picks = ["1", "2"] if right else ["3"]
    for choice in questions["multiple"].choices.filter(position__in=picks):
        multiple.get_by_label(choice.text, exact=True).check()
    items = [item.text for item in questions["ordering"].choices.all()]
    order = items if right else items[1:] + items[:1]
    _put_in_order(_group(page, 3, questions["ordering"]), order)
    page.get_by_label(f"4. {questions['numeric'].prompt}").fill("66" if right else "6")


def _score(page):
    return page.get_by_role("heading", name="Your score")


def test_a_student_signs_up_takes_a_quiz_of_every_kind_and_retakes_it(page, quiz):
    lesson = quiz.lesson
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("ada")
    # The asterisk marks a required field.
    page.get_by_role("textbox", name="Password*", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome, ada")

    page.get_by_role("link", name=lesson.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    page.get_by_role("button", name="Take the quiz").click()
    _answer_with_the_mouse(page, quiz, right=True)
    page.get_by_role("button", name="Submit answers").click()
    expect(_score(page)).to_have_text("Your score: 4 out of 4 (100%)")
    expect(page.get_by_text("this lesson is mastered")).to_be_visible()
    expect(page.get_by_text("Correct", exact=True)).to_have_count(4)

    page.get_by_role("main").get_by_role("link", name="My progress").click()
    row = page.get_by_role("row", name=lesson.title)
    expect(row.get_by_role("cell")).to_have_text(["Mastered", "100%", "1"])

    page.go_back()
    page.get_by_role("button", name="Retake the quiz").click()
    expect(page.locator("#quiz-status")).to_have_text("0 of 4 answered")
    _answer_with_the_mouse(page, quiz, right=False)
    page.get_by_role("button", name="Submit answers").click()
    expect(_score(page)).to_have_text("Your score: 0 out of 4 (0%)")
    expect(page.get_by_text("Not quite", exact=True)).to_have_count(4)

    page.get_by_role("main").get_by_role("link", name="My progress").click()
    expect(row.get_by_role("cell")).to_have_text(["Mastered", "100%", "2"])


def test_the_whole_quiz_can_be_taken_by_keyboard_alone(open_page, student, quiz):
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    questions = _questions(quiz)
    page = open_page(student)
    page.goto(attempt.get_absolute_url())

    # A radio group takes one Tab stop; Space picks the first choice and the
    # arrow keys move the pick.
    single = _group(page, 1, questions["single"])
    right = single.get_by_label(questions["single"].choices.first().text)
    tab_to(page, single)
    page.keyboard.press("Space")
    while not right.is_checked():
        page.keyboard.press("ArrowDown")

    multiple = _group(page, 2, questions["multiple"])
    for choice in questions["multiple"].choices.filter(is_correct=True):
        tab_to(page, multiple.get_by_label(choice.text, exact=True))
        page.keyboard.press("Space")

    # Each item's Up button keeps the focus as the item rises.
    ordering = _group(page, 3, questions["ordering"])
    for place, item in enumerate(questions["ordering"].choices.all()):
        steps = _shown(ordering).index(item.text) - place
        if steps:
            tab_to(page, ordering.get_by_role("button", name=f"Move '{item.text}' up"))
        for _ in range(steps):
            page.keyboard.press("Enter")

    tab_to(page, page.get_by_label(f"4. {questions['numeric'].prompt}"))
    page.keyboard.type("66")

    tab_to(page, page.get_by_role("button", name="Submit answers"))
    page.keyboard.press("Enter")
    expect(_score(page)).to_have_text("Your score: 4 out of 4 (100%)")


def _reopen(page, attempt):
    """Close the tab and open the quiz again in a new one."""
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(attempt.get_absolute_url())
    return page


def test_an_answer_that_needs_a_look_never_stops_the_others_being_saved(
    open_page, student, quiz
):
    """static/js/autosave.js saves question by question; the status line,
    in view after scrolling on a phone, says what is saved and links to what
    needs a look. Closing the tab and coming back keeps every valid answer;
    so does a refused submit."""
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    questions = _questions(quiz)
    page = open_page(student, viewport={"width": 360, "height": 640})
    page.goto(attempt.get_absolute_url())
    status = page.locator("#quiz-status")
    numeric = page.get_by_label(f"4. {questions['numeric'].prompt}")
    numeric.fill("lots")
    numeric.press("Tab")
    single = questions["single"].choices.first().text
    _group(page, 1, questions["single"]).get_by_label(single, exact=True).check()
    multiple = [c.text for c in questions["multiple"].choices.filter(is_correct=True)]
    for text in multiple:
        _group(page, 2, questions["multiple"]).get_by_label(text, exact=True).check()
    expect(status).to_have_text("Not saved: question 4 needs a look")

    page.get_by_role(
        "button", name="Save and finish later"
    ).scroll_into_view_if_needed()
    expect(status).to_be_in_viewport()
    status.get_by_role("link", name="question 4 needs a look").click()
    expect(page.locator("#question-4")).to_be_in_viewport()

    page = _reopen(page, attempt)
    expect(page.locator("#quiz-status")).to_have_text("2 of 4 answered")
    expect(
        _group(page, 1, questions["single"]).get_by_label(single, exact=True)
    ).to_be_checked()

    # A submit refused for a number that is not one keeps the rest too, and
    # opens on a summary that links to the question.
    page.get_by_label(f"4. {questions['numeric'].prompt}").fill("lots")
    page.get_by_role("button", name="Submit answers").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter a number for question 4, using digits (for example 12)."]
    )
    page = _reopen(page, attempt)
    expect(page.locator("#quiz-status")).to_have_text("2 of 4 answered")


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_enter_in_a_field_saves_and_never_submits_the_quiz(
    open_page, student, quiz, javascript
):
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    questions = _questions(quiz)
    page = open_page(student, java_script_enabled=javascript)
    page.goto(attempt.get_absolute_url())
    numeric = page.get_by_label(f"4. {questions['numeric'].prompt}")
    numeric.fill("66")
    numeric.press("Enter")
    if javascript:
        expect(page.locator("#quiz-status")).to_have_text("Saved · 1 of 4 answered")
    else:
        expect(page.get_by_role("status").first).to_contain_text(
            "Your answers are saved"
        )
    expect(page).to_have_url(re.compile(f"{attempt.get_absolute_url()}$"))
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert attempt.answers.get(question=questions["numeric"]).numeric_value == 66


def test_clearing_an_answer_clears_it_and_submitting_with_gaps_asks_first(
    open_page, student, quiz
):
    attempt = start_attempt(student=student, quiz=quiz, now=timezone.now())
    questions = _questions(quiz)
    page = open_page(student)
    page.goto(attempt.get_absolute_url())
    status = page.locator("#quiz-status")
    box = _group(page, 2, questions["multiple"]).get_by_role("checkbox").first
    box.check()
    expect(status).to_have_text("Saved · 1 of 4 answered")
    box.uncheck()
    expect(status).to_have_text("Saved · 0 of 4 answered")
    page = _reopen(page, attempt)
    expect(
        _group(page, 2, questions["multiple"]).get_by_role("checkbox").first
    ).not_to_be_checked()

    single = questions["single"].choices.first().text
    _group(page, 1, questions["single"]).get_by_label(single, exact=True).check()
    page.get_by_role("button", name="Submit answers").click()
    confirm = page.get_by_role("alert")
    expect(confirm).to_be_focused()
    expect(confirm.get_by_role("heading")).to_have_text(
        "Submit with 3 questions unanswered?"
    )
    expect(confirm).to_contain_text(
        "You have not answered question 2, question 3 and question 4."
    )
    page.get_by_role("button", name="Submit anyway").click()
    expect(_score(page)).to_have_text("Your score: 1 out of 4 (25%)")
