"""Moving through a page by keyboard, as the keyboard-only tests do."""


def tab_to(page, locator, *, limit=40):
    """Press Tab until the focus is in `locator` (an element or a group)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el.contains(document.activeElement)"):
            return
    raise AssertionError(f"{limit} Tabs never reached {locator}")
