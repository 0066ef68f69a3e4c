"""The lesson editor's Markdown preview in a real browser, then the lesson
previewed as a student would meet it, its quiz taken as a dry run."""

import pytest
from playwright.sync_api import expect

from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Progress, ReviewItem
from tests.browser.audit import Audit
from tests.factories import OTHER_KINDS, make_quiz

pytestmark = pytest.mark.browser

BODY = """## The override

Congress overrides a veto by a vote of:

| Chamber | Share |
| --- | --- |
| Senate | two thirds |

<script>document.title = "hacked"</script>
"""


def test_typing_a_body_updates_its_preview_and_the_quiz_previews_as_a_dry_run(
    open_page, teacher, tmp_path
):
    quiz = make_quiz(questions=1, kinds=OTHER_KINDS, lesson=None)
    lesson = quiz.lesson
    lesson.published = False
    lesson.save()
    staff = open_page(teacher, viewport={"width": 1280, "height": 900})

    staff.goto(f"/admin/civics/lesson/{lesson.pk}/change/")
    staff.get_by_label("Body").fill(BODY)
    preview = staff.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", name="The override")).to_be_visible()
    expect(preview.get_by_role("cell", name="two thirds")).to_be_visible()
    expect(preview).to_contain_text('<script>document.title = "hacked"</script>')
    assert staff.title() != "hacked"
    staff.get_by_text("Markdown help").click()
    expect(staff.get_by_text("| --- | --- |")).to_be_visible()

    audit = Audit(tmp_path)
    staff.get_by_role("link", name="View as student").first.click()
    audit.check(staff, "lesson preview", staff.content())
    audit.submit(staff, "quiz preview", staff.get_by_role("link", name="Take the quiz"))
    questions = {question.kind: question for question in quiz.questions.all()}
    for kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        choice = questions[kind].choices.get(is_correct=True)
        staff.get_by_label(choice.text, exact=True).check()
    for choice in questions[QuestionKind.MULTIPLE].choices.filter(is_correct=True):
        staff.get_by_label(choice.text, exact=True).check()
    staff.get_by_label(questions[QuestionKind.NUMERIC].prompt).fill("66")
    submit = staff.get_by_role("button", name="Submit answers")
    audit.submit(staff, "quiz preview asking to confirm", submit)
    expect(staff.get_by_role("alert")).to_contain_text("question 4")
    audit.submit(
        staff, "quiz preview results", staff.get_by_role("button", name="Submit anyway")
    )
    expect(staff.get_by_role("heading", name="Your score")).to_contain_text(
        "4 out of 5 (80%)"
    )
    audit.validate()
    assert not audit.problems, audit.report()
    for model in (Attempt, Answer, Progress, ReviewItem):
        assert not model.objects.exists()
