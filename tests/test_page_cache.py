"""Visitors' pages come from the cache, and a teacher's edit reaches the next
visitor at once: the cached copy is retired when the change is committed."""

import gzip

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse

from civics import page_cache
from civics.course_loader import CURRICULUM_DIR, load_curriculum
from civics.views import course as views
from tests.curriculum_files import lesson_file, write_curriculum
from tests.factories import make_lesson, make_quiz
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

COURSE_HOME = reverse("civics:course_home")
GLOSSARY = reverse("civics:glossary")


def test_a_visitors_second_look_at_a_lesson_costs_no_queries(
    visitor, lesson, django_assert_num_queries
):
    first = visitor.get(lesson.get_absolute_url())
    with django_assert_num_queries(0):
        second = visitor.get(lesson.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_a_kept_page_is_compressed_once_not_for_every_visitor(
    visitor, lesson, django_assert_num_queries
):
    """Compressing per response pads each one differently (against BREACH);
    the copy kept compressed is sent as it is, the same to everyone."""
    page = visitor.get(lesson.get_absolute_url()).content
    url, asking = lesson.get_absolute_url(), {"accept-encoding": "gzip, br"}
    with django_assert_num_queries(0):
        first = visitor.get(url, headers=asking)
        second = visitor.get(url, headers=asking)
    assert first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    assert gzip.decompress(first.content) == page
    assert second.content == first.content


@pytest.mark.parametrize("url", [COURSE_HOME, GLOSSARY])
def test_course_home_and_glossary_are_cached_for_visitors(
    visitor, lesson, url, django_assert_num_queries
):
    visitor.get(url)
    with django_assert_num_queries(0):
        assert visitor.get(url).status_code == 200


def test_a_teachers_edit_in_the_admin_reaches_the_next_visitor(
    teacher_client, visitor, lesson, django_capture_on_commit_callbacks
):
    assert "Revised title" not in visitor.get(COURSE_HOME).content.decode()
    visitor.get(lesson.get_absolute_url())
    url = reverse("admin:civics_lesson_change", args=[lesson.pk])
    data = form_data(teacher_client.get(url).content.decode(), "lesson_form")
    data["title"] = "Revised title"
    with django_capture_on_commit_callbacks(execute=True):
        assert teacher_client.post(url, data).status_code == 302
    assert "Revised title" in visitor.get(COURSE_HOME).content.decode()
    assert "Revised title" in visitor.get(lesson.get_absolute_url()).content.decode()


def test_publishing_from_the_lesson_list_reaches_visitors(
    teacher_client, visitor, django_capture_on_commit_callbacks
):
    draft = make_lesson(title="Coming soon", published=False)
    assert "Coming soon" not in visitor.get(COURSE_HOME).content.decode()
    changelist = reverse("admin:civics_lesson_changelist")
    data = form_data(teacher_client.get(changelist).content.decode(), "changelist-form")
    data.update(action="publish", index="0", _selected_action=[str(draft.pk)])
    with django_capture_on_commit_callbacks(execute=True):
        teacher_client.post(changelist, data)
    assert "Coming soon" in visitor.get(COURSE_HOME).content.decode()


def test_deleting_a_question_changes_the_count_visitors_see(
    visitor, django_capture_on_commit_callbacks
):
    quiz = make_quiz(questions=3)
    assert (
        "3 questions." in visitor.get(quiz.lesson.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        quiz.questions.first().delete()
    assert (
        "2 questions." in visitor.get(quiz.lesson.get_absolute_url()).content.decode()
    )


def _load_retires_pages(capture_on_commit, folder=CURRICULUM_DIR):
    """Whether loading the curriculum, once committed, retired the cached pages."""
    before = page_cache.content_version()
    with capture_on_commit(execute=True):
        load_curriculum(folder)
    return page_cache.content_version() != before


def test_reloading_the_curriculum_retires_cached_pages(
    django_capture_on_commit_callbacks,
):
    assert _load_retires_pages(django_capture_on_commit_callbacks)


def test_reloading_an_unchanged_curriculum_keeps_cached_pages(
    tmp_path, django_capture_on_commit_callbacks
):
    """Deploys run load_curriculum every time; one that ships nothing new
    must not make every visitor's page be drawn again."""
    folder = write_curriculum(tmp_path)
    load_curriculum(folder)
    assert not _load_retires_pages(django_capture_on_commit_callbacks, folder)


def test_a_shipped_change_to_key_terms_alone_retires_cached_pages(
    tmp_path, django_capture_on_commit_callbacks
):
    folder = write_curriculum(tmp_path)
    load_curriculum(folder)
    path = lesson_file(folder, "tiny-one")
    path.write_text(path.read_text().replace('term = "Quorum"', 'term = "Quorum call"'))
    assert _load_retires_pages(django_capture_on_commit_callbacks, folder)


def test_a_lesson_gaining_its_first_key_terms_retires_cached_pages(
    tmp_path, django_capture_on_commit_callbacks
):
    """Key terms are written in bulk, which sends no signal: with none before,
    no delete of old terms would tell the cache either."""
    folder = write_curriculum(tmp_path)
    path = lesson_file(folder, "tiny-one")
    shipped = path.read_text()
    terms = shipped[shipped.index("[[key_terms]]") : shipped.index("[[sources]]")]
    path.write_text(shipped.replace(terms, ""))
    load_curriculum(folder)
    path.write_text(shipped)
    assert _load_retires_pages(django_capture_on_commit_callbacks, folder)


def test_pages_are_retired_only_once_the_change_is_committed(
    lesson, django_capture_on_commit_callbacks
):
    """Before the commit, a visitor would cache the old content under the new
    version and keep it until the next edit."""
    before = page_cache.content_version()
    with django_capture_on_commit_callbacks() as callbacks:
        lesson.save()
        assert page_cache.content_version() == before
    for callback in callbacks:
        callback()
    assert page_cache.content_version() != before


def test_a_student_is_never_served_a_visitors_cached_page(
    visitor, student_client, lesson
):
    visitor.get(COURSE_HOME)
    html = student_client.get(COURSE_HOME).content.decode()
    assert "Log out" in html
    assert "Sign up" not in html


def test_a_visitor_with_a_message_waiting_sees_it(rf, lesson):
    views.course_home(_visitor_request(rf))
    request = _visitor_request(rf)
    messages.info(request, "Your account was deleted.")
    assert "Your account was deleted." in views.course_home(request).content.decode()


def test_a_not_found_answer_is_not_cached_for_visitors(visitor):
    draft = make_lesson(published=False)
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    # Published inside the test's transaction, which never commits, so the
    # content version stays: only a 404 that was never cached lets this through.
    draft.published = True
    draft.save()
    assert visitor.get(draft.get_absolute_url()).status_code == 200


def _visitor_request(rf):
    request = rf.get(COURSE_HOME)
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = AnonymousUser()
    return request


def test_a_page_with_a_csrf_token_is_never_shared_between_visitors(rf):
    """A form's token is one visitor's; caching the page would hand it to all."""
    page = page_cache.cached_for_visitors(
        lambda request: HttpResponse(get_token(request))
    )
    first = page(_visitor_request(rf)).content
    second = page(_visitor_request(rf)).content
    assert first != second
