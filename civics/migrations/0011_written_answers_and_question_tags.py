"""Written answers (a rubric, a model answer, marks and how a quiz counts
them) and the tags that say what a question tests (its objective) and what a
wrong choice reveals (its misconception).

The loader's spec of a lesson now holds these fields, so every digest
changes (see civics.course_loader). A lesson still as it was loaded is
stamped with its digest in the new form; one a teacher changed keeps its
old digest, which matches neither form, and so stays skipped. The digest
code is copied here, frozen as it is at this migration.
"""

import hashlib
import json
from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _number(value):
    return None if value is None else format(Decimal(str(value)).normalize(), "f")


def _digest(apps, lesson, *, new_form):
    """The loader's digest of the lesson as stored, in the form before this
    migration or after it."""
    Source = apps.get_model("civics", "Source")
    KeyTerm = apps.get_model("civics", "KeyTerm")
    Quiz = apps.get_model("civics", "Quiz")
    Question = apps.get_model("civics", "Question")
    Choice = apps.get_model("civics", "Choice")
    quiz = Quiz.objects.filter(lesson_id=lesson.pk).first()
    questions = []
    if quiz is not None:
        rows = Question.objects.filter(
            quiz_id=quiz.pk, retired_at__isnull=True
        ).order_by("position", "id")
        for question in rows:
            choices = []
            for choice in Choice.objects.filter(question_id=question.pk).order_by(
                "position", "id"
            ):
                values = {
                    "key": choice.key,
                    "text": choice.text,
                    "is_correct": choice.is_correct,
                    "feedback": choice.feedback,
                }
                if new_form:
                    values["misconception"] = choice.misconception
                choices.append(values)
            values = {
                "key": question.key,
                "kind": question.kind,
                "prompt": question.prompt,
                "explanation": question.explanation,
                "points": question.points,
                "numeric_answer": _number(question.numeric_answer),
                "tolerance": _number(question.tolerance),
                "choices": choices,
            }
            if new_form:
                values["objective"] = question.objective
                values["rubric"] = question.rubric
                values["model_answer"] = question.model_answer
            questions.append(values)
    quiz_spec = quiz and {"pass_mark": quiz.pass_mark, "questions": questions}
    if quiz and new_form:
        quiz_spec["written_counts"] = quiz.written_counts
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
        "quiz": quiz_spec,
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()


def _restamp(apps, *, to_new_form):
    Lesson = apps.get_model("civics", "Lesson")
    for lesson in Lesson.objects.exclude(loaded_digest="").select_related("unit"):
        was = _digest(apps, lesson, new_form=not to_new_form)
        if lesson.loaded_digest == was:
            Lesson.objects.filter(pk=lesson.pk).update(
                loaded_digest=_digest(apps, lesson, new_form=to_new_form)
            )


def stamp_new_digests(apps, schema_editor):
    _restamp(apps, to_new_form=True)


def stamp_old_digests(apps, schema_editor):
    _restamp(apps, to_new_form=False)


class Migration(migrations.Migration):
    dependencies = [
        ("civics", "0010_answer_snapshots"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="model_answer_shown",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="rubric_shown",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="answer",
            name="self_marks",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="self_scored_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="teacher_comment",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="teacher_marks",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="teacher_scored_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="teacher_scored_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="text_value",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="written_counts_shown",
            field=models.CharField(
                blank=True,
                choices=[
                    (
                        "self",
                        "The student's own rubric score counts until a teacher scores it",
                    ),
                    (
                        "teacher",
                        "Only a teacher's score counts; until then it earns nothing",
                    ),
                    ("practice", "Practice only: written answers do not count"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="choice",
            name="misconception",
            field=models.CharField(
                blank=True,
                help_text="Wrong choices: the mistaken belief a student who picks it holds. Question analysis shows it to teachers, never to students.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="model_answer",
            field=models.TextField(
                blank=True,
                help_text="Written questions only: an answer that meets every criterion, shown after submission.",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="objective",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="question",
            name="rubric",
            field=models.TextField(
                blank=True,
                help_text="Written questions only: one criterion per line, each worth an equal share of the points. Students score themselves on it after they submit.",
            ),
        ),
        migrations.AddField(
            model_name="quiz",
            name="written_counts",
            field=models.CharField(
                choices=[
                    (
                        "self",
                        "The student's own rubric score counts until a teacher scores it",
                    ),
                    (
                        "teacher",
                        "Only a teacher's score counts; until then it earns nothing",
                    ),
                    ("practice", "Practice only: written answers do not count"),
                ],
                default="self",
                help_text="Written answers are scored on their rubric. Students see this rule on the quiz and with their results.",
                max_length=10,
                verbose_name="how written answers count",
            ),
        ),
        migrations.AlterField(
            model_name="answer",
            name="kind_shown",
            field=models.CharField(
                blank=True,
                choices=[
                    ("single", "Single choice"),
                    ("multiple", "Multiple select"),
                    ("true_false", "True or false"),
                    ("ordering", "Put in order"),
                    ("numeric", "Numeric answer"),
                    ("written", "Written answer"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="kind",
            field=models.CharField(
                choices=[
                    ("single", "Single choice"),
                    ("multiple", "Multiple select"),
                    ("true_false", "True or false"),
                    ("ordering", "Put in order"),
                    ("numeric", "Numeric answer"),
                    ("written", "Written answer"),
                ],
                default="single",
                help_text="Ordering: list the items in their correct order (the 'correct' boxes are ignored). Numeric: fill in the answer and tolerance and add no choices. Written: give the rubric and a model answer and add no choices.",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="question",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind", "written"), models.Q(("rubric", ""), _negated=True)
                    ),
                    models.Q(
                        models.Q(("kind", "written"), _negated=True),
                        ("model_answer", ""),
                        ("rubric", ""),
                    ),
                    _connector="OR",
                ),
                name="civics_question_rubric_iff_written",
                violation_error_message="A written question needs its rubric, and only written questions take a rubric and a model answer.",
            ),
        ),
        migrations.RunPython(stamp_new_digests, stamp_old_digests),
    ]
