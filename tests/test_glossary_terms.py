"""One definition per glossary term: the glossary is every lesson's key terms
together, so a term two lessons define would be printed twice, differently."""

import tomllib
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from civics.course_loader import CURRICULUM_DIR
from civics.models import KeyTerm

LESSON_FILES = sorted((CURRICULUM_DIR / "lessons").glob("*.toml"))


def _name(term):
    """A term as a reader compares it: case and spacing do not make it new."""
    return " ".join(term.split()).casefold()


def _lessons_defining_each_term():
    places = defaultdict(list)
    for path in LESSON_FILES:
        for key_term in tomllib.loads(path.read_text()).get("key_terms", []):
            places[_name(key_term["term"])].append(path.name)
    return places


def test_no_term_is_defined_in_more_than_one_lesson():
    twice = {
        term: files
        for term, files in _lessons_defining_each_term().items()
        if len(files) > 1
    }
    assert twice == {}


def test_terms_differing_only_in_case_or_spacing_are_the_same_term():
    assert _name("Advice  and Consent") == _name("advice and consent")
    assert _name("Summit") != _name("Summits")


@pytest.mark.django_db
def test_the_shipped_glossary_lists_each_term_once_with_one_lesson(client):
    call_command("load_curriculum", path=str(CURRICULUM_DIR), stdout=StringIO())
    terms = list(KeyTerm.objects.values_list("term", flat=True))
    html = client.get(reverse("civics:glossary")).content.decode()
    for term in terms:
        assert html.count(f">{term}</dt>") == 1, term
