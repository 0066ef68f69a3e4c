"""Sources a teacher trusts: no lesson and no tool cites a reprint, aggregator
or essay site. The refused sites are the ones the December 2026 review found
(docs/curriculum.md, "Sources we accept"); a claim they carried is cited to
the primary text or the outlet that first reported it."""

import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from civics.course_loader import CURRICULUM_DIR

REFUSED_SITES = (
    "chanrobles.com",
    "daijiworld.com",
    "docslib.org",
    "filbertpublishing.com",
    "govregs.com",
    "iamkomex.com",
    "kion546.com",
    "operativmm.az",
    "readabstracts.com",
    "russianamericanbusiness.org",
    "townlift.com",
)

LESSON_FILES = sorted((CURRICULUM_DIR / "lessons").glob("*.toml"))
TOOLS_DIR = Path(__file__).resolve().parent.parent / "tools"
# Every module holding the tools' citations: the handshake walk-through, the
# historic votes and summits.
TOOL_FILES = sorted(TOOLS_DIR.glob("*.py"))
URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


def is_refused(url):
    """A refused site, or any of its subdomains, whatever the case."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return any(host == site or host.endswith("." + site) for site in REFUSED_SITES)


def _refused_urls_in(text):
    return [url for url in URL.findall(text) if is_refused(url)]


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda path: path.stem)
def test_no_lesson_source_is_from_a_refused_site(path):
    sources = tomllib.loads(path.read_text()).get("sources", [])
    assert [s["url"] for s in sources if is_refused(s["url"])] == []


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda path: path.stem)
def test_no_link_in_a_lesson_body_or_quiz_points_to_a_refused_site(path):
    assert _refused_urls_in(path.read_text()) == []


@pytest.mark.parametrize("path", TOOL_FILES, ids=lambda path: path.name)
def test_no_tool_cites_a_refused_site(path):
    assert _refused_urls_in(path.read_text()) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://docslib.org/doc/2251064/international-agreements",
        "https://www.chanrobles.com/usa/uslaws/codes/title1/1usc112b.php",
        "http://News.TownLift.com/2024/07/",
        "https://daijiworld.com./index.php",
    ],
)
def test_a_refused_site_is_refused_with_any_subdomain_or_case(url):
    assert is_refused(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.senate.gov/artandhistory/history/common/briefing/Treaties.htm",
        "https://notdocslib.org/doc/1",
        "https://docslib.org.example.com/doc/1",
        "https://www.congress.gov/search?q=docslib.org",
    ],
)
def test_an_accepted_site_is_not_refused_for_a_name_that_only_looks_alike(url):
    assert not is_refused(url)
