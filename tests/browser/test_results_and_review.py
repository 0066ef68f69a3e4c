"""A student reads a results page with partial credit and the review page on
a phone: the wording they act on, and no accessibility or validity problem
(axe-core, our own checks and the Nu Html Checker, as test_accessibility.py)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from civics.kinds import QuestionKind
from civics.models import Question
from tests.browser.audit import Audit
from tests.factories import (
    correct_response,
    make_lesson,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_results_and_review_say_what_happened_and_what_next(
    open_page, transactional_db, tmp_path
):
    lesson = make_lesson(title="The treaty clause", body="## Making treaties\n\nText.")
    quiz = make_quiz(lesson=lesson, questions=1)
    multiple = make_question(quiz=quiz, kind=QuestionKind.MULTIPLE, choices=4)
    ordering = make_question(quiz=quiz, kind=QuestionKind.ORDERING, choices=4)
    Question.objects.filter(pk=multiple.pk).update(
        explanation="See 'Making treaties' in this lesson."
    )
    single = quiz.questions.get(kind=QuestionKind.SINGLE)
    right, _, wrong, _ = multiple.choices.all()
    items = correct_response(ordering)
    student = make_student()
    attempt = make_submitted_attempt(
        student=student,
        quiz=quiz,
        responses={
            single.pk: correct_response(single),
            multiple.pk: [right.pk, wrong.pk],
            ordering.pk: [items[0], items[1], items[3], items[2]],
        },
    )
    audit = Audit(tmp_path)
    page = open_page(student, viewport=PHONE)

    audit.visit(page, "results with partial credit", attempt.get_absolute_url())
    main = page.get_by_role("main")
    expect(main.get_by_text("Your score: 1.5 out of 3 (50%)")).to_be_visible()
    expect(
        main.get_by_text(
            "0 of 1 point: you found 1 of the 2 right answers and picked 1 that is "
            "not one; each wrong pick takes one away."
        )
    ).to_be_visible()
    expect(
        main.get_by_text("0.5 of 1 point: 2 of the 4 items are in their right place.")
    ).to_be_visible()
    expect(main.get_by_text("Right pick", exact=True)).to_be_visible()
    expect(main.get_by_text("Wrong pick", exact=True)).to_be_visible()
    main.get_by_role("link", name="'Making treaties'").click()
    expect(page).to_have_url(f"{lesson.get_absolute_url()}#section-making-treaties")
    expect(page.get_by_role("heading", name="Making treaties")).to_be_in_viewport()

    audit.visit(page, "review page", reverse("civics:review_start"))
    expect(main.get_by_role("heading", name="2 questions due now")).to_be_visible()
    expect(main.get_by_role("link", name="The treaty clause")).to_be_visible()
    expect(main.get_by_role("button", name="Start practising")).to_be_visible()

    audit.validate()
    assert not audit.problems, audit.report()
