"""A lesson's edit history, kept by django-reversion for the admin.

Each revision holds a lesson and every part edited on its page (sources, key
terms, quiz, questions, choices; see the registrations in civics.admin), so
restoring one puts the whole page back as it was. This module records those
revisions outside the change form, says what a revision changed, and finds
what restoring one (or deleting a question) would take from students:
submitted answers, which stop it, and draft answers, which give way.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from itertools import zip_longest

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.text import capfirst
from reversion.models import Version

from civics.models import (
    Answer,
    Attempt,
    Choice,
    KeyTerm,
    Lesson,
    Question,
    Quiz,
    SelectedChoice,
    Source,
)

ORIGINAL_COMMENT = "As it was before its first recorded edit."

# What "what changed" compares, part by part, in the order parts are listed.
# Left out: ids, links to the parent row, timestamps, derived fields
# (body_html follows body; loaded_digest belongs to the curriculum loader)
# and the positions of a lesson's parts: the lesson editor renumbers them
# from 0 on every save, so their order is compared instead (_reorderings).
COMPARED_FIELDS = {
    Lesson: (
        "unit",
        "title",
        "slug",
        "summary",
        "published",
        "reviewed_on",
        "position",
        "objectives",
        "body",
        "discussion",
    ),
    Source: ("title", "url"),
    KeyTerm: ("term", "definition"),
    Quiz: ("pass_mark",),
    Question: (
        "kind",
        "prompt",
        "explanation",
        "points",
        "numeric_answer",
        "tolerance",
    ),
    Choice: ("text", "is_correct", "feedback"),
}
PART_ORDER = {model: number for number, model in enumerate(COMPARED_FIELDS)}
# Each part's parent and the field that points at it.
PARENTS = {
    Source: (Lesson, "lesson_id"),
    KeyTerm: (Lesson, "lesson_id"),
    Quiz: (Lesson, "lesson_id"),
    Question: (Quiz, "quiz_id"),
    Choice: (Question, "question_id"),
}


def keep_originals(lessons) -> None:
    """Save a first version of each of `lessons` that has none yet, as it is
    now. The curriculum loader writes without history, so without this the
    first admin edit of a shipped lesson could never be undone.

    Call it before the change and outside any revision: one started inside
    another merges into it.
    """
    versions = Version.objects.get_for_model(Lesson).filter(
        object_id=Cast(OuterRef("pk"), models.CharField())
    )
    for lesson in lessons.filter(~Exists(versions)):
        with reversion.create_revision():
            reversion.set_comment(ORIGINAL_COMMENT)
            reversion.add_to_revision(lesson)


def record(lesson: Lesson, *, user, comment: str) -> None:
    """Save the lesson and all its parts, as they are now, as a revision of
    their own (for changes made outside the lesson's change form)."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(lesson)


def _kept_ids(revision):
    """{model: ids of its rows that `revision` holds}."""
    kept = defaultdict(set)
    content_types = ContentType.objects.get_for_models(Quiz, Question, Choice)
    models_by_type = {
        content_type.pk: model for model, content_type in content_types.items()
    }
    for content_type_id, object_id in revision.version_set.filter(
        content_type__in=models_by_type
    ).values_list("content_type_id", "object_id"):
        kept[models_by_type[content_type_id]].add(int(object_id))
    return kept


@dataclass(frozen=True)
class Loss:
    """A part of a lesson that a restore or a deletion would take from
    students, and the students (named for teachers) who answered it."""

    part: str
    students: tuple[str, ...]

    def __str__(self):
        return f"{self.part}, answered by {', '.join(self.students)}"


@dataclass(frozen=True)
class AnswersInTheWay:
    """What deleting some of a lesson's parts would take from students.

    Submitted answers are students' results: while there are any, the parts
    stay. Draft answers (of attempts still open) give way once a teacher has
    seen whose they are: `drafts` names those students, and
    services.discard_draft_answers(**discard) removes them.
    """

    submitted: list[Loss]
    drafts: list[Loss]
    draft_student_ids: frozenset[int]
    discard: dict


def answers_in_the_way(*, quizzes=(), questions=(), choices=()) -> AnswersInTheWay:
    """The answers that deleting these quizzes, questions and choices (ids)
    would delete with them, by part. An open attempt's untouched answers are
    left out of `drafts` (nothing the student wrote goes) but are discarded
    all the same."""
    quizzes, questions, choices = set(quizzes), set(questions), set(choices)
    # A choice of a question that goes is counted with its question.
    choices -= set(
        Choice.objects.filter(pk__in=choices, question__in=questions).values_list(
            "pk", flat=True
        )
    )
    submitted_at = Attempt.objects.submitted().values("pk")
    open_at = Attempt.objects.open().values("pk")
    touched = (
        Q(numeric_value__isnull=False) | Q(selections__isnull=False) | ~Q(text_value="")
    )
    pairs = {
        "submitted": {
            Quiz: Attempt.objects.submitted()
            .filter(quiz__in=quizzes)
            .values_list("quiz_id", "student_id"),
            Question: Answer.objects.filter(
                attempt__in=submitted_at, question__in=questions
            ).values_list("question_id", "attempt__student_id"),
            Choice: SelectedChoice.objects.filter(
                answer__attempt__in=submitted_at, choice__in=choices
            ).values_list("choice_id", "answer__attempt__student_id"),
        },
        "drafts": {
            Quiz: Answer.objects.filter(
                touched, attempt__in=open_at, attempt__quiz__in=quizzes
            ).values_list("attempt__quiz_id", "attempt__student_id"),
            Question: Answer.objects.filter(
                touched, attempt__in=open_at, question__in=questions
            ).values_list("question_id", "attempt__student_id"),
            Choice: SelectedChoice.objects.filter(
                answer__attempt__in=open_at, choice__in=choices
            ).values_list("choice_id", "answer__attempt__student_id"),
        },
    }
    found = {
        kind: {model: set(rows) for model, rows in by_model.items()}
        for kind, by_model in pairs.items()
    }
    names = _names_for_teachers(
        rows for by_model in found.values() for rows in by_model.values()
    )
    losses = {kind: _losses(by_model, names) for kind, by_model in found.items()}
    return AnswersInTheWay(
        submitted=losses["submitted"],
        drafts=losses["drafts"],
        draft_student_ids=frozenset(
            student for rows in found["drafts"].values() for _, student in rows
        ),
        discard={"quizzes": quizzes, "questions": questions, "choices": choices},
    )


def _losses(rows_by_model, names):
    losses = []
    for model in (Quiz, Question, Choice):
        students = defaultdict(set)
        for part_id, student_id in rows_by_model[model]:
            students[part_id].add(names[student_id])
        parts = model._base_manager.in_bulk(students)
        for part_id in sorted(students, key=lambda pk: _sort_key(parts[pk])):
            part = parts[part_id]
            name = (
                "the quiz" if model is Quiz else f"{model._meta.verbose_name} “{part}”"
            )
            names_a_to_z = tuple(sorted(students[part_id], key=str.casefold))
            losses.append(Loss(name, names_a_to_z))
    return losses


def _sort_key(part):
    return (getattr(part, "position", 0), part.pk)


def answers_in_the_way_of_restoring(revision, lesson: Lesson) -> AnswersInTheWay:
    """The answers that restoring `revision` over `lesson` would delete:
    restoring deletes the quiz, questions and choices it does not hold."""
    kept = _kept_ids(revision)
    return answers_in_the_way(
        quizzes=Quiz.objects.filter(lesson=lesson)
        .exclude(pk__in=kept[Quiz])
        .values_list("pk", flat=True),
        questions=Question.objects.filter(quiz__lesson=lesson)
        .exclude(pk__in=kept[Question])
        .values_list("pk", flat=True),
        choices=Choice.objects.filter(question__quiz__lesson=lesson)
        .exclude(pk__in=kept[Choice])
        .values_list("pk", flat=True),
    )


def answered_parts_moved_by(revision) -> list[Loss]:
    """The questions students have answered, and the choices they have
    picked, that `revision` holds under another quiz or question than their
    own, with the students who answered them.

    A part can have moved since the revision was saved and been answered in
    its new place; restoring the revision would move it back, which
    Question.clean and Choice.clean refuse (any answer counts there, a
    draft's too).
    """
    models = {
        content_type.pk: model
        for model, content_type in ContentType.objects.get_for_models(
            Question, Choice
        ).items()
    }
    saved_parent = defaultdict(dict)
    for version in revision.version_set.filter(content_type__in=models):
        model = models[version.content_type_id]
        parent = PARENTS[model][1]
        saved_parent[model][int(version.object_id)] = version.field_dict[parent]
    moved = {}
    for model in (Question, Choice):
        parent = PARENTS[model][1]
        saved = saved_parent[model]
        moved[model] = [
            pk
            for pk, now in model.objects.filter(pk__in=saved).values_list("pk", parent)
            if now != saved[pk]
        ]
    rows = {
        Quiz: set(),
        Question: set(
            Answer.objects.filter(question__in=moved[Question]).values_list(
                "question_id", "attempt__student_id"
            )
        ),
        Choice: set(
            SelectedChoice.objects.filter(choice__in=moved[Choice]).values_list(
                "choice_id", "answer__attempt__student_id"
            )
        ),
    }
    return _losses(rows, _names_for_teachers(rows.values()))


def _names_for_teachers(row_sets):
    """{student id: name for teachers} of the students in sets of (part,
    student) rows."""
    ids = {student for rows in row_sets for _, student in rows}
    return {
        user.pk: user.name_for_teachers
        for user in get_user_model().objects.filter(pk__in=ids)
    }


@dataclass(frozen=True)
class DiffLine:
    """One row of a before/after table: a line on either side (None where
    that side has none), or a gap where unchanged lines are left out."""

    before: str | None = None
    after: str | None = None
    gap: bool = False

    @property
    def removed(self):
        return self.before is not None and self.before != self.after

    @property
    def added(self):
        return self.after is not None and self.after != self.before


GAP = DiffLine(gap=True)


def diff_lines(before: str, after: str, *, context: int = 2) -> list[DiffLine]:
    """Line by line, changed lines side by side, with `context` unchanged
    lines around each change and a gap row for the unchanged lines between."""
    old, new = before.splitlines(), after.splitlines()
    if old == new:
        return []
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    rows = []
    shown_up_to = 0
    for group in matcher.get_grouped_opcodes(context):
        if group[0][1] > shown_up_to:
            rows.append(GAP)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [DiffLine(line, line) for line in old[i1:i2]]
            else:
                rows += [
                    DiffLine(was, now)
                    for was, now in zip_longest(old[i1:i2], new[j1:j2])
                ]
        shown_up_to = group[-1][2]
    if shown_up_to < len(old):
        rows.append(GAP)
    return rows


@dataclass(frozen=True)
class FieldChange:
    label: str
    lines: list[DiffLine]


@dataclass(frozen=True)
class PartChange:
    """One part of the lesson (the lesson itself, a source, a question, …)
    that a revision added, removed or changed, with its changed fields."""

    name: str
    status: str
    fields: list[FieldChange]


@dataclass(frozen=True)
class _Part:
    model: type
    pk: int
    values: dict
    name: str


def changes_between(before, after, *, lesson_id: int) -> list[PartChange]:
    """What revision `after` changed in the lesson since revision `before`,
    part by part, in the order the lesson's page shows them."""
    old = _lesson_parts(before, lesson_id)
    new = _lesson_parts(after, lesson_id)
    every = {**old, **new}
    reorderings = _reorderings(old, new)
    changes = []
    for key in sorted(every, key=lambda key: _place(every[key], every)):
        was, now = old.get(key), new.get(key)
        fields = _changed_fields(was, now) + reorderings.get(key, [])
        if fields:
            status = "added" if was is None else "removed" if now is None else "changed"
            changes.append(PartChange(_part_name(now or was), status, fields))
    return changes


def _lesson_parts(revision, lesson_id):
    """The lesson's parts saved in the revision, by (model, id); parts of
    other lessons in the same revision are left out."""
    versions = defaultdict(list)
    for version in revision.version_set.select_related("content_type"):
        versions[version.content_type.model_class()].append(version)
    parts = {}
    for model in COMPARED_FIELDS:
        for version in versions[model]:
            values = version.field_dict
            if model is Lesson:
                belongs = values["id"] == lesson_id
            else:
                parent, link = PARENTS[model]
                belongs = (parent, values[link]) in parts
            if belongs:
                key = (model, values["id"])
                parts[key] = _Part(model, values["id"], values, version.object_repr)
    return parts


def _place(part, parts):
    """Sort key: lesson, sources, key terms, quiz, then each question followed
    by its choices, each by position."""
    position = part.values.get("position", 0)
    if part.model is Choice:
        question = parts[(Question, part.values["question_id"])]
        question_place = (question.values["position"], question.pk)
        return (PART_ORDER[Question], *question_place, 1, position, part.pk)
    if part.model is Question:
        return (PART_ORDER[Question], position, part.pk, 0)
    return (PART_ORDER[part.model], position, part.pk)


def _reorderings(old, new):
    """For each part whose sources, key terms, questions or choices are in a
    new order, a change listing them in both orders. Only the children in
    both revisions count, so adding or removing one is not a reordering."""
    changes = defaultdict(list)
    for model, (parent, link) in PARENTS.items():
        siblings = defaultdict(list)
        for key in old.keys() & new.keys():
            if key[0] is model and "position" in new[key].values:
                siblings[(parent, new[key].values[link])].append(key)
        for parent_key, keys in siblings.items():
            before = sorted(keys, key=lambda key: (old[key].values["position"], key[1]))
            after = sorted(keys, key=lambda key: (new[key].values["position"], key[1]))
            if before != after:
                label = f"order of {model._meta.verbose_name_plural}"
                changes[parent_key].append(
                    FieldChange(
                        capfirst(label),
                        diff_lines(
                            "\n".join(new[key].name for key in before),
                            "\n".join(new[key].name for key in after),
                        ),
                    )
                )
    return changes


def _changed_fields(was, now):
    model = (now or was).model
    changes = []
    for name in COMPARED_FIELDS[model]:
        field = model._meta.get_field(name)
        before = was.values.get(field.attname) if was else None
        after = now.values.get(field.attname) if now else None
        if before == after:
            continue
        # Compared line by line, so text that differs only in how its lines
        # end (a browser posts CR LF) is no change.
        lines = diff_lines(_shown(field, before), _shown(field, after))
        if lines:
            changes.append(FieldChange(capfirst(field.verbose_name), lines))
    return changes


def _shown(field, value):
    """A stored value as a teacher reads it in the admin."""
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related or value)
    return str(value)


def _part_name(part):
    if part.model in (Lesson, Quiz):
        return capfirst(part.model._meta.verbose_name)
    return f"{capfirst(part.model._meta.verbose_name)} “{part.name}”"
