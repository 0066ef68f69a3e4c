"""Errors in the admin look like errors: the site tags them "danger", for
Bootstrap, and the admin must not show them in the green of success."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "admin_site.css"


def test_every_admin_page_loads_the_sites_admin_styles(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert re.search(r'href="[^"]*css/admin_site\.css"', html)


def test_the_admin_styles_give_the_sites_error_tag_the_admins_error_look():
    tag = settings.MESSAGE_TAGS[constants.ERROR]
    css = ADMIN_SITE_CSS.read_text()
    rule = re.search(rf"ul\.messagelist li\.{tag}\s*\{{([^}}]*)\}}", css)
    assert rule is not None
    assert "var(--message-error-bg)" in rule.group(1)
    assert "icon-no.svg" in rule.group(1)
