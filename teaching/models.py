"""Classes a teacher runs, the students in them and the lessons assigned."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from civics.models import Lesson, TimestampedModel
from teaching.querysets import (
    AssignmentQuerySet,
    ClassNoteQuerySet,
    ClassroomQuerySet,
)


class Classroom(TimestampedModel):
    """A class: named "Classroom" so it never reads like a Python class."""

    name = models.CharField(max_length=100)
    # PROTECT: a teacher who still has classes cannot vanish with them.
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="classrooms_taught",
    )
    join_code = models.CharField(max_length=12, unique=True)
    # An archived class keeps its records but takes no new students.
    archived_at = models.DateTimeField(null=True, blank=True)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrolment", related_name="classrooms"
    )

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ("name", "id")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("teaching:classroom_detail", kwargs={"pk": self.pk})

    @property
    def is_archived(self):
        return self.archived_at is not None


class Enrolment(models.Model):
    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="enrolments"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("student__username",)
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "student"],
                name="teaching_enrolment_once_per_class",
                violation_error_message="This student is already in the class.",
            )
        ]

    def __str__(self):
        return f"{self.student} in {self.classroom}"


class Assignment(TimestampedModel):
    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="assignments"
    )
    # PROTECT: a lesson a class was assigned cannot disappear from its records.
    lesson = models.ForeignKey(
        Lesson, on_delete=models.PROTECT, related_name="assignments"
    )
    # A moment, not a day: "due Friday at 8:00" is how a class works.
    due_at = models.DateTimeField("due", null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = (
            F("due_at").asc(nulls_last=True),
            "lesson__unit__position",
            "lesson__position",
        )
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "lesson"],
                name="teaching_assignment_once_per_class",
                violation_error_message="This lesson is already assigned.",
            )
        ]

    def __str__(self):
        return f"{self.lesson} for {self.classroom}"


class Extension(models.Model):
    """Extra time on one assignment for one student (an accommodation): the
    student's work is due at the later of this and the class's due time."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="extensions"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extensions"
    )
    due_at = models.DateTimeField("due")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "extra time"
        verbose_name_plural = "extra time"
        ordering = ("assignment", "student__username")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"],
                name="teaching_extension_once_per_student",
                violation_error_message="This student already has extra time here.",
            )
        ]

    def __str__(self):
        return f"Extra time for {self.student} on {self.assignment}"


class QuizReset(models.Model):
    """A teacher's "another try": for this assignment, the student's attempts
    submitted before `reset_at` no longer count. They stay in the student's
    history; the latest reset is the one that counts."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="resets"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_resets"
    )
    # PROTECT: who gave another try stays on record, as in AccountAction.
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reset_at = models.DateTimeField(default=timezone.now)
    # How many submitted attempts it set aside, for the record.
    attempts_set_aside = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-reset_at", "-id")
        indexes = [models.Index(fields=["assignment", "student", "-reset_at"])]

    def __str__(self):
        return f"Another try for {self.student} on {self.assignment}"


class ClassNote(models.Model):
    """A teacher's note on a lesson for one class: only that class's students
    see it, on the lesson page, never other students or visitors."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="notes"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="class_notes"
    )
    text = models.TextField(
        max_length=2000,
        help_text="Plain text; line breaks are kept. Only this class's students "
        "see it, on the lesson's page.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClassNoteQuerySet.as_manager()

    class Meta:
        ordering = ("classroom__name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "lesson"],
                name="teaching_classnote_once_per_class_and_lesson",
                violation_error_message="This class already has a note on this lesson.",
            )
        ]

    def __str__(self):
        return f"Note on {self.lesson} for {self.classroom}"
