"""Safe editing in the admin: previewing a lesson as a student sees it."""

import pytest
from django.urls import reverse

from civics.models import Attempt, Progress
from tests.factories import make_lesson, make_quiz, make_teacher

pytestmark = pytest.mark.django_db

PREVIEW_BANNER = "Preview: this is what students see."
DRAFT_NOTICE = "Draft: students cannot see this lesson yet."


def _preview_url(lesson):
    return reverse("civics:lesson_preview", kwargs={"slug": lesson.slug})


def test_a_teacher_previews_a_draft_lesson_as_students_will_see_it(teacher_client):
    lesson = make_quiz(lesson=make_lesson(title="Not out yet", published=False)).lesson
    response = teacher_client.get(_preview_url(lesson))
    html = response.content.decode()
    assert response.status_code == 200
    assert PREVIEW_BANNER in html
    assert DRAFT_NOTICE in html
    assert "Not out yet" in html
    assert "<h2>Part one</h2>" in html
    assert '<button type="button" class="btn btn-primary" disabled' in html
    assert reverse("civics:quiz_start", kwargs={"slug": lesson.slug}) not in html


def test_a_published_lesson_preview_carries_no_draft_notice(teacher_client, lesson):
    html = teacher_client.get(_preview_url(lesson)).content.decode()
    assert PREVIEW_BANNER in html
    assert DRAFT_NOTICE not in html


def test_previewing_a_lesson_records_nothing(teacher_client, teacher, lesson):
    teacher_client.get(_preview_url(lesson))
    assert not Progress.objects.filter(student=teacher).exists()
    assert not Attempt.objects.exists()


def test_a_student_cannot_preview_a_lesson(student_client, lesson):
    assert student_client.get(_preview_url(lesson)).status_code == 403


def test_a_visitor_is_sent_to_log_in_before_a_preview(client, lesson):
    response = client.get(_preview_url(lesson))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={_preview_url(lesson)}"


def test_any_content_editor_can_preview_a_draft(client, admin_client):
    draft = make_lesson(published=False)
    client.force_login(make_teacher())
    assert client.get(_preview_url(draft)).status_code == 200
    assert admin_client.get(_preview_url(draft)).status_code == 200


def test_the_lesson_admin_links_to_the_preview(teacher_client, lesson):
    change_page = teacher_client.get(
        reverse("admin:civics_lesson_change", args=[lesson.pk])
    ).content.decode()
    changelist = teacher_client.get(
        reverse("admin:civics_lesson_changelist")
    ).content.decode()
    link = f'<a href="{_preview_url(lesson)}"'
    assert link in change_page
    assert "View as student" in change_page
    assert link in changelist
