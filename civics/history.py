"""A lesson's edit history, kept by django-reversion for the admin.

Each revision holds a lesson and every part edited on its page (sources, key
terms, quiz, questions, choices; see the registrations in civics.admin), so
restoring one puts the whole page back as it was. This module records those
revisions outside the change form, and finds what restoring one would delete
that students have answered.
"""

from collections import defaultdict

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from reversion.models import Version

from civics.models import Choice, Lesson, Question, Quiz

ORIGINAL_COMMENT = "As it was before its first recorded edit."


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


def answered_parts_missing_from(revision, lesson: Lesson) -> list[str]:
    """The quiz, questions and choices of the lesson that students have
    answered and that `revision` does not hold, named for a message.

    Restoring a revision deletes the parts it does not hold, and student
    records protect what they point at, so such a restore must be refused.
    """
    kept = defaultdict(set)
    for content_type_id, object_id in revision.version_set.values_list(
        "content_type_id", "object_id"
    ):
        kept[content_type_id].add(int(object_id))

    def lost(queryset):
        model_kept = kept[ContentType.objects.get_for_model(queryset.model).pk]
        return [str(part) for part in queryset.exclude(pk__in=model_kept).distinct()]

    quizzes = lost(Quiz.objects.filter(lesson=lesson, attempts__isnull=False))
    questions = lost(
        Question.objects.filter(quiz__lesson=lesson, answers__isnull=False)
    )
    choices = lost(
        Choice.objects.filter(question__quiz__lesson=lesson, answers__isnull=False)
    )
    return (
        ["the quiz" for _ in quizzes]
        + [f"question “{name}”" for name in questions]
        + [f"choice “{name}”" for name in choices]
    )
