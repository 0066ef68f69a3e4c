"""What a teacher can do for a student's account from the class pages, and
where a teacher lands on logging in."""

import re
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountAction
from accounts.services import temporary_password
from teaching.services import enrol_student, set_archived
from tests.factories import PASSWORD, make_classroom, make_student, make_teacher

pytestmark = pytest.mark.django_db


def test_a_teacher_who_logs_in_lands_on_my_classes(client):
    teacher = make_teacher()
    response = client.post(
        reverse("login"), {"username": teacher.username, "password": PASSWORD}
    )
    assert response.url == reverse("teaching:classroom_list")


def test_a_student_who_logs_in_lands_on_the_course_home(client):
    student = make_student()
    response = client.post(
        reverse("login"), {"username": student.username, "password": PASSWORD}
    )
    assert response.url == reverse("civics:course_home")


def test_a_teacher_logging_in_from_a_link_still_goes_where_it_led(client):
    teacher = make_teacher()
    response = client.post(
        reverse("login"),
        {"username": teacher.username, "password": PASSWORD, "next": "/lessons/x/"},
    )
    assert response.url == "/lessons/x/"


def test_create_teacher_says_to_start_at_my_classes(monkeypatch):
    monkeypatch.setenv("DJANGO_TEACHER_PASSWORD", PASSWORD)
    out = StringIO()
    call_command("create_teacher", "ms_rivera", noinput=True, stdout=out)
    assert "/teach/" in out.getvalue()
    assert "/admin/" not in out.getvalue()


# A teacher manages a student's account from the class pages.


@pytest.fixture
def devon(db):
    return make_student(username="devon_k", first_name="Devon", last_name="K")


@pytest.fixture
def classroom(teacher, devon):
    return make_classroom(teacher=teacher, students=[devon], name="Civics, period 3")


ACTIONS = ["student_password_reset", "student_unlock", "student_name"]


def _url(name, classroom, student):
    return reverse(f"teaching:{name}", args=[classroom.pk, student.pk])


def _lock_out(username, address="127.0.0.1"):
    AccessAttempt.objects.create(
        username=username,
        ip_address=address,
        user_agent="test",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )


def test_the_drill_down_links_to_the_account_actions(teacher_client, classroom, devon):
    page = teacher_client.get(_url("student_detail", classroom, devon)).content.decode()
    for name in ACTIONS:
        assert _url(name, classroom, devon) in page


def test_an_archived_classs_drill_down_offers_no_account_actions(
    teacher_client, classroom, devon
):
    set_archived(classroom=classroom, archived=True, now=timezone.now())
    page = teacher_client.get(_url("student_detail", classroom, devon)).content.decode()
    assert _url("student_password_reset", classroom, devon) not in page


def test_the_reset_page_says_what_will_happen_and_changes_nothing(
    teacher_client, classroom, devon
):
    response = teacher_client.get(_url("student_password_reset", classroom, devon))
    page = response.content.decode()
    assert "Devon K. will get a temporary password" in page
    assert "will have to choose a new password when they next log in" in page
    devon.refresh_from_db()
    assert devon.check_password(PASSWORD)
    assert not AccountAction.objects.exists()


def test_a_teacher_resets_a_password_shown_once_and_stored_hashed(
    teacher_client, teacher, classroom, devon
):
    response = teacher_client.post(
        _url("student_password_reset", classroom, devon), {"confirm": "yes"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    password = re.search(
        r'class="temporary-password">([^<]+)<', response.content.decode()
    )[1]
    devon.refresh_from_db()
    assert devon.check_password(password)
    assert not devon.check_password(PASSWORD)
    assert password not in devon.password
    assert devon.must_change_password
    action = AccountAction.objects.get()
    assert (action.actor, action.student, action.action) == (
        teacher,
        devon,
        AccountAction.Kind.RESET_PASSWORD,
    )


def test_temporary_passwords_differ_and_pass_the_password_rules(devon):
    from django.contrib.auth.password_validation import validate_password

    passwords = {temporary_password() for _ in range(20)}
    assert len(passwords) == 20
    for password in passwords:
        validate_password(password, devon)


@pytest.mark.parametrize("data", [{}, {"confirm": "no"}])
def test_a_post_without_the_confirmation_is_refused_and_changes_nothing(
    teacher_client, classroom, devon, data
):
    for name in ("student_password_reset", "student_unlock"):
        response = teacher_client.post(_url(name, classroom, devon), data)
        assert response.status_code == 400
    devon.refresh_from_db()
    assert devon.check_password(PASSWORD)
    assert not AccountAction.objects.exists()


def test_a_student_with_a_temporary_password_must_change_it_first(client, devon):
    devon.must_change_password = True
    devon.save()
    client.force_login(devon)
    for url in (reverse("civics:course_home"), reverse("civics:my_progress")):
        assert client.get(url).url == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "Your teacher gave you a temporary password" in page
    new = "another-Long-passphrase-9"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.url == reverse("civics:course_home")
    devon.refresh_from_db()
    assert not devon.must_change_password
    assert devon.check_password(new)
    assert client.get(reverse("civics:my_progress")).status_code == 200


def test_a_student_with_a_temporary_password_may_still_log_out(client, devon):
    devon.must_change_password = True
    devon.save()
    client.force_login(devon)
    response = client.post(reverse("logout"))
    assert response.url == reverse("civics:course_home")
    assert client.get(reverse("civics:course_home")).status_code == 200


def test_a_locked_out_student_cannot_log_in_until_their_teacher_unlocks_them(
    client, teacher, classroom, devon
):
    for _ in range(5):
        client.post(reverse("login"), {"username": "devon_k", "password": "wrong"})
    locked = client.post(
        reverse("login"), {"username": "devon_k", "password": PASSWORD}
    )
    assert locked.status_code == 429
    teacher_client = Client()
    teacher_client.force_login(teacher)
    page = teacher_client.get(_url("student_unlock", classroom, devon)).content.decode()
    assert "Devon K. is locked out" in page
    response = teacher_client.post(
        _url("student_unlock", classroom, devon), {"confirm": "yes"}
    )
    assert response.url == _url("student_detail", classroom, devon)
    assert not AccessAttempt.objects.exists()
    assert AccountAction.objects.get().action == AccountAction.Kind.UNLOCK
    response = client.post(
        reverse("login"), {"username": "devon_k", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_unlocking_forgets_failures_whatever_case_was_typed(
    teacher_client, classroom, devon
):
    _lock_out("Devon_K")
    teacher_client.post(_url("student_unlock", classroom, devon), {"confirm": "yes"})
    assert not AccessAttempt.objects.exists()


def test_unlocking_leaves_other_students_locked_out(teacher_client, classroom, devon):
    _lock_out("someone_else")
    teacher_client.post(_url("student_unlock", classroom, devon), {"confirm": "yes"})
    assert AccessAttempt.objects.filter(username="someone_else").exists()


def test_a_teacher_sets_a_students_name(teacher_client, teacher, classroom, devon):
    response = teacher_client.post(
        _url("student_name", classroom, devon), {"first_name": "Dev", "last_name": "q"}
    )
    assert response.url == _url("student_detail", classroom, devon)
    devon.refresh_from_db()
    assert devon.name_for_teachers == "Dev Q. (devon_k)"
    assert AccountAction.objects.get().action == AccountAction.Kind.SET_NAME


def test_a_bad_name_is_refused_and_nothing_is_recorded(
    teacher_client, classroom, devon
):
    response = teacher_client.post(
        _url("student_name", classroom, devon), {"first_name": "Dev", "last_name": "Kx"}
    )
    assert response.status_code == 200
    devon.refresh_from_db()
    assert devon.last_name == "K"
    assert not AccountAction.objects.exists()


@pytest.mark.parametrize("name", ACTIONS)
def test_a_visitor_is_sent_to_log_in(visitor, classroom, devon, name):
    response = visitor.get(_url(name, classroom, devon))
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ACTIONS)
def test_a_student_may_not_act_on_another_students_account(
    client, classroom, devon, name
):
    client.force_login(make_student())
    assert client.get(_url(name, classroom, devon)).status_code == 403
    assert (
        client.post(_url(name, classroom, devon), {"confirm": "yes"}).status_code == 403
    )


@pytest.mark.parametrize("name", ACTIONS)
def test_another_teachers_student_is_a_404(classroom, devon, name):
    client = Client()
    client.force_login(make_teacher())
    assert client.get(_url(name, classroom, devon)).status_code == 404
    response = client.post(_url(name, classroom, devon), {"confirm": "yes"})
    assert response.status_code == 404
    devon.refresh_from_db()
    assert devon.check_password(PASSWORD)


@pytest.mark.parametrize("name", ACTIONS)
def test_a_student_not_in_the_class_is_a_404(teacher_client, classroom, name):
    outsider = make_student()
    response = teacher_client.post(_url(name, classroom, outsider), {"confirm": "yes"})
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.check_password(PASSWORD)


@pytest.mark.parametrize("name", ACTIONS)
def test_a_student_of_an_archived_class_is_a_404(
    teacher_client, classroom, devon, name
):
    set_archived(classroom=classroom, archived=True, now=timezone.now())
    response = teacher_client.post(_url(name, classroom, devon), {"confirm": "yes"})
    assert response.status_code == 404


def test_a_teacher_who_joined_a_class_cannot_have_their_password_reset(
    teacher_client, teacher
):
    colleague = make_teacher()
    classroom = make_classroom(teacher=teacher, students=[colleague])
    response = teacher_client.post(
        _url("student_password_reset", classroom, colleague), {"confirm": "yes"}
    )
    assert response.status_code == 404
    colleague.refresh_from_db()
    assert colleague.check_password(PASSWORD)


def test_an_administrator_reads_the_record_and_cannot_change_it(
    admin_client, teacher_client, classroom, devon
):
    teacher_client.post(_url("student_unlock", classroom, devon), {"confirm": "yes"})
    changelist = reverse("admin:accounts_accountaction_changelist")
    page = admin_client.get(changelist).content.decode()
    assert "devon_k" in page
    assert "Unlocked after wrong passwords" in page
    action = AccountAction.objects.get()
    assert (
        admin_client.get(reverse("admin:accounts_accountaction_add")).status_code == 403
    )
    response = admin_client.post(
        reverse("admin:accounts_accountaction_delete", args=[action.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 403
    assert AccountAction.objects.exists()


@pytest.mark.parametrize("name", ACTIONS)
def test_each_account_page_costs_the_same_however_big_the_class(
    teacher, classroom, devon, name, django_assert_num_queries
):
    client = Client()
    client.force_login(teacher)
    url = _url(name, classroom, devon)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        enrol_student(student=make_student(), join_code=classroom.join_code)
        _lock_out(f"x{_}")
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_resetting_a_password_also_ends_a_lockout(teacher_client, classroom, devon):
    _lock_out("devon_k")
    teacher_client.post(
        _url("student_password_reset", classroom, devon), {"confirm": "yes"}
    )
    assert not AccessAttempt.objects.exists()
