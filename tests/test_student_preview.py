"""A content editor previews a whole lesson as a student would meet it, its
quiz included, and may submit the quiz to see the results page: a dry run
that records nothing."""

import pytest
from django.apps import apps
from django.urls import reverse

from civics.kinds import QuestionKind
from tests.factories import (
    OTHER_KINDS,
    as_post_data,
    correct_responses,
    make_quiz,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    """A draft lesson's quiz: one single-choice question, then one of every
    other kind."""
    return make_quiz(questions=1, kinds=OTHER_KINDS, lesson=None, pass_mark=80)


def _quiz_url(quiz):
    return reverse("civics:quiz_preview", args=[quiz.lesson.slug])


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for label in ("civics", "teaching", "accounts")
        for model in apps.get_app_config(label).get_models()
    }


def test_the_lesson_preview_leads_to_its_quiz(teacher_client, quiz):
    page = teacher_client.get(reverse("civics:lesson_preview", args=[quiz.lesson.slug]))

    assert f'href="{_quiz_url(quiz)}"' in page.content.decode()


def test_the_quiz_preview_asks_every_question_as_students_see_it(teacher_client, quiz):
    page = teacher_client.get(_quiz_url(quiz))

    html = page.content.decode()
    assert page.status_code == 200
    for question in quiz.questions.all():
        assert question.prompt in html
        for choice in question.choices.all():
            assert choice.text in html
    kinds = {question.kind: question for question in quiz.questions.all()}
    # Each kind's own control, as on a student's quiz page.
    assert 'type="radio"' in html
    assert 'type="checkbox"' in html
    assert f'name="question_{kinds[QuestionKind.NUMERIC].pk}"' in html
    ordering = kinds[QuestionKind.ORDERING]
    assert f'name="question_{ordering.pk}_{ordering.choices.first().pk}"' in html
    # Never a word about which answer is right.
    assert "Feedback" not in html


def test_a_draft_lessons_quiz_previews_for_an_editor(teacher_client, quiz):
    quiz.lesson.published = False
    quiz.lesson.save()

    assert teacher_client.get(_quiz_url(quiz)).status_code == 200


def test_a_draft_lesson_is_not_found_by_a_student(student_client, quiz):
    quiz.lesson.published = False
    quiz.lesson.save()

    page = student_client.get(reverse("civics:lesson_detail", args=[quiz.lesson.slug]))

    assert page.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_student_may_not_preview_a_quiz(student_client, quiz, method):
    assert getattr(student_client, method)(_quiz_url(quiz)).status_code == 403


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_visitor_is_sent_to_log_in_from_a_quiz_preview(visitor, quiz, method):
    page = getattr(visitor, method)(_quiz_url(quiz))

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))


def test_a_lesson_without_a_quiz_has_no_quiz_preview(teacher_client, quiz):
    lesson = quiz.lesson
    quiz.delete()

    page = teacher_client.get(reverse("civics:quiz_preview", args=[lesson.slug]))

    assert page.status_code == 404


def test_a_dry_run_shows_the_results_and_writes_nothing(teacher_client, quiz):
    before = _row_counts()

    page = teacher_client.post(
        _quiz_url(quiz), {**as_post_data(correct_responses(quiz)), "action": "submit"}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert "Your score: 5 out of 5 (100%)" in html
    assert "mastered" in html
    for question in quiz.questions.all():
        assert question.explanation in html
    assert "Nothing is recorded here" in html
    assert _row_counts() == before


def test_a_dry_run_scores_wrong_answers_with_their_feedback(teacher_client, quiz):
    before = _row_counts()
    responses = wrong_responses(quiz)

    page = teacher_client.post(
        _quiz_url(quiz), {**as_post_data(responses), "action": "submit"}
    )

    html = page.content.decode()
    assert "Your score: 0 out of 5 (0%)" in html
    assert "Not quite" in html
    single = quiz.questions.get(kind=QuestionKind.SINGLE)
    picked = single.choices.get(pk=responses[single.pk][0])
    assert picked.feedback in html
    assert _row_counts() == before


def test_a_dry_run_with_unanswered_questions_asks_first(teacher_client, quiz):
    single = quiz.questions.get(kind=QuestionKind.SINGLE)
    data = as_post_data({single.pk: correct_responses(quiz)[single.pk]})

    page = teacher_client.post(_quiz_url(quiz), {**data, "action": "submit"})

    html = page.content.decode()
    assert "Submit with 4 questions unanswered?" in html
    assert "Your score" not in html


def test_submitting_anyway_scores_the_unanswered_as_nothing(teacher_client, quiz):
    single = quiz.questions.get(kind=QuestionKind.SINGLE)
    data = as_post_data({single.pk: correct_responses(quiz)[single.pk]})

    page = teacher_client.post(_quiz_url(quiz), {**data, "action": "submit_anyway"})

    assert "Your score: 1 out of 5 (20%)" in page.content.decode()


def test_a_dry_run_answer_with_a_problem_is_pointed_out(teacher_client, quiz):
    numeric = quiz.questions.get(kind=QuestionKind.NUMERIC)
    data = {**as_post_data(correct_responses(quiz)), f"question_{numeric.pk}": "lots"}

    page = teacher_client.post(_quiz_url(quiz), {**data, "action": "submit"})

    html = page.content.decode()
    assert "There is a problem" in html
    assert "Your score" not in html


def test_a_forged_choice_in_a_dry_run_is_a_400(teacher_client, quiz):
    single = quiz.questions.get(kind=QuestionKind.SINGLE)

    page = teacher_client.post(
        _quiz_url(quiz), {f"question_{single.pk}": "999999", "action": "submit"}
    )

    assert page.status_code == 400


def test_a_dry_runs_pointers_to_sections_lead_to_the_lesson_preview(
    teacher_client, quiz
):
    single = quiz.questions.get(kind=QuestionKind.SINGLE)
    single.explanation = "See 'Part one' in this lesson."
    single.save()

    page = teacher_client.post(
        _quiz_url(quiz), {**as_post_data(correct_responses(quiz)), "action": "submit"}
    )

    preview = reverse("civics:lesson_preview", args=[quiz.lesson.slug])
    assert f'<a href="{preview}#section-part-one">' in page.content.decode()
