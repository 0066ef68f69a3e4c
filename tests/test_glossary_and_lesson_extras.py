"""Key terms, the course glossary, the discussion prompt, the review date and
the reading-level report."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from civics.models import KeyTerm
from civics.readability import readability
from tests.factories import make_lesson

pytestmark = pytest.mark.django_db


def _term(lesson, term, definition="A definition."):
    return KeyTerm.objects.create(lesson=lesson, term=term, definition=definition)


def test_a_lesson_shows_its_key_terms_discussion_and_review_date(client):
    lesson = make_lesson(
        reviewed_on=date(2026, 3, 5), discussion="Should treaties need 60 votes?"
    )
    _term(lesson, "Quorum", "The members needed to do business.")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert '<time datetime="2026-03-05">5 March 2026</time>' in html
    assert "<dt>Quorum</dt><dd>The members needed to do business.</dd>" in html
    assert "Should treaties need 60 votes?" in html


def test_the_glossary_lists_terms_a_to_z_with_their_lessons(client):
    first, second = make_lesson(title="Lesson on votes"), make_lesson()
    _term(first, "ratify")
    _term(second, "Advice and consent")
    _term(first, "Quorum")
    html = client.get(reverse("civics:glossary")).content.decode()
    order = [
        html.index(f">{t}</dt>") for t in ("Advice and consent", "Quorum", "ratify")
    ]
    assert order == sorted(order)
    assert f'<a href="{first.get_absolute_url()}">Lesson on votes</a>' in html


def test_the_glossary_hides_terms_of_draft_lessons_from_students(
    visitor, student_client
):
    _term(make_lesson(published=False), "Secret draft term")
    for browser in (visitor, student_client):
        html = browser.get(reverse("civics:glossary")).content.decode()
        assert "Secret draft term" not in html


def test_reading_stats_count_the_words_a_student_sees():
    stats = readability(
        "## A heading\n\nThe Senate *consents*; "
        "[the President](https://example.org) ratifies."
    )
    assert stats.words == 8


def test_harder_prose_gets_a_higher_grade_level():
    plain = readability("The cat sat on the mat. The dog ran to the park. We had fun.")
    dense = readability(
        "Constitutional interpretation necessitates comprehensive consideration "
        "of institutional responsibilities, congressional authorization and "
        "international obligations."
    )
    assert plain.grade < 4 < 14 < dense.grade


def test_curriculum_stats_prints_each_lessons_words_and_grade():
    lessons = [make_lesson(body="One two three four five."), make_lesson()]
    out = StringIO()
    call_command("curriculum_stats", stdout=out)
    output = out.getvalue()
    for lesson in lessons:
        stats = readability(lesson.body)
        assert f"| {lesson.title} | {stats.words} | {stats.grade:.1f} |" in output
    assert "2 lessons" in output


def test_the_glossary_finds_terms_by_name_or_definition(client):
    lesson = make_lesson()
    _term(lesson, "Quorum", definition="A majority of the Senators chosen and sworn.")
    _term(lesson, "Ratify", definition="What the President does after consent.")
    _term(lesson, "Summit", definition="A meeting of heads of government.")
    client.get(reverse("civics:glossary"))  # every term, now kept for visitors
    html = client.get(reverse("civics:glossary"), {"q": "senators"}).content.decode()
    assert ">Quorum</dt>" in html
    assert ">Ratify</dt>" not in html
    assert "1 term match “senators”" in html
    html = client.get(reverse("civics:glossary"), {"q": "RATIF"}).content.decode()
    assert ">Ratify</dt>" in html
    assert ">Summit</dt>" not in html


def test_the_glossary_has_an_a_to_z_index_of_its_letters(client):
    lesson = make_lesson()
    for name in ("Advice and consent", "Quorum", "quorum call"):
        _term(lesson, name)
    html = client.get(reverse("civics:glossary")).content.decode()
    assert '<a href="#letter-A">A</a>' in html
    assert '<a href="#letter-Q">Q</a>' in html
    assert '<span class="text-body-secondary" aria-hidden="true">B</span>' in html
    assert html.count('<h2 id="letter-Q"') == 1


def test_a_search_too_long_says_so_and_lists_every_term(client):
    _term(make_lesson(), "Quorum")
    html = client.get(reverse("civics:glossary"), {"q": "x" * 101}).content.decode()
    assert "Search for at most 100 characters." in html
    assert ">Quorum</dt>" in html


def test_a_term_from_a_lesson_whose_title_ends_in_a_question_mark_reads_well(client):
    """It printed 'From Ending a treaty: who decides?.'"""
    _term(make_lesson(title="Ending a treaty: who decides?"), "Withdrawal")
    html = client.get(reverse("civics:glossary")).content.decode()
    assert "who decides?</a>." not in html
