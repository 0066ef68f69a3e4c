"""Another try: a teacher resets one student's quiz, or a whole class's, for
an assignment. Submitted attempts stay in the history, the student starts
afresh on the assignment, and the dashboard says what happened."""

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from civics import services as civics_services
from civics.models import Answer, Attempt, Lesson, Progress
from teaching.dashboard import assignments_for_student, class_grid
from teaching.models import QuizReset
from teaching.rules import Timeliness, standing_since
from teaching.services import give_another_try
from tests.factories import (
    correct_responses,
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_teacher,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

# The rule, on plain values ----------------------------------------------------

T = [datetime(2026, 3, day, 9, 0, tzinfo=UTC) for day in range(1, 7)]
HISTORY = [
    (T[3], Decimal("60.0"), False),
    (T[1], Decimal("90.0"), True),
    (T[4], Decimal("85.0"), True),
    (T[2], Decimal("40.0"), False),
    (T[5], Decimal("95.0"), True),
]


@pytest.mark.parametrize(
    ("reset_at", "attempts", "best", "mastered_at"),
    [
        (None, 5, Decimal("95.0"), T[1]),  # no reset: every attempt counts
        (T[1], 4, Decimal("95.0"), T[4]),  # one submitted at the reset is before it
        (T[3], 2, Decimal("95.0"), T[4]),
        (T[5], 0, None, None),  # nothing since: starts afresh
    ],
)
def test_the_standing_counts_only_attempts_submitted_after_the_latest_reset(
    reset_at, attempts, best, mastered_at
):
    standing = standing_since(HISTORY, reset_at=reset_at)
    assert standing.attempts == attempts
    assert standing.best_percent == best
    assert standing.mastered_at == mastered_at


def test_the_standing_is_mastered_at_the_first_passing_attempt_not_the_best():
    standing = standing_since(
        [(T[2], Decimal("100.0"), True), (T[1], Decimal("80.0"), True)],
        reset_at=T[0],
    )
    assert standing.mastered_at == T[1]
    assert standing.best_percent == Decimal("100.0")


# With the database --------------------------------------------------------------

NOW = timezone.now()
DAYS_AGO = [NOW - timedelta(days=n) for n in range(11)]


@pytest.fixture
def devon(db):
    return make_student(username="devon_k", first_name="Devon", last_name="K")


@pytest.fixture
def ada(db):
    return make_student(username="ada")


@pytest.fixture
def ben(db):
    return make_student(username="ben")


@pytest.fixture
def classroom(teacher, devon, ada, ben):
    return make_classroom(teacher=teacher, students=[devon, ada, ben], name="P3")


@pytest.fixture
def quiz(db):
    """Five questions, pass mark 80 %: four right is exactly the pass mark."""
    return make_quiz(questions=5)


@pytest.fixture
def assignment(classroom, quiz):
    return make_assignment(
        classroom=classroom, lesson=quiz.lesson, due_at=NOW + timedelta(days=7)
    )


def _responses(quiz, right):
    """The first `right` questions right, the rest wrong."""
    good, bad = correct_responses(quiz), wrong_responses(quiz)
    return {q: (good if n < right else bad)[q] for n, q in enumerate(good)}


def _attempt(student, quiz, *, at, right=5):
    attempt = civics_services.start_attempt(student=student, quiz=quiz, now=at)
    return civics_services.submit_attempt(
        attempt=attempt, responses=_responses(quiz, right), now=at
    )


def _reset(assignment, students, *, at):
    return give_another_try(
        assignment=assignment,
        students=students,
        by=assignment.classroom.teacher,
        now=at,
    )


def _cell(classroom, student, *, now=NOW):
    grid = class_grid(classroom, now=now, only_student=student)
    return grid.rows[0].cells[0]


def _one(assignment, student):
    return reverse(
        "teaching:another_try",
        args=[assignment.classroom_id, assignment.pk, student.pk],
    )


def _everyone(assignment):
    return reverse(
        "teaching:another_try_class", args=[assignment.classroom_id, assignment.pk]
    )


def _message(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _dashboard_row(client, classroom, username):
    html = client.get(classroom.get_absolute_url()).content.decode()
    start = html.index(f"{username}</a></th>")
    return html[start : html.index("</tr>", start)]


def _home_item(client, lesson):
    html = client.get(reverse("civics:course_home")).content.decode()
    start = html.index("Your assignments")
    panel = html[start : html.index("</section>", start)]
    item = panel[panel.index(lesson.title) :]
    return item[: item.index("</li>")]


def test_another_try_for_one_student_starts_their_cell_afresh_and_keeps_attempts(
    teacher_client, teacher, classroom, assignment, quiz, devon, ada
):
    _attempt(devon, quiz, at=DAYS_AGO[3], right=2)
    _attempt(devon, quiz, at=DAYS_AGO[2])
    _attempt(ada, quiz, at=DAYS_AGO[2])
    progress_before = Progress.objects.get(student=devon)

    response = teacher_client.post(_one(assignment, devon))

    assert response.status_code == 302
    assert response.url == reverse(
        "teaching:student_detail", args=[classroom.pk, devon.pk]
    )
    assert _message(response) == (
        f"Devon K. starts {quiz.lesson.title} afresh: their 2 submitted "
        "attempts stay in their history."
    )
    reset = QuizReset.objects.get()
    assert (reset.student, reset.reset_by, reset.attempts_set_aside) == (
        devon,
        teacher,
        2,
    )
    assert Attempt.objects.filter(student=devon).submitted().count() == 2
    progress = Progress.objects.get(student=devon)
    assert (progress.attempt_count, progress.best_percent, progress.mastered_at) == (
        progress_before.attempt_count,
        progress_before.best_percent,
        progress_before.mastered_at,
    )

    row = _dashboard_row(teacher_client, classroom, "Devon K. (devon_k)")
    assert "Not started" in row
    assert "% best" not in row
    assert "0 attempts" in row
    day = date_format(timezone.localtime(reset.reset_at), "j M")
    assert f"another try since {day}" in row
    untouched = _dashboard_row(teacher_client, classroom, "ada")
    assert "Mastered" in untouched
    assert "another try" not in untouched

    page = teacher_client.get(response.url).content.decode()
    submitted = page[page.index("Submitted attempts") :]
    assert submitted.count("See answers") == 2
    tries = page[page.index("Another tries") : page.index("Submitted attempts")]
    assert quiz.lesson.title in tries
    assert teacher.display_name in tries
    assert "<td>2</td>" in tries


@pytest.mark.parametrize(
    ("due_at", "timeliness"),
    [
        (DAYS_AGO[1], Timeliness.ON_TIME),
        (DAYS_AGO[4], Timeliness.LATE),  # due after the reset, mastered after that
    ],
)
def test_attempts_after_another_try_count_for_best_mastery_and_timeliness(
    classroom, assignment, quiz, devon, due_at, timeliness
):
    assignment.due_at = due_at
    assignment.save()
    _attempt(devon, quiz, at=DAYS_AGO[8])
    _reset(assignment, [devon], at=DAYS_AGO[6])
    _attempt(devon, quiz, at=DAYS_AGO[5], right=3)
    _attempt(devon, quiz, at=DAYS_AGO[3], right=4)  # exactly the pass mark

    cell = _cell(classroom, devon)
    assert cell.status == "mastered"
    assert cell.best_percent == Decimal("80.0")
    assert cell.attempts == 2
    assert cell.timeliness == timeliness
    assert cell.reset_at == DAYS_AGO[6]


def test_an_attempt_below_the_pass_mark_after_another_try_is_not_mastery(
    classroom, assignment, quiz, devon
):
    _attempt(devon, quiz, at=DAYS_AGO[8])
    _reset(assignment, [devon], at=DAYS_AGO[6])
    _attempt(devon, quiz, at=DAYS_AGO[5], right=3)
    cell = _cell(classroom, devon)
    assert cell.status == "attempted"
    assert cell.best_percent == Decimal("60.0")
    assert cell.attempts == 1


def test_another_try_for_the_class_makes_a_row_only_for_students_with_attempts(
    teacher_client, classroom, assignment, quiz, devon, ada, ben
):
    _attempt(devon, quiz, at=DAYS_AGO[3], right=2)
    _attempt(devon, quiz, at=DAYS_AGO[2])
    _attempt(ada, quiz, at=DAYS_AGO[2])
    outsider = make_student()
    _attempt(outsider, quiz, at=DAYS_AGO[2])

    response = teacher_client.post(_everyone(assignment))

    assert response.status_code == 302
    assert response.url == classroom.get_absolute_url()
    assert _message(response) == (
        f"2 students start {quiz.lesson.title} afresh: their 3 submitted "
        "attempts stay in their history."
    )
    rows = dict(
        QuizReset.objects.values_list("student__username", "attempts_set_aside")
    )
    assert rows == {"devon_k": 2, "ada": 1}
    assert Attempt.objects.submitted().count() == 4
    for student in (devon, ada):
        assert _cell(classroom, student).status == "not_started"


def test_a_second_another_try_sets_aside_only_the_attempts_since_the_first(
    teacher_client, classroom, assignment, quiz, devon
):
    _attempt(devon, quiz, at=DAYS_AGO[5])
    _reset(assignment, [devon], at=DAYS_AGO[4])
    _attempt(devon, quiz, at=DAYS_AGO[3], right=1)
    assert teacher_client.post(_one(assignment, devon)).status_code == 302
    assert list(QuizReset.objects.values_list("attempts_set_aside", flat=True)) == [
        1,
        1,
    ]
    again = teacher_client.post(_one(assignment, devon))
    assert again.status_code == 302
    assert "nothing changed" in _message(again)
    assert QuizReset.objects.count() == 2


def test_a_quiz_open_at_the_reset_keeps_its_answers_and_counts_when_submitted(
    classroom, assignment, quiz, devon
):
    _attempt(devon, quiz, at=DAYS_AGO[5], right=1)
    started = civics_services.start_attempt(student=devon, quiz=quiz, now=DAYS_AGO[4])
    first = quiz.questions.first()
    civics_services.save_answers(
        attempt=started, responses={first.pk: correct_responses(quiz)[first.pk]}
    )
    resets = _reset(assignment, [devon], at=DAYS_AGO[3])
    assert resets[0].attempts_set_aside == 1
    assert _cell(classroom, devon).status == "in_progress"
    saved = Answer.objects.get(attempt=started, question=first)
    assert [s.choice_id for s in saved.selections.all()] == correct_responses(quiz)[
        first.pk
    ]

    civics_services.submit_attempt(
        attempt=Attempt.objects.get(pk=started.pk),
        responses=correct_responses(quiz),
        now=DAYS_AGO[2],
    )
    cell = _cell(classroom, devon)
    assert cell.status == "mastered"
    assert cell.attempts == 1
    assert cell.best_percent == Decimal("100.0")


def test_the_student_home_says_another_try_and_where_the_assignment_stands_since(
    client, classroom, assignment, quiz, devon, ada
):
    assignment.due_at = DAYS_AGO[1]
    assignment.save()
    _attempt(devon, quiz, at=DAYS_AGO[8])
    _attempt(ada, quiz, at=DAYS_AGO[8])
    _reset(assignment, [devon], at=DAYS_AGO[6])
    client.force_login(devon)
    item = _home_item(client, quiz.lesson)
    assert "Another try from your teacher" in item
    assert "Overdue" in item

    _attempt(devon, quiz, at=DAYS_AGO[5], right=3)
    assert "Overdue" in _home_item(client, quiz.lesson)
    _attempt(devon, quiz, at=DAYS_AGO[4], right=4)  # exactly the pass mark
    assert "Done on time" in _home_item(client, quiz.lesson)

    client.force_login(ada)
    item = _home_item(client, quiz.lesson)
    assert "Another try" not in item
    assert "Done on time" in item


def test_after_another_try_the_students_home_neither_says_mastered_nor_skips_it(
    client, classroom, assignment, quiz, devon
):
    """Their lesson stays mastered in their own record; the assignment, and
    what the home page offers next, start again."""
    _attempt(devon, quiz, at=DAYS_AGO[8])
    _reset(assignment, [devon], at=DAYS_AGO[6])
    client.force_login(devon)
    item = _home_item(client, quiz.lesson)
    assert "Mastered" not in item
    assert "Read" in item or "Not started" in item
    html = client.get(reverse("civics:course_home")).content.decode()
    next_up = html[html.index('id="next-heading"') : html.index("</section>")]
    assert quiz.lesson.title in next_up
    _attempt(devon, quiz, at=DAYS_AGO[5])
    assert "Mastered" in _home_item(client, quiz.lesson)


def test_the_students_assignments_count_mastery_only_since_their_latest_try(
    classroom, assignment, quiz, devon
):
    assignment.due_at = DAYS_AGO[1]
    assignment.save()
    _attempt(devon, quiz, at=DAYS_AGO[8])
    _reset(assignment, [devon], at=DAYS_AGO[7])
    _attempt(devon, quiz, at=DAYS_AGO[6])
    _reset(assignment, [devon], at=DAYS_AGO[5])
    lessons = Lesson.objects.with_progress_for(devon)
    (item,) = assignments_for_student(devon, lessons=lessons, now=NOW)
    assert item.reset_at == DAYS_AGO[5]
    assert item.timeliness == Timeliness.OVERDUE


def test_the_gradebook_shows_the_standing_after_another_try(
    teacher_client, classroom, assignment, quiz, devon, ada
):
    _attempt(devon, quiz, at=DAYS_AGO[3])
    _attempt(ada, quiz, at=DAYS_AGO[3])
    teacher_client.post(_one(assignment, devon))
    body = teacher_client.get(
        reverse("teaching:gradebook_csv", args=[classroom.pk])
    ).content.decode("utf-8")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(body[1:]))}
    assert rows["Devon K. (devon_k)"] == ["", "not started", "0", "1"]
    assert rows["ada"] == ["100", "mastered on time", "1", "1"]


# What the pages say, and that only their buttons act ----------------------------


def test_the_confirm_pages_say_what_happens_and_change_nothing(
    teacher_client, classroom, assignment, quiz, devon, ada
):
    _attempt(devon, quiz, at=DAYS_AGO[3], right=2)
    _attempt(devon, quiz, at=DAYS_AGO[2])
    _attempt(ada, quiz, at=DAYS_AGO[2])
    one = teacher_client.get(_one(assignment, devon)).content.decode()
    assert "their 2 submitted attempts no longer count" in one
    assert "every attempt stays in Devon K.\u2019s history" in one
    assert "Give Devon K. another try</button>" in one
    everyone = teacher_client.get(_everyone(assignment)).content.decode()
    assert "2 students with submitted attempts at it start afresh" in everyone
    assert "their 3 submitted attempts no longer count" in everyone
    assert "every attempt stays in the student\u2019s history" in everyone
    assert "Give 2 students another try</button>" in everyone
    assert not QuizReset.objects.exists()


def test_with_nothing_to_set_aside_the_page_says_so_and_a_post_is_harmless(
    teacher_client, classroom, assignment, quiz, devon, ben
):
    _attempt(devon, quiz, at=DAYS_AGO[3])
    _reset(assignment, [devon], at=DAYS_AGO[2])
    for student in (devon, ben):
        html = teacher_client.get(_one(assignment, student)).content.decode()
        assert "there is nothing to reset" in html
        assert "another try</button>" not in html
        response = teacher_client.post(_one(assignment, student))
        assert response.status_code == 302
        assert "nothing changed" in _message(response)
    html = teacher_client.get(_everyone(assignment)).content.decode()
    assert "there is nothing to reset" in html
    assert "another try</button>" not in html
    assert "nothing changed" in _message(teacher_client.post(_everyone(assignment)))
    assert QuizReset.objects.count() == 1


def test_the_class_and_student_pages_link_to_the_confirm_pages(
    teacher_client, classroom, assignment, quiz, devon, ben
):
    _attempt(devon, quiz, at=DAYS_AGO[3])
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert f'href="{_everyone(assignment)}"' in html
    assert f'action="{_everyone(assignment)}"' not in html
    devon_page = reverse("teaching:student_detail", args=[classroom.pk, devon.pk])
    html = teacher_client.get(devon_page).content.decode()
    assert f'href="{_one(assignment, devon)}"' in html
    assert f'action="{_one(assignment, devon)}"' not in html
    ben_page = reverse("teaching:student_detail", args=[classroom.pk, ben.pk])
    assert _one(assignment, ben) not in teacher_client.get(ben_page).content.decode()


# Who may -------------------------------------------------------------------------


def _both(assignment, student):
    return [_one(assignment, student), _everyone(assignment)]


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_teachers_class_is_a_404_for_both_pages(
    client, classroom, assignment, quiz, devon, method
):
    _attempt(devon, quiz, at=DAYS_AGO[3])
    client.force_login(make_teacher())
    for url in _both(assignment, devon):
        assert getattr(client, method)(url).status_code == 404
    assert not QuizReset.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_student_or_assignment_not_in_the_class_is_a_404(
    teacher_client, teacher, classroom, assignment, quiz, method
):
    elsewhere = make_classroom(teacher=teacher, students=[make_student()])
    outsider = elsewhere.students.get()
    _attempt(outsider, quiz, at=DAYS_AGO[3])
    other_assignment = make_assignment(classroom=elsewhere, lesson=quiz.lesson)
    stranger = make_student()
    _attempt(stranger, quiz, at=DAYS_AGO[3])
    for url in (
        _one(assignment, outsider),
        _one(assignment, stranger),
        reverse(
            "teaching:another_try",
            args=[classroom.pk, other_assignment.pk, outsider.pk],
        ),
        reverse("teaching:another_try_class", args=[classroom.pk, other_assignment.pk]),
    ):
        assert getattr(teacher_client, method)(url).status_code == 404
    assert not QuizReset.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_students_get_a_403_even_from_their_own_class(
    client, classroom, assignment, quiz, devon, method
):
    _attempt(devon, quiz, at=DAYS_AGO[3])
    for student in (devon, make_student()):
        client.force_login(student)
        for url in _both(assignment, devon):
            assert getattr(client, method)(url).status_code == 403
    assert not QuizReset.objects.exists()


def test_visitors_are_sent_to_log_in(visitor, classroom, assignment, devon):
    for url in _both(assignment, devon):
        for method in (visitor.get, visitor.post):
            response = method(url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
    assert not QuizReset.objects.exists()


def test_other_methods_are_refused(teacher_client, classroom, assignment, devon):
    for url in _both(assignment, devon):
        assert teacher_client.put(url).status_code == 405
        assert teacher_client.delete(url).status_code == 405


def test_a_quiz_with_no_points_is_never_mastered_after_another_try(
    client, classroom, devon
):
    """As rules.mastery.reaches_pass_mark: no points to reach, no mastery."""
    empty = make_quiz(questions=0)
    assignment = make_assignment(
        classroom=classroom, lesson=empty.lesson, due_at=DAYS_AGO[1]
    )
    _attempt(devon, empty, at=DAYS_AGO[5], right=0)
    _reset(assignment, [devon], at=DAYS_AGO[4])
    _attempt(devon, empty, at=DAYS_AGO[3], right=0)
    (item,) = assignments_for_student(
        devon, lessons=Lesson.objects.with_progress_for(devon), now=NOW
    )
    assert item.timeliness == Timeliness.OVERDUE
