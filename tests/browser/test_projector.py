"""The projector view as a teacher puts it on the board: the code, the join
link and a QR code of it, a copy button once the script runs, accessible at
1280 and 360 px; and without JavaScript the link is still there."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.audit import Audit
from tests.factories import make_classroom

pytestmark = pytest.mark.browser


def test_the_projector_shows_the_code_link_and_qr_code_accessibly(
    open_page, teacher, tmp_path
):
    classroom = make_classroom(teacher=teacher, name="Civics, period 3")
    url = reverse("teaching:projector", args=[classroom.pk])
    audit = Audit(tmp_path)

    board = open_page(
        teacher,
        viewport={"width": 1280, "height": 800},
        permissions=[
            "clipboard-read",
            "clipboard-write",
        ],
    )
    audit.visit(board, "projector", url)
    main = board.get_by_role("main")
    expect(main).to_contain_text(classroom.join_code)
    link = board.get_by_role("link", name="/join/")
    expect(link).to_have_attribute(
        "href", f"{board.url.split('/teach/')[0]}/join/{classroom.join_code}/"
    )
    qr = board.get_by_role("img", name="QR code of")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 200
    copy = board.get_by_role("button", name="Copy the join link")
    copy.click()
    expect(board.get_by_role("status")).to_have_text("Copied.")
    phone = open_page(teacher, viewport={"width": 360, "height": 740})
    audit.visit(phone, "projector on a phone", url)

    # Without JavaScript (axe needs it, so no audit here) the link is
    # selectable text and the copy button stays hidden.
    plain = open_page(teacher, java_script_enabled=False)
    plain.goto(url)
    expect(plain.get_by_role("link", name="/join/")).to_be_visible()
    expect(plain.get_by_role("button", name="Copy the join link")).to_have_count(0)

    assert not audit.problems, audit.report()
