"""A lesson's history tells the truth: a version lists only what the teacher
changed, a refused restore is an error naming the students whose submitted
answers stand in the way, draft answers give way after a confirmation naming
their students, and a restore never brings back the loader's fingerprint."""

from io import StringIO

import pytest
from django.contrib.messages import ERROR
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from accounts.models import User
from civics import history, services
from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Lesson, Question, SelectedChoice
from tests.curriculum_files import write_curriculum
from tests.factories import (
    PASSWORD,
    correct_response,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(tmp_path):
    """A lesson as the curriculum loader leaves it: positions from 1, its
    objectives on two lines, its fingerprint set."""
    call_command(
        "load_curriculum", path=str(write_curriculum(tmp_path)), stdout=StringIO()
    )
    return Lesson.objects.get(slug="tiny-one")


def _change_url(lesson):
    return reverse("admin:civics_lesson_change", args=[lesson.pk])


def _as_a_browser_posts(data):
    """A browser sends a textarea's lines ending in CR LF."""
    return {
        key: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for key, value in data.items()
    }


def _edit(client, lesson, **changes):
    data = form_data(client.get(_change_url(lesson)).content.decode(), "lesson_form")
    data.update(changes)
    response = client.post(_change_url(lesson), _as_a_browser_posts(data))
    assert response.status_code == 302, response.context["errors"]


def _versions(lesson):
    """The lesson's saved versions, oldest first."""
    return list(
        Version.objects.get_for_object(lesson).select_related("revision").order_by("pk")
    )


def _revision_url(lesson, version):
    return reverse("admin:civics_lesson_revision", args=[lesson.pk, version.pk])


def _restore(client, lesson, version):
    page = client.get(_revision_url(lesson, version))
    assert page.status_code == 200
    data = form_data(page.content.decode(), "lesson_form")
    return client.post(_revision_url(lesson, version), _as_a_browser_posts(data))


def _edit_on_page(client, url, form_id, **changes):
    data = form_data(client.get(url).content.decode(), form_id)
    data.update(changes)
    response = client.post(url, _as_a_browser_posts(data))
    assert response.status_code == 302, response.context["errors"]


def _edit_summary_body_and_one_prompt(client, lesson):
    _edit(
        client,
        lesson,
        summary="A sharper summary.",
        body="## The rule\n\nTwo-thirds of the Senators present, not of all.",
    )
    question = lesson.quiz.questions.all()[1]
    _edit_on_page(
        client,
        reverse("admin:civics_question_change", args=[question.pk]),
        "question_form",
        prompt="Who ratifies a treaty, in the end?",
    )


def test_a_version_lists_only_what_the_teacher_changed(teacher_client, shipped):
    _edit_summary_body_and_one_prompt(teacher_client, shipped)
    *_, lesson_edit, prompt_edit = _versions(shipped)
    comment = lesson_edit.revision.get_comment()
    assert "Changed Summary and Body." in comment
    for untouched in ("Position", "Objectives", "source", "question", "choice"):
        assert untouched not in comment
    comment = prompt_edit.revision.get_comment()
    assert "Who ratifies a treaty, in the end?" in comment
    assert "Position" not in comment
    assert "choice" not in comment


def test_a_moved_question_is_the_one_listed_as_moved(teacher_client, shipped):
    first, second = shipped.quiz.questions.all()
    _edit_on_page(
        teacher_client,
        reverse("admin:civics_quiz_change", args=[shipped.quiz.pk]),
        "quiz_form",
        **{"questions-0-position": "5", "questions-1-position": "1"},
    )
    comment = _versions(shipped)[-1].revision.get_comment()
    assert list(shipped.quiz.questions.all()) == [second, first]
    assert comment.count("Changed Position") == 1
    assert "choice" not in comment


def test_what_changed_has_no_empty_sections(teacher_client, shipped):
    _edit_summary_body_and_one_prompt(teacher_client, shipped)
    # An older version saved the objectives as a browser posted them.
    Lesson.objects.filter(pk=shipped.pk).update(
        objectives=shipped.objectives.replace("\n", "\r\n")
    )
    _edit(teacher_client, shipped, discussion="Who else should have a say?")
    for version in _versions(shipped)[1:]:
        url = reverse(
            "admin:civics_lesson_changes", args=[shipped.pk, version.revision_id]
        )
        html = teacher_client.get(url).content.decode()
        assert "<caption>Objectives</caption>" not in html
        assert "<caption>Position</caption>" not in html
        assert "Source “" not in html


def test_text_saved_from_a_browser_keeps_the_lines_the_loader_writes(
    teacher_client, shipped
):
    _edit(teacher_client, shipped, summary="A sharper summary.")
    shipped.refresh_from_db()
    assert "\r" not in shipped.objectives
    assert "\r" not in shipped.body


@pytest.fixture
def added_question(teacher_client, lesson):
    """A question added after the lesson's first two versions: restoring the
    second one takes it away."""
    _edit(teacher_client, lesson, title="Revised title")
    return make_question(quiz=lesson.quiz, position=6, prompt="Added later?")


def _named_student(first_name, last_name):
    return make_student(first_name=first_name, last_name=last_name)


def _draft(student, quiz, question):
    """An open attempt at the quiz whose draft answers `question`."""
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    services.save_answers(
        attempt=attempt, responses={question.pk: correct_response(question)}
    )
    return attempt


def _messages(response):
    return [(message.level, str(message)) for message in response.context["messages"]]


def test_a_refused_restore_is_an_error_naming_each_student_in_the_way(
    teacher_client, lesson, added_question
):
    devon = _named_student("Devon", "Kim")
    make_submitted_attempt(student=devon, quiz=lesson.quiz)
    _draft(_named_student("Ana", "Ruiz"), lesson.quiz, lesson.quiz.questions.first())
    response = teacher_client.get(
        _revision_url(lesson, _versions(lesson)[0]), follow=True
    )
    ((level, text),) = _messages(response)[1:]  # after the fixture's edit
    assert level == ERROR
    assert "Added later?" in text
    assert devon.name_for_teachers in text
    assert "Ana" not in text
    html = response.content.decode()
    assert 'class="error' in html
    assert "Question “" not in text.split("Added later?")[1]


def test_a_refused_restore_changes_nothing(teacher_client, lesson, added_question):
    make_submitted_attempt(student=_named_student("Devon", "Kim"), quiz=lesson.quiz)
    draft = _draft(make_student(), lesson.quiz, added_question)
    answers = set(Answer.objects.values_list("pk", flat=True))
    response = teacher_client.post(
        _revision_url(lesson, _versions(lesson)[0]), {"title": "Restored"}
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Revised title"
    assert set(Answer.objects.values_list("pk", flat=True)) == answers
    assert Attempt.objects.get(pk=draft.pk).submitted_at is None
    assert len(_versions(lesson)) == 2


def test_drafts_alone_do_not_refuse_a_restore_but_the_page_names_their_students(
    teacher_client, lesson, added_question
):
    ana = _named_student("Ana", "Ruiz")
    _draft(ana, lesson.quiz, added_question)
    _draft(make_student(), lesson.quiz, lesson.quiz.questions.first())
    page = teacher_client.get(_revision_url(lesson, _versions(lesson)[0]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Added later?" in html
    assert ana.name_for_teachers in html
    assert Answer.objects.filter(question=added_question).count() == 2


def test_restoring_past_drafts_discards_only_their_answers_to_what_goes(
    teacher_client, lesson, added_question
):
    ana = _named_student("Ana", "Ruiz")
    attempt = _draft(ana, lesson.quiz, added_question)
    first = lesson.quiz.questions.first()
    services.save_answers(
        attempt=attempt, responses={first.pk: [first.choices.first().pk]}
    )
    response = _restore(teacher_client, lesson, _versions(lesson)[0])
    assert response.status_code == 302
    assert not Question.objects.filter(pk=added_question.pk).exists()
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.submitted_at is None
    assert attempt.answers.count() == 5
    assert SelectedChoice.objects.filter(answer__attempt=attempt).count() == 1
    assert "Reverted to previous version" in _versions(lesson)[-1].revision.comment


def test_a_draft_started_after_the_confirmation_stops_the_restore(
    teacher_client, lesson, added_question
):
    url = _revision_url(lesson, _versions(lesson)[0])
    data = form_data(teacher_client.get(url).content.decode(), "lesson_form")
    _draft(_named_student("Ana", "Ruiz"), lesson.quiz, added_question)
    response = teacher_client.post(url, _as_a_browser_posts(data), follow=True)
    assert Question.objects.filter(pk=added_question.pk).exists()
    assert Answer.objects.filter(question=added_question).count() == 1
    assert "Ana" in response.content.decode()
    assert len(_versions(lesson)) == 2


def _delete_url(question):
    return reverse("admin:civics_question_delete", args=[question.pk])


def test_a_question_only_drafts_touched_is_deleted_after_naming_their_students(
    teacher_client, lesson
):
    question = lesson.quiz.questions.last()
    ana = _named_student("Ana", "Ruiz")
    attempt = _draft(ana, lesson.quiz, question)
    page = teacher_client.get(_delete_url(question))
    html = page.content.decode()
    assert page.status_code == 200
    assert "protected" not in html
    assert ana.name_for_teachers in html
    response = teacher_client.post(
        _delete_url(question), form_data(html, "delete-form")
    )
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.submitted_at is None
    assert attempt.answers.count() == 4


def test_a_question_with_submitted_answers_cannot_be_deleted(teacher_client, lesson):
    question = lesson.quiz.questions.last()
    devon = _named_student("Devon", "Kim")
    make_submitted_attempt(student=devon, quiz=lesson.quiz)
    page = teacher_client.get(_delete_url(question))
    html = page.content.decode()
    assert "protected related objects" not in html
    assert "cannot be deleted" in html
    assert devon.name_for_teachers in html
    teacher_client.post(_delete_url(question), {"post": "yes"})
    assert Question.objects.filter(pk=question.pk).exists()


def test_restore_keeps_the_current_loader_fingerprint(teacher_client, shipped):
    _edit(teacher_client, shipped, title="A teacher's title")
    # A shipped update, forced over the edit, gives the lesson a new fingerprint.
    Lesson.objects.filter(pk=shipped.pk).update(loaded_digest="shipped-later")
    _restore(teacher_client, shipped, _versions(shipped)[0])
    shipped.refresh_from_db()
    assert shipped.title == "Tiny one"
    assert shipped.loaded_digest == "shipped-later"


def test_only_content_editors_discard_drafts(client, lesson, added_question):
    attempt = _draft(make_student(), lesson.quiz, added_question)
    client.force_login(_staff())
    url = _revision_url(lesson, _versions(lesson)[0])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Restored"}).status_code == 403
    assert client.post(_delete_url(added_question), {"post": "yes"}).status_code == 403
    assert Answer.objects.filter(attempt=attempt, question=added_question).exists()


def _staff():
    """Staff with no permission on the course content."""
    return User.objects.create_user(
        username="helpdesk", password=PASSWORD, is_staff=True
    )


def test_only_the_question_a_draft_touched_is_named(teacher_client, lesson):
    _edit(teacher_client, lesson, title="Revised title")
    added = [
        make_question(quiz=lesson.quiz, position=6 + n, prompt=f"Added {n}?")
        for n in range(3)
    ]
    ana = _named_student("Ana", "Ruiz")
    attempt = _draft(ana, lesson.quiz, added[1])
    html = teacher_client.get(_revision_url(lesson, _versions(lesson)[0])).content
    html = html.decode()
    assert f"Question “Added 1?”: {ana.name_for_teachers}" in html
    assert "Added 0?”:" not in html
    assert "Added 2?”:" not in html
    _restore(teacher_client, lesson, _versions(lesson)[0])
    assert not Question.objects.filter(pk__in=[q.pk for q in added]).exists()
    assert Attempt.objects.get(pk=attempt.pk).answers.count() == 5


def test_a_draft_started_after_the_delete_page_stops_the_delete(teacher_client, lesson):
    question = lesson.quiz.questions.last()
    data = form_data(
        teacher_client.get(_delete_url(question)).content.decode(), "delete-form"
    )
    _draft(_named_student("Ana", "Ruiz"), lesson.quiz, question)
    teacher_client.post(_delete_url(question), data)
    assert Question.objects.filter(pk=question.pk).exists()
    assert Answer.objects.filter(question=question).count() == 1


def test_deleting_from_the_question_list_never_discards_drafts_unnamed(
    teacher_client, lesson
):
    question = lesson.quiz.questions.last()
    _draft(_named_student("Ana", "Ruiz"), lesson.quiz, question)
    changelist = reverse("admin:civics_question_changelist")
    response = teacher_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [question.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert Question.objects.filter(pk=question.pk).exists()
    assert Answer.objects.filter(question=question).count() == 1


def test_a_refused_move_back_names_who_answered_it_where_it_is(
    teacher_client, teacher, lesson
):
    question = lesson.quiz.questions.first()
    history.record(lesson, user=teacher, comment="Before the move.")
    other_quiz = make_quiz(questions=1)
    Question.objects.filter(pk=question.pk).update(quiz=other_quiz)
    devon = _named_student("Devon", "Kim")
    make_submitted_attempt(student=devon, quiz=other_quiz)
    version = Version.objects.get_for_object(lesson).first()
    response = teacher_client.get(_revision_url(lesson, version), follow=True)
    ((level, text),) = _messages(response)
    assert level == ERROR
    assert f"question “{question}”, answered by {devon.name_for_teachers}" in text


def test_a_restore_names_the_student_whose_draft_written_answer_it_would_discard(
    teacher_client, lesson
):
    _edit(teacher_client, lesson, title="Revised title")
    written = make_question(
        quiz=lesson.quiz, position=6, kind=QuestionKind.WRITTEN, prompt="Explain?"
    )
    ana = _named_student("Ana", "Ruiz")
    _draft(ana, lesson.quiz, written)
    page = teacher_client.get(_revision_url(lesson, _versions(lesson)[0]))
    assert ana.name_for_teachers in page.content.decode()
