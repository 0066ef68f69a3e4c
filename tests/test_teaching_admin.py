"""Classes in the admin: administrators hand a class on to another teacher
with everything in it; teachers never see other teachers' classes there."""

import pytest
from django.urls import reverse

from civics.models import Attempt
from teaching.models import Assignment, Classroom, Enrolment
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def classroom():
    student = make_student()
    classroom = make_classroom(students=[student], name="Civics, period 3")
    quiz = make_quiz(questions=2)
    make_assignment(classroom=classroom, lesson=quiz.lesson)
    make_submitted_attempt(student=student, quiz=quiz)
    return classroom


def test_an_administrator_moves_a_class_to_another_teacher_with_everything_in_it(
    admin_client, classroom
):
    successor = make_teacher(username="mr_okafor")
    url = reverse("admin:teaching_classroom_change", args=[classroom.pk])
    data = form_data(admin_client.get(url).content.decode(), "classroom_form")
    data["teacher"] = str(successor.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    classroom.refresh_from_db()
    assert classroom.teacher == successor
    assert Enrolment.objects.filter(classroom=classroom).count() == 1
    assert Assignment.objects.filter(classroom=classroom).count() == 1
    assert Attempt.objects.submitted().count() == 1
    admin_client.force_login(successor)
    assert admin_client.get(classroom.get_absolute_url()).status_code == 200


def test_a_class_goes_only_to_someone_who_teaches(admin_client, classroom):
    student = make_student(username="not_a_teacher")
    url = reverse("admin:teaching_classroom_change", args=[classroom.pk])
    page = admin_client.get(url).content.decode()
    assert f'value="{classroom.teacher.pk}"' in page
    assert f'value="{student.pk}"' not in page


def test_the_class_list_shows_each_teacher_and_roster_size(admin_client, classroom):
    page = admin_client.get(reverse("admin:teaching_classroom_changelist"))
    html = page.content.decode()
    assert "Civics, period 3" in html
    assert classroom.teacher.username in html


def test_teachers_never_see_classes_in_the_admin(client, classroom):
    client.force_login(make_teacher())
    assert client.get(reverse("admin:teaching_classroom_changelist")).status_code == 403
    change = reverse("admin:teaching_classroom_change", args=[classroom.pk])
    assert client.get(change).status_code == 403
    assert "teaching" not in client.get(reverse("admin:index")).content.decode()
    assert Classroom.objects.get().teacher == classroom.teacher
