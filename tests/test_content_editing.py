"""Safe editing in the admin: previewing a lesson as a student sees it,
publishing and reordering lessons from the lesson list, duplicating a lesson
with its quiz, and a history of every edit that can be compared and restored
without ever losing what students have answered."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from civics import history, services
from civics.kinds import QuestionKind, WrittenCounts
from civics.models import Attempt, Choice, Lesson, Progress, Question
from tests.factories import (
    make_lesson,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_teacher,
    make_unit,
)
from tests.html_forms import form_data, inline_code

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
    assert '<h2 id="section-part-one">Part one</h2>' in html
    # The quiz is previewed as a dry run (tests/test_student_preview.py).
    assert reverse("civics:quiz_preview", kwargs={"slug": lesson.slug}) in html
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


CHANGELIST = reverse("admin:civics_lesson_changelist")


def _as_a_student():
    """A second browser, signed in as a student, beside the teacher's."""
    browser = Client()
    browser.force_login(make_student())
    return browser


def _changelist_form(client):
    return form_data(client.get(CHANGELIST).content.decode(), "changelist-form")


def _run_action(client, action, lessons):
    data = _changelist_form(client)
    data.update(action=action, index="0", _selected_action=[str(x.pk) for x in lessons])
    return client.post(CHANGELIST, data, follow=True)


def test_publishing_lessons_shows_them_to_students(teacher_client):
    drafts = [make_lesson(published=False), make_lesson(published=False)]
    student = _as_a_student()
    assert student.get(drafts[0].get_absolute_url()).status_code == 404
    response = _run_action(teacher_client, "publish", drafts)
    assert "2 lessons published." in response.content.decode()
    assert not Lesson.objects.filter(published=False).exists()
    assert student.get(drafts[0].get_absolute_url()).status_code == 200


def test_unpublishing_a_lesson_hides_it_from_students(teacher_client):
    lesson, other = make_lesson(), make_lesson()
    response = _run_action(teacher_client, "unpublish", [lesson])
    assert "1 lesson unpublished." in response.content.decode()
    assert _as_a_student().get(lesson.get_absolute_url()).status_code == 404
    assert Lesson.objects.get(pk=other.pk).published


def test_publishing_counts_only_the_lessons_it_changed(teacher_client):
    lessons = [make_lesson(), make_lesson(published=False)]
    response = _run_action(teacher_client, "publish", lessons)
    assert "1 lesson published." in response.content.decode()


def test_reordering_lessons_in_the_list_changes_the_course_order(teacher_client):
    unit = make_unit()
    first = make_lesson(unit=unit, title="Lesson Alpha", position=1)
    second = make_lesson(unit=unit, title="Lesson Beta", position=2)
    data = _changelist_form(teacher_client)
    rows = {data[key]: key.removesuffix("-id") for key in data if key.endswith("-id")}
    data[f"{rows[str(first.pk)]}-position"] = "3"
    data["_save"] = "Save"
    response = teacher_client.post(CHANGELIST, data)
    assert response.status_code == 302
    assert Lesson.objects.get(pk=first.pk).position == 3
    assert Lesson.objects.get(pk=second.pk).position == 2
    home = _as_a_student().get(reverse("civics:course_home")).content.decode()
    assert home.index("Lesson Beta") < home.index("Lesson Alpha")


# Not content: a row's id, its link to the row it belongs to, and timestamps.
NOT_CONTENT = {"id", "lesson", "quiz", "question", "created_at", "updated_at"}


def _content(row):
    return {
        field.name: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.name not in NOT_CONTENT
    }


def _contents(rows):
    return [_content(row) for row in rows]


@pytest.fixture
def rich_lesson():
    """A lesson with sources, key terms and a quiz of every kind of question."""
    lesson = make_lesson(
        objectives="Explain the clause.",
        discussion="Should summits need Senate consent?",
        loaded_digest="shipped",
    )
    lesson.sources.create(position=1, title="Article II", url="https://example.org")
    lesson.key_terms.create(position=1, term="Treaty", definition="A deal.")
    lesson.key_terms.create(position=2, term="Summit", definition="A meeting.")
    kinds = [
        *(QuestionKind.MULTIPLE, QuestionKind.ORDERING),
        *(QuestionKind.NUMERIC, QuestionKind.WRITTEN),
    ]
    make_quiz(
        lesson=lesson,
        questions=2,
        kinds=kinds,
        pass_mark=70,
        written_counts=WrittenCounts.TEACHER,
    )
    return lesson


def test_a_duplicate_copies_the_lesson_its_parts_and_its_quiz(rich_lesson):
    copy = services.duplicate_lesson(lesson=rich_lesson)
    differing = {"title", "slug", "published", "loaded_digest"}
    original_values, copy_values = _content(rich_lesson), _content(copy)
    for name in differing:
        del original_values[name], copy_values[name]
    assert copy_values == original_values
    assert _contents(copy.sources.all()) == _contents(rich_lesson.sources.all())
    assert _contents(copy.key_terms.all()) == _contents(rich_lesson.key_terms.all())
    assert _content(copy.quiz) == _content(rich_lesson.quiz)
    assert _content(copy.quiz) == {"pass_mark": 70, "written_counts": "teacher"}
    questions = list(rich_lesson.quiz.questions.all())
    copied_questions = list(copy.quiz.questions.all())
    assert _contents(copied_questions) == _contents(questions)
    for question, copied in zip(questions, copied_questions, strict=True):
        assert copied.pk != question.pk
        assert _contents(copied.choices.all()) == _contents(question.choices.all())


def test_a_duplicate_is_an_unpublished_draft_listed_after_the_original(
    rich_lesson,
):
    later = make_lesson(unit=rich_lesson.unit, position=rich_lesson.position + 1)
    copy = services.duplicate_lesson(lesson=rich_lesson)
    assert copy.title == f"Copy of {rich_lesson.title}"
    assert not copy.published
    assert copy.loaded_digest == ""
    assert list(rich_lesson.unit.lessons.all()) == [rich_lesson, copy, later]


def test_each_duplicate_gets_a_slug_of_its_own():
    lesson = make_lesson(slug="treaty-clause")
    first = services.duplicate_lesson(lesson=lesson)
    second = services.duplicate_lesson(lesson=lesson)
    assert (first.slug, second.slug) == ("treaty-clause-copy", "treaty-clause-copy-2")


def test_a_duplicate_of_a_long_slug_still_fits_the_field():
    lesson = make_lesson(slug="s" * 50)
    slugs = {services.duplicate_lesson(lesson=lesson).slug for _ in range(2)}
    assert len(slugs) == 2
    assert all(len(slug) <= 50 for slug in slugs)


def test_students_attempts_stay_with_the_original(rich_lesson, student):
    make_submitted_attempt(student=student, quiz=rich_lesson.quiz)
    copy = services.duplicate_lesson(lesson=rich_lesson)
    assert not copy.quiz.attempts.exists()
    assert not copy.progress_records.exists()
    assert rich_lesson.quiz.attempts.count() == 1


def test_a_teacher_duplicates_a_lesson_and_edits_the_copy(teacher_client, rich_lesson):
    response = _run_action(teacher_client, "duplicate", [rich_lesson])
    assert "1 lesson duplicated" in response.content.decode()
    copy = Lesson.objects.get(slug=f"{rich_lesson.slug}-copy")
    url = reverse("admin:civics_lesson_change", args=[copy.pk])
    data = form_data(teacher_client.get(url).content.decode(), "lesson_form")
    data["title"] = "My own version"
    response = teacher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    _edit_question(
        teacher_client, copy.quiz.questions.first(), prompt="A question of my own?"
    )
    copy.refresh_from_db()
    assert copy.title == "My own version"
    assert copy.quiz.questions.first().prompt == "A question of my own?"
    assert rich_lesson.quiz.questions.first().prompt != "A question of my own?"


def _edit(client, lesson, **changes):
    """Post the lesson's change form as a browser would, with `changes`."""
    url = reverse("admin:civics_lesson_change", args=[lesson.pk])
    data = form_data(client.get(url).content.decode(), "lesson_form")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def _edit_question(client, question, **changes):
    """Post the question's own page as a browser would, with `changes`."""
    url = reverse("admin:civics_question_change", args=[question.pk])
    data = form_data(client.get(url).content.decode(), "question_form")
    response = client.post(url, data | changes)
    assert response.status_code == 302, response.context["errors"]


def _versions(lesson):
    """The lesson's saved versions, oldest first."""
    return list(
        Version.objects.get_for_object(lesson).select_related("revision").order_by("pk")
    )


def _restore(client, lesson, version):
    url = reverse("admin:civics_lesson_revision", args=[lesson.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_data(page.content.decode(), "lesson_form"))


def test_an_edit_saves_the_lesson_as_it_was_and_as_it_is_now(
    teacher_client, teacher, lesson
):
    old_title = lesson.title
    _edit(teacher_client, lesson, title="Revised title")
    original, edited = _versions(lesson)
    assert original.revision.get_comment() == history.ORIGINAL_COMMENT
    assert original.field_dict["title"] == old_title
    assert edited.field_dict["title"] == "Revised title"
    assert edited.revision.user == teacher
    assert "Changed Title" in edited.revision.get_comment()


def test_a_question_edit_records_the_whole_lesson(teacher_client, lesson):
    question = lesson.quiz.questions.first()
    _edit_question(teacher_client, question, prompt="Sharper?")
    revision = _versions(lesson)[-1].revision
    saved = Version.objects.get_for_object(question).get(revision=revision)
    assert saved.field_dict["prompt"] == "Sharper?"
    choice_versions = Version.objects.get_for_model(Choice).filter(revision=revision)
    assert choice_versions.count() == Choice.objects.count()


def test_a_teacher_sees_the_lessons_history(teacher_client, lesson):
    _edit(teacher_client, lesson, title="Revised title")
    url = reverse("admin:civics_lesson_history", args=[lesson.pk])
    response = teacher_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert history.ORIGINAL_COMMENT in html
    assert "Changed Title" in html
    edited = _versions(lesson)[-1]
    changes_url = reverse(
        "admin:civics_lesson_changes", args=[lesson.pk, edited.revision_id]
    )
    assert f'href="{changes_url}"' in html


def test_what_changed_shows_the_old_and_new_text(teacher_client, lesson):
    old_title, question = lesson.title, lesson.quiz.questions.first()
    _edit(
        teacher_client,
        lesson,
        title="Revised title",
        body="## Part one\n\nA new first line.",
    )
    _edit_question(teacher_client, question, prompt="A sharper question?")
    _, edited, question_edited = _versions(lesson)
    url = reverse("admin:civics_lesson_changes", args=[lesson.pk, edited.revision_id])
    response = teacher_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<del><span class="visually-hidden">Removed: </span>{old_title}</del>' in (
        html
    )
    assert '<ins><span class="visually-hidden">Added: </span>Revised title</ins>' in (
        html
    )
    assert "A new first line." in html
    url = reverse(
        "admin:civics_lesson_changes", args=[lesson.pk, question_edited.revision_id]
    )
    html = teacher_client.get(url).content.decode()
    assert "Question “A sharper question?”: changed" in html
    assert f"Removed: </span>{question.prompt}</del>" in html
    assert "Order of" not in html


def test_what_changed_lists_reordered_questions(teacher_client, lesson):
    first, second = lesson.quiz.questions.all()[:2]
    url = reverse("admin:civics_quiz_change", args=[lesson.quiz.pk])
    data = form_data(teacher_client.get(url).content.decode(), "quiz_form")
    data |= {"questions-0-position": "2", "questions-1-position": "1"}
    assert teacher_client.post(url, data).status_code == 302
    assert list(lesson.quiz.questions.all()[:2]) == [second, first]
    revision_id = _versions(lesson)[-1].revision_id
    url = reverse("admin:civics_lesson_changes", args=[lesson.pk, revision_id])
    html = teacher_client.get(url).content.decode()
    assert "<caption>Order of questions</caption>" in html
    assert "Question “" not in html  # no question itself changed


def test_what_changed_names_the_old_and_new_unit(teacher_client, lesson):
    old_unit, new_unit = lesson.unit, make_unit(title="Treaties")
    _edit(teacher_client, lesson, unit=str(new_unit.pk))
    revision_id = _versions(lesson)[-1].revision_id
    url = reverse("admin:civics_lesson_changes", args=[lesson.pk, revision_id])
    html = teacher_client.get(url).content.decode()
    assert f"Removed: </span>{old_unit.title}</del>" in html
    assert "Added: </span>Treaties</ins>" in html


def test_the_history_pages_carry_nothing_the_sites_csp_would_block(
    teacher_client, lesson
):
    """Our own admin pages are served under the same no-inline policy: an
    inline <style> would leave the diff without its colours and wrapping."""
    _edit(teacher_client, lesson, title="Revised title")
    edited = _versions(lesson)[-1]
    for url in (
        reverse("admin:civics_lesson_history", args=[lesson.pk]),
        reverse("admin:civics_lesson_changes", args=[lesson.pk, edited.revision_id]),
    ):
        assert inline_code(teacher_client.get(url).content.decode()) == [], url


def test_the_restore_page_links_to_what_the_version_changed(teacher_client, lesson):
    _edit(teacher_client, lesson, title="Revised title")
    edited = _versions(lesson)[-1]
    url = reverse("admin:civics_lesson_revision", args=[lesson.pk, edited.pk])
    changes_url = reverse(
        "admin:civics_lesson_changes", args=[lesson.pk, edited.revision_id]
    )
    assert f'href="{changes_url}"' in teacher_client.get(url).content.decode()


def test_students_cannot_open_a_lessons_history(teacher_client, client, lesson):
    _edit(teacher_client, lesson, title="Revised title")
    edited = _versions(lesson)[-1]
    client.force_login(make_student())
    for url in (
        reverse("admin:civics_lesson_history", args=[lesson.pk]),
        reverse("admin:civics_lesson_changes", args=[lesson.pk, edited.revision_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_the_first_version_has_nothing_to_compare_with(teacher_client, lesson):
    _edit(teacher_client, lesson, title="Revised title")
    revision_id = _versions(lesson)[0].revision_id
    url = reverse("admin:civics_lesson_changes", args=[lesson.pk, revision_id])
    assert "nothing earlier to compare" in teacher_client.get(url).content.decode()


def test_restoring_a_version_brings_back_the_old_title_and_question(
    teacher_client, lesson
):
    question = lesson.quiz.questions.first()
    old_title, old_prompt = lesson.title, question.prompt
    _edit(teacher_client, lesson, title="Revised title")
    _edit_question(teacher_client, question, prompt="A sharper question?")
    response = _restore(teacher_client, lesson, _versions(lesson)[0])
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == old_title
    assert lesson.quiz.questions.first().prompt == old_prompt
    assert "Reverted to previous version" in _versions(lesson)[-1].revision.comment


def test_restoring_brings_back_a_deleted_question_with_its_choices(
    teacher_client, lesson
):
    last = lesson.quiz.questions.last()
    choices = list(last.choices.values_list("text", "is_correct", "feedback"))
    url = reverse("admin:civics_question_delete", args=[last.pk])
    assert teacher_client.post(url, {"post": "yes"}).status_code == 302
    assert not Question.objects.filter(pk=last.pk).exists()
    _restore(teacher_client, lesson, _versions(lesson)[0])
    restored = Question.objects.get(pk=last.pk)
    assert restored.prompt == last.prompt
    assert list(restored.choices.values_list("text", "is_correct", "feedback")) == (
        choices
    )


def test_a_restore_that_would_delete_an_answered_question_is_refused(
    teacher_client, student, lesson
):
    _edit(teacher_client, lesson, title="Revised title")
    added = make_question(quiz=lesson.quiz, position=6, prompt="Added later?")
    make_submitted_attempt(student=student, quiz=lesson.quiz)
    version = _versions(lesson)[0]
    url = reverse("admin:civics_lesson_revision", args=[lesson.pk, version.pk])
    for response in (
        teacher_client.get(url, follow=True),
        teacher_client.post(url, {"title": "Restored"}, follow=True),
    ):
        html = response.content.decode()
        assert response.redirect_chain[0][0] == reverse(
            "admin:civics_lesson_history", args=[lesson.pk]
        )
        assert "This version cannot be restored" in html
        assert "question “Added later?”" in html
    lesson.refresh_from_db()
    assert lesson.title == "Revised title"
    assert Question.objects.filter(pk=added.pk).exists()
    assert len(_versions(lesson)) == 2


def test_lessons_changed_from_the_list_get_a_revision_each(teacher_client):
    drafts = [make_lesson(published=False), make_lesson(published=False)]
    _run_action(teacher_client, "publish", drafts)
    published = [_versions(lesson)[-1] for lesson in drafts]
    assert published[0].revision_id != published[1].revision_id
    for version in published:
        assert version.field_dict["published"]
        assert version.revision.get_comment() == "Published."
        lessons_in_revision = Version.objects.get_for_model(Lesson).filter(
            revision=version.revision
        )
        assert lessons_in_revision.count() == 1
    restored = _restore(teacher_client, drafts[0], _versions(drafts[0])[0])
    assert restored.status_code == 302
    assert not Lesson.objects.get(pk=drafts[0].pk).published
    assert Lesson.objects.get(pk=drafts[1].pk).published


def test_reordering_is_recorded_in_the_lessons_history(teacher_client, lesson):
    data = _changelist_form(teacher_client)
    data.update({"form-0-position": "9", "_save": "Save"})
    teacher_client.post(CHANGELIST, data)
    original, reordered = _versions(lesson)
    assert (original.field_dict["position"], reordered.field_dict["position"]) == (
        lesson.position,
        9,
    )


def test_a_duplicates_history_starts_as_a_copy(teacher_client, lesson):
    _run_action(teacher_client, "duplicate", [lesson])
    copy = Lesson.objects.get(slug=f"{lesson.slug}-copy")
    (version,) = _versions(copy)
    assert version.revision.get_comment() == f"Copied from “{lesson}”."


def test_an_edit_in_the_question_editor_is_in_the_lessons_history(
    teacher_client, lesson
):
    question = lesson.quiz.questions.first()
    old_prompt = question.prompt
    url = reverse("admin:civics_question_change", args=[question.pk])
    data = form_data(teacher_client.get(url).content.decode(), "question_form")
    data["prompt"] = "Edited on its own page?"
    assert teacher_client.post(url, data).status_code == 302
    original, edited = _versions(lesson)
    assert "in the question editor" in edited.revision.get_comment()
    _restore(teacher_client, lesson, original)
    question.refresh_from_db()
    assert question.prompt == old_prompt


def test_a_question_deleted_in_the_question_editor_can_be_restored(
    teacher_client, lesson
):
    question = lesson.quiz.questions.last()
    url = reverse("admin:civics_question_delete", args=[question.pk])
    assert teacher_client.post(url, {"post": "yes"}).status_code == 302
    original, deleted = _versions(lesson)
    assert deleted.revision.get_comment() == (
        f"Deleted in the question editor: “{question}”."
    )
    _restore(teacher_client, lesson, original)
    assert Question.objects.get(pk=question.pk).prompt == question.prompt


def test_a_deleted_lesson_can_be_recovered_with_its_quiz(teacher_client, lesson):
    question_count = lesson.quiz.questions.count()
    delete_url = reverse("admin:civics_lesson_delete", args=[lesson.pk])
    assert teacher_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Lesson.objects.filter(pk=lesson.pk).exists()
    recover_list = teacher_client.get(reverse("admin:civics_lesson_recoverlist"))
    (version,) = _versions(lesson)
    recover_url = reverse("admin:civics_lesson_recover", args=[version.pk])
    assert recover_url in recover_list.content.decode()
    page = teacher_client.get(recover_url)
    response = teacher_client.post(
        recover_url, form_data(page.content.decode(), "lesson_form")
    )
    assert response.status_code == 302
    assert Lesson.objects.get(pk=lesson.pk).quiz.questions.count() == question_count


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("same", "same", []),
        ("old", "new", [history.DiffLine("old", "new")]),
        ("", "added", [history.DiffLine(None, "added")]),
        ("a\nb", "a", [history.DiffLine("a", "a"), history.DiffLine("b", None)]),
        (
            "1\n2\n3\n4\n5\n6\n7",
            "1\n2\n3\n4\n5\n6\nseven",
            [
                history.GAP,
                history.DiffLine("5", "5"),
                history.DiffLine("6", "6"),
                history.DiffLine("7", "seven"),
            ],
        ),
    ],
)
def test_text_is_compared_line_by_line_around_the_changes(before, after, expected):
    assert history.diff_lines(before, after) == expected
