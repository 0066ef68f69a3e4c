"""Importing questions into a quiz from CSV or GIFT: the CSV layout, the
dry-run preview, row-by-row errors, all-or-nothing creation and who may."""

import random
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from civics import importing
from civics.interchange import quiz_csv
from civics.kinds import QuestionKind
from civics.models import Choice, Question
from tests.factories import OTHER_KINDS, make_quiz, make_teacher

pytestmark = pytest.mark.django_db

HEADER = (
    "kind,prompt,points,explanation,correct,numeric answer,tolerance,"
    "choice 1,feedback 1,choice 2,feedback 2,choice 3,feedback 3\n"
)

GOOD_CSV = HEADER + (
    "single,Who drafted it?,2,Madison did.,1,,,Madison,Yes.,Jay,No.,Hamilton,\n"
    'multiple,"Pick two, please",,Both are.,"1,3",,,a,,b,,c,\n'
    "true_false,The Senate has 100 members.,,Two a state.,true,,,,,,,,\n"
    "ordering,Put in order,,That order.,,,,First,,Second,,Third,\n"
    "numeric,How many senators?,,Two a state.,,100,0.5,,,,,,\n"
)

GOOD_GIFT = """// points: 2
::Q1:: Who drafted it? {=Madison#Yes. ~Jay#No. ~Hamilton####Madison did.}

The Senate has 100 members. {T####Two a state.}
"""


def import_url(quiz):
    return reverse("admin:civics_quiz_import", args=[quiz.pk])


# The CSV layout


def test_a_csv_row_per_question_gives_each_kind():
    parsed = quiz_csv.parse(GOOD_CSV)
    assert parsed.errors == []
    single, multiple, true_false, ordering, numeric = parsed.questions
    assert (single.kind, single.prompt, single.points) == (
        "single",
        "Who drafted it?",
        2,
    )
    assert [(c.text, c.is_correct, c.feedback) for c in single.choices] == [
        ("Madison", True, "Yes."),
        ("Jay", False, "No."),
        ("Hamilton", False, ""),
    ]
    assert [c.is_correct for c in multiple.choices] == [True, False, True]
    assert multiple.points == 1
    assert [(c.text, c.is_correct) for c in true_false.choices] == [
        ("True", True),
        ("False", False),
    ]
    assert [c.text for c in ordering.choices] == ["First", "Second", "Third"]
    assert (numeric.numeric_answer, numeric.tolerance) == (Decimal(100), Decimal("0.5"))
    assert numeric.choices == []


def test_csv_columns_may_come_in_any_order_and_case_with_a_byte_order_mark():
    parsed = quiz_csv.parse(
        "\ufeffPrompt,Choice 2,KIND,Choice 1,Correct,Explanation\n"
        "Who?,b,Single choice,a,2,Why.\n"
    )
    assert parsed.errors == []
    (question,) = parsed.questions
    assert [(c.text, c.is_correct) for c in question.choices] == [
        ("a", False),
        ("b", True),
    ]


def test_an_apostrophe_that_kept_a_cell_from_being_a_formula_is_taken_off():
    parsed = quiz_csv.parse(
        "kind,prompt,explanation,correct,choice 1,choice 2\n"
        "single,'=1+1?,'-why,1,'+2,3\n"
    )
    (question,) = parsed.questions
    assert question.prompt == "=1+1?"
    assert question.explanation == "-why"
    assert question.choices[0].text == "+2"


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("essay,Write,,Why.,,,,,,,,,", "Unknown kind"),
        ("single,Who?,two,Why.,1,,,a,,b,,,", "Points"),
        ("single,Who?,0,Why.,1,,,a,,b,,,", "Points"),
        ("single,Who?,,Why.,4,,,a,,b,,,", "“4” in correct"),
        ("single,Who?,,Why.,x,,,a,,b,,,", "“x” in correct"),
        ("single,Who?,,Why.,1,,,a,,,,c,", "Choice 2 is empty"),
        ("single,Who?,,Why.,1,,,a,,b,,,fb", "Feedback 3 has no choice 3"),
        ("single,Who?,,Why.,1,5,,a,,b,,,", "Only numeric"),
        ("numeric,How many?,,Why.,,,,,,,,,", "needs its numeric answer"),
        ("numeric,How many?,,Why.,,lots,,,,,,,", "not a number"),
        ("ordering,Order?,,Why.,1,,,a,,b,,,", "leave “correct” empty"),
        ("single,Who?,,Why.,1,,,a,,b,,,,extra", "no heading"),
    ],
)
def test_a_bad_csv_row_is_an_error_at_its_line(row, says):
    parsed = quiz_csv.parse(
        f'{HEADER}single,Fine?,,Why.,1,,,a,,b,,,\n"A\nmulti-line",x,,,,,,,,,,,\n{row}\n'
    )
    (error, other) = sorted(parsed.errors, key=lambda e: e.line, reverse=True)
    assert error.line == 5  # the header, a row, a row of two lines
    assert says in error.message
    assert other.line == 3
    assert "Unknown kind" in other.message


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("kind,prompt,colour\n", "Unknown column “colour”"),
        ("kind,prompt,prompt\n", "twice"),
        ("kind,choice 1\n", "no “prompt”"),
        ("", "empty"),
    ],
)
def test_a_bad_csv_header_is_an_error_at_line_1(header, says):
    (error,) = quiz_csv.parse(header).errors
    assert error.line == 1
    assert says in error.message


# The preview: a dry run


def test_the_preview_lists_what_would_be_created_and_creates_nothing(quiz):
    before = Question.objects.count(), Choice.objects.count()
    result = importing.preview(quiz, GOOD_CSV, "csv")
    assert result.errors == []
    assert [q.kind for q in result.questions] == [
        "single",
        "multiple",
        "true_false",
        "ordering",
        "numeric",
    ]
    assert (Question.objects.count(), Choice.objects.count()) == before


def test_the_preview_holds_each_question_to_the_models_and_the_authoring_rule(quiz):
    text = HEADER + (
        "single,Who?,,Why.,,,,a,,b,,,\n"  # no correct choice
        "multiple,Which?,,Why.,1,,,a,,,,,\n"  # one choice
        "single,Who?,,,1,,,a,,b,,,\n"  # no explanation
        f"single,Who?,,Why.,1,,,{'x' * 501},,b,,,\n"  # choice too long
        "numeric,How many?,,Why.,,1,-1,,,,,,\n"  # negative tolerance
        "numeric,How many?,,Why.,,1234567890123,,,,,,,\n"  # too many digits
        "single,Fine?,,Why.,1,,,a,,b,,,\n"
    )
    result = importing.preview(quiz, text, "csv")
    assert [(e.line, e.message.split(":")[0]) for e in result.errors] == [
        (2, "Mark exactly one choice as correct (0 marked now)."),
        (3, "Give this question at least two choices."),
        (4, "Explanation"),
        (5, "Choice 1"),
        (6, "Tolerance"),
        (7, "Numeric answer"),
    ]
    assert len(result.questions) == 1


def test_gift_is_previewed_the_same_way(quiz):
    result = importing.preview(quiz, GOOD_GIFT + "\nNo explanation? {=a ~b}\n", "gift")
    assert [q.prompt for q in result.questions] == [
        "Who drafted it?",
        "The Senate has 100 members.",
    ]
    (error,) = result.errors
    assert error.line == 6
    assert error.message.startswith("Explanation")


def test_an_empty_text_is_an_error(quiz):
    (error,) = importing.preview(quiz, "\n// nothing\n", "gift").errors
    assert "no questions" in error.message


def test_the_preview_asks_the_database_nothing_however_many_rows(quiz):
    for rows in (1, 40):
        with CaptureQueriesContext(connection) as queries:
            importing.preview(
                quiz, HEADER + "single,Who?,,Why.,1,,,a,,b,,,\n" * rows, "csv"
            )
        assert len(queries) == 0


# Creating


def test_importing_adds_the_questions_after_the_quizs_own(quiz, teacher):
    existing = list(quiz.questions.values_list("position", flat=True))
    created = importing.import_questions(
        quiz=quiz, text=GOOD_CSV, format="csv", user=teacher
    )
    assert [q.position for q in created] == list(
        range(max(existing) + 1, max(existing) + 6)
    )
    numeric = created[4]
    numeric.refresh_from_db()
    assert (numeric.numeric_answer, numeric.tolerance) == (Decimal(100), Decimal("0.5"))
    ordering = Question.objects.get(pk=created[3].pk)
    assert [c.text for c in ordering.choices.all()] == ["First", "Second", "Third"]
    assert not ordering.choices.filter(is_correct=True).exists()
    assert [c.position for c in ordering.choices.all()] == [1, 2, 3]


def test_an_import_is_a_version_in_the_lessons_history(quiz, teacher):
    importing.import_questions(quiz=quiz, text=GOOD_GIFT, format="gift", user=teacher)
    newest = Version.objects.get_for_object(quiz.lesson).first()
    assert newest.revision.get_comment() == "Imported 2 questions from GIFT."
    assert newest.revision.user == teacher


def test_one_bad_row_creates_nothing(quiz, teacher):
    before = Question.objects.count(), Choice.objects.count()
    text = GOOD_CSV + "single,Who?,,Why.,,,,a,,b,,,\n"
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_questions(quiz=quiz, text=text, format="csv", user=teacher)
    assert [e.line for e in refused.value.preview.errors] == [7]
    assert (Question.objects.count(), Choice.objects.count()) == before


# The admin page


def test_a_teacher_previews_then_creates(teacher_client, quiz):
    url = import_url(quiz)
    before = quiz.questions.count()
    response = teacher_client.post(
        url, {"format": "csv", "text": GOOD_CSV, "preview": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Importing will create 5 questions" in page
    assert "Who drafted it?" in page
    assert 'name="create"' in page
    assert quiz.questions.count() == before

    response = teacher_client.post(
        url, {"format": "csv", "text": GOOD_CSV, "create": "1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:civics_lesson_change", args=[quiz.lesson_id])
    assert quiz.questions.count() == before + 5


def test_a_file_is_read_in_memory_and_its_text_kept_for_creating(teacher_client, quiz):
    upload = SimpleUploadedFile("q.csv", ("\ufeff" + GOOD_CSV).encode(), "text/csv")
    response = teacher_client.post(
        import_url(quiz), {"format": "csv", "text": "", "file": upload, "preview": "1"}
    )
    assert "Importing will create 5 questions" in response.content.decode()
    assert "Pick two, please" in response.context["form"].initial["text"]


def test_a_file_not_in_utf_8_is_a_form_error(teacher_client, quiz):
    upload = SimpleUploadedFile("q.csv", "Qui a écrit ?".encode("latin-1"))
    response = teacher_client.post(import_url(quiz), {"format": "csv", "file": upload})
    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()


def test_the_page_lists_each_bad_row_and_offers_no_create(teacher_client, quiz):
    text = GOOD_CSV + "single,Who?,,Why.,,,,a,,b,,,\n"
    before = quiz.questions.count()
    for button in ("preview", "create"):
        response = teacher_client.post(
            import_url(quiz), {"format": "csv", "text": text, button: "1"}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Line 7: Mark exactly one choice as correct" in page
        assert "nothing was created" in page
        assert 'name="create"' not in page
    assert quiz.questions.count() == before


@pytest.mark.parametrize(
    "data",
    [
        {"format": "xml", "text": "x", "create": "1"},
        {"format": "csv", "text": "", "create": "1"},
        {"format": "gift", "text": "{" * 5000, "create": "1"},
        {"format": "gift", "text": "::\\::{#\\:}\n\n{=\\", "create": "1"},
        {"format": "csv", "text": 'kind,prompt\n"unclosed', "create": "1"},
        {"format": "csv", "text": "kind,prompt\nsingle,\x00", "create": "1"},
        {"format": ["csv", "gift"], "text": ["a", "b"], "create": "1"},
    ],
)
def test_forged_input_is_answered_with_a_page_never_a_500_or_a_write(
    teacher_client, quiz, data
):
    before = Question.objects.count()
    response = teacher_client.post(import_url(quiz), data)
    assert response.status_code == 200
    assert Question.objects.count() == before


def test_a_quiz_that_does_not_exist_is_a_404(teacher_client):
    url = reverse("admin:civics_quiz_import", args=[999_999])
    assert teacher_client.get(url).status_code == 404
    # An id too long for the database matches no import page; the admin
    # answers it as any unknown question: a redirect, with a message.
    huge = "/admin/civics/quiz/9999999999999999999/import/"
    response = teacher_client.get(huge, follow=True)
    assert response.redirect_chain
    assert response.status_code == 200


def test_students_get_what_other_admin_pages_give_them(client, student, quiz):
    client.force_login(student)
    before = Question.objects.count()
    response = client.post(
        import_url(quiz), {"format": "csv", "text": GOOD_CSV, "create": "1"}
    )
    admin_page = client.get(reverse("admin:civics_question_changelist"))
    assert response.status_code == admin_page.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert Question.objects.count() == before


def test_staff_who_may_not_add_questions_get_a_403(client, quiz):
    staff = make_teacher()
    staff.groups.clear()
    client.force_login(staff)
    before = Question.objects.count()
    response = client.post(
        import_url(quiz), {"format": "csv", "text": GOOD_CSV, "create": "1"}
    )
    assert response.status_code == 403
    assert Question.objects.count() == before


def test_the_kind_labels_are_read_as_kinds():
    (question,) = quiz_csv.parse("kind,prompt\nTrue or false,Yes?\n").questions
    assert question.kind == QuestionKind.TRUE_FALSE


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("// points: 99999\nWorth a lot? {=a ~b####Why.}", "at most 1000"),
        ("Many? {=a " + "~b " * 101 + "####Why.}", "at most 100 choices"),
        ("Yes? {T####Why.}\n\n" * 501, "at most 500 questions"),
    ],
)
def test_what_the_columns_cannot_hold_is_a_row_error_on_every_database(
    quiz, text, says
):
    (error,) = importing.preview(quiz, text, "gift").errors
    assert says in error.message


def test_questions_that_would_be_numbered_past_what_positions_hold_are_refused(
    quiz, teacher
):
    quiz.questions.filter(pk=quiz.questions.last().pk).update(position=32767)
    before = Question.objects.count()
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_questions(
            quiz=quiz, text="Yes? {T####Why.}", format="gift", user=teacher
        )
    assert "renumber" in refused.value.preview.errors[0].message
    assert Question.objects.count() == before


@pytest.mark.parametrize("field", ["text", "file"])
def test_null_characters_are_refused_before_the_database_sees_them(
    teacher_client, quiz, field
):
    text = "Nul\x00? {=a ~b####Why.}"
    value = SimpleUploadedFile("q.txt", text.encode()) if field == "file" else text
    before = Question.objects.count()
    response = teacher_client.post(
        import_url(quiz), {"format": "gift", field: value, "create": "1"}
    )
    assert response.status_code == 200
    assert "null characters are not allowed" in response.content.decode().lower()
    assert Question.objects.count() == before


@pytest.mark.parametrize("format", ["csv", "gift"])
def test_a_mangled_export_is_previewed_or_refused_by_row_never_a_crash(format):
    """Characters deleted, inserted and swapped at random in an export of a
    quiz of every kind (seeded, so a failure can be replayed)."""
    text = importing.export(make_quiz(questions=2, kinds=OTHER_KINDS), format)
    target, rnd = make_quiz(questions=0), random.Random(20)
    for _ in range(300):
        chars = list(text)
        for _ in range(rnd.randint(1, 6)):
            at = rnd.randrange(len(chars))
            if rnd.random() < 0.5:
                del chars[at]
            else:
                chars.insert(at, rnd.choice("{}=~#:%\\->\n,\"'0.9TF"))
        result = importing.preview(target, "".join(chars), format)
        assert all(error.line >= 1 for error in result.errors)
    assert not target.questions.exists()


def test_the_quiz_page_leads_to_import_and_both_exports(teacher_client, quiz):
    page = teacher_client.get(
        reverse("admin:civics_quiz_change", args=[quiz.pk])
    ).content.decode()
    assert f'href="{import_url(quiz)}"' in page
    for format in ("csv", "gift"):
        export = reverse("admin:civics_quiz_export", args=[quiz.pk, format])
        assert f'href="{export}"' in page
