"""Every kind of question through the quiz page: rendering, scoring, bad input,
shuffling, saving as you go and resuming."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civics import services
from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, SelectedChoice
from tests.factories import (
    OTHER_KINDS,
    as_post_data,
    correct_response,
    correct_responses,
    make_question,
    make_quiz,
    make_student,
    wrong_response,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_quiz():
    """One single-choice question, then one of every other kind."""
    return make_quiz(questions=1, choices=4, kinds=OTHER_KINDS)


@pytest.fixture
def attempt(student, mixed_quiz):
    return services.start_attempt(student=student, quiz=mixed_quiz, now=timezone.now())


def _url(attempt):
    return reverse("civics:attempt_take", args=[attempt.pk])


def _save_url(attempt):
    return reverse("civics:attempt_save", args=[attempt.pk])


def _question(quiz, kind):
    return quiz.questions.get(kind=kind)


def test_every_kind_renders_as_a_labelled_group(student_client, attempt, mixed_quiz):
    html = student_client.get(_url(attempt)).content.decode()
    # Choice kinds are fieldsets with the prompt as legend; numeric is one
    # labelled input.
    assert html.count("<fieldset") == 4
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    assert re.search(rf'<label\s+for="id_question_{numeric.pk}"', html)
    assert 'type="checkbox"' in html
    ordering = _question(mixed_quiz, QuestionKind.ORDERING)
    for choice in ordering.choices.all():
        assert f'<label for="id_question_{ordering.pk}_{choice.pk}"' in html


def test_a_fully_correct_mixed_quiz_scores_full_marks(
    student_client, attempt, mixed_quiz
):
    response = student_client.post(
        _url(attempt), as_post_data(correct_responses(mixed_quiz)), follow=True
    )
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score) == (5, 5)
    assert response.content.decode().count("<span>Correct</span>") == 5


def test_partial_credit_shows_as_partly_right(student_client, attempt, mixed_quiz):
    multiple = _question(mixed_quiz, QuestionKind.MULTIPLE)
    responses = correct_responses(mixed_quiz)
    responses[multiple.pk] = correct_response(multiple)[:1]  # one of two
    response = student_client.post(_url(attempt), as_post_data(responses), follow=True)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("4.50")
    assert "Partly right" in response.content.decode()


def test_results_show_the_correct_order_and_number(student_client, attempt, mixed_quiz):
    ordering = _question(mixed_quiz, QuestionKind.ORDERING)
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    responses = correct_responses(mixed_quiz)
    responses[ordering.pk] = wrong_response(ordering)
    responses[numeric.pk] = Decimal("65")
    html = student_client.post(
        _url(attempt), as_post_data(responses), follow=True
    ).content.decode()
    correct_list = "".join(f"<li>{c.text}</li>" for c in ordering.choices.all())
    assert correct_list in html
    assert "<dd>65</dd>" in html
    assert "<dd>66</dd>" in html


def _post(client, attempt, quiz, **changes):
    """Post a correct set of answers with some fields replaced or removed."""
    data = as_post_data(correct_responses(quiz))
    for name, value in changes.items():
        if value is None:
            data.pop(name)
        else:
            data[name] = value
    return client.post(_url(attempt), data)


def _assert_kept_all_but(attempt, question):
    """A refused submit: nothing scored, every other answer kept (issue #17),
    and nothing saved for the question that needs another look."""
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    kept = attempt.answers.exclude(question=question)
    assert all(answer.response is not None for answer in kept)
    assert attempt.answers.get(question=question).response is None


def _assert_nothing_saved(attempt):
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert not SelectedChoice.objects.exists()
    assert not Answer.objects.filter(numeric_value__isnull=False).exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sixty-six", "Enter a number for question 5, using digits"),
        ("NaN", "Enter a number for question 5, using digits"),
        ("1e400", "Question 5 takes at most 8 digits before the decimal point"),
    ],
)
def test_a_numeric_answer_that_is_not_a_number_gets_a_message(
    student_client, attempt, mixed_quiz, value, message
):
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    response = _post(
        student_client, attempt, mixed_quiz, **{f"question_{numeric.pk}": value}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    _assert_kept_all_but(attempt, numeric)


def test_an_ordering_with_a_repeated_position_gets_a_message(
    student_client, attempt, mixed_quiz
):
    ordering = _question(mixed_quiz, QuestionKind.ORDERING)
    first = ordering.choices.first()  # moved onto the second item's place
    response = _post(
        student_client,
        attempt,
        mixed_quiz,
        **{f"question_{ordering.pk}_{first.pk}": "2"},
    )
    assert response.status_code == 200
    assert "Give each item in question 4 a different position." in (
        response.content.decode()
    )
    _assert_kept_all_but(attempt, ordering)


def test_an_ordering_with_an_item_left_blank_gets_a_message(
    student_client, attempt, mixed_quiz
):
    ordering = _question(mixed_quiz, QuestionKind.ORDERING)
    first = ordering.choices.first()
    response = _post(
        student_client,
        attempt,
        mixed_quiz,
        **{f"question_{ordering.pk}_{first.pk}": ""},
    )
    assert response.status_code == 200
    assert "Give every item in question 4 a position." in response.content.decode()
    _assert_kept_all_but(attempt, ordering)


def _forgeries(quiz):
    """Field values no page of ours sends, by name."""
    ordering = _question(quiz, QuestionKind.ORDERING)
    name = f"question_{ordering.pk}"
    foreign = make_quiz(questions=1).questions.get().choices.first().pk
    return {
        "position_out_of_range": {f"{name}_{ordering.choices.first().pk}": "9"},
        "item_of_another_question": {f"{name}_{foreign}": "1"},
        "multiple_with_a_foreign_choice": {
            f"question_{_question(quiz, QuestionKind.MULTIPLE).pk}": [str(foreign)]
        },
        "true_false_with_a_foreign_choice": {
            f"question_{_question(quiz, QuestionKind.TRUE_FALSE).pk}": str(foreign)
        },
    }


@pytest.mark.parametrize(
    "forgery",
    [
        "position_out_of_range",
        "item_of_another_question",
        "multiple_with_a_foreign_choice",
        "true_false_with_a_foreign_choice",
    ],
)
def test_forged_answers_of_each_kind_get_a_400_and_save_nothing(
    student_client, attempt, mixed_quiz, forgery
):
    changes = _forgeries(mixed_quiz)[forgery]
    response = _post(student_client, attempt, mixed_quiz, **changes)
    assert response.status_code == 400
    assert "Reload the page" in response.content.decode()
    _assert_nothing_saved(attempt)


def _choice_order(html, question):
    ids = re.findall(rf'name="question_{question.pk}" value="(\d+)"', html)
    return [int(i) for i in ids]


def test_choices_are_shuffled_per_attempt_and_stable_across_reloads(client, mixed_quiz):

    single = _question(mixed_quiz, QuestionKind.SINGLE)
    orders = set()
    for _ in range(6):
        student = make_student()
        client.force_login(student)
        attempt = services.start_attempt(
            student=student, quiz=mixed_quiz, now=timezone.now()
        )
        first = _choice_order(client.get(_url(attempt)).content.decode(), single)
        again = _choice_order(client.get(_url(attempt)).content.decode(), single)
        assert first == again
        assert sorted(first) == sorted(single.choices.values_list("pk", flat=True))
        orders.add(tuple(first))
    assert len(orders) > 1


def test_true_false_keeps_true_before_false(student_client, attempt, mixed_quiz):
    true_false = _question(mixed_quiz, QuestionKind.TRUE_FALSE)
    html = student_client.get(_url(attempt)).content.decode()
    assert _choice_order(html, true_false) == list(
        true_false.choices.values_list("pk", flat=True)
    )


def test_the_quiz_page_holds_no_answer_key_for_any_kind(
    student_client, attempt, mixed_quiz
):
    html = student_client.get(_url(attempt)).content.decode()
    for question in mixed_quiz.questions.all():
        assert question.explanation not in html
        for choice in question.choices.all():
            assert choice.feedback not in html
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    assert f'name="question_{numeric.pk}" value=' not in html
    assert "correct" not in html.lower()
    ordering = _question(mixed_quiz, QuestionKind.ORDERING)
    shown = [int(i) for i in re.findall(rf'name="question_{ordering.pk}_(\d+)"', html)]
    assert shown != correct_response(ordering)
    assert " selected>" not in html


def test_saved_answers_come_back_after_a_reload(student_client, attempt, mixed_quiz):
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    multiple = _question(mixed_quiz, QuestionKind.MULTIPLE)
    ordering = _question(mixed_quiz, QuestionKind.ORDERING)
    draft = {q.pk: correct_response(q) for q in (numeric, multiple, ordering)}
    response = student_client.post(
        _url(attempt), {**as_post_data(draft), "action": "save"}
    )
    assert response.url == _url(attempt)

    html = student_client.get(_url(attempt)).content.decode()
    assert 'value="66.0000"' in html or 'value="66"' in html
    for choice_id in correct_response(multiple):
        assert re.search(rf'value="{choice_id}"[^>]*checked', html)
    assert html.count(" selected>") == ordering.choices.count()
    assert "3 of 5 answered" in html
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_a_partial_save_keeps_earlier_answers_of_other_questions(
    student_client, attempt, mixed_quiz
):
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    single = _question(mixed_quiz, QuestionKind.SINGLE)
    url = _url(attempt)
    student_client.post(
        url, {**as_post_data({numeric.pk: Decimal(5)}), "action": "save"}
    )
    student_client.post(
        url, {**as_post_data({single.pk: correct_response(single)}), "action": "save"}
    )
    answers = {a.question_id: a for a in attempt.answers.all()}
    assert answers[numeric.pk].numeric_value == 5
    assert answers[single.pk].selections.get().choice_id == correct_response(single)[0]


def test_the_autosave_script_gets_a_json_answer(student_client, attempt, mixed_quiz):
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    response = student_client.post(
        _save_url(attempt), as_post_data({numeric.pk: Decimal(61)})
    )
    assert response.json() == {
        "saved": True,
        "answered": 1,
        "total": 5,
        "unanswered": [1, 2, 3, 4],
        "problems": [],
    }
    assert attempt.answers.get(question=numeric).numeric_value == 61


def test_a_forged_autosave_is_refused_and_saves_nothing(
    student_client, attempt, mixed_quiz
):
    multiple = _question(mixed_quiz, QuestionKind.MULTIPLE)
    response = student_client.post(
        _save_url(attempt), {f"question_{multiple.pk}": ["99999"]}
    )
    assert response.status_code == 400
    assert response.json() == {"saved": False}
    _assert_nothing_saved(attempt)


def test_saving_a_submitted_attempt_changes_nothing(
    student_client, attempt, mixed_quiz
):
    url = _url(attempt)
    student_client.post(url, as_post_data(correct_responses(mixed_quiz)))
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    response = student_client.post(
        url, {f"question_{numeric.pk}": "1", "action": "save"}, follow=True
    )
    assert "your first score stands" in response.content.decode()
    assert attempt.answers.get(question=numeric).numeric_value == 66


def test_a_late_autosave_after_submitting_gets_a_conflict_and_no_message(
    student_client, attempt, mixed_quiz
):
    url = _url(attempt)
    student_client.post(url, as_post_data(correct_responses(mixed_quiz)))
    student_client.get(reverse("civics:attempt_result", args=[attempt.pk]))
    numeric = _question(mixed_quiz, QuestionKind.NUMERIC)
    response = student_client.post(_save_url(attempt), {f"question_{numeric.pk}": "1"})
    assert response.status_code == 409
    assert response.json() == {"saved": False, "submitted": True}
    assert attempt.answers.get(question=numeric).numeric_value == 66
    results = student_client.get(reverse("civics:attempt_result", args=[attempt.pk]))
    assert "your first score stands" not in results.content.decode()


def test_a_question_added_after_the_attempt_started_is_not_asked(
    student_client, attempt, mixed_quiz
):
    added = make_question(quiz=mixed_quiz, prompt="Added later?")
    html = student_client.get(_url(attempt)).content.decode()
    assert "Added later?" not in html
    assert added.pk not in attempt.answers.values_list("question_id", flat=True)


def test_starting_twice_returns_the_same_attempt_with_an_answer_per_question(
    student, mixed_quiz
):
    first = services.start_attempt(student=student, quiz=mixed_quiz, now=timezone.now())
    second = services.start_attempt(
        student=student, quiz=mixed_quiz, now=timezone.now()
    )
    assert first == second
    assert Attempt.objects.count() == 1
    assert first.answers.count() == mixed_quiz.questions.count()
