"""Question analysis names the students who missed each question, by their
latest submitted attempt, so a teacher knows whom to help with what."""

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind
from teaching.dashboard import item_analysis
from tests.factories import (
    correct_responses,
    make_assignment,
    make_classroom,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    wrong_responses,
)
from tests.test_query_budgets import QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    """A single-choice question, then a multiple-select one (two of its three
    choices are right, so picking one of them earns half)."""
    return make_quiz(questions=1, kinds=[QuestionKind.MULTIPLE])


@pytest.fixture
def classroom(teacher, quiz):
    classroom = make_classroom(teacher=teacher, name="Period 3")
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    return classroom


def _enrolled(classroom, username, **names):
    student = make_student(username=username, **names)
    classroom.enrolments.create(student=student)
    return student


@pytest.fixture
def answers(teacher, classroom, quiz):
    """Ada misses the first question, Dee leaves it blank and gets the second
    half right, Ben gets both right; Carl missed both before getting both
    right; a student of the teacher's other class misses both."""
    single, multiple = quiz.questions.all()
    right, wrong = correct_responses(quiz), wrong_responses(quiz)
    ada = _enrolled(classroom, "ada", first_name="Ada", last_name="L")
    ben = _enrolled(classroom, "ben")
    carl = _enrolled(classroom, "carl")
    dee = _enrolled(classroom, "dee")
    other_class = make_classroom(teacher=teacher)
    outsider = _enrolled(other_class, "outsider")
    make_submitted_attempt(
        student=ada, quiz=quiz, responses={**right, single.pk: wrong[single.pk]}
    )
    make_submitted_attempt(student=ben, quiz=quiz, responses=right)
    make_submitted_attempt(student=carl, quiz=quiz, responses=wrong)
    make_submitted_attempt(student=carl, quiz=quiz, responses=right)
    make_submitted_attempt(
        student=dee,
        quiz=quiz,
        responses={single.pk: None, multiple.pk: right[multiple.pk][:1]},
    )
    make_submitted_attempt(student=outsider, quiz=quiz, responses=wrong)
    return {"ada": ada, "dee": dee}


def _missed(classroom, quiz):
    """{question position: [(username, verdict), ...]}"""
    _, items = item_analysis(classroom, quiz)
    return {
        question.position: [(m.student.username, m.verdict) for m in misses]
        for question, _, misses in items
    }


def test_each_question_names_exactly_the_students_whose_latest_attempt_missed_it(
    classroom, quiz, answers
):
    assert _missed(classroom, quiz) == {
        1: [("ada", "wrong"), ("dee", "not answered")],
        2: [("dee", "partly right")],
    }


def test_the_misses_add_up_with_the_share_answered_fully_right(
    classroom, quiz, answers
):
    _, items = item_analysis(classroom, quiz)
    for _, result, misses in items:
        assert len(misses) == result.answered - result.correct


def test_a_quiz_nobody_has_submitted_names_nobody(classroom, quiz):
    assert _missed(classroom, quiz) == {1: [], 2: []}


def _page(client, classroom, quiz):
    url = reverse("teaching:item_analysis", args=[classroom.pk, quiz.lesson_id])
    return client.get(url).content.decode()


def _question(html, number):
    """The question's card, up to the next one or the end of the list."""
    start = html.index(f"Question {number}:")
    ends = (html.find('<li class="card', start), html.index("</ol>", start))
    return html[start : min(end for end in ends if end != -1)]


def test_the_page_lists_who_missed_behind_a_count_linking_to_their_pages(
    teacher_client, classroom, quiz, answers
):
    html = _page(teacher_client, classroom, quiz)
    first = _question(html, 1)
    assert "<summary>Missed by 2 students: show names</summary>" in first
    ada_url = reverse("teaching:student_detail", args=[classroom.pk, answers["ada"].pk])
    dee_url = reverse("teaching:student_detail", args=[classroom.pk, answers["dee"].pk])
    assert f'<a href="{ada_url}">Ada L. (ada)</a>: wrong' in first
    assert f'<a href="{dee_url}">dee</a>: not answered' in first
    for username in ("ben", "carl", "outsider"):
        assert f">{username}</a>" not in html
    second = _question(html, 2)
    assert "<summary>Missed by 1 student: show names</summary>" in second
    assert f'<a href="{dee_url}">dee</a>: partly right' in second


def test_a_question_everyone_got_right_says_nobody_missed_it(
    teacher_client, classroom, quiz
):
    make_submitted_attempt(student=_enrolled(classroom, "ben"), quiz=quiz)
    html = _page(teacher_client, classroom, quiz)
    assert _question(html, 1).count("Nobody missed it.") == 1
    assert "<details" not in html.split("<main", 1)[1]


def test_naming_who_missed_costs_the_same_queries_for_2_students_or_6(
    teacher_client, classroom, quiz, django_assert_num_queries
):
    budget = QUERIES["teacher: item analysis"]
    for n in range(6):
        student = _enrolled(classroom, f"student{n}", first_name="Sam", last_name="S")
        make_submitted_attempt(
            student=student, quiz=quiz, responses=wrong_responses(quiz)
        )
        if n in (1, 5):
            with django_assert_num_queries(budget):
                html = _page(teacher_client, classroom, quiz)
            assert f"Missed by {n + 1} students" in html


def test_a_written_answer_nobody_has_scored_is_listed_to_score_with_a_link_to_it(
    teacher, classroom
):
    quiz = make_quiz(lesson=None, questions=0)
    written = make_question(quiz=quiz, kind=QuestionKind.WRITTEN)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    ada = _enrolled(classroom, "ada")
    bea = _enrolled(classroom, "bea")
    cy = _enrolled(classroom, "cy")
    unscored = make_submitted_attempt(
        student=ada, quiz=quiz, responses={written.pk: "My answer."}
    )
    scored = make_submitted_attempt(
        student=bea, quiz=quiz, responses={written.pk: "Mine."}
    )
    services.score_written_answer(
        answer=scored.answers.get(),
        marks=[False] * 3,
        by=teacher,
        now=timezone.now(),
    )
    make_submitted_attempt(student=cy, quiz=quiz, responses={written.pk: None})

    _, [(_, _, misses)] = item_analysis(classroom, quiz)

    assert [(miss.student, miss.verdict) for miss in misses] == [
        (ada, "not scored yet"),
        (bea, "wrong"),
        (cy, "not answered"),
    ]
    assert misses[0].url == reverse("civics:attempt_result", kwargs={"pk": unscored.pk})


def test_the_students_page_offers_to_score_an_unmarked_written_answer_until_marked(
    teacher, classroom, client
):
    quiz = make_quiz(questions=1)
    written = make_question(quiz=quiz, kind=QuestionKind.WRITTEN, position=2)
    ada = _enrolled(classroom, "ada")
    attempt = make_submitted_attempt(
        student=ada,
        quiz=quiz,
        responses={**correct_responses(quiz), written.pk: "My answer."},
    )
    client.force_login(teacher)
    url = reverse("teaching:student_detail", args=[classroom.pk, ada.pk])
    assert "Score written answer (1)" in client.get(url).content.decode()

    services.score_written_answer(
        answer=attempt.answers.get(question=written),
        marks=[True] * 3,
        by=teacher,
        now=timezone.now(),
    )
    html = client.get(url).content.decode()
    assert "Score written answer" not in html
    assert "See answers" in html
