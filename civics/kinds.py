"""The kinds of quiz question. Kept apart from models.py so that the pure rules
in civics.rules can name them without importing the models."""

from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple select"
    TRUE_FALSE = "true_false", "True or false"
    ORDERING = "ordering", "Put in order"
    NUMERIC = "numeric", "Numeric answer"
    WRITTEN = "written", "Written answer"


class WrittenCounts(models.TextChoices):
    """How a quiz's written answers count toward its score, and so toward
    mastery: set per quiz by its author, kept on each answer at submission."""

    SELF = "self", "The student's own rubric score counts until a teacher scores it"
    TEACHER = "teacher", "Only a teacher's score counts; until then it earns nothing"
    PRACTICE = "practice", "Practice only: written answers do not count"


# Kinds answered by picking one choice; scored and validated alike.
ONE_CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.TRUE_FALSE})
# Kinds with no choices: the student types the answer.
TYPED_KINDS = frozenset({QuestionKind.NUMERIC, QuestionKind.WRITTEN})
# The longest written answer kept, in characters: about 1,500 words, three
# times what an AP free-response answer runs to.
WRITTEN_ANSWER_MAX_LENGTH = 10_000
