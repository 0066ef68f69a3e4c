"""Load the shipped curriculum (TOML files, see civics/curriculum/README.md) into
the database.

Loading is idempotent: a row is written only when a value in the files differs
from the database, so loading the same files twice changes nothing. Questions
and choices are matched by their order in the file.
"""

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from civics.kinds import QuestionKind
from civics.models import Choice, Lesson, Question, Quiz, Source, Unit
from civics.rules.authoring import validate_choices

CURRICULUM_DIR = Path(__file__).resolve().parent / "curriculum"


@dataclass
class LoadReport:
    """What a load wrote, by kind of row, for the command to print."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def count(self, tally, model, n=1):
        name = model._meta.verbose_name_plural
        tally[name] = tally.get(name, 0) + n

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)


class CurriculumError(Exception):
    """A data file that cannot be loaded; the message names the file and why."""


def load_curriculum(directory: Path = CURRICULUM_DIR) -> LoadReport:
    """Bring the database in line with the curriculum files, all or nothing."""
    directory = Path(directory)
    course = _read(directory / "course.toml")
    lessons = [_read(path) for path in sorted((directory / "lessons").glob("*.toml"))]
    report = LoadReport()
    with transaction.atomic():
        units = {}
        for position, data in enumerate(course["units"], start=1):
            units[data["slug"]], _ = _sync(
                report,
                Unit,
                lookup={"slug": data["slug"]},
                values={
                    "title": data["title"],
                    "summary": data.get("summary", ""),
                    "position": position,
                },
            )
        for data in lessons:
            _load_lesson(report, data, units)
    return report


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return {**tomllib.load(file), "_path": path.name}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CurriculumError(f"{path.name}: {error}") from error


def _load_lesson(report, data, units):
    where = data["_path"]
    if data["unit"] not in units:
        raise CurriculumError(f"{where}: unknown unit {data['unit']!r}")
    lesson, _ = _sync(
        report,
        Lesson,
        lookup={"slug": data["slug"]},
        values={
            "unit": units[data["unit"]],
            "position": data["position"],
            "title": data["title"],
            "summary": data["summary"],
            "objectives": "\n".join(data.get("objectives", [])),
            "body": data["body"].strip() + "\n",
            "published": data.get("published", True),
        },
    )
    _sync_children(
        report,
        Source,
        lesson.sources.all(),
        parent={"lesson": lesson},
        rows=[{"title": s["title"], "url": s["url"]} for s in data.get("sources", [])],
    )
    quiz_data = data.get("quiz")
    if quiz_data is None:
        return
    quiz, _ = _sync(
        report,
        Quiz,
        lookup={"lesson": lesson},
        values={"pass_mark": quiz_data.get("pass_mark", 80)},
    )
    questions = quiz_data.get("questions", [])
    for number, question_data in enumerate(questions, start=1):
        choices = question_data.get("choices", [])
        try:
            validate_choices(
                question_data.get("kind", QuestionKind.SINGLE),
                choice_count=len(choices),
                correct_count=sum(1 for c in choices if c.get("correct")),
            )
        except ValidationError as error:
            raise CurriculumError(
                f"{where}, question {number}: {' '.join(error.messages)}"
            ) from error
    saved_questions = _sync_children(
        report,
        Question,
        quiz.questions.all(),
        parent={"quiz": quiz},
        rows=[
            {
                "kind": q.get("kind", QuestionKind.SINGLE),
                "prompt": q["prompt"],
                "explanation": q["explanation"],
                "points": q.get("points", 1),
                "numeric_answer": _decimal(q.get("answer")),
                "tolerance": _decimal(q.get("tolerance", 0)),
            }
            for q in questions
        ],
    )
    for question, question_data in zip(saved_questions, questions, strict=True):
        _sync_children(
            report,
            Choice,
            question.choices.all(),
            parent={"question": question},
            rows=[
                {
                    "text": c["text"],
                    "is_correct": bool(c.get("correct", False)),
                    "feedback": c.get("feedback", ""),
                }
                for c in question_data.get("choices", [])
            ],
        )


def _decimal(value):
    """TOML numbers as Decimal (via str, so 0.1 stays 0.1); None stays None."""
    return None if value is None else Decimal(str(value))


def _sync(report, model, *, lookup, values):
    """Create the row, or update only the fields whose values differ."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        report.count(report.created, model)
        return instance, True
    _update_changed(report, instance, values)
    return instance, False


def _update_changed(report, instance, values):
    changed = [
        name for name, value in values.items() if getattr(instance, name) != value
    ]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save()
        report.count(report.updated, type(instance))


def _sync_children(report, model, existing, *, parent, rows):
    """Match ordered child rows to the file by position; drop any left over."""
    existing = list(existing)
    saved = []
    for position, values in enumerate(rows, start=1):
        values = {**values, "position": position}
        if position <= len(existing):
            instance = existing[position - 1]
            _update_changed(report, instance, values)
        else:
            instance = model(**parent, **values)
            instance.full_clean()
            instance.save()
            report.count(report.created, model)
        saved.append(instance)
    surplus = existing[len(rows) :]
    if surplus:
        try:
            model.objects.filter(pk__in=[row.pk for row in surplus]).delete()
        except ProtectedError as error:
            raise CurriculumError(
                f"Cannot remove {model._meta.verbose_name_plural} that students "
                f"have already answered ({', '.join(map(str, surplus))})."
            ) from error
        report.count(report.deleted, model, len(surplus))
    return saved
