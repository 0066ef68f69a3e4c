"""The kinds of quiz question. Kept apart from models.py so that the pure rules
in civics.rules can name them without importing the models."""

from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple select"
    TRUE_FALSE = "true_false", "True or false"
    ORDERING = "ordering", "Put in order"
    NUMERIC = "numeric", "Numeric answer"


# Kinds answered by picking one choice; scored and validated alike.
ONE_CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.TRUE_FALSE})
