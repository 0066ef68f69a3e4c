"""Joining by link and from the board: /join/CODE/ fills in the join form,
visitors log in or sign up and come back to it, and the projector view shows
the code, the link and its QR code (drawn on the server, no script)."""

import re

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from teaching.qr import qr_svg
from teaching.services import enrol_student, set_archived
from tests.factories import make_classroom, make_student, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def classroom(teacher):
    return make_classroom(teacher=teacher)


def _link(classroom):
    return reverse("teaching:join_link", args=[classroom.join_code])


def test_a_signed_in_student_following_the_link_sees_the_form_filled_in(
    student_client, student, classroom
):
    html = student_client.get(_link(classroom)).content.decode()
    assert f'value="{classroom.join_code}"' in html
    assert f'action="{reverse("teaching:join")}"' in html
    assert not classroom.students.exists()  # nothing happens on GET


def test_the_filled_in_form_joins_on_its_button(student_client, student, classroom):
    student_client.get(_link(classroom))
    response = student_client.post(
        reverse("teaching:join"), {"code": classroom.join_code}
    )
    assert response.status_code == 302
    assert classroom.students.get() == student


def test_a_visitor_following_the_link_logs_in_and_comes_back(visitor, classroom):
    response = visitor.get(_link(classroom))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={_link(classroom)}"
    student = make_student()
    student.set_password("a long passphrase")
    student.save()
    response = visitor.post(
        reverse("login"),
        {
            "username": student.username,
            "password": "a long passphrase",
            "next": _link(classroom),
        },
    )
    assert response.url == _link(classroom)


def test_a_visitor_can_sign_up_from_the_log_in_page_and_come_back(visitor, classroom):
    login_page = visitor.get(visitor.get(_link(classroom)).url).content.decode()
    signup = f"{reverse('signup')}?next={_link(classroom)}"
    assert f'href="{signup}"' in login_page
    page = visitor.get(signup).content.decode()
    assert f'name="next" value="{_link(classroom)}"' in page
    response = visitor.post(
        reverse("signup"),
        {
            "username": "newcomer",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
            "next": _link(classroom),
        },
    )
    assert response.url == _link(classroom)


def test_sign_up_ignores_a_next_address_on_another_site(visitor):
    response = visitor.post(
        reverse("signup"),
        {
            "username": "newcomer",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
            "next": "https://evil.example/",
        },
    )
    assert response.url == reverse("civics:course_home")


def test_the_class_page_shows_the_join_link_and_links_to_the_board(
    teacher_client, classroom
):
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert f"http://testserver{_link(classroom)}" in html
    assert reverse("teaching:projector", args=[classroom.pk]) in html


def test_the_projector_shows_the_code_the_link_and_its_qr_code(
    teacher_client, classroom
):
    url = reverse("teaching:projector", args=[classroom.pk])
    html = teacher_client.get(url).content.decode()
    link = f"http://testserver{_link(classroom)}"
    assert classroom.join_code in html
    assert f'href="{link}"' in html
    svg = re.search(r"<svg [^>]*class=\"qr-code\".*?</svg>", html, re.S).group()
    assert f"<title>QR code of {link}</title>" in svg
    assert 'role="img"' in svg
    assert "style" not in svg
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]


def test_the_qr_code_encodes_the_join_link():
    link = "https://civics.example/join/K7M2QX/"
    assert qr_svg(link, title="t") == qr_svg(link, title="t")
    expected = segno.make(link, error="m", boost_error=False).svg_inline(
        omitsize=True, svgclass="qr-code", lineclass=None, title="t"
    )
    assert qr_svg(link, title="t") == expected.replace("<svg ", '<svg role="img" ')


def test_an_archived_class_projector_says_the_code_does_not_work(
    teacher_client, classroom
):
    set_archived(classroom=classroom, archived=True, now=timezone.now())
    url = reverse("teaching:projector", args=[classroom.pk])
    html = teacher_client.get(url).content.decode()
    assert "archived" in html
    assert "qr-code" not in html


def test_visitors_are_sent_to_log_in_from_the_projector(visitor, classroom):
    response = visitor.get(reverse("teaching:projector", args=[classroom.pk]))
    assert response.url.startswith(reverse("login"))


def test_students_get_a_403_on_the_projector(student_client, classroom):
    url = reverse("teaching:projector", args=[classroom.pk])
    assert student_client.get(url).status_code == 403


def test_another_teachers_projector_is_a_404(client, classroom):
    client.force_login(make_teacher())
    url = reverse("teaching:projector", args=[classroom.pk])
    assert client.get(url).status_code == 404


def test_the_projector_takes_the_same_queries_however_big_the_class(
    teacher_client, classroom, django_assert_num_queries
):
    url = reverse("teaching:projector", args=[classroom.pk])
    teacher_client.get(url)
    with django_assert_num_queries(4):
        teacher_client.get(url)
    for _ in range(5):
        student = make_student()
        enrol_student(student=student, join_code=classroom.join_code)
    with django_assert_num_queries(4):
        teacher_client.get(url)
