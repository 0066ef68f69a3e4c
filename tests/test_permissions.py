"""Every page walked as a visitor, the owner, another student and a teacher."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from civics.models import Attempt
from tests.factories import (
    as_post_data,
    correct_responses,
    make_student,
    make_submitted_attempt,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("civics:my_progress", "get"),
        ("civics:attempt_take", "get"),
        ("civics:attempt_result", "get"),
        ("civics:quiz_start", "post"),
    ],
)
def test_visitors_are_sent_to_log_in(client, student, quiz, url_name, method):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    args = {
        "civics:my_progress": [],
        "civics:quiz_start": [quiz.lesson.slug],
    }.get(url_name, [attempt.pk])
    url = reverse(url_name, args=args)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("url_name", ["civics:attempt_take", "civics:attempt_result"])
def test_a_student_cannot_open_another_students_attempt(
    client, other_student, student, quiz, url_name
):
    attempt = make_submitted_attempt(student=other_student, quiz=quiz)
    client.force_login(student)
    assert client.get(reverse(url_name, args=[attempt.pk])).status_code == 404


def test_a_student_cannot_submit_another_students_open_attempt(
    client, other_student, student, quiz
):
    attempt = Attempt.objects.create(student=other_student, quiz=quiz)
    client.force_login(student)
    response = client.post(
        reverse("civics:attempt_take", args=[attempt.pk]),
        as_post_data(correct_responses(quiz)),
    )
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_a_teacher_cannot_open_the_attempt_of_a_student_they_do_not_teach(
    teacher_client, student, quiz
):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    url = reverse("civics:attempt_result", args=[attempt.pk])
    assert teacher_client.get(url).status_code == 404


def test_the_owner_sees_their_attempt(student_client, student, quiz):
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    url = reverse("civics:attempt_result", args=[attempt.pk])
    assert student_client.get(url).status_code == 200


def test_a_student_cannot_enter_the_admin(student_client):
    response = student_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_unknown_attempt_is_a_404(student_client):
    assert (
        student_client.get(reverse("civics:attempt_take", args=[987654])).status_code
        == 404
    )


NAV_LINKS = {
    "My classes": reverse("teaching:classroom_list"),
    "Join a class": reverse("teaching:join"),
    "Edit content": reverse("admin:index"),
}


def _nav_links(client):
    html = client.get(reverse("civics:course_home")).content.decode()
    nav = html[html.index('<nav class="navbar') : html.index("</nav>")]
    return {text for text, url in NAV_LINKS.items() if f'href="{url}"' in nav}


def test_the_navigation_offers_a_student_the_way_into_a_class(student_client):
    assert _nav_links(student_client) == {"Join a class"}


def test_the_navigation_offers_a_teacher_their_classes_and_the_editor(
    teacher_client,
):
    assert _nav_links(teacher_client) == {"My classes", "Edit content"}


def test_the_teachers_group_without_staff_status_makes_no_teacher(client):
    """Teachers are staff (README, "Accounts"); group membership alone, e.g. a
    half-finished change in the admin, opens neither area."""
    half_made = make_student()
    half_made.groups.add(Group.objects.get(name="Teachers"))
    client.force_login(half_made)
    assert _nav_links(client) == {"Join a class"}
    assert client.get(reverse("teaching:classroom_list")).status_code == 403
    assert client.get(reverse("admin:index")).status_code == 302
