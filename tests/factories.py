"""Small factories: each returns saved objects with unique, readable defaults."""

from datetime import datetime, time
from decimal import Decimal
from itertools import count

from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from civics import services
from civics.kinds import QuestionKind
from civics.models import Choice, Lesson, Progress, Question, Quiz, Unit

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


# Every kind but single choice, make_quiz's default: with `kinds=OTHER_KINDS` a
# quiz has a question of each kind.
OTHER_KINDS = (
    QuestionKind.MULTIPLE,
    QuestionKind.TRUE_FALSE,
    QuestionKind.ORDERING,
    QuestionKind.NUMERIC,
)


def make_quiz(*, lesson=None, questions=3, choices=3, kinds=(), **fields):
    """A quiz of single-choice questions, then one question of each of `kinds`."""
    quiz = Quiz.objects.create(lesson=lesson or make_lesson(), **fields)
    for q in range(1, questions + 1):
        make_question(quiz=quiz, position=q, choices=choices)
    for q, kind in enumerate(kinds, start=questions + 1):
        make_question(quiz=quiz, position=q, choices=choices, kind=kind)
    return quiz


def make_question(*, quiz, choices=3, kind=QuestionKind.SINGLE, **fields):
    """Single: the first choice is correct. Multiple: the first two. True/false:
    "True" is. Ordering: choices are listed in their correct order. Numeric: the
    answer is 66, exactly. Written: a rubric of three criteria, no choices."""
    n = _next()
    fields.setdefault("prompt", f"Question {n}?")
    fields.setdefault("explanation", f"Explanation {n}.")
    if kind == QuestionKind.NUMERIC:
        fields.setdefault("numeric_answer", Decimal(66))
    if kind == QuestionKind.WRITTEN:
        fields.setdefault(
            "rubric", f"Names a power {n}\nExplains a check {n}\nGives an example {n}"
        )
        fields.setdefault("model_answer", f"A model answer {n}.")
    question = Question.objects.create(quiz=quiz, kind=kind, **fields)
    if kind == QuestionKind.TRUE_FALSE:
        texts = ["True", "False"]
    elif kind in (QuestionKind.NUMERIC, QuestionKind.WRITTEN):
        texts = []
    else:
        texts = [f"Choice {n}.{c}" for c in range(1, choices + 1)]
    correct_count = {QuestionKind.MULTIPLE: 2, QuestionKind.ORDERING: 0}.get(kind, 1)
    Choice.objects.bulk_create(
        Choice(
            question=question,
            position=c,
            text=text,
            is_correct=c <= correct_count,
            feedback=f"Feedback {n}.{c}",
        )
        for c, text in enumerate(texts, start=1)
    )
    return question


def correct_response(question):
    """The full-credit response to a question, as the services take it."""
    if question.kind == QuestionKind.WRITTEN:
        return "The President negotiates; the Senate consents by two-thirds."
    key = question.answer_key()
    if question.kind == QuestionKind.NUMERIC:
        return key.numeric_answer
    return list(key.correct_choice_ids)


def wrong_response(question):
    """A no-credit response to a question."""
    if question.kind == QuestionKind.WRITTEN:
        return "I am not sure."
    if question.kind == QuestionKind.NUMERIC:
        return question.numeric_answer + 100
    if question.kind == QuestionKind.ORDERING:
        # Rotating by one puts every item out of place.
        ids = correct_response(question)
        return ids[1:] + ids[:1]
    return [question.choices.filter(is_correct=False).first().pk]


def correct_responses(quiz):
    """{question id: response} answering every question of the quiz right."""
    return {q.pk: correct_response(q) for q in quiz.questions.all()}


def wrong_responses(quiz):
    return {q.pk: wrong_response(q) for q in quiz.questions.all()}


def as_post_data(responses):
    """Responses as the quiz form posts them."""
    data = {}
    for question in Question.objects.filter(pk__in=responses):
        response = responses[question.pk]
        name = f"question_{question.pk}"
        if question.kind in (QuestionKind.NUMERIC, QuestionKind.WRITTEN):
            data[name] = str(response)
        elif question.kind == QuestionKind.ORDERING:
            for position, choice_id in enumerate(response, start=1):
                data[f"{name}_{choice_id}"] = str(position)
        elif question.kind == QuestionKind.MULTIPLE:
            data[name] = [str(choice_id) for choice_id in response]
        else:
            data[name] = str(response[0])
    return data


def make_submitted_attempt(*, student, quiz, responses=None):
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    return services.submit_attempt(
        attempt=attempt,
        responses=responses or correct_responses(quiz),
        now=timezone.now(),
    )


def make_classroom(*, teacher=None, students=(), **fields):
    from teaching import services

    classroom = services.create_classroom(
        teacher=teacher or make_teacher(), name=fields.pop("name", f"Class {_next()}")
    )
    for student in students:
        services.enrol_student(student=student, join_code=classroom.join_code)
    return classroom


def end_of_day(day):
    """A due date as teachers give one without a time: the day's last minute."""
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def make_assignment(*, classroom, lesson, due_on=None, due_at=None):
    """An assignment due at `due_at`, or at the end of the day `due_on`."""
    from teaching.models import Assignment

    if due_on is not None:
        due_at = end_of_day(due_on)
    return Assignment.objects.create(classroom=classroom, lesson=lesson, due_at=due_at)


def make_progress(students, lessons):
    """Progress as submit_attempt leaves it, without running every attempt: a
    mix of read, attempted and mastered, with and without a score."""
    now = timezone.now()
    return Progress.objects.bulk_create(
        Progress(
            student=student,
            lesson=lesson,
            read_at=now,
            attempt_count=(s + n) % 3,
            best_percent=Decimal((s * 7 + n * 13) % 101) if (s + n) % 3 else None,
            mastered_at=now if (s + n) % 3 == 2 else None,
        )
        for s, student in enumerate(students)
        for n, lesson in enumerate(lessons)
    )


def make_superuser(**fields):
    n = _next()
    fields.setdefault("username", f"admin{n}")
    return User.objects.create_superuser(password=PASSWORD, **fields)


def make_authenticator(user):
    """The user's authenticator app, set up (a confirmed TOTP device)."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app")
