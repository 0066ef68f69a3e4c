"""The data the browser tests and the docs' screenshots show: the shipped
course, a teacher with a class of two students, and some of their work."""

from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from civics.models import Attempt, Lesson
from civics.services import record_lesson_read
from teaching.models import Classroom
from teaching.services import give_another_try, give_extra_time
from tests.factories import (
    correct_responses,
    make_assignment,
    make_classroom,
    make_student,
    make_submitted_attempt,
    make_teacher,
    wrong_response,
)

# Its quiz asks every kind of question: single, multiple, true/false,
# ordering and numeric.
EVERY_KIND = "summits-as-a-tool"


@dataclass(frozen=True)
class Demo:
    teacher: User
    student: User
    classroom: Classroom
    every_kind: Lesson
    result: Attempt


def seed_demo():
    """Maya has mastered one assigned lesson, missed the pass mark on an
    overdue one, read another and not started the one due soon; Leo got
    everything wrong on the overdue one and was given another try at it, and
    extra time on the one due soon."""
    call_command("load_curriculum", stdout=StringIO())
    lessons = Lesson.objects.select_related("quiz").in_bulk(field_name="slug")
    teacher = make_teacher(username="ms_rivera")
    maya = make_student(username="maya")
    leo = make_student(username="leo")
    classroom = make_classroom(
        teacher=teacher, students=[maya, leo], name="Civics, period 3"
    )
    today = timezone.localdate()
    overdue = lessons["article-ii-foreign-affairs"]
    mastered = lessons["treaty-clause"]
    every_kind = lessons[EVERY_KIND]
    make_assignment(classroom=classroom, lesson=overdue, due_on=today - timedelta(1))
    make_assignment(classroom=classroom, lesson=mastered, due_on=today + timedelta(7))
    due_soon = make_assignment(
        classroom=classroom, lesson=every_kind, due_on=today + timedelta(2)
    )

    record_lesson_read(
        student=maya, lesson=lessons["recognition-and-sole-organ"], now=timezone.now()
    )
    make_submitted_attempt(student=maya, quiz=mastered.quiz)
    responses = correct_responses(overdue.quiz)
    for question in overdue.quiz.questions.all()[:3]:
        responses[question.pk] = wrong_response(question)
    result = make_submitted_attempt(
        student=maya, quiz=overdue.quiz, responses=responses
    )
    make_submitted_attempt(
        student=leo,
        quiz=overdue.quiz,
        responses={
            question.pk: wrong_response(question)
            for question in overdue.quiz.questions.all()
        },
    )
    give_another_try(
        assignment=classroom.assignments.get(lesson=overdue),
        students=[leo],
        by=teacher,
        now=timezone.now(),
    )
    give_extra_time(
        assignment=due_soon, student=leo, until=due_soon.due_at + timedelta(days=3)
    )
    return Demo(
        teacher=teacher,
        student=maya,
        classroom=classroom,
        every_kind=every_kind,
        result=result,
    )
