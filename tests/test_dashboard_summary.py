"""The class dashboard at a glance: a summary of the class on each assigned
lesson, and cells tinted by status with the status still written out."""

from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.rules.mastery import LessonStatus
from teaching.dashboard import Cell, Grid, Row, class_grid
from teaching.rules import Timeliness
from tests.factories import (
    correct_responses,
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _scoring(quiz, right):
    """Responses with the first `right` of the quiz's 5 questions right."""
    good, bad = correct_responses(quiz), wrong_responses(quiz)
    return {q: (good if i < right else bad)[q] for i, q in enumerate(good)}


@pytest.fixture
def students():
    """One student at each status, named for it."""
    names = ["mastered", "attempted", "reopened", "opened", "read", "none"]
    return {name: make_student(username=name) for name in names}


@pytest.fixture
def classroom(teacher, students):
    return make_classroom(teacher=teacher, students=students.values())


@pytest.fixture
def quiz(classroom, students):
    """An assigned quiz of 5 questions at which the class stands at every
    status: three submitted (100 %, 60 %, 40 %), the 40 % one has the quiz
    open again, another has it open without submitting, one only read."""
    quiz = make_quiz(questions=5)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    now = timezone.now()
    for name, right in (("mastered", 5), ("attempted", 3), ("reopened", 2)):
        make_submitted_attempt(
            student=students[name], quiz=quiz, responses=_scoring(quiz, right)
        )
    for name in ("reopened", "opened"):
        services.start_attempt(student=students[name], quiz=quiz, now=now)
    services.record_lesson_read(student=students["read"], lesson=quiz.lesson, now=now)
    return quiz


@pytest.fixture
def untouched(classroom, quiz):
    """A second assigned quiz nobody has opened."""
    other = make_quiz(questions=5)
    make_assignment(classroom=classroom, lesson=other.lesson, due_on=TODAY)
    return other


def _summary(grid, quiz):
    (summary,) = (s for s in grid.summaries if s.assignment.lesson_id == quiz.lesson_id)
    return summary


def test_the_summary_counts_what_the_class_has_done_on_a_lesson(
    classroom, quiz, untouched
):
    summary = _summary(class_grid(classroom, now=timezone.now()), quiz)
    assert summary.roster == 6
    assert summary.submitted == 3
    assert summary.in_progress == 2
    assert summary.mastered == 1
    assert summary.average_percent == 67  # (100 + 60 + 40) / 3
    assert summary.average_text == "67% average"
    assert summary.submitted_text == "3 of 6 submitted"
    assert summary.in_progress_text == "2 in progress"
    assert summary.mastered_text == "1 mastered"


def test_a_lesson_nobody_has_submitted_says_no_scores_yet(classroom, quiz, untouched):
    summary = _summary(class_grid(classroom, now=timezone.now()), untouched)
    assert summary.average_percent is None
    assert summary.average_text == "No scores yet"
    assert summary.submitted_text == "0 of 6 submitted"
    assert summary.in_progress == summary.mastered == 0


def test_the_summary_is_in_the_order_of_the_grids_columns(classroom, quiz, untouched):
    grid = class_grid(classroom, now=timezone.now())
    assert [s.assignment for s in grid.summaries] == grid.assignments


def test_the_summary_costs_no_query(
    classroom, quiz, untouched, django_assert_num_queries
):
    grid = class_grid(classroom, now=timezone.now())
    with django_assert_num_queries(0):
        grid.summaries  # noqa: B018


def _grid(*cells):
    """A one-lesson grid of a student per cell, built without the database."""
    rows = [Row(student=None, cells=[cell], url="", remove_url="") for cell in cells]
    return Grid(assignments=["lesson"], rows=rows, sorted_by=None)


def _cell(status, best=None, attempts=0):
    best = None if best is None else Decimal(best)
    return Cell("lesson", status, best, attempts, Timeliness.OPEN)


def test_the_class_average_is_a_whole_percent_halves_up():
    grid = _grid(
        _cell(LessonStatus.MASTERED, "100", attempts=1),
        _cell(LessonStatus.ATTEMPTED, "75", attempts=2),
    )
    assert grid.summaries[0].average_percent == 88  # 87.5


def test_a_student_who_reopens_a_mastered_quiz_counts_as_mastered_not_in_progress():
    """The summary adds up with the cells: the grid shows them as mastered."""
    (summary,) = _grid(_cell(LessonStatus.MASTERED, "90", attempts=1)).summaries
    assert (summary.mastered, summary.in_progress) == (1, 0)


def _dashboard(client, classroom):
    url = reverse("teaching:classroom_detail", args=[classroom.pk])
    return client.get(url).content.decode()


def test_the_dashboard_shows_the_summary_first_under_the_lessons(
    teacher_client, classroom, quiz, untouched
):
    html = _dashboard(teacher_client, classroom)
    start = html.index('<th scope="row">Class summary</th>')
    summary_row = html[start : html.index("</tr>", start)]
    assert start < html.index(">attempted</a></th>")  # before the first student
    *lesson_cells, mastered_column = summary_row.split("<td>")[1:]
    columns = [
        a.lesson_id for a in class_grid(classroom, now=timezone.now()).assignments
    ]
    cells = dict(zip(columns, lesson_cells, strict=True))
    for text in ("67% average", "3 of 6 submitted", "2 in progress", "1 mastered"):
        assert text in cells[quiz.lesson_id]
    for text in ("No scores yet", "0 of 6 submitted", "0 in progress", "0 mastered"):
        assert text in cells[untouched.lesson_id]
    assert mastered_column.startswith("</td>")  # nothing to sum up there


def _row(html, username):
    start = html.index(f">{username}</a></th>")
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize(
    ("username", "status", "label"),
    [
        ("mastered", "mastered", "Mastered"),
        ("attempted", "attempted", "Attempted"),
        ("reopened", "in_progress", "In progress"),
        ("opened", "in_progress", "In progress"),
        ("read", "read", "Read"),
        ("none", "not_started", "Not started"),
    ],
)
def test_each_cell_is_tinted_by_its_status_and_still_says_it(
    teacher_client, classroom, quiz, username, status, label
):
    row = _row(_dashboard(teacher_client, classroom), username)
    assert (
        f'<td class="cell-status-{status}">'
        f'<span class="badge status-{status}">{label}</span>'
    ) in row


def test_every_status_has_a_tint_or_is_left_white_on_purpose():
    """A status added later gets a tint in site.css, or is seen to have none."""
    with open(finders.find("css/site.css")) as css:
        rules = css.read()
    tinted = {s for s in LessonStatus if f".cell-status-{s} {{" in rules}
    assert set(LessonStatus) - tinted == {LessonStatus.NOT_STARTED}
