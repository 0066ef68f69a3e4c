"""How long and how hard a lesson is to read.

Measured on the text a student sees (the rendered lesson without its markup),
with the Flesch-Kincaid grade level from textstat; textstat 0.7.4 counts
syllables with the pyphen dictionaries it ships, so it works offline.
"""

from dataclasses import dataclass

import textstat
from django.utils.html import strip_tags

from civics.markdown import render_markdown


@dataclass(frozen=True)
class Readability:
    words: int
    grade: float  # Flesch-Kincaid grade level: 10 reads like US grade 10


def readability(markdown_text: str) -> Readability:
    text = strip_tags(render_markdown(markdown_text))
    return Readability(
        words=len(text.split()), grade=textstat.flesch_kincaid_grade(text)
    )
