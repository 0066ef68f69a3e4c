"""The course home, a lesson page and "My progress"."""

import pytest
from django.urls import reverse

from civics.models import Progress
from tests.factories import (
    correct_responses,
    make_lesson,
    make_quiz,
    make_submitted_attempt,
    make_unit,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


def test_visitors_see_units_and_published_lessons_in_order(client):
    second_unit = make_unit(title="Second unit", position=2)
    first_unit = make_unit(title="First unit", position=1)
    make_lesson(unit=second_unit, title="Lesson C", position=1)
    make_lesson(unit=first_unit, title="Lesson B", position=2, summary="Says B.")
    make_lesson(unit=first_unit, title="Lesson A", position=1)
    make_lesson(unit=first_unit, title="Hidden draft", published=False)
    html = client.get(reverse("civics:course_home")).content.decode()
    order = [html.index(s) for s in ("First unit", "Lesson A", "Lesson B")]
    assert order == sorted(order)
    assert html.index("Lesson B") < html.index("Second unit") < html.index("Lesson C")
    assert "Says B." in html
    assert "Hidden draft" not in html


def test_visitors_can_read_a_lesson_with_its_sources_and_objectives(client):
    lesson = make_lesson(objectives="Explain the clause.")
    lesson.sources.create(title="Article II", url="https://example.org/art2")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert '<h2 id="section-part-one">Part one</h2>' in html
    assert "Explain the clause." in html
    assert 'href="https://example.org/art2"' in html


def test_visitors_are_asked_to_log_in_before_the_quiz(client, lesson):
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "Log in to take the quiz" in html
    assert f"/accounts/login/?next=/lessons/{lesson.slug}/" in html


def test_an_unpublished_lesson_is_a_404_for_students_and_visitors(
    visitor, student_client
):
    draft = make_lesson(published=False)
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    assert student_client.get(draft.get_absolute_url()).status_code == 404


def test_a_teacher_sees_drafts_marked_as_drafts(teacher_client):
    draft = make_lesson(title="Work in progress", published=False)
    home = teacher_client.get(reverse("civics:course_home")).content.decode()
    page = teacher_client.get(draft.get_absolute_url())
    assert "Work in progress" in home
    assert page.status_code == 200
    assert "students cannot see this lesson" in page.content.decode()


def test_a_student_opening_a_lesson_marks_it_read(student_client, student, lesson):
    student_client.get(lesson.get_absolute_url())
    progress = Progress.objects.get(student=student, lesson=lesson)
    assert progress.read_at is not None


def test_course_home_shows_each_lessons_status_to_a_student(student_client, student):
    mastered, attempted = make_quiz(), make_quiz()
    read, untouched = make_lesson(), make_lesson()
    make_submitted_attempt(student=student, quiz=mastered)
    make_submitted_attempt(
        student=student, quiz=attempted, responses=wrong_responses(attempted)
    )
    student_client.get(read.get_absolute_url())
    html = student_client.get(reverse("civics:course_home")).content.decode()
    for lesson, label in [
        (mastered.lesson, "Mastered"),
        (attempted.lesson, "Attempted"),
        (read, "Read"),
        (untouched, "Not started"),
    ]:
        after = html[html.index(lesson.title) :]
        assert after.index(label) < after.index("</li>")
    assert "Mastered 1 of 4 lessons (25%)" in html


def test_a_lesson_offers_to_continue_an_open_attempt(student_client, lesson):
    student_client.post(reverse("civics:quiz_start", args=[lesson.slug]))
    html = student_client.get(lesson.get_absolute_url()).content.decode()
    assert "Continue the quiz" in html


def test_my_progress_shows_status_best_score_and_attempts(student_client, student):
    quiz = make_quiz(questions=4)
    other = make_lesson(title="Not yet opened")
    make_submitted_attempt(student=student, quiz=quiz, responses=wrong_responses(quiz))
    make_submitted_attempt(
        student=student, quiz=quiz, responses=correct_responses(quiz)
    )
    html = student_client.get(reverse("civics:my_progress")).content.decode()
    row = html[html.index(quiz.lesson.title) :]
    row = row[: row.index("</tr>")]
    assert "Mastered" in row
    assert "100%" in row
    assert "<td>2</td>" in row
    other_row = html[html.index(other.title) :]
    assert "None yet" in other_row[: other_row.index("</tr>")]
    assert "Mastered 1 of 2 lessons (50%)" in html


def test_my_progress_shows_only_my_own_work(student_client, other_student, quiz):
    make_submitted_attempt(student=other_student, quiz=quiz)
    html = student_client.get(reverse("civics:my_progress")).content.decode()
    assert "Mastered 0 of 1 lesson (0%)" in html
