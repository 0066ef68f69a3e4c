"""The results page a student reads after a quiz: how each answer earned its
points in words, a plain "mastered", where to go next, feedback pointers that
link to the lesson's sections, and for a review, what happens to each
question next."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind
from civics.models import Question
from tests.factories import (
    correct_response,
    correct_responses,
    make_classroom,
    make_lesson,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_unit,
    wrong_response,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


def _result(client, attempt):
    return client.get(
        reverse("civics:attempt_result", args=[attempt.pk])
    ).content.decode()


def _picks(question, *, right, wrong):
    """The first `right` correct and `wrong` incorrect choices' ids."""
    choices = list(question.choices.all())
    return [c.pk for c in choices if c.is_correct][:right] + [
        c.pk for c in choices if not c.is_correct
    ][:wrong]


def test_a_right_and_a_wrong_pick_say_why_they_score_nothing(student_client, student):
    quiz = make_quiz(questions=0, kinds=[QuestionKind.MULTIPLE], choices=4)
    question = quiz.questions.get()
    attempt = make_submitted_attempt(
        student=student,
        quiz=quiz,
        responses={question.pk: _picks(question, right=1, wrong=1)},
    )
    html = _result(student_client, attempt)
    assert (
        "0 of 1 point: you found 1 of the 2 right answers and picked 1 that is "
        "not one; each wrong pick takes one away." in html
    )
    assert html.count("Right pick") == 1
    assert html.count("Wrong pick") == 1


def test_partial_credit_and_the_total_are_said_without_thousandths(
    student_client, student
):
    quiz = make_quiz(questions=7, kinds=[QuestionKind.MULTIPLE], choices=4)
    multiple = quiz.questions.get(kind=QuestionKind.MULTIPLE)
    multiple.choices.filter(position=3).update(is_correct=True)  # 3 right of 4
    responses = correct_responses(quiz)
    responses[multiple.pk] = _picks(multiple, right=2, wrong=0)
    attempt = make_submitted_attempt(student=student, quiz=quiz, responses=responses)
    html = _result(student_client, attempt)
    assert "Your score: 7.7 out of 8 (95.9%)" in html
    assert "0.7 of 1 point: you found 2 of the 3 right answers." in html
    assert "0.667" not in html
    assert "7.67" not in html


def test_an_ordering_answer_says_how_many_items_are_in_place(student_client, student):
    quiz = make_quiz(questions=0)
    ordering = make_question(quiz=quiz, kind=QuestionKind.ORDERING, choices=6, points=3)
    ids = correct_response(ordering)
    attempt = make_submitted_attempt(
        student=student,
        quiz=quiz,
        responses={ordering.pk: [*ids[:3], ids[4], ids[5], ids[3]]},
    )
    html = _result(student_client, attempt)
    assert "Partly right" in html
    assert "1.5 of 3 points: 3 of the 6 items are in their right place." in html


def test_a_mastered_lesson_is_said_plainly_with_the_next_lesson_first(
    student_client, student
):
    unit = make_unit()
    lesson = make_lesson(unit=unit, position=1, title="The treaty clause")
    make_lesson(unit=unit, position=2, title="Hidden", published=False)
    following = make_lesson(unit=make_unit(position=unit.position + 1), position=0)
    quiz = make_quiz(lesson=lesson)
    html = _result(student_client, make_submitted_attempt(student=student, quiz=quiz))
    assert "You mastered The treaty clause!" in html
    assert (
        f'<a class="btn btn-primary" href="{following.get_absolute_url()}">Next lesson'
        in html
    )
    assert "Retake the quiz" in html
    assert "Back to the lesson" in html
    assert reverse("civics:my_progress") in html


def test_a_failed_attempt_is_not_called_mastered(student_client, student, quiz):
    attempt = make_submitted_attempt(
        student=student, quiz=quiz, responses=wrong_responses(quiz)
    )
    html = _result(student_client, attempt)
    assert "You mastered" not in html
    assert "The pass mark is 80%." in html


def test_the_last_lesson_leads_back_to_the_course(student_client, student):
    lesson = make_lesson(unit=make_unit(position=10_000))
    quiz = make_quiz(lesson=lesson)
    html = _result(student_client, make_submitted_attempt(student=student, quiz=quiz))
    assert "Next lesson" not in html
    assert (
        f'<a class="btn btn-primary" href="{reverse("civics:course_home")}">'
        "Back to the course</a>" in html
    )


def test_a_teacher_reading_a_students_results_gets_no_next_step(
    teacher_client, teacher, student
):
    make_classroom(teacher=teacher, students=[student])
    unit = make_unit()
    quiz = make_quiz(lesson=make_lesson(unit=unit, position=1))
    make_lesson(unit=unit, position=2)
    html = _result(teacher_client, make_submitted_attempt(student=student, quiz=quiz))
    assert f"{student.username} mastered" in html
    assert "Next lesson" not in html
    assert "Back to the course" not in html
    assert "Retake the quiz" not in html


def test_a_pointer_to_a_section_of_the_lesson_links_to_it(student_client, student):
    lesson = make_lesson(body="## Commander in Chief\n\nThe text.")
    quiz = make_quiz(lesson=lesson, questions=1)
    question = quiz.questions.get()
    Question.objects.filter(pk=question.pk).update(
        explanation="See 'Commander in Chief' in this lesson. See 'Nowhere' in "
        "this lesson."
    )
    question.choices.filter(is_correct=False).update(
        feedback="Not this one. See 'Commander in Chief' in this lesson."
    )
    attempt = make_submitted_attempt(
        student=student, quiz=quiz, responses={question.pk: wrong_response(question)}
    )
    html = _result(student_client, attempt)
    link = (
        f'<a href="{lesson.get_absolute_url()}#section-commander-in-chief">'
        "&#x27;Commander in Chief&#x27;</a>"
    )
    assert html.count(link) == 2  # the explanation and the picked choice's feedback
    assert "See &#x27;Nowhere&#x27; in this lesson." in html
    lesson_page = student_client.get(lesson.get_absolute_url()).content.decode()
    assert 'id="section-commander-in-chief"' in lesson_page


def _review(student, quizzes, *, right):
    """Miss every question of `quizzes`, then practise them at once, all right
    or all wrong."""
    for quiz in quizzes:
        make_submitted_attempt(
            student=student, quiz=quiz, responses=wrong_responses(quiz)
        )
    now = timezone.now()
    review = services.start_review(student=student, now=now)
    answer = correct_response if right else wrong_response
    responses = {a.question_id: answer(a.question) for a in review.answers.all()}
    return services.submit_attempt(attempt=review, responses=responses, now=now)


@pytest.mark.parametrize(
    ("right", "next_step"),
    [
        (True, "Right: it comes back tomorrow; right again then and it leaves review."),
        (False, "Missed: it stays due, so it comes back in your next practice."),
    ],
)
def test_a_review_result_names_each_lesson_and_says_what_comes_next(
    student_client, student, right, next_step
):
    first, second = make_quiz(questions=1), make_quiz(questions=2)
    html = _result(student_client, _review(student, [first, second], right=right))
    for quiz in (first, second):
        lesson = quiz.lesson
        assert (
            f'From the lesson <a href="{lesson.get_absolute_url()}">{lesson.title}</a>'
            in html
        )
    assert html.count(next_step) == 3
    assert "Next lesson" not in html


def test_a_question_right_on_a_second_day_has_left_review(student_client, student):
    quiz = make_quiz(questions=2)
    make_submitted_attempt(student=student, quiz=quiz, responses=wrong_responses(quiz))
    days = [timezone.now(), timezone.now() + timedelta(days=1)]
    for now in days:
        review = services.start_review(student=student, now=now)
        responses = correct_responses(quiz)
        review = services.submit_attempt(attempt=review, responses=responses, now=now)
    html = _result(student_client, review)
    assert html.count("Right again: it has left review.") == 2


@pytest.fixture
def results_budget(django_assert_num_queries, client):
    """The results page costs its student `queries` whatever it holds."""

    def check(attempt, queries):
        client.force_login(attempt.student)
        url = reverse("civics:attempt_result", args=[attempt.pk])
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200

    return check


def test_the_results_page_costs_the_same_for_5_and_15_questions(
    student, results_budget
):
    # User, attempt, answers, choices, picks; the next lesson.
    for size in (5, 15):
        quiz = make_quiz(questions=size, kinds=[QuestionKind.MULTIPLE])
        make_lesson(unit=quiz.lesson.unit, position=quiz.lesson.position + 1)
        results_budget(make_submitted_attempt(student=student, quiz=quiz), 6)


def test_a_review_result_costs_the_same_for_1_and_6_lessons(results_budget):
    # User, attempt, answers, choices, picks; the lessons' sections; the
    # questions' review states.
    for lessons in (1, 6):
        student = make_student()
        quizzes = [make_quiz(questions=1) for _ in range(lessons)]
        results_budget(_review(student, quizzes, right=True), 7)


def test_an_unanswered_question_says_no_answer(student_client, student):
    quiz = make_quiz(questions=1, kinds=(QuestionKind.NUMERIC, QuestionKind.ORDERING))
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.submit_attempt(
        attempt=attempt,
        responses=dict.fromkeys(quiz.questions.values_list("pk", flat=True)),
        now=timezone.now(),
    )
    html = student_client.get(attempt.get_absolute_url()).content.decode()
    assert html.count("No answer") == 3


def test_the_points_sentence_stays_once_a_teacher_changes_the_key(
    student_client, student
):
    """The student keeps the credit they were given and the key it was
    counted from (the answer's snapshot), so the sentence still adds up."""
    quiz = make_quiz(questions=0, kinds=(QuestionKind.MULTIPLE,))
    question = quiz.questions.get()
    right, _also_right, wrong = question.choices.all()
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.submit_attempt(
        attempt=attempt, responses={question.pk: [right.pk]}, now=timezone.now()
    )
    wrong.is_correct = True
    wrong.save()
    html = student_client.get(attempt.get_absolute_url()).content.decode()
    assert "Partly right" in html
    assert "0.5 of 1 point: you found 1 of the 2 right answers." in html


def test_the_points_sentence_goes_when_it_does_not_match_the_credit(
    student_client, student
):
    """An answer submitted before snapshots was given one by the migration
    from the question as it then stood; if the key had changed before, its
    counts would contradict the credit, which stands."""
    quiz = make_quiz(questions=0, kinds=(QuestionKind.MULTIPLE,))
    question = quiz.questions.get()
    right = question.choices.first()
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.submit_attempt(
        attempt=attempt, responses={question.pk: [right.pk]}, now=timezone.now()
    )
    answer = attempt.answers.get()
    for choice in answer.choices_shown:
        choice["is_correct"] = True
    answer.save()
    html = student_client.get(attempt.get_absolute_url()).content.decode()
    assert "Partly right" in html
    assert "of 1 point" not in html
