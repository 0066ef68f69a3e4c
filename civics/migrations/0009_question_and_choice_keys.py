"""Give the shipped course's questions and choices the keys the curriculum
loader now matches them by, and let a question leave the course without
losing the answers students gave it (retired_at).

The keys come from each row's place, not from the curriculum files: the
loader matched rows by position until now, so a shipped lesson's nth question
is the file's nth, and the files ship with exactly these keys (question n is
"q<n>", its choices "a", "b", …). Reading the files here would tie this
migration to whatever they say on the day it runs, and they keep changing.
Lessons a teacher created (no loaded digest) get no keys: the loader never
touches them. No row is created, deleted or moved, so every answer stays.

A lesson's loaded digest is a hash of its content in the loader's form, which
now includes the keys. The digests of lessons still as they were loaded are
stamped again in that form, or the next load would take every shipped lesson
for one a teacher changed; a lesson a teacher did change keeps its digest,
which matches neither form, and so stays skipped. The digest code is copied
here, frozen as it is at this migration.
"""

import hashlib
import json
from decimal import Decimal
from string import ascii_lowercase

from django.db import migrations, models


def choice_key(number):
    """a, b, …, z, aa, ab, …: the choice's letter (1-based)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = ascii_lowercase[rest] + letters
    return letters


def _number(value):
    return None if value is None else format(Decimal(str(value)).normalize(), "f")


def _digest(apps, lesson, *, with_keys):
    """The loader's digest of the lesson as stored (see course_loader)."""
    Source = apps.get_model("civics", "Source")
    KeyTerm = apps.get_model("civics", "KeyTerm")
    Quiz = apps.get_model("civics", "Quiz")
    Question = apps.get_model("civics", "Question")
    Choice = apps.get_model("civics", "Choice")
    quiz = Quiz.objects.filter(lesson_id=lesson.pk).first()
    questions = []
    if quiz is not None:
        rows = Question.objects.filter(quiz_id=quiz.pk).order_by("position", "id")
        if with_keys:
            rows = rows.filter(retired_at__isnull=True)
        for question in rows:
            choices = []
            for choice in Choice.objects.filter(question_id=question.pk).order_by(
                "position", "id"
            ):
                values = {
                    "text": choice.text,
                    "is_correct": choice.is_correct,
                    "feedback": choice.feedback,
                }
                if with_keys:
                    values["key"] = choice.key
                choices.append(values)
            values = {
                "kind": question.kind,
                "prompt": question.prompt,
                "explanation": question.explanation,
                "points": question.points,
                "numeric_answer": _number(question.numeric_answer),
                "tolerance": _number(question.tolerance),
                "choices": choices,
            }
            if with_keys:
                values["key"] = question.key
            questions.append(values)
    spec = {
        "slug": lesson.slug,
        "unit": lesson.unit.slug,
        "lesson": {
            "position": lesson.position,
            "title": lesson.title,
            "summary": lesson.summary,
            "objectives": lesson.objectives,
            "body": lesson.body,
            "published": lesson.published,
            "reviewed_on": lesson.reviewed_on.isoformat()
            if lesson.reviewed_on
            else None,
            "discussion": lesson.discussion,
        },
        "sources": [
            {"title": s.title, "url": s.url}
            for s in Source.objects.filter(lesson_id=lesson.pk).order_by(
                "position", "id"
            )
        ],
        "key_terms": [
            {"term": t.term, "definition": t.definition}
            for t in KeyTerm.objects.filter(lesson_id=lesson.pk).order_by(
                "position", "id"
            )
        ],
        "quiz": quiz and {"pass_mark": quiz.pass_mark, "questions": questions},
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()


def _shipped_lessons(apps):
    Lesson = apps.get_model("civics", "Lesson")
    return Lesson.objects.exclude(loaded_digest="").select_related("unit")


def give_keys(apps, schema_editor):
    Question = apps.get_model("civics", "Question")
    Choice = apps.get_model("civics", "Choice")
    Lesson = apps.get_model("civics", "Lesson")
    for lesson in _shipped_lessons(apps):
        unedited = lesson.loaded_digest == _digest(apps, lesson, with_keys=False)
        questions = Question.objects.filter(quiz__lesson_id=lesson.pk).order_by(
            "position", "id"
        )
        for number, question in enumerate(questions, start=1):
            Question.objects.filter(pk=question.pk).update(key=f"q{number}")
            choices = Choice.objects.filter(question_id=question.pk).order_by(
                "position", "id"
            )
            for letter, choice in enumerate(choices, start=1):
                Choice.objects.filter(pk=choice.pk).update(key=choice_key(letter))
        if unedited:
            Lesson.objects.filter(pk=lesson.pk).update(
                loaded_digest=_digest(apps, lesson, with_keys=True)
            )


def stamp_digests_without_keys(apps, schema_editor):
    """Going back: the older loader's digests again, for lessons still as
    loaded. One with a retired question stays counted as changed, so the
    older loader, which cannot tell it is retired, leaves it alone."""
    Question = apps.get_model("civics", "Question")
    Lesson = apps.get_model("civics", "Lesson")
    for lesson in _shipped_lessons(apps):
        retired = Question.objects.filter(
            quiz__lesson_id=lesson.pk, retired_at__isnull=False
        ).exists()
        if not retired and lesson.loaded_digest == _digest(
            apps, lesson, with_keys=True
        ):
            Lesson.objects.filter(pk=lesson.pk).update(
                loaded_digest=_digest(apps, lesson, with_keys=False)
            )


class Migration(migrations.Migration):
    dependencies = [("civics", "0008_lesson_raw_text_tags")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="key",
            field=models.SlugField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="question",
            name="retired_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="choice",
            name="key",
            field=models.SlugField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(give_keys, stamp_digests_without_keys),
        migrations.AddConstraint(
            model_name="question",
            constraint=models.UniqueConstraint(
                condition=models.Q(("key", ""), _negated=True),
                fields=("quiz", "key"),
                name="civics_question_key_once_per_quiz",
                violation_error_message="Another question of this quiz has this key.",
            ),
        ),
        migrations.AddConstraint(
            model_name="choice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("key", ""), _negated=True),
                fields=("question", "key"),
                name="civics_choice_key_once_per_question",
                violation_error_message="Another choice of this question has this key.",
            ),
        ),
    ]
