"""An id too large for the database in a URL is a page that does not exist,
never a 500: SQLite cannot even be asked about a number past 64 bits
(OverflowError), where PostgreSQL answers "no such row" (issue 19, finding 8).
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Version

from civics import history
from civics.models import Lesson
from tests.factories import (
    make_assignment,
    make_classroom,
    make_quiz,
    make_student,
    make_submitted_attempt,
)

pytestmark = pytest.mark.django_db

HUGE = "9" * 20
# The largest id every supported database holds (a signed 64-bit integer) has
# 19 digits; the URLs take up to 18, enough for any id a site will reach.
LONGEST = "9" * 18
# Stands for the part under test while the URL is built, then replaced.
STAND_IN = 987654321


def _numeric(converter):
    """Takes digits and only digits, as an id does."""
    return bool(re.fullmatch(converter.regex, "123")) and not re.fullmatch(
        converter.regex, "a"
    )


def _id_routes(patterns=None, namespace=""):
    """(URL name, [names of its numeric parts]) for every route of the site's
    own apps; the admin's are tested below."""
    routes = []
    for pattern in patterns or get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name in {"admin", "nested_admin"}:
                continue
            prefix = f"{pattern.namespace}:" if pattern.namespace else namespace
            routes += _id_routes(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            numeric = [
                name
                for name, converter in pattern.pattern.converters.items()
                if _numeric(converter)
            ]
            if numeric:
                routes.append((f"{namespace}{pattern.name}", numeric))
    return routes


ID_ROUTES = _id_routes()


@pytest.fixture
def world(teacher):
    """A teacher's class, an enrolled student, an assignment and an attempt:
    every id the site's URLs take, as their owners would use them."""
    student = make_student()
    classroom = make_classroom(teacher=teacher, students=[student])
    attempt = make_submitted_attempt(student=student, quiz=make_quiz())
    lesson = attempt.quiz.lesson
    assignment = make_assignment(
        classroom=classroom, lesson=lesson, due_at=timezone.now()
    )
    return {
        "teacher": teacher,
        "student": student,
        "teaching": {
            "pk": classroom.pk,
            "assignment_pk": assignment.pk,
            "student_pk": student.pk,
            "lesson_pk": lesson.pk,
        },
        "civics": {"pk": attempt.pk, "answer_pk": attempt.answers.first().pk},
    }


def test_every_id_route_of_the_site_is_tested():
    names = {name for name, _ in ID_ROUTES}
    assert {"civics:attempt_result", "teaching:student_detail"} <= names
    assert len(ID_ROUTES) >= 20


@pytest.mark.parametrize(
    ("name", "part"),
    [(name, part) for name, parts in ID_ROUTES for part in parts],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_huge_id_in_a_url_is_not_found(client, world, name, part, method):
    namespace = name.split(":")[0]
    client.force_login(world["student" if namespace == "civics" else "teacher"])
    kwargs = {key: world[namespace][key] for key in dict(ID_ROUTES)[name]}
    url = reverse(name, kwargs=kwargs | {part: STAND_IN})
    url = url.replace(f"/{STAND_IN}", f"/{HUGE}")
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.parametrize(
    "digits", [LONGEST, "9223372036854775807", "9223372036854775808"]
)
def test_ids_about_the_databases_limit_are_not_found(client, world, digits):
    client.force_login(world["teacher"])
    assert client.get(f"/teach/classes/{digits}/").status_code == 404


def test_an_id_of_eighteen_digits_still_makes_a_url():
    url = reverse("teaching:classroom_detail", kwargs={"pk": int(LONGEST)})
    assert url == f"/teach/classes/{LONGEST}/"


# The admin's pages for one object, by a missing id of ordinary size and by a
# huge one: both must answer alike (the admin redirects to its index).
ADMIN_OBJECT_PAGES = [
    (model._meta.app_label, model._meta.model_name, page)
    for model in admin.site._registry
    for page in ("change", "history", "delete")
]


@pytest.mark.parametrize(("app", "model", "page"), ADMIN_OBJECT_PAGES)
def test_a_huge_id_in_the_admin_is_a_missing_object(admin_client, app, model, page):
    missing = admin_client.get(f"/admin/{app}/{model}/{LONGEST}/{page}/")
    huge = admin_client.get(f"/admin/{app}/{model}/{HUGE}/{page}/")
    assert huge.status_code == missing.status_code != 500
    assert huge.get("Location") == missing.get("Location")


@pytest.fixture
def edited_lesson(teacher, lesson):
    history.record(lesson, user=teacher, comment="Edited.")
    return Lesson.objects.get(pk=lesson.pk)


@pytest.mark.parametrize(
    "path",
    [
        "{lesson}/history/{huge}/",
        "{lesson}/history/changes/{huge}/",
        "{huge}/history/changes/{revision}/",
        "{huge}/history/{version}/",
        "recover/{huge}/",
    ],
)
def test_a_huge_id_in_a_lessons_history_is_not_found(
    teacher_client, edited_lesson, path
):
    version = Version.objects.get_for_object(edited_lesson).first()
    url = "/admin/civics/lesson/" + path.format(
        lesson=edited_lesson.pk,
        huge=HUGE,
        revision=version.revision_id,
        version=version.pk,
    )
    response = teacher_client.get(url, follow=True)
    # A 404, or the admin's index saying no such lesson exists (where the
    # admin sends any address under a lesson that is not one of its pages).
    if response.status_code != 404:
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == reverse("admin:index")
        assert "doesn\u2019t exist" in response.content.decode()


# Forms and the admin's filters: numbers the URL converters never see.


def test_a_forged_huge_lesson_id_in_the_assign_form_is_a_400(teacher_client, teacher):
    classroom = make_classroom(teacher=teacher)
    response = teacher_client.post(
        reverse("teaching:assignment_save", args=[classroom.pk]), {"lessons": HUGE}
    )
    assert response.status_code == 400
    assert not classroom.assignments.exists()


@pytest.mark.parametrize(
    "url",
    [
        f"/admin/civics/question/?quiz={HUGE}",
        f"/admin/civics/lesson/?unit={HUGE}",
    ],
)
def test_an_admin_list_filtered_by_a_huge_id_is_never_a_500(admin_client, url):
    assert admin_client.get(url).status_code in (200, 302, 400)
