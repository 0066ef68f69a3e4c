"""Exporting a quiz to CSV and GIFT, and reading an export back in."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from civics import importing
from civics.kinds import QuestionKind
from civics.models import Question
from tests.factories import OTHER_KINDS, make_question, make_quiz, make_teacher

pytestmark = pytest.mark.django_db


def export_url(quiz, format):
    return reverse("admin:civics_quiz_export", args=[quiz.pk, format])


def snapshot(questions):
    """What a student meets in each question, ids and positions aside."""
    return [
        (
            q.kind,
            q.prompt,
            q.explanation,
            q.points,
            q.numeric_answer,
            q.tolerance,
            [(c.text, c.is_correct, c.feedback) for c in q.choices.all()],
        )
        for q in questions
    ]


def every_kind_quiz():
    quiz = make_quiz(questions=1, kinds=OTHER_KINDS)
    make_question(
        quiz=quiz,
        position=9,
        prompt='=SUM(A1) or {a} ~ #1: \\ x,\n"quoted" and a second line',
        explanation="-5 is @ the start",
        points=3,
    )
    Question.objects.filter(quiz=quiz, kind=QuestionKind.NUMERIC).update(
        numeric_answer=Decimal("-2.5"), tolerance=Decimal("0.25")
    )
    return quiz


@pytest.mark.parametrize("format", ["csv", "gift"])
def test_an_export_imported_into_an_empty_quiz_gives_the_same_questions(
    format, teacher
):
    quiz = every_kind_quiz()
    text = importing.export(quiz, format)
    empty = make_quiz(questions=0)
    importing.import_questions(quiz=empty, text=text, format=format, user=teacher)
    original = quiz.questions.prefetch_related("choices")
    if format == "gift":
        # GIFT has no ordering question: its export keeps it as comments.
        original = original.exclude(kind=QuestionKind.ORDERING)
    assert snapshot(empty.questions.prefetch_related("choices")) == snapshot(original)


def test_the_csv_download_is_utf_8_with_a_byte_order_mark(teacher_client):
    quiz = every_kind_quiz()
    response = teacher_client.get(export_url(quiz, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('-questions.csv"')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffkind,prompt,points,explanation,correct")


def test_the_csv_download_keeps_text_from_being_read_as_formulas(teacher_client):
    quiz = every_kind_quiz()
    body = teacher_client.get(export_url(quiz, "csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    last = rows[-1]
    assert last["prompt"].startswith("'=SUM(A1)")
    assert last["explanation"] == "'-5 is @ the start"
    numeric = next(row for row in rows if row["kind"] == "numeric")
    assert (numeric["numeric answer"], numeric["tolerance"]) == ("-2.5", "0.25")


def test_the_gift_download_is_text_moodle_can_import(teacher_client):
    quiz = every_kind_quiz()
    response = teacher_client.get(export_url(quiz, "gift"))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].endswith('-questions.gift.txt"')
    body = response.content.decode()
    assert "::Q1::" in body
    assert "{#-2.5:0.25####" in body
    assert "// An ordering question" in body


def test_an_unknown_format_is_a_400(teacher_client, quiz):
    assert teacher_client.get(export_url(quiz, "xml")).status_code == 400


def test_a_quiz_that_does_not_exist_is_a_404(teacher_client):
    url = reverse("admin:civics_quiz_export", args=[999_999, "csv"])
    assert teacher_client.get(url).status_code == 404


def test_staff_who_may_not_see_questions_get_a_403(client, quiz):
    staff = make_teacher()
    staff.groups.clear()
    client.force_login(staff)
    assert client.get(export_url(quiz, "gift")).status_code == 403


def test_students_are_sent_to_the_admin_log_in(client, student, quiz):
    client.force_login(student)
    response = client.get(export_url(quiz, "csv"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_import_page_links_to_both_exports(teacher_client, quiz):
    page = teacher_client.get(
        reverse("admin:civics_quiz_import", args=[quiz.pk])
    ).content.decode()
    assert export_url(quiz, "csv") in page
    assert export_url(quiz, "gift") in page
