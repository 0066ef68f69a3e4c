"""What a teacher sees of a class, and what its students see of assignments."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind
from civics.models import SelectedChoice
from teaching.dashboard import class_grid
from teaching.models import Assignment
from teaching.services import set_archived
from tests.factories import (
    as_post_data,
    correct_responses,
    make_assignment,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_submitted_attempt,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _mixed(quiz, right):
    """Responses with the first `right` questions right and the rest wrong."""
    good, bad = correct_responses(quiz), wrong_responses(quiz)
    return {q: (good if i < right else bad)[q] for i, q in enumerate(good)}


@pytest.fixture
def ada():
    return make_student(username="ada")


@pytest.fixture
def ben():
    return make_student(username="ben")


@pytest.fixture
def classroom(teacher, ada, ben):
    return make_classroom(teacher=teacher, students=[ada, ben], name="Period 3")


@pytest.fixture
def quiz_a(classroom):
    quiz = make_quiz(questions=5)
    make_assignment(classroom=classroom, lesson=quiz.lesson, due_on=TODAY)
    return quiz


@pytest.fixture
def quiz_b(classroom):
    quiz = make_quiz(questions=5)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    return quiz


def _dashboard(client, classroom, **params):
    url = reverse("teaching:classroom_detail", args=[classroom.pk])
    return client.get(url, params).content.decode()


def _row(html, username):
    start = html.index(f">{username}</a></th>")
    return html[start : html.index("</tr>", start)]


def test_the_grid_shows_status_best_score_attempts_and_timeliness(
    teacher_client, classroom, quiz_a, quiz_b, ada, ben
):
    make_submitted_attempt(student=ada, quiz=quiz_a, responses=_mixed(quiz_a, 2))
    make_submitted_attempt(student=ada, quiz=quiz_a, responses=_mixed(quiz_a, 5))
    make_submitted_attempt(student=ben, quiz=quiz_b, responses=_mixed(quiz_b, 3))
    html = _dashboard(teacher_client, classroom)

    ada_row = _row(html, "ada")
    assert "Mastered" in ada_row
    assert "100% best" in ada_row
    assert "2 attempts" in ada_row
    assert "Done on time" in ada_row
    assert "1 of 2" in ada_row
    ben_row = _row(html, "ben")
    assert "Attempted" in ben_row
    assert "60% best" in ben_row
    assert "Due soon" in ben_row  # quiz A is due today and not mastered


def test_a_cell_shows_timeliness_only_for_a_lesson_with_a_due_date(
    teacher_client, classroom, quiz_a, quiz_b
):
    ada_row = _row(_dashboard(teacher_client, classroom), "ada")
    assert ada_row.count("<td") == 3  # two lessons, then the mastered count
    assert ada_row.count("Not started") == 2
    assert ada_row.count("0 attempts") == 2
    assert ada_row.count('class="badge timeliness-') == 1  # quiz A's due date


def test_the_grid_and_roster_escape_student_names(teacher_client, classroom, quiz_a):
    classroom.enrolments.create(student=make_student(username="<i>eve</i>"))
    html = _dashboard(teacher_client, classroom)
    assert ">&lt;i&gt;eve&lt;/i&gt;</a></th>" in html
    assert "<i>eve</i>" not in html


def test_a_lesson_mastered_after_its_due_date_shows_as_late(
    teacher_client, classroom, quiz_a, ada
):
    Assignment.objects.filter(lesson=quiz_a.lesson).update(
        due_at=timezone.now() - timedelta(days=2)
    )
    make_submitted_attempt(student=ada, quiz=quiz_a)
    html = _dashboard(teacher_client, classroom)
    assert "Done late" in _row(html, "ada")
    assert "Overdue" in _row(html, "ben")


def test_the_grid_sorts_by_name_or_by_a_lessons_best_score(
    teacher_client, classroom, quiz_a, ada, ben
):
    make_submitted_attempt(student=ben, quiz=quiz_a, responses=_mixed(quiz_a, 4))
    make_submitted_attempt(student=ada, quiz=quiz_a, responses=_mixed(quiz_a, 1))
    by_name = _dashboard(teacher_client, classroom)
    assert by_name.index(">ada</a></th>") < by_name.index(">ben</a></th>")
    by_score = _dashboard(teacher_client, classroom, sort=quiz_a.lesson_id)
    assert by_score.index(">ben</a></th>") < by_score.index(">ada</a></th>")
    assert 'aria-sort="descending"' in by_score
    ignored = _dashboard(teacher_client, classroom, sort="'; DROP")
    assert ignored.index(">ada</a></th>") < ignored.index(">ben</a></th>")


def test_the_dashboard_links_each_student_to_their_page_and_their_removal(
    teacher_client, classroom, quiz_a, ada
):
    html = _dashboard(teacher_client, classroom)
    detail = reverse("teaching:student_detail", args=[classroom.pk, ada.pk])
    remove = reverse("teaching:student_remove", args=[classroom.pk, ada.pk])
    assert f'<th scope="row"><a href="{detail}">ada</a></th>' in html
    assert f'<a href="{detail}">ada</a><a href="{remove}"' in html


@pytest.mark.parametrize("forged", ["999999", "draft", "not-a-number"])
def test_a_forged_or_draft_lesson_cannot_be_assigned(teacher_client, classroom, forged):
    draft = make_lesson(published=False)
    value = draft.pk if forged == "draft" else forged
    response = teacher_client.post(
        reverse("teaching:assignment_save", args=[classroom.pk]), {"lessons": value}
    )
    assert response.status_code == 400
    assert "Reload the page" in response.content.decode()
    assert not classroom.assignments.exists()


def test_an_unreadable_due_date_gets_a_message(teacher_client, classroom):
    response = teacher_client.post(
        reverse("teaching:assignment_save", args=[classroom.pk]),
        {"lessons": make_lesson().pk, "due_date": "next Friday"},
    )
    assert response.status_code == 200
    assert "Enter a date, for example 2026-12-01." in response.content.decode()
    assert not classroom.assignments.exists()


def test_removing_an_assignment_keeps_students_work(
    teacher_client, classroom, quiz_a, ada
):
    make_submitted_attempt(student=ada, quiz=quiz_a)
    assignment = classroom.assignments.get()
    teacher_client.post(
        reverse("teaching:assignment_remove", args=[classroom.pk, assignment.pk])
    )
    assert not classroom.assignments.exists()
    assert ada.attempts.count() == 1


def test_a_teacher_cannot_remove_another_classes_assignment(teacher_client, classroom):
    other = make_classroom()
    foreign = make_assignment(classroom=other, lesson=make_lesson())
    response = teacher_client.post(
        reverse("teaching:assignment_remove", args=[classroom.pk, foreign.pk])
    )
    assert response.status_code == 404
    assert Assignment.objects.filter(pk=foreign.pk).exists()


def test_students_see_their_assignments_first_with_what_is_due(
    client, classroom, quiz_a, quiz_b, ada
):
    late = make_quiz()
    make_assignment(
        classroom=classroom, lesson=late.lesson, due_on=TODAY - timedelta(1)
    )
    client.force_login(ada)
    html = client.get(reverse("civics:course_home")).content.decode()
    start = html.index("Your assignments")
    panel = html[start : html.index("</section>", start)]
    assert panel.index(late.lesson.title) < panel.index(quiz_a.lesson.title)
    assert panel.index(quiz_a.lesson.title) < panel.index(quiz_b.lesson.title)
    assert "Overdue" in panel
    assert "Due soon" in panel
    assert html.index("Your assignments") < html.index("Unit 1")


def test_assignments_of_other_or_archived_classes_are_not_shown(client, ada):
    other = make_classroom()
    make_assignment(classroom=other, lesson=make_lesson(title="Not mine"))
    archived = make_classroom(students=[ada])
    make_assignment(classroom=archived, lesson=make_lesson(title="Old"))
    set_archived(classroom=archived, archived=True, now=timezone.now())
    client.force_login(ada)
    html = client.get(reverse("civics:course_home")).content.decode()
    assert "Your assignments" not in html


def test_the_drill_down_lists_a_students_attempts_with_their_answers(
    teacher_client, classroom, quiz_a, ada
):
    attempt = make_submitted_attempt(
        student=ada, quiz=quiz_a, responses=_mixed(quiz_a, 3)
    )
    url = reverse("teaching:student_detail", args=[classroom.pk, ada.pk])
    html = teacher_client.get(url).content.decode()
    assert "60%" in html
    result = reverse("civics:attempt_result", args=[attempt.pk])
    assert f'href="{result}"' in html
    answers = teacher_client.get(result)
    assert answers.status_code == 200
    assert quiz_a.questions.first().prompt in answers.content.decode()


def test_a_teacher_reviewing_a_students_results_is_offered_no_retake(
    teacher_client, classroom, quiz_a, ada
):
    attempt = make_submitted_attempt(student=ada, quiz=quiz_a)
    url = reverse("civics:attempt_result", args=[attempt.pk])
    html = teacher_client.get(url).content.decode()
    assert f"{ada.username}\u2019s score" in html  # a typographic apostrophe
    assert "Your score" not in html
    assert "Retake the quiz" not in html
    assert reverse("civics:quiz_start", args=[quiz_a.lesson.slug]) not in html


def test_a_teacher_cannot_answer_for_a_student(teacher_client, classroom, quiz_a, ada):
    attempt = services.start_attempt(student=ada, quiz=quiz_a, now=timezone.now())
    url = reverse("civics:attempt_take", args=[attempt.pk])
    assert teacher_client.get(url).status_code == 404
    answers = {**as_post_data(correct_responses(quiz_a)), "action": "submit"}
    assert teacher_client.post(url, answers).status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert not SelectedChoice.objects.filter(answer__attempt=attempt).exists()


def test_a_teacher_opens_the_results_of_a_student_in_two_of_their_classes(
    teacher_client, teacher, classroom, quiz_a, ada
):
    make_classroom(teacher=teacher, students=[ada])
    attempt = make_submitted_attempt(student=ada, quiz=quiz_a)
    url = reverse("civics:attempt_result", args=[attempt.pk])
    assert teacher_client.get(url).status_code == 200


def test_item_analysis_shows_the_share_right_and_the_top_wrong_answer(
    teacher_client, teacher, classroom, ada, ben
):
    quiz = make_quiz(questions=1, kinds=[QuestionKind.NUMERIC])
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    single, numeric = quiz.questions.all()
    wrong = single.choices.filter(is_correct=False).first()
    outsider = make_student()
    carl = make_student(username="carl")
    classroom.enrolments.create(student=carl)
    answers = {
        ada: {single.pk: [wrong.pk], numeric.pk: Decimal(67)},
        ben: {single.pk: [wrong.pk], numeric.pk: Decimal(66)},
        carl: correct_responses(quiz),
        outsider: {single.pk: [wrong.pk], numeric.pk: Decimal(50)},
    }
    for student, responses in answers.items():
        make_submitted_attempt(student=student, quiz=quiz, responses=responses)
    # Carl's latest attempt is the one that counts.
    make_submitted_attempt(
        student=carl,
        quiz=quiz,
        responses={single.pk: [wrong.pk], numeric.pk: Decimal(67)},
    )
    url = reverse("teaching:item_analysis", args=[classroom.pk, quiz.lesson_id])
    html = teacher_client.get(url).content.decode()
    assert "3 students of Period 3 have submitted this quiz." in html
    first = html[html.index("Question 1:") : html.index("Question 2:")]
    assert "0% answered fully right (0 of 3)" in first
    assert f"<strong>{wrong.text}</strong> (3 students)" in first
    second = html[html.index("Question 2:") :]
    assert "33% answered fully right (1 of 3)" in second
    assert "<strong>67</strong> (2 students)" in second


def test_item_analysis_is_only_for_the_classes_assigned_lessons(
    teacher_client, classroom
):
    unassigned = make_quiz()
    url = reverse("teaching:item_analysis", args=[classroom.pk, unassigned.lesson_id])
    assert teacher_client.get(url).status_code == 404


def test_the_gradebook_reads_back_with_the_right_values(
    teacher_client, classroom, quiz_a, quiz_b, ada, ben
):
    make_submitted_attempt(student=ada, quiz=quiz_a, responses=_mixed(quiz_a, 5))
    make_submitted_attempt(student=ada, quiz=quiz_b, responses=_mixed(quiz_b, 2))
    make_submitted_attempt(student=ben, quiz=quiz_b, responses=_mixed(quiz_b, 4))
    response = teacher_client.get(
        reverse("teaching:gradebook_csv", args=[classroom.pk])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="period-3-gradebook.csv"' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows == [
        [
            "Student",
            f"{quiz_a.lesson.title}: best score (%)",
            f"{quiz_a.lesson.title}: status",
            f"{quiz_b.lesson.title}: best score (%)",
            f"{quiz_b.lesson.title}: status",
            "Lessons mastered",
            "Lessons assigned",
        ],
        ["ada", "100", "mastered on time", "40", "submitted, not mastered", "1", "2"],
        ["ben", "", "not started", "80", "mastered", "1", "2"],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_gradebook_neutralises_spreadsheet_formulas(
    teacher_client, classroom, start
):
    sneaky = make_student(username=f"{start}cmd")
    classroom.enrolments.create(student=sneaky)
    body = teacher_client.get(
        reverse("teaching:gradebook_csv", args=[classroom.pk])
    ).content.decode("utf-8")
    assert f"'{start}cmd" in body


def test_mastering_late_in_the_evening_of_the_due_date_is_on_time(classroom, ada):
    quiz = make_quiz(questions=1)
    due = date(2026, 3, 10)
    make_assignment(classroom=classroom, lesson=quiz.lesson, due_on=due)
    evening = datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    attempt = services.start_attempt(student=ada, quiz=quiz, now=evening)
    services.submit_attempt(
        attempt=attempt, responses=correct_responses(quiz), now=evening
    )
    grid = class_grid(
        classroom, now=datetime(2026, 3, 12, tzinfo=ZoneInfo("America/New_York"))
    )
    ada_row = next(row for row in grid.rows if row.student == ada)
    assert ada_row.cells[0].timeliness.label == "Done on time"


def test_a_newly_published_lesson_joins_the_menu_of_lessons_to_assign(
    teacher_client, classroom, django_capture_on_commit_callbacks
):
    """The empty assignment form is cached until the course changes."""
    assert "Brand new lesson" not in _dashboard(teacher_client, classroom)
    with django_capture_on_commit_callbacks(execute=True):
        make_lesson(title="Brand new lesson")
    assert "Brand new lesson" in _dashboard(teacher_client, classroom)


def test_a_refused_assignment_shows_its_error_not_the_cached_form(
    teacher_client, classroom, quiz_a
):
    _dashboard(teacher_client, classroom)
    url = reverse("teaching:assignment_save", args=[classroom.pk])
    html = teacher_client.post(
        url, {"lessons": make_lesson().pk, "due_date": "soon"}
    ).content.decode()
    assert "Enter a date, for example 2026-12-01." in html
