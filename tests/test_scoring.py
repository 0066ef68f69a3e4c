"""The scoring and mastery rules, on plain values: no database."""

from decimal import Decimal

import pytest

from civics.kinds import QuestionKind
from civics.rules import mastery, scoring
from civics.rules.mastery import LessonStatus
from civics.rules.scoring import AnswerKey

SINGLE = QuestionKind.SINGLE


@pytest.mark.parametrize(
    ("selected", "expected"),
    [([7], Decimal(1)), ([8], Decimal(0)), ([], Decimal(0)), ([7, 8], Decimal(0))],
)
def test_single_choice_is_all_or_nothing(selected, expected):
    assert (
        scoring.credit(AnswerKey(kind=SINGLE, correct_choice_ids=(7,)), selected)
        == expected
    )


def test_score_weights_each_question_by_its_points():
    result = scoring.score(
        [
            (AnswerKey(kind=SINGLE, correct_choice_ids=(1,), points=1), Decimal(1)),
            (AnswerKey(kind=SINGLE, correct_choice_ids=(2,), points=3), Decimal(0)),
            (AnswerKey(kind=SINGLE, correct_choice_ids=(3,), points=2), Decimal(1)),
        ]
    )
    assert (result.points, result.max_points) == (Decimal(3), Decimal(6))
    assert result.percent == Decimal("50.0")


@pytest.mark.parametrize(
    ("points", "max_points", "expected"),
    [(2, 3, Decimal("66.7")), (1, 3, Decimal("33.3")), (5, 5, Decimal("100.0"))],
)
def test_percent_rounds_to_one_decimal(points, max_points, expected):
    assert scoring.percent(Decimal(points), Decimal(max_points)) == expected


def test_an_empty_quiz_scores_zero_percent_and_never_passes():
    assert scoring.percent(Decimal(0), Decimal(0)) == 0
    assert not mastery.reaches_pass_mark(Decimal(0), Decimal(0), 80)


@pytest.mark.parametrize(
    ("points", "max_points", "pass_mark", "expected"),
    [
        (4, 5, 80, True),  # exactly the pass mark counts
        (3, 4, 80, False),  # 75 %
        (5, 6, 83, True),  # 83.33 %
        (5, 6, 84, False),
        (2, 3, 67, False),  # 66.67 % is below 67 though it rounds to it
    ],
)
def test_pass_mark_is_compared_exactly(points, max_points, pass_mark, expected):
    assert (
        mastery.reaches_pass_mark(Decimal(points), Decimal(max_points), pass_mark)
        is expected
    )


@pytest.mark.parametrize(
    ("read", "attempted", "mastered", "expected"),
    [
        (False, False, False, LessonStatus.NOT_STARTED),
        (True, False, False, LessonStatus.READ),
        (True, True, False, LessonStatus.ATTEMPTED),
        (False, True, False, LessonStatus.ATTEMPTED),
        (True, True, True, LessonStatus.MASTERED),
    ],
)
def test_lesson_status_is_the_furthest_step_reached(
    read, attempted, mastered, expected
):
    assert (
        mastery.lesson_status(read=read, attempted=attempted, mastered=mastered)
        == expected
    )


def test_course_progress_counts_mastered_lessons_out_of_all():
    mastered, read, new = (
        LessonStatus.MASTERED,
        LessonStatus.READ,
        LessonStatus.NOT_STARTED,
    )
    progress = mastery.course_progress([mastered, read, mastered, new])
    assert (progress.mastered, progress.total, progress.percent) == (2, 4, 50)


def test_course_progress_of_an_empty_course_is_zero():
    assert mastery.course_progress([]).percent == 0
