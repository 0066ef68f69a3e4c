from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from civics.rules import permissions


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, user):
        return self.filter(permissions.classrooms_managed_by(user))

    def active(self):
        return self.filter(archived_at__isnull=True)

    def with_counts(self):
        """Each class's number of students and of assigned lessons. Counted
        in subqueries: two joins would make a row for every student and
        lesson pair (2,800 for a class of 200 with 14 lessons) to count."""
        from teaching.models import Assignment, Enrolment

        return self.annotate(
            student_count=_count_of(Enrolment),
            assignment_count=_count_of(Assignment),
        )


def _count_of(model):
    rows = (
        model.objects.filter(classroom=OuterRef("pk"))
        .order_by()
        .values("classroom")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


class AssignmentQuerySet(models.QuerySet):
    def for_student(self, user):
        """The student's assignments from the classes they are in that are
        still running, soonest due first, each with the student's extra time
        on it (`extra_time_until`, or None), when their teacher last gave
        them another try (`reset_at`, or None). Their lessons come from the
        caller, which has them already."""
        from teaching.models import Extension, QuizReset

        extra_time = Extension.objects.filter(
            assignment=OuterRef("pk"), student=user
        ).values("due_at")
        latest_reset = (
            QuizReset.objects.filter(assignment=OuterRef("pk"), student=user)
            .order_by("-reset_at")
            .values("reset_at")[:1]
        )
        return (
            self.filter(
                classroom__enrolments__student=user,
                classroom__archived_at__isnull=True,
            )
            .select_related("classroom")
            .annotate(
                extra_time_until=Subquery(extra_time),
                reset_at=Subquery(latest_reset),
            )
        )


class ClassNoteQuerySet(models.QuerySet):
    def for_student(self, user):
        """Notes from the teachers of the classes the student is in that are
        still running; nobody else's, and none for a visitor."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            classroom__enrolments__student=user, classroom__archived_at__isnull=True
        )
