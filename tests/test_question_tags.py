"""Questions that teach (issue 21): each shipped question names the objective
it tests, each wrong choice the misconception it reveals, and the right answer
cannot be spotted by its length alone."""

import math
import tomllib

import pytest

from civics.course_loader import CURRICULUM_DIR
from civics.kinds import QuestionKind

LESSONS = [
    tomllib.loads(path.read_text())
    for path in sorted((CURRICULUM_DIR / "lessons").glob("*.toml"))
]
WITH_CHOICES = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE}
MISCONCEPTION_MAX = 120


def _each_lesson():
    return pytest.mark.parametrize("lesson", LESSONS, ids=[x["slug"] for x in LESSONS])


def _questions(lesson):
    return lesson["quiz"]["questions"]


def _right_is_the_longest(question):
    """The right choice is longer than every wrong one: a test-wise student
    picks it without knowing the answer."""
    right = [len(c["text"]) for c in question["choices"] if c.get("correct")]
    wrong = [len(c["text"]) for c in question["choices"] if not c.get("correct")]
    return max(right) > max(wrong)


@_each_lesson()
def test_every_question_tests_one_of_its_lessons_objectives(lesson):
    untagged = [
        question["key"]
        for question in _questions(lesson)
        if question.get("objective") not in lesson["objectives"]
    ]
    assert untagged == []


@_each_lesson()
def test_every_objective_is_tested_by_a_question(lesson):
    tested = {question.get("objective") for question in _questions(lesson)}
    assert [o for o in lesson["objectives"] if o not in tested] == []


@_each_lesson()
def test_every_wrong_choice_names_a_short_misconception(lesson):
    problems = [
        (question["key"], choice["key"])
        for question in _questions(lesson)
        if question["kind"] in WITH_CHOICES
        for choice in question["choices"]
        if not choice.get("correct")
        and not (0 < len(choice.get("misconception", "").strip()) < MISCONCEPTION_MAX)
    ]
    assert problems == []


@_each_lesson()
def test_only_wrong_choices_carry_a_misconception(lesson):
    misplaced = [
        (question["key"], choice["key"])
        for question in _questions(lesson)
        for choice in question.get("choices", [])
        if "misconception" in choice
        and (question["kind"] not in WITH_CHOICES or choice.get("correct"))
    ]
    assert misplaced == []


@_each_lesson()
def test_the_right_answer_is_the_longest_choice_no_more_often_than_by_chance(lesson):
    """With four choices, chance makes the right one the longest a quarter of
    the time; a lesson may reach that (rounded up), not more."""
    singles = [q for q in _questions(lesson) if q["kind"] == QuestionKind.SINGLE]
    giveaways = [q["key"] for q in singles if _right_is_the_longest(q)]
    assert len(giveaways) <= math.ceil(len(singles) / 4), giveaways
