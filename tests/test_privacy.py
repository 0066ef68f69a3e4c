"""Privacy: the site asks students for the minimum, and a teacher or an
administrator can hand over or erase a student's data."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.forms import SignUpForm
from accounts.models import User
from accounts.services import delete_student, export_student_data
from civics import services
from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Lesson, Progress, ReviewItem, SelectedChoice
from teaching.models import Enrolment
from tests.factories import (
    make_assignment,
    make_classroom,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    wrong_responses,
)

pytestmark = pytest.mark.django_db


def test_sign_up_asks_for_a_username_a_password_a_first_name_and_initial(client):
    form = SignUpForm()
    assert list(form.fields) == [
        "username",
        "password1",
        "password2",
        "first_name",
        "last_name",
    ]
    assert not form.fields["first_name"].required
    assert form.fields["last_name"].max_length == 1
    html = client.get(reverse("signup")).content.decode()
    assert 'type="email"' not in html
    assert 'name="email"' not in html


@pytest.fixture
def worked_student(student):
    """A student in a class who read a lesson, passed its quiz once, missed
    it once (so has questions to review) and has a review open."""
    quiz = make_quiz(questions=2, kinds=(QuestionKind.NUMERIC,))
    now = timezone.now()
    services.record_lesson_read(student=student, lesson=quiz.lesson, now=now)
    make_submitted_attempt(student=student, quiz=quiz)
    make_submitted_attempt(student=student, quiz=quiz, responses=wrong_responses(quiz))
    services.start_review(student=student, now=now)
    return student


def test_an_export_holds_everything_about_the_student_but_the_password(
    worked_student, teacher
):
    classroom = make_classroom(teacher=teacher, students=[worked_student])
    data = export_student_data(student=worked_student)

    assert data["account"]["username"] == worked_student.username
    assert "password" not in json.dumps(data, default=str)
    assert worked_student.password not in json.dumps(data, default=str)
    assert data["classes"] == [
        {
            "class": classroom.name,
            "teacher": teacher.username,
            "joined_at": Enrolment.objects.get().joined_at,
        }
    ]
    assert len(data["attempts"]) == 3
    submitted = [a for a in data["attempts"] if a["submitted_at"]]
    assert sorted(a["score"] for a in submitted) == [0, 3]
    answers = [answer for a in submitted for answer in a["answers"]]
    assert len(answers) == 6
    assert Decimal(66) in {answer["number"] for answer in answers}
    assert all(answer["choices"] for answer in answers if answer["kind"] == "single")
    assert data["progress"][0]["attempt_count"] == 2
    assert data["progress"][0]["read_at"] is not None
    assert len(data["review_items"]) == 3


def test_an_export_holds_the_extra_time_a_teacher_gave(worked_student, teacher):
    """Extra time is an accommodation: personal data a family may ask for."""
    classroom = make_classroom(teacher=teacher, students=[worked_student])
    assignment = make_assignment(
        classroom=classroom, lesson=make_quiz().lesson, due_at=timezone.now()
    )
    until = timezone.now() + timedelta(days=3)
    assignment.extensions.create(student=worked_student, due_at=until)
    data = export_student_data(student=worked_student)
    assert data["extra_time"] == [
        {"class": classroom.name, "lesson": assignment.lesson.title, "due_at": until}
    ]


def test_an_export_reads_a_fixed_number_of_rows(
    worked_student, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        export_student_data(student=worked_student)


def test_deleting_a_student_removes_them_and_all_their_work(worked_student):
    other = make_student()
    classroom = make_classroom(students=[worked_student, other])
    quiz = make_quiz()
    make_submitted_attempt(student=other, quiz=quiz)
    lessons = Lesson.objects.count()

    deleted = delete_student(student=worked_student)

    assert not User.objects.filter(pk=worked_student.pk).exists()
    assert deleted["civics.Attempt"] == 3
    for model in (Attempt, Progress, ReviewItem, Enrolment):
        assert not model.objects.filter(student_id=worked_student.pk).exists()
    assert not Answer.objects.filter(attempt__student_id=worked_student.pk).exists()
    # Everyone else's work, the class and the course stay.
    assert Attempt.objects.filter(student=other).count() == 1
    assert SelectedChoice.objects.filter(answer__attempt__student=other).exists()
    assert list(classroom.students.all()) == [other]
    assert Lesson.objects.count() == lessons


def test_a_teacher_cannot_be_deleted_as_a_student(teacher):
    make_classroom(teacher=teacher)
    with pytest.raises(ValidationError) as error:
        delete_student(student=teacher)
    assert error.value.code == "not_a_student"
    assert User.objects.filter(pk=teacher.pk).exists()


def test_a_former_teacher_who_still_owns_a_class_is_not_deleted(teacher):
    """Staff status taken away, the Teachers group kept: not a teacher on the
    site any more, but their classes still hang on the account."""
    make_classroom(teacher=teacher)
    teacher.is_staff = False
    teacher.save()
    teacher = User.objects.get(pk=teacher.pk)
    with pytest.raises(ValidationError) as error:
        delete_student(student=teacher)
    assert error.value.code == "not_a_student"


def _export_url(classroom, student):
    return reverse("teaching:student_export", args=[classroom.pk, student.pk])


def test_a_teacher_downloads_the_data_of_a_student_in_their_class(
    teacher_client, teacher, worked_student
):
    mine = make_classroom(teacher=teacher, students=[worked_student])
    someone_elses = make_classroom(name="Not mine", students=[worked_student])
    detail = teacher_client.get(
        reverse("teaching:student_detail", args=[mine.pk, worked_student.pk])
    )
    assert _export_url(mine, worked_student) in detail.content.decode()

    response = teacher_client.get(_export_url(mine, worked_student))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{worked_student.username}-data.json"'
    )
    data = response.json()
    assert len(data["attempts"]) == 3
    # Another teacher's class is theirs to mention, not this teacher's.
    assert [entry["class"] for entry in data["classes"]] == [mine.name]
    assert someone_elses.name not in response.content.decode()


def test_a_teacher_cannot_export_a_student_outside_their_classes(
    teacher_client, teacher, worked_student
):
    mine = make_classroom(teacher=teacher, students=[make_student()])
    theirs = make_classroom(students=[worked_student])
    assert teacher_client.get(_export_url(mine, worked_student)).status_code == 404
    assert teacher_client.get(_export_url(theirs, worked_student)).status_code == 404


def test_a_student_cannot_export_anyone(student_client, student):
    classroom = make_classroom(students=[student, make_student()])
    for someone in classroom.students.all():
        assert student_client.get(_export_url(classroom, someone)).status_code == 403


def test_a_visitor_is_sent_to_log_in(visitor, worked_student):
    classroom = make_classroom(students=[worked_student])
    response = visitor.get(_export_url(classroom, worked_student))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _changelist_action(client, action, users, **extra):
    return client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": action, "_selected_action": [u.pk for u in users], **extra},
    )


def test_an_admin_exports_selected_users_data(admin_client, worked_student):
    response = _changelist_action(admin_client, "export_data", [worked_student])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    [data] = response.json()
    assert data["account"]["username"] == worked_student.username
    assert len(data["attempts"]) == 3


def test_an_admin_confirms_then_deletes_students_and_their_data(
    admin_client, worked_student
):
    kept = make_student()
    make_submitted_attempt(student=kept, quiz=make_quiz())

    confirm = _changelist_action(admin_client, "delete_students", [worked_student])
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Yes, delete them and their data" in page
    assert "Attempts: 3" in page
    assert User.objects.filter(pk=worked_student.pk).exists()

    done = _changelist_action(
        admin_client, "delete_students", [worked_student], post="yes"
    )
    assert done.status_code == 302
    assert not User.objects.filter(pk=worked_student.pk).exists()
    assert not Attempt.objects.filter(student_id=worked_student.pk).exists()
    assert Attempt.objects.filter(student=kept).exists()


def test_the_admin_deletes_no_one_when_a_teacher_is_selected(
    admin_client, worked_student, teacher
):
    response = _changelist_action(
        admin_client, "delete_students", [worked_student, teacher], post="yes"
    )
    assert response.status_code == 302
    assert User.objects.filter(pk__in=[worked_student.pk, teacher.pk]).count() == 2
    changelist = admin_client.get(response.url).content.decode()
    assert f"{teacher.username} teach or administer" in changelist


def test_a_teacher_cannot_reach_the_user_admin(teacher_client, worked_student):
    response = _changelist_action(teacher_client, "export_data", [worked_student])
    assert response.status_code == 403


def test_the_user_admin_pages_load(admin_client, worked_student):
    assert (
        admin_client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    )
    change = reverse("admin:accounts_user_change", args=[worked_student.pk])
    assert admin_client.get(change).status_code == 200


def test_an_export_holds_a_written_answer_and_the_teachers_comment(student, teacher):
    quiz = make_quiz(questions=1)
    written = make_question(quiz=quiz, kind=QuestionKind.WRITTEN, position=2)
    attempt = make_submitted_attempt(
        student=student,
        quiz=quiz,
        responses={
            quiz.questions.first().pk: [quiz.questions.first().choices.first().pk],
            written.pk: "The Senate must agree by two-thirds.",
        },
    )
    services.score_written_answer(
        answer=attempt.answers.get(question=written),
        marks=[True, False, True],
        by=teacher,
        now=timezone.now(),
        comment="Say which Senators count.",
    )
    answers = export_student_data(student=student)["attempts"][0]["answers"]
    [kept] = [answer for answer in answers if answer["kind"] == "written"]
    assert kept["text"] == "The Senate must agree by two-thirds."
    assert kept["teacher_marks"] == [True, False, True]
    assert kept["teacher_comment"] == "Say which Senators count."
