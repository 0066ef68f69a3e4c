"""A teacher who fixes a wrong key chooses whether past attempts follow it:
until they regrade, every score stands; a regrade scores the answers given
on the old key again, moves scores and mastery, says what changed and is
recorded."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from civics import backup, services
from civics.kinds import QuestionKind
from civics.models import Attempt, Progress, Regrade
from tests.factories import (
    correct_responses,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_superuser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    """Three single-choice questions, the first choice of each right; the
    first question's key is wrong: its second choice is the right one."""
    return make_quiz(questions=3)


@pytest.fixture
def question(quiz):
    return quiz.questions.first()


@pytest.fixture
def attempts(quiz, question):
    """Ada picked the second choice of the first question (marked wrong,
    2 of 3: not mastered); Ben picked the first (3 of 3: mastered)."""
    ada, ben = make_student(username="ada"), make_student(username="ben")
    second = question.choices.all()[1]
    ada_attempt = make_submitted_attempt(
        student=ada,
        quiz=quiz,
        responses={**correct_responses(quiz), question.pk: [second.pk]},
    )
    ben_attempt = make_submitted_attempt(student=ben, quiz=quiz)
    return ada_attempt, ben_attempt


def _fix_key(question):
    """The teacher marks the second choice right and the first wrong."""
    first, second, _ = question.choices.all()
    first.is_correct, second.is_correct = False, True
    first.save()
    second.save()


def _scores(*attempts):
    return [Attempt.objects.get(pk=attempt.pk).score for attempt in attempts]


def _mastered(attempt):
    progress = Progress.objects.get(student=attempt.student, lesson=attempt.quiz.lesson)
    return progress.mastered_at is not None, progress.best_percent


def test_without_a_regrade_every_score_stands(attempts, question):
    _fix_key(question)
    assert _scores(*attempts) == [2, 3]
    assert _mastered(attempts[0]) == (False, Decimal("66.7"))


def test_a_regrade_moves_scores_and_mastery_and_says_so(attempts, question, teacher):
    ada_attempt, ben_attempt = attempts
    _fix_key(question)
    plan = services.regrade_plan(question)
    assert _scores(*attempts) == [2, 3]  # a dry run writes nothing

    report = services.regrade(question=question, by=teacher, now=timezone.now())

    assert report == plan
    assert report.answers == 2
    assert [(c.score_before, c.score_after) for c in report.attempts] == [
        (2, 3),
        (3, 2),
    ]
    assert report.mastery_gained == ("ada",)
    assert report.mastery_lost == ("ben",)
    assert _scores(*attempts) == [3, 2]
    assert _mastered(ada_attempt) == (True, Decimal(100))
    assert _mastered(ben_attempt) == (False, Decimal("66.7"))


def test_a_regrade_is_recorded(attempts, question, teacher):
    _fix_key(question)
    services.regrade(question=question, by=teacher, now=timezone.now())
    record = Regrade.objects.get()
    assert record.question == question
    assert record.regraded_by == teacher
    assert record.changes["answers"] == 2
    assert record.changes["mastery_gained"] == ["ada"]
    assert [row["score"] for row in record.changes["attempts"]] == [
        ["2.00", "3.00"],
        ["3.00", "2.00"],
    ]


def test_the_regraded_result_shows_the_current_key_and_the_regrade(
    attempts, question, teacher, client
):
    ada_attempt, _ = attempts
    second = question.choices.all()[1]
    _fix_key(question)
    services.regrade(question=question, by=teacher, now=timezone.now())
    client.force_login(ada_attempt.student)
    html = client.get(ada_attempt.get_absolute_url()).content.decode()
    assert "Regraded on" in html
    assert "the answer key changed" in html
    assert "3 out of 3" in html
    answer = ada_attempt.answers.get(question=question)
    assert [c.text for c in answer.shown.correct_choices()] == [second.text]


def test_answers_scored_on_the_current_key_are_left_alone(
    attempts, question, teacher, quiz
):
    """Neither an answer given after the fix, nor a reworded prompt, is a
    reason to regrade; a second regrade finds nothing to do."""
    _fix_key(question)
    services.regrade(question=question, by=teacher, now=timezone.now())
    later = make_submitted_attempt(student=make_student(), quiz=quiz)
    question.prompt = "Reworded?"
    question.save()
    report = services.regrade(question=question, by=teacher, now=timezone.now())
    assert report.answers == 0
    assert later.answers.get(question=question).regraded_at is None
    assert "Reworded?" not in later.answers.get(question=question).prompt_shown


def test_a_regrade_rescores_reviews_too(question, teacher, student):
    """A review's score follows; it has no mastery to move."""
    quiz = question.quiz
    second = question.choices.all()[1]
    make_submitted_attempt(
        student=student,
        quiz=quiz,
        responses={**correct_responses(quiz), question.pk: [second.pk]},
    )
    review = services.start_review(student=student, now=timezone.now())
    services.submit_attempt(
        attempt=review, responses={question.pk: [second.pk]}, now=timezone.now()
    )
    _fix_key(question)
    services.regrade(question=question, by=teacher, now=timezone.now())
    assert Attempt.objects.get(pk=review.pk).score == 1


def test_a_question_turned_numeric_cannot_be_regraded(attempts, question, teacher):
    question.kind, question.numeric_answer = QuestionKind.NUMERIC, Decimal(1)
    question.save()
    question.choices.filter(answers__isnull=True).delete()
    with pytest.raises(ValidationError) as refused:
        services.regrade(question=question, by=teacher, now=timezone.now())
    assert refused.value.code == "kind_changed"
    assert _scores(*attempts) == [2, 3]
    assert not Regrade.objects.exists()


def _regrade_url(question):
    return reverse("admin:civics_question_regrade", args=[question.pk])


def test_a_teacher_sees_what_a_regrade_would_change_then_regrades(
    attempts, question, teacher, client
):
    _fix_key(question)
    client.force_login(teacher)
    page = client.get(_regrade_url(question))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 answers would be scored again" in html
    assert "2 attempts of 2 students would change score" in html
    assert "Would master the lesson: ada." in html
    assert "Would no longer have mastered the lesson: ben." in html
    assert _scores(*attempts) == [2, 3]

    done = client.post(_regrade_url(question), follow=True)
    assert done.redirect_chain[-1][0] == reverse(
        "admin:civics_question_change", args=[question.pk]
    )
    assert "Regraded 2 answers on the current key" in done.content.decode()
    assert _scores(*attempts) == [3, 2]
    assert Regrade.objects.get().regraded_by == teacher


def test_the_regrade_action_leads_to_the_dry_run(question, teacher, client):
    client.force_login(teacher)
    response = client.post(
        reverse("admin:civics_question_changelist"),
        {"action": "regrade", "_selected_action": [question.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == _regrade_url(question)


def test_an_administrator_may_regrade(attempts, question, admin_client):
    _fix_key(question)
    admin_client.post(_regrade_url(question))
    assert _scores(*attempts) == [3, 2]


def test_an_administrator_without_a_second_factor_may_not(attempts, question, client):
    _fix_key(question)
    client.force_login(make_superuser())
    client.post(_regrade_url(question))
    assert _scores(*attempts) == [2, 3]


def test_students_cannot_regrade(attempts, question, client, student):
    _fix_key(question)
    client.force_login(student)
    response = client.post(_regrade_url(question))
    assert response.status_code == 302  # to the admin's log-in page
    assert "/login/" in response["Location"]
    assert _scores(*attempts) == [2, 3]
    assert not Regrade.objects.exists()


def test_backups_keep_regrades():
    """And the answers' snapshots: test_backup compares every field."""
    assert Regrade in backup.backed_up_models()


def test_teachers_read_the_record_of_regrades(attempts, question, teacher, client):
    _fix_key(question)
    services.regrade(question=question, by=teacher, now=timezone.now())
    client.force_login(teacher)
    page = client.get(reverse("admin:civics_regrade_changelist"))
    assert page.status_code == 200
    assert question.prompt in page.content.decode()


def test_staff_who_may_not_change_questions_cannot_regrade(attempts, question, client):
    _fix_key(question)
    client.force_login(make_student(is_staff=True))
    assert client.get(_regrade_url(question)).status_code == 403
    assert client.post(_regrade_url(question)).status_code == 403
    assert _scores(*attempts) == [2, 3]


def test_the_admin_explains_a_regrade_it_cannot_do(attempts, question, teacher, client):
    question.kind, question.numeric_answer = QuestionKind.NUMERIC, Decimal(1)
    question.save()
    client.force_login(teacher)
    response = client.get(_regrade_url(question), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:civics_question_change", args=[question.pk]
    )
    assert "cannot be scored on it" in response.content.decode()
