"""The student-facing pages, one module per feature: the course and its
lessons, taking a quiz, its results, and the review of missed questions."""
