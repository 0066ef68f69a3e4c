"""Bad input at scale: random, missing, oversized and forged fields posted to
every form a student or teacher fills in.

Two properties hold for every example: the site answers with a page or a
redirect, never a server error, and a request that fails writes nothing
(a request that succeeds writes all of what it should). Each example runs
in a savepoint that is rolled back, so every example starts from the same
data; a server error would surface as the exception the test client
re-raises.
"""

from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from accounts.models import User
from civics import services
from civics.models import Answer, Attempt, Progress, SelectedChoice
from teaching.models import Assignment, Classroom, Enrolment
from tests.factories import (
    OTHER_KINDS,
    PASSWORD,
    as_post_data,
    correct_responses,
    make_classroom,
    make_lesson,
    make_quiz,
    make_student,
    make_teacher,
)

pytestmark = pytest.mark.django_db

# Modest, so the whole suite stays quick; no deadline, as a request that
# hashes a password or renders a page may take a while on a busy machine.
FUZZ = settings(max_examples=50, deadline=None)
# 422 is the quiz page's autosave script being told a draft could not be saved.
ANSWERS = {200, 302, 400, 403, 404, 422, 429}  # 429: the sign-up throttle

# About 100 KB: far past every field's limit, well under Django's upload cap.
oversized = st.sampled_from(["9" * 100_000, "a" * 100_000, "é" * 50_000])
scalar = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from(["", " ", "-1", "0", "1e309", "NaN", "Infinity", "\x00"]),
    st.sampled_from(["999999999999999999999", "1" * 30, "2026-02-30"]),
    oversized,
)
# A field may be posted once or several times.
junk = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=3))


def posts(valid, *, names=(), values=()):
    """Posts built from a valid one: some fields dropped (missing), others
    replaced or added with random, oversized or forged values, so that some
    examples succeed and most fail in every way we could think of."""
    field_names = st.one_of(
        st.sampled_from([*valid, *names]), st.text(min_size=1, max_size=30)
    )
    field_values = st.one_of(junk, st.sampled_from(values)) if values else junk
    return st.builds(
        _changed,
        st.just(valid),
        dropped=st.sets(st.sampled_from(list(valid))),
        changes=st.dictionaries(field_names, field_values, max_size=6),
    )


def _changed(valid, *, dropped, changes):
    kept = {name: value for name, value in valid.items() if name not in dropped}
    return {**kept, **changes}


# Browsers send forms URL-encoded; scripts may send multipart.
encodings = st.sampled_from(["urlencoded", "multipart"])


def send(client, url, data, encoding, **headers):
    if encoding == "urlencoded":
        return client.post(
            url,
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
    return client.post(url, data, headers=headers)


@contextmanager
def rolled_back():
    """Undo an example's writes, so the next starts from the same data."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def posted(data, name):
    """What a form reads from a field posted several times: the last value."""
    field = data[name]
    return field[-1] if isinstance(field, list) else field


def browser(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_quiz_page_survives_any_post_and_keeps_only_whole_answers():
    """A refused post (a forged id, someone else's attempt) writes nothing.
    Any other keeps each answer that is valid on its own (issue #17), and
    never a choice of another question or a score without a submission."""
    student = make_student()
    quiz = make_quiz(
        questions=1,
        choices=4,
        kinds=OTHER_KINDS,
    )
    attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    someone_elses = services.start_attempt(
        student=make_student(), quiz=quiz, now=timezone.now()
    )
    valid = as_post_data(correct_responses(quiz))
    choice_ids = [str(pk) for pk in quiz.questions.values_list("choices", flat=True)]

    @FUZZ
    @given(
        data=posts(
            valid,
            names=["action", "question_999999", "question_x", "question_1_2_3"],
            values=[*choice_ids, "save", "submit", "66", "1", "2"],
        ),
        action=st.sampled_from(["save", "submit", "submit_anyway", None, "other"]),
        autosave=st.booleans(),
        target=st.sampled_from(["own", "own", "own", "someone else's", "missing"]),
        encoding=encodings,
    )
    # Random posts seldom get every answer right; these make sure the
    # submitted and the saved branches below are checked on every run.
    @example(valid, "submit", False, "own", "urlencoded")
    @example(valid, "save", True, "own", "multipart")
    def post(data, action, autosave, target, encoding):
        if action is not None:
            data = {**data, "action": action}
        pk = {"own": attempt.pk, "someone else's": someone_elses.pk}.get(target, 10**9)
        view = "civics:attempt_save" if autosave else "civics:attempt_take"
        with rolled_back():
            response = send(browser(student), reverse(view, args=[pk]), data, encoding)
            event(f"answered {response.status_code}")
            assert response.status_code in ANSWERS
            mine = Attempt.objects.get(pk=attempt.pk)
            if response.status_code >= 400:
                assert not SelectedChoice.objects.exists()
                assert not Answer.objects.filter(numeric_value__isnull=False).exists()
            assert not SelectedChoice.objects.exclude(
                choice__question=F("answer__question")
            ).exists()
            if mine.is_submitted:
                event("submitted")
                assert response.status_code == 302
                assert all(answer.credit is not None for answer in mine.answers.all())
                assert Progress.objects.get(student=student).attempt_count == 1
            else:
                assert not Answer.objects.filter(credit__isnull=False).exists()
                assert not Progress.objects.filter(attempt_count__gt=0).exists()

    post()


def test_sign_up_survives_any_post_and_never_half_creates_a_user():
    make_student(username="taken")
    valid = {"username": "ada", "password1": PASSWORD, "password2": PASSWORD}

    @FUZZ
    @given(
        data=posts(
            valid,
            names=["email", "is_staff", "is_superuser", "groups", "is_active"],
            values=["taken", "ada", PASSWORD, "1", "on", "true"],
        ),
        encoding=encodings,
    )
    def post(data, encoding):
        with rolled_back():
            before = set(User.objects.values_list("pk", flat=True))
            response = send(browser(), reverse("signup"), data, encoding)
            event(f"answered {response.status_code}")
            assert response.status_code in ANSWERS
            created = User.objects.exclude(pk__in=before)
            if response.status_code != 302:
                assert not created.exists()
                return
            user = created.get()
            assert user.username == posted(data, "username")
            assert user.check_password(posted(data, "password1"))
            assert not user.is_staff
            assert not user.is_superuser
            assert user.email == ""
            assert not user.groups.exists()

    post()


def test_joining_a_class_survives_any_post_and_enrols_only_on_success():
    student = make_student()
    teacher = make_teacher()
    running = make_classroom(teacher=teacher)
    archived = make_classroom(teacher=teacher)
    archived.archived_at = timezone.now()
    archived.save()
    code = running.join_code

    @FUZZ
    @given(
        data=posts(
            {"code": code},
            names=["student", "classroom"],
            values=[code.lower(), f"{code[:3]}-{code[3:]}", archived.join_code],
        ),
        joiner=st.sampled_from([student, teacher]),
        encoding=encodings,
    )
    def post(data, joiner, encoding):
        with rolled_back():
            response = send(browser(joiner), reverse("teaching:join"), data, encoding)
            event(f"answered {response.status_code}")
            assert response.status_code in ANSWERS
            enrolments = Enrolment.objects.all()
            if response.status_code != 302:
                assert not enrolments.exists()
                return
            enrolment = enrolments.get()
            assert enrolment.student == joiner == student
            assert enrolment.classroom == running

    post()


def test_creating_a_class_survives_any_post_and_creates_only_on_success():
    teacher = make_teacher()
    other_teacher = make_teacher()

    @FUZZ
    @given(
        data=posts(
            {"name": "Civics, period 3"},
            names=["teacher", "join_code", "archived_at"],
            values=[str(other_teacher.pk), "ABCDEF"],
        ),
        encoding=encodings,
    )
    def post(data, encoding):
        with rolled_back():
            response = send(
                browser(teacher), reverse("teaching:classroom_list"), data, encoding
            )
            event(f"answered {response.status_code}")
            assert response.status_code in ANSWERS
            classrooms = Classroom.objects.all()
            if response.status_code != 302:
                assert not classrooms.exists()
                return
            classroom = classrooms.get()
            assert classroom.teacher == teacher
            assert classroom.name == posted(data, "name").strip()
            assert not classroom.is_archived

    post()


def test_assigning_a_lesson_survives_any_post_and_assigns_only_on_success():
    teacher = make_teacher()
    mine = make_classroom(teacher=teacher)
    theirs = make_classroom()
    published = make_lesson()
    draft = make_lesson(published=False)

    @FUZZ
    @given(
        data=posts(
            {"lesson": str(published.pk), "due_on": "2026-12-01"},
            names=["classroom"],
            values=[str(draft.pk), str(theirs.pk), "9999-12-31", "0001-01-01"],
        ),
        target=st.sampled_from(["mine", "mine", "theirs", "missing"]),
        encoding=encodings,
    )
    def post(data, target, encoding):
        pk = {"mine": mine.pk, "theirs": theirs.pk}.get(target, 10**9)
        with rolled_back():
            response = send(
                browser(teacher),
                reverse("teaching:assignment_save", args=[pk]),
                data,
                encoding,
            )
            event(f"answered {response.status_code}")
            assert response.status_code in ANSWERS
            assignments = Assignment.objects.all()
            if response.status_code != 302:
                assert not assignments.exists()
                return
            assignment = assignments.get()
            assert assignment.classroom == mine
            assert assignment.lesson == published

    post()
