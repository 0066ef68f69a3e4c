"""Load the shipped curriculum (TOML files, see civics/curriculum/README.md) into
the database.

Each lesson file is turned into a spec: exactly the values the database should
hold, in a canonical form. A lesson remembers the fingerprint (digest) of the
spec it was last loaded from. On the next load:

- if the file has not changed, nothing is written (teacher edits stay), so
  loading twice changes nothing;
- if the file has changed and the lesson still matches that digest, it is
  updated in place: questions are matched by their key within the quiz and
  choices by theirs within the question, and take the file's order. A new key
  is a new row; a question whose key is gone is deleted, or retired if
  students have answered it (new attempts skip it, their results keep it);
  questions and choices a teacher added (no key) are left as they are;
- if the file has changed but the lesson no longer matches the digest, a
  teacher has edited it in the admin: it is left alone and reported, unless
  its slug is passed in `force`, which always restores the shipped version.

Lessons a teacher created in the admin are never touched. Changing what a
spec holds changes every digest: ship it with a migration that stamps the
digests of unchanged lessons again, as 0009_question_and_choice_keys does.
"""

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone

from civics.kinds import QuestionKind, WrittenCounts
from civics.models import Choice, KeyTerm, Lesson, Question, Quiz, Source, Unit
from civics.page_cache import content_changed
from civics.rules.authoring import validate_choices, validate_rubric

CURRICULUM_DIR = Path(__file__).resolve().parent / "curriculum"


@dataclass
class LoadReport:
    """What a load wrote, by kind of row, and which lessons it skipped and why."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    retired: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def count(self, tally, model, n=1):
        name = model._meta.verbose_name_plural
        tally[name] = tally.get(name, 0) + n

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted or self.retired)


class CurriculumError(Exception):
    """A data file that cannot be loaded; the message names the file and why."""


def load_curriculum(directory=CURRICULUM_DIR, *, force=()) -> LoadReport:
    """Bring the database in line with the curriculum files, all or nothing."""
    directory = Path(directory)
    course = _read(directory / "course.toml")
    specs = [
        _lesson_spec(_read(path))
        for path in sorted((directory / "lessons").glob("*.toml"))
    ]
    unknown = set(force) - {spec["slug"] for spec in specs}
    if unknown:
        raise CurriculumError(f"No shipped lesson has the slug {sorted(unknown)}.")
    report = LoadReport()
    with transaction.atomic():
        units = {}
        for position, data in enumerate(course["units"], start=1):
            units[data["slug"]] = _sync(
                report,
                Unit,
                lookup={"slug": data["slug"]},
                values={
                    "title": data["title"],
                    "summary": data.get("summary", ""),
                    "position": position,
                },
            )
        for spec in specs:
            if spec["unit"] not in units:
                raise CurriculumError(f"{spec['file']}: unknown unit {spec['unit']!r}")
            _load_lesson(report, spec, units, force=spec["slug"] in force)
    return report


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return {**tomllib.load(file), "_path": path.name}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CurriculumError(f"{path.name}: {error}") from error


def _number(value):
    """A number in canonical text form (62, not 62.0000); None stays None."""
    return None if value is None else format(Decimal(str(value)).normalize(), "f")


def _lesson_spec(data):
    """The values a lesson file asks for, in the form a digest can compare."""
    where = data["_path"]
    quiz = data.get("quiz")
    questions = quiz.get("questions", []) if quiz else []
    _check_keys(questions, where=f"{where}, question")
    for number, question in enumerate(questions, start=1):
        choices = question.get("choices", [])
        _check_keys(choices, where=f"{where}, question {number}, choice")
        try:
            validate_choices(
                question.get("kind", QuestionKind.SINGLE),
                choice_count=len(choices),
                correct_count=sum(1 for c in choices if c.get("correct")),
            )
            validate_rubric(
                question.get("kind", QuestionKind.SINGLE),
                criteria_count=len(question.get("rubric", [])),
                has_model_answer=bool(question.get("model_answer")),
            )
        except ValidationError as error:
            raise CurriculumError(
                f"{where}, question {number}: {' '.join(error.messages)}"
            ) from error
    reviewed_on = data.get("reviewed_on")
    return {
        "file": where,
        "slug": data["slug"],
        "unit": data["unit"],
        "lesson": {
            "position": data["position"],
            "title": data["title"],
            "summary": data["summary"],
            "objectives": "\n".join(data.get("objectives", [])),
            "body": data["body"].strip() + "\n",
            "published": data.get("published", True),
            "reviewed_on": reviewed_on.isoformat() if reviewed_on else None,
            "discussion": data.get("discussion", ""),
        },
        "sources": [{"title": s["title"], "url": s["url"]} for s in data["sources"]],
        "key_terms": [
            {"term": t["term"], "definition": t["definition"]}
            for t in data.get("key_terms", [])
        ],
        "quiz": quiz
        and {
            "pass_mark": quiz.get("pass_mark", 80),
            "written_counts": quiz.get("written_counts", WrittenCounts.SELF),
            "questions": [
                {
                    "key": q["key"],
                    "kind": q.get("kind", QuestionKind.SINGLE),
                    "objective": q.get("objective", ""),
                    "prompt": q["prompt"],
                    "explanation": q["explanation"],
                    "points": q.get("points", 1),
                    "numeric_answer": _number(q.get("answer")),
                    "tolerance": _number(q.get("tolerance", 0)),
                    "rubric": "\n".join(q.get("rubric", [])),
                    "model_answer": q.get("model_answer", "").strip(),
                    "choices": [
                        {
                            "key": c["key"],
                            "text": c["text"],
                            "is_correct": bool(c.get("correct", False)),
                            "feedback": c.get("feedback", ""),
                            "misconception": c.get("misconception", ""),
                        }
                        for c in q.get("choices", [])
                    ],
                }
                for q in questions
            ],
        },
    }


def _check_keys(rows, *, where):
    """Every question (or choice) has a key, a slug unique among its
    siblings: the loader finds its row by it."""
    seen = {}
    for number, row in enumerate(rows, start=1):
        key = row.get("key")
        if not key:
            raise CurriculumError(
                f"{where} {number}: it has no key; give it one, "
                'e.g. key = "senate-consents" (see curriculum/README.md).'
            )
        try:
            if not isinstance(key, str):
                raise ValidationError("not text")
            validate_slug(key)
            if len(key) > 64:
                raise ValidationError("longer than 64 characters")
        except ValidationError as error:
            raise CurriculumError(
                f"{where} {number}: the key {key!r} must be at most 64 letters, "
                "digits, hyphens or underscores."
            ) from error
        if key in seen:
            raise CurriculumError(
                f"{where} {number}: the key {key!r} is already used by number "
                f"{seen[key]}."
            )
        seen[key] = number


def _spec_from_db(lesson):
    """The same spec, read back from the database."""
    quiz = getattr(lesson, "quiz", None)
    return {
        "file": None,
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
        "sources": [{"title": s.title, "url": s.url} for s in lesson.sources.all()],
        "key_terms": [
            {"term": t.term, "definition": t.definition} for t in lesson.key_terms.all()
        ],
        "quiz": quiz
        and {
            "pass_mark": quiz.pass_mark,
            "written_counts": quiz.written_counts,
            "questions": [
                {
                    "key": q.key,
                    "kind": q.kind,
                    "objective": q.objective,
                    "prompt": q.prompt,
                    "explanation": q.explanation,
                    "points": q.points,
                    "numeric_answer": _number(q.numeric_answer),
                    "tolerance": _number(q.tolerance),
                    "rubric": q.rubric,
                    "model_answer": q.model_answer,
                    "choices": [
                        {
                            "key": c.key,
                            "text": c.text,
                            "is_correct": c.is_correct,
                            "feedback": c.feedback,
                            "misconception": c.misconception,
                        }
                        for c in q.choices.all()
                    ],
                }
                for q in quiz.questions.all()
                if q.retired_at is None
            ],
        },
    }


def _digest(spec):
    content = {key: value for key, value in spec.items() if key != "file"}
    return hashlib.sha256(
        json.dumps(content, sort_keys=True).encode("utf-8")
    ).hexdigest()


def _load_lesson(report, spec, units, *, force):
    wanted = _digest(spec)
    lesson = (
        Lesson.objects.select_related("unit", "quiz")
        .prefetch_related("sources", "key_terms", "quiz__questions__choices")
        .filter(slug=spec["slug"])
        .first()
    )
    if lesson is not None:
        if wanted == lesson.loaded_digest and not force:
            return  # the file has not changed since it was loaded
        current = _digest(_spec_from_db(lesson))
        edited = bool(lesson.loaded_digest) and current != lesson.loaded_digest
        if edited and not force:
            report.skipped.append(
                (
                    spec["slug"],
                    "a teacher has changed it since it was loaded, so the "
                    "shipped update was not applied",
                )
            )
            return
        if current == wanted:
            if lesson.loaded_digest != wanted:
                Lesson.objects.filter(pk=lesson.pk).update(loaded_digest=wanted)
            return
    _write_lesson(report, spec, units)
    Lesson.objects.filter(slug=spec["slug"]).update(loaded_digest=wanted)


def _write_lesson(report, spec, units):
    values = dict(spec["lesson"])
    if values["reviewed_on"]:
        values["reviewed_on"] = date.fromisoformat(values["reviewed_on"])
    lesson = _sync(
        report,
        Lesson,
        lookup={"slug": spec["slug"]},
        values={**values, "unit": units[spec["unit"]]},
    )
    _sync_children(
        report,
        Source,
        lesson.sources.all(),
        parent={"lesson": lesson},
        rows=spec["sources"],
    )
    _replace_key_terms(report, lesson, spec["key_terms"])
    if spec["quiz"] is None:
        return
    quiz = _sync(
        report,
        Quiz,
        lookup={"lesson": lesson},
        values={
            "pass_mark": spec["quiz"]["pass_mark"],
            "written_counts": spec["quiz"]["written_counts"],
        },
    )
    questions = spec["quiz"]["questions"]
    saved = _sync_keyed(
        report,
        Question,
        quiz.questions.all(),
        parent={"quiz": quiz},
        rows=[
            {
                **{k: v for k, v in q.items() if k != "choices"},
                "numeric_answer": _decimal(q["numeric_answer"]),
                "tolerance": _decimal(q["tolerance"]),
                "retired_at": None,  # a retired question's key is back
            }
            for q in questions
        ],
        remove=_remove_questions,
    )
    for question, question_spec in zip(saved, questions, strict=True):
        _sync_keyed(
            report,
            Choice,
            question.choices.all(),
            parent={"question": question},
            rows=question_spec["choices"],
            remove=partial(_remove_choices, where=f"{spec['file']}, question"),
        )


def _decimal(text):
    return None if text is None else Decimal(text)


def _replace_key_terms(report, lesson, rows):
    """Key terms are unique per lesson and nothing points at them, so a changed
    list is replaced whole (reordering in place could collide on the term)."""
    existing = [
        {"term": t.term, "definition": t.definition} for t in lesson.key_terms.all()
    ]
    if existing == rows:
        return
    lesson.key_terms.all().delete()
    KeyTerm.objects.bulk_create(
        KeyTerm(lesson=lesson, position=position, **row)
        for position, row in enumerate(rows, start=1)
    )
    # The one write here that sends no signal: every other change of the
    # content retires visitors' cached pages through civics.signals.
    content_changed()
    report.count(report.updated if existing else report.created, KeyTerm, len(rows))


def _sync(report, model, *, lookup, values):
    """Create the row, or update only the fields whose values differ."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return _create(report, model, {**lookup, **values})
    _update_changed(report, instance, values)
    return instance


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
    """Match ordered child rows that nothing points at (sources) to the file
    by position; drop any left over."""
    existing = list(existing)
    saved = []
    for position, values in enumerate(rows, start=1):
        values = {**values, "position": position}
        if position <= len(existing):
            instance = existing[position - 1]
            _update_changed(report, instance, values)
        else:
            instance = _create(report, model, {**parent, **values})
        saved.append(instance)
    surplus = existing[len(rows) :]
    if surplus:
        model.objects.filter(pk__in=[row.pk for row in surplus]).delete()
        report.count(report.deleted, model, len(surplus))
    return saved


def _sync_keyed(report, model, existing, *, parent, rows, remove):
    """Match rows to the file by key, in the file's order, so that a row and
    what students' answers say about it stay together whatever is inserted,
    moved or removed around it. Rows whose key the file no longer has go to
    `remove`; rows without a key (a teacher's) are left alone."""
    by_key = {row.key: row for row in existing if row.key}
    saved = []
    for position, values in enumerate(rows, start=1):
        values = {**values, "position": position}
        instance = by_key.pop(values["key"], None)
        if instance is None:
            instance = _create(report, model, {**parent, **values})
        else:
            _update_changed(report, instance, values)
        saved.append(instance)
    remove(report, list(by_key.values()))
    return saved


def _create(report, model, values):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    report.count(report.created, model)
    return instance


def _remove_questions(report, questions):
    """A question students have answered (in any attempt, open ones too)
    cannot be deleted without their record: it is retired instead."""
    now = timezone.now()
    for question in questions:
        if question.retired_at is not None:
            continue
        if question.answers.exists():
            question.retired_at = now
            question.save(update_fields=["retired_at"])
            report.count(report.retired, Question)
        else:
            question.delete()
            report.count(report.deleted, Question)


def _remove_choices(report, choices, *, where):
    """A choice students have picked stays in their answers, so a file that
    drops one is refused: retire its whole question by giving the question
    a new key."""
    for choice in choices:
        if choice.answers.exists():
            raise CurriculumError(
                f"{where} {choice.question.key}: choice {choice.key} "
                f"(“{choice.text}”) is gone from the file, but students have "
                "picked it. To change an answered question's choices, give the "
                "question a new key: the old one is retired with its answers."
            )
        choice.delete()
        report.count(report.deleted, Choice)
