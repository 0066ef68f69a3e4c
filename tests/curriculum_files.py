"""A tiny curriculum written to a temporary folder, for loader tests that must
not depend on the shipped course's content."""

COURSE = """
[[units]]
slug = "tiny-unit"
title = "Tiny unit"
summary = "A unit for tests."
"""

LESSON = """
slug = "{slug}"
unit = "tiny-unit"
position = {position}
title = "{title}"
summary = "A lesson for tests."
published = true
reviewed_on = 2026-03-05
discussion = "Should the House have a say on treaties?"
objectives = ["Explain the rule.", "Count the votes."]
body = \"\"\"
## The rule

Two-thirds of the Senators present must agree.
\"\"\"

[[key_terms]]
term = "Quorum"
definition = "The number of members who must be present to do business."

[[key_terms]]
term = "Ratify"
definition = "To approve a treaty formally; the President does it."

[[sources]]
title = "U.S. Constitution, Article II"
url = "https://constitution.congress.gov/constitution/article-2/"

[[sources]]
title = "Senate: About Treaties"
url = "https://www.senate.gov/artandhistory/history/common/briefing/Treaties.htm"

[quiz]
pass_mark = 80

[[quiz.questions]]
key = "votes-needed"
kind = "numeric"
prompt = "92 Senators vote. How many yes votes are needed?"
explanation = "Two-thirds of 92 is 61.33, so 62."
answer = 62

[[quiz.questions]]
key = "who-ratifies"
kind = "single"
prompt = "Who ratifies a treaty?"
explanation = "The President, after the Senate consents."

[[quiz.questions.choices]]
key = "a"
text = "The President"
correct = true
feedback = "Right."

[[quiz.questions.choices]]
key = "b"
text = "The Senate"
feedback = "The Senate consents; it does not ratify."
"""


def write_curriculum(folder, lessons=(("tiny-one", "Tiny one"),)):
    """Write course.toml and one file per (slug, title); return the folder."""
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text(COURSE)
    for position, (slug, title) in enumerate(lessons, start=1):
        (folder / "lessons" / f"{position:02d}-{slug}.toml").write_text(
            LESSON.format(slug=slug, title=title, position=position)
        )
    return folder


def lesson_file(folder, slug):
    return next((folder / "lessons").glob(f"*-{slug}.toml"))
