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


MULTIPLE = QuestionKind.MULTIPLE
ORDERING = QuestionKind.ORDERING


@pytest.mark.parametrize(
    ("correct", "picked", "points", "counts", "words"),
    [
        (
            (1, 2, 3),
            [1, 2, 4],
            3,
            (2, 3, 1),
            "1 of 3 points: you found 2 of the 3 right answers and picked 1 that "
            "is not one; each wrong pick takes one away.",
        ),
        (
            (1, 2),
            [1, 4],
            1,
            (1, 2, 1),
            "0 of 1 point: you found 1 of the 2 right answers and picked 1 that "
            "is not one; each wrong pick takes one away.",
        ),
        (
            (1, 2, 3),
            [1, 2],
            1,
            (2, 3, 0),
            "0.7 of 1 point: you found 2 of the 3 right answers.",
        ),
        (
            (1, 2),
            [1, 2, 4, 5],
            2,
            (2, 2, 2),
            "0 of 2 points: you found both right answers and picked 2 that are "
            "not; each wrong pick takes one away.",
        ),
        (
            (1, 2, 3),
            [1, 2, 3],
            1,
            (3, 3, 0),
            "1 of 1 point: you found all 3 right answers.",
        ),
        (
            (1, 2),
            None,
            1,
            (0, 2, 0),
            "0 of 1 point: you found none of the 2 right answers.",
        ),
        (
            (1,),
            [2],
            1,
            (0, 1, 1),
            "0 of 1 point: you did not find the one right "
            "answer and picked 1 that is not one; each wrong pick takes one away.",
        ),
    ],
)
def test_a_multiple_select_breakdown_counts_right_and_wrong_picks(
    correct, picked, points, counts, words
):
    key = AnswerKey(kind=MULTIPLE, correct_choice_ids=correct, points=points)
    result = scoring.breakdown(key, picked)
    assert (result.found, result.correct_total, result.wrong_picks) == counts
    assert result.in_words == words


@pytest.mark.parametrize(
    ("given", "points", "in_place", "words"),
    [
        (
            [1, 2, 3, 5, 6, 4],
            3,
            3,
            "1.5 of 3 points: 3 of the 6 items are in their right place.",
        ),
        (
            [1, 3, 2, 5, 6, 4],
            1,
            1,
            "0.2 of 1 point: 1 of the 6 items is in its right place.",
        ),
        (
            [2, 3, 4, 5, 6, 1],
            1,
            0,
            "0 of 1 point: none of the 6 items are in their right place.",
        ),
        (
            [1, 2, 3, 4, 5, 6],
            2,
            6,
            "2 of 2 points: all 6 items are in their right place.",
        ),
        (None, 1, 0, "0 of 1 point: none of the 6 items are in their right place."),
    ],
)
def test_an_ordering_breakdown_counts_the_items_in_place(
    given, points, in_place, words
):
    key = AnswerKey(kind=ORDERING, correct_choice_ids=(1, 2, 3, 4, 5, 6), points=points)
    result = scoring.breakdown(key, given)
    assert (result.in_place, result.items) == (in_place, 6)
    assert result.in_words == words


@pytest.mark.parametrize(
    ("kind", "correct", "picked", "points", "worth_saying"),
    [
        (SINGLE, (1,), [1], 1, False),  # "Correct" says it all
        (SINGLE, (1,), [2], 1, False),  # and so does "Not quite"
        (SINGLE, (1,), [2], 2, True),  # "0 of 2 points."
        (MULTIPLE, (1, 2), [1, 2], 1, False),
        (MULTIPLE, (1, 2), [1, 3], 1, True),  # a right pick, yet 0
        (ORDERING, (1, 2), [2, 1], 1, True),
    ],
)
def test_the_breakdown_is_said_when_it_tells_more_than_the_verdict(
    kind, correct, picked, points, worth_saying
):
    key = AnswerKey(kind=kind, correct_choice_ids=correct, points=points)
    assert scoring.breakdown(key, picked).worth_saying is worth_saying


def test_a_question_of_several_points_says_its_points_alone():
    key = AnswerKey(kind=SINGLE, correct_choice_ids=(1,), points=2)
    assert scoring.breakdown(key, [1]).in_words == "2 of 2 points."


@pytest.mark.parametrize(
    ("points", "words"),
    [
        (Decimal("7.67"), "7.7"),
        (Decimal("8.00"), "8"),
        (Decimal("0.667"), "0.7"),
        (Decimal("0.25"), "0.3"),  # halves round up, as people round
        (Decimal("1.50"), "1.5"),
        (Decimal(0), "0"),
        (3, "3"),
    ],
)
def test_points_are_said_whole_or_to_one_decimal(points, words):
    assert scoring.points_in_words(points) == words
