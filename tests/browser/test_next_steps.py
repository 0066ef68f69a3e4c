"""Knowing what to do next, in a browser: the home page's "Continue" leads
back to a half-finished quiz with its answers, and on a phone the menu folds
behind "Menu" so that the page itself starts on the first screen."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from civics import services
from tests.factories import correct_response, make_quiz

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def test_continue_on_the_home_page_goes_back_to_the_saved_answers(open_page, student):
    quiz = make_quiz(questions=2)
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    first = quiz.questions.first()
    services.save_answers(
        attempt=attempt, responses={first.pk: correct_response(first)}
    )
    page = open_page(student, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(reverse("civics:course_home"))
    expect(page.get_by_role("region", name="Continue")).to_contain_text(
        quiz.lesson.title
    )
    page.get_by_role("link", name="Continue the quiz", exact=True).click()
    expect(page).to_have_url(re.compile(f"{attempt.get_absolute_url()}$"))
    expect(page.get_by_label(first.choices.first().text, exact=True)).to_be_checked()


def test_on_a_phone_the_menu_folds_behind_a_button_the_keyboard_opens(
    open_page, student
):
    lesson = make_quiz().lesson
    page = open_page(student, viewport=PHONE)
    page.goto(lesson.get_absolute_url())
    nav = page.get_by_role("navigation", name="Main")
    # Browsers announce a <summary> as a button; Playwright's roles do not.
    menu = nav.locator("summary")
    expect(menu).to_have_text("Menu")
    expect(menu).to_be_visible()
    expect(nav.get_by_role("link", name="My progress")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("details.site-menu")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Course")).to_be_focused()
    # The last item, the log-out form, still works from the folded menu.
    nav.get_by_role("button", name="Log out").focus()
    page.keyboard.press("Enter")
    page.locator("summary").click()
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()

    wide = open_page(student, viewport=DESKTOP)
    wide.goto(lesson.get_absolute_url())
    nav = wide.get_by_role("navigation", name="Main")
    expect(nav.locator("summary")).to_be_hidden()
    expect(nav.get_by_role("link", name="My progress")).to_be_visible()
