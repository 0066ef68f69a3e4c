from django.db import models

from civics.rules import permissions


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, user):
        return self.filter(permissions.classrooms_managed_by(user))

    def active(self):
        return self.filter(archived_at__isnull=True)


class AssignmentQuerySet(models.QuerySet):
    def for_student(self, user):
        """The student's assignments from the classes they are in that are
        still running, soonest due first. Their lessons come from the caller,
        which has them already."""
        return self.filter(
            classroom__enrolments__student=user, classroom__archived_at__isnull=True
        ).select_related("classroom")
