"""How the main pages look on a phone, on a desktop and on paper.

With SCREENSHOTS_DIR set, the screenshots go there instead of the test's
temporary folder: `make screenshots` regenerates docs/screenshots/ so.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from civics.services import start_attempt
from tests.browser.demo import seed_demo
from tests.factories import make_quiz

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# WCAG 2.2's target size minimum (2.5.8) for links, buttons and form
# controls in main: at least 24 by 24 CSS pixels, unless the target is a link
# in a line of text, or a 24-pixel circle centred on it touches no other
# target and no other small target's circle.
SMALL_TARGETS = """() => {
    const selector = "a[href], button, input:not([type=hidden]), select, textarea";
    const targets = [...document.querySelectorAll(selector)]
        .map((el) => ({el, box: el.getBoundingClientRect()}))
        // Visually hidden until focused, as the skip link is: 1 by 1 pixel.
        .filter(({box}) => box.width > 1 && box.height > 1);
    const small = ({box}) => box.width < 24 || box.height < 24;
    const centre = ({box}) => [box.x + box.width / 2, box.y + box.height / 2];
    // From a point to the nearest point of a target's box (0 inside it).
    const gap = ([x, y], {box}) => Math.hypot(
        Math.max(box.left - x, 0, x - box.right),
        Math.max(box.top - y, 0, y - box.bottom),
    );
    const apart = (a, b) => Math.hypot(centre(a)[0] - centre(b)[0],
        centre(a)[1] - centre(b)[1]);
    const inline = (node) => node.nodeType === Node.TEXT_NODE
        || getComputedStyle(node).display.startsWith("inline");
    const lineText = (node) => node.nodeType === Node.TEXT_NODE ? node.textContent
        : [...node.childNodes].filter(inline).map(lineText).join("");
    const inText = (el) => {
        if (!el.matches("a")) return false;
        let block = el.parentElement;
        while (inline(block)) block = block.parentElement;
        return lineText(block).replace(el.textContent, "").trim() !== "";
    };
    const crowded = (target) => targets.some((other) => other !== target && (
        gap(centre(target), other) < 12 || (small(other) && apart(target, other) < 24)
    ));
    const main = document.querySelector("main");
    return targets
        .filter((t) => main.contains(t.el) && small(t) && !inText(t.el) && crowded(t))
        .map(({el, box}) => `${Math.round(box.width)}x${Math.round(box.height)} `
            + el.outerHTML.slice(0, 120));
}"""


def _screenshots_dir(tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_main_pages_fit_a_phone_and_a_desktop(
    open_page, transactional_db, tmp_path
):
    """At 360 pixels nothing scrolls sideways and the student pages' targets
    are big enough; each page is photographed at both widths."""
    demo = seed_demo()
    quiz = start_attempt(
        student=demo.student, quiz=demo.every_kind.quiz, now=timezone.now()
    )
    student_pages = {
        "course-home": reverse("civics:course_home"),
        "lesson": demo.every_kind.get_absolute_url(),
        "quiz": quiz.get_absolute_url(),
        "results": demo.result.get_absolute_url(),
        "my-progress": reverse("civics:my_progress"),
        "review": reverse("civics:review_start"),
    }
    folder = _screenshots_dir(tmp_path)
    problems = []
    for viewport in (PHONE, DESKTOP):
        phone = viewport is PHONE
        student = open_page(
            demo.student, viewport=viewport, is_mobile=phone, has_touch=phone
        )
        teacher = open_page(demo.teacher, viewport=viewport)
        pages = [(student, name, path) for name, path in student_pages.items()]
        pages.append((teacher, "class-dashboard", demo.classroom.get_absolute_url()))
        for page, name, path in pages:
            page.goto(path)
            where = f"{name} at {viewport['width']} px"
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{where} scrolls sideways: {width} px wide")
            if phone and page is student:
                problems += [f"{where}: {t}" for t in page.evaluate(SMALL_TARGETS)]
            page.screenshot(path=folder / f"{name}-{viewport['width']}.png")
    assert not problems, "\n".join(problems)


def test_a_lesson_prints_as_a_handout(open_page, student, tmp_path):
    lesson = make_quiz().lesson
    page = open_page(student)
    page.goto(lesson.get_absolute_url())
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".lesson-body")).to_be_visible()
    for on_screen_only in (
        page.get_by_role("link", name="Skip to main content"),
        page.get_by_role("banner"),
        page.get_by_role("navigation", name="Main"),
        page.get_by_role("navigation", name="Breadcrumb").get_by_role("list"),
        page.get_by_role("contentinfo"),
        page.get_by_role("button", name="Take the quiz"),
    ):
        expect(on_screen_only).to_be_hidden()

    handout = tmp_path / "lesson.pdf"
    page.pdf(path=handout, format="Letter")
    assert handout.read_bytes().startswith(b"%PDF")
