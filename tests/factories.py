"""Small factories: each returns saved objects with unique, readable defaults."""

from itertools import count

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from civics import services
from civics.models import Choice, Lesson, Question, Quiz, Unit

_sequence = count(1)

PASSWORD = "a-Long-enough-passphrase-7"


def _next():
    return next(_sequence)


def make_student(**fields):
    n = _next()
    fields.setdefault("username", f"student{n}")
    return User.objects.create_user(password=PASSWORD, **fields)


def make_teacher(**fields):
    n = _next()
    fields.setdefault("username", f"teacher{n}")
    teacher = User.objects.create_user(password=PASSWORD, is_staff=True, **fields)
    teacher.groups.add(Group.objects.get(name="Teachers"))
    return teacher


def make_unit(**fields):
    n = _next()
    fields.setdefault("title", f"Unit {n}")
    fields.setdefault("slug", f"unit-{n}")
    fields.setdefault("position", n)
    return Unit.objects.create(**fields)


def make_lesson(*, unit=None, **fields):
    n = _next()
    fields.setdefault("title", f"Lesson {n}")
    fields.setdefault("slug", f"lesson-{n}")
    fields.setdefault("summary", f"Summary of lesson {n}.")
    fields.setdefault("body", f"## Part one\n\nThe body of lesson {n}.")
    fields.setdefault("position", n)
    fields.setdefault("published", True)
    return Lesson.objects.create(unit=unit or make_unit(), **fields)


def make_quiz(*, lesson=None, questions=3, choices=3, **fields):
    """A quiz whose first choice on every question is the correct one."""
    quiz = Quiz.objects.create(lesson=lesson or make_lesson(), **fields)
    for q in range(1, questions + 1):
        make_question(quiz=quiz, position=q, choices=choices)
    return quiz


def make_question(*, quiz, choices=3, **fields):
    n = _next()
    fields.setdefault("prompt", f"Question {n}?")
    fields.setdefault("explanation", f"Explanation {n}.")
    question = Question.objects.create(quiz=quiz, **fields)
    Choice.objects.bulk_create(
        Choice(
            question=question,
            position=c,
            text=f"Choice {n}.{c}",
            is_correct=c == 1,
            feedback=f"Feedback {n}.{c}",
        )
        for c in range(1, choices + 1)
    )
    return question


def correct_responses(quiz):
    """{question id: [correct choice id]} for every question of the quiz."""
    return {
        question.pk: [question.choices.get(is_correct=True).pk]
        for question in quiz.questions.all()
    }


def wrong_responses(quiz):
    return {
        question.pk: [question.choices.filter(is_correct=False).first().pk]
        for question in quiz.questions.all()
    }


def as_post_data(responses):
    return {f"question_{q}": str(choices[0]) for q, choices in responses.items()}


def make_submitted_attempt(*, student, quiz, responses=None):
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    return services.submit_attempt(
        attempt=attempt,
        responses=responses or correct_responses(quiz),
        now=timezone.now(),
    )
