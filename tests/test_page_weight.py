"""Page weight (issue #10): no page over 150 KB transferred, compressed, and
no request leaves the server.

A page's weight is its HTML plus every asset it makes the browser fetch
(stylesheets with what they @import, scripts, images, frames), each compressed
as the server sends it: the page as GZipMiddleware sends it to a browser that
asks, static files gzipped as WhiteNoise serves them. Images that stylesheets
name with url() load only when a rule uses them, so they are not weighed, but
they must stay on the server like everything else the page loads.

Links (<a href>) may point anywhere: lessons cite their sources on other
sites, and following a link is the reader's choice, not a request the page
makes.
"""

import gzip
import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from civics import services
from civics.course_loader import load_curriculum
from civics.models import Attempt, Lesson, Question
from teaching.models import Classroom, Enrolment
from tests.factories import (
    make_assignment,
    make_classroom,
    make_progress,
    make_student,
    make_submitted_attempt,
    make_teacher,
    wrong_responses,
)
from tools.handshake import ROUTES

pytestmark = pytest.mark.django_db

LIMIT_KB = 150

# Tag -> attributes whose URL the browser loads (or sends the page's data to)
# when it shows the page.
LOADED = {
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src", "formaction"),
    "button": ("formaction",),
    "form": ("action",),
    "base": ("href",),
}
# Of those, what is fetched with the page and so weighed. (A link's rel
# decides whether it is fetched at all: rel="canonical" is not.)
WEIGHED = {"link", "script", "img", "iframe", "frame", "source", "video", "audio"}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")


def _css_urls(css):
    """Every URL a stylesheet names, once: url(...) and @import."""
    return list(dict.fromkeys(CSS_URL.findall(css) + CSS_IMPORT.findall(css)))


class _PageURLs(HTMLParser):
    """The URLs a page loads or sends to, from its tags, inline styles and a
    refresh; and which of them are fetched with the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loaded = []
        self.fetched = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        for name in LOADED.get(tag, ()):
            if name not in attrs:
                continue
            urls = (
                [part.split()[0] for part in attrs[name].split(",") if part.strip()]
                if name == "srcset"
                else [attrs[name]]
            )
            self.loaded += urls
            rels = set(attrs.get("rel", "").lower().split())
            if tag in WEIGHED and (tag != "link" or rels & FETCHED_LINKS):
                self.fetched += urls
        if "style" in attrs:
            self.loaded += _css_urls(attrs["style"])
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.loaded += re.findall(
                r"url\s*=\s*(\S+)", attrs.get("content", ""), re.I
            )
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.loaded += _css_urls(data)


def _stays_on_the_server(url):
    """Relative, or a path on this server; a data: URL is no request at all.
    "//host/x" starts with "/" but goes to another host."""
    parts = urlsplit(url.strip())
    return parts.scheme == "data" or not (parts.scheme or parts.netloc)


def _gzipped(content):
    # Level 6, what proxies commonly use; WhiteNoise's own precompressed
    # static files (level 9) come out a little smaller.
    return len(gzip.compress(content, compresslevel=6))


@dataclass
class Weighed:
    raw_html_kb: float
    html_kb: float
    assets_kb: float
    off_server: list = field(default_factory=list)

    @property
    def total_kb(self):
        return self.html_kb + self.assets_kb


def _content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _asset(client, url):
    """An asset's bytes: static files from where collectstatic finds them,
    anything else (the admin's JavaScript catalogue) from the app."""
    path = urlsplit(url).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        assert found, f"{url} is not a static file"
        with open(found, "rb") as file:
            return file.read()
    response = client.get(url)
    assert response.status_code == 200, url
    return _content(response)


def _weigh(client, url):
    """Load the page as a browser does, asking for it compressed, and weigh
    it with what it fetches; list every URL it loads that leaves the server."""
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200, url
    sent = _content(response)
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(sent)
    else:
        content = sent
    weighed = Weighed(
        raw_html_kb=len(content) / 1024, html_kb=len(sent) / 1024, assets_kb=0
    )
    if not response["Content-Type"].startswith("text/html"):
        return weighed
    page = _PageURLs()
    page.feed(content.decode())
    weighed.off_server = [u for u in page.loaded if not _stays_on_the_server(u)]
    seen = set()
    queue = [urljoin(url, u) for u in page.fetched if _stays_on_the_server(u)]
    while queue:
        asset_url = queue.pop()
        if asset_url in seen or asset_url.startswith("data:"):
            continue
        seen.add(asset_url)
        body = _asset(client, asset_url)
        weighed.assets_kb += _gzipped(body) / 1024
        if urlsplit(asset_url).path.endswith(".css"):
            css = body.decode()
            weighed.off_server += [
                f"{u} (in {asset_url})"
                for u in _css_urls(css)
                if not _stays_on_the_server(u)
            ]
            queue += [
                urljoin(asset_url, u)
                for u in CSS_IMPORT.findall(css)
                if _stays_on_the_server(u)
            ]
    return weighed


# The site, built once for the module: the shipped course, a student who has
# worked through part of it, and their teacher's classes of 35 and of 200.


@dataclass
class Site:
    lesson: Lesson
    student: User
    teacher: User
    class_35: Classroom
    class_200: Classroom
    open_attempt: Attempt
    submitted_attempt: Attempt
    review: Attempt


def _build_site():
    load_curriculum()
    lessons = list(Lesson.objects.select_related("quiz"))
    # The heaviest lesson page: the longest lesson, with its quiz.
    lesson = max(lessons, key=lambda lesson: len(lesson.body_html))
    biggest_quiz = max(
        (lesson.quiz for lesson in lessons), key=lambda quiz: quiz.questions.count()
    )
    teacher = make_teacher()
    student = make_student()
    class_35 = make_classroom(teacher=teacher, students=[student])
    class_200 = make_classroom(teacher=teacher, students=[student])
    today = timezone.localdate()
    for classroom, size in ((class_35, 35), (class_200, 200)):
        students = User.objects.bulk_create(
            User(username=f"{classroom.join_code}-student-{n:03}")
            for n in range(1, size)
        )
        Enrolment.objects.bulk_create(
            Enrolment(classroom=classroom, student=s) for s in students
        )
        for n, each in enumerate(lessons):
            make_assignment(
                classroom=classroom, lesson=each, due_on=today + timedelta(days=n - 7)
            )
        make_progress(students, lessons)
    # The student: several lessons tried, some missed, one review started,
    # one quiz open; some classmates' answers for the question analysis.
    for each in lessons[:6]:
        make_submitted_attempt(
            student=student, quiz=each.quiz, responses=wrong_responses(each.quiz)
        )
        make_submitted_attempt(student=student, quiz=each.quiz)
    submitted_attempt = make_submitted_attempt(
        student=student, quiz=biggest_quiz, responses=wrong_responses(biggest_quiz)
    )
    for classmate in class_35.students.exclude(pk=student.pk)[:10]:
        make_submitted_attempt(student=classmate, quiz=biggest_quiz)
    open_attempt = services.start_attempt(
        student=student, quiz=biggest_quiz, now=timezone.now()
    )
    review = services.start_review(
        student=student, now=timezone.now() + timedelta(days=1)
    )
    return Site(
        lesson=lesson,
        student=student,
        teacher=teacher,
        class_35=class_35,
        class_200=class_200,
        open_attempt=open_attempt,
        submitted_attempt=submitted_attempt,
        review=review,
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """Built once, in a transaction rolled back after the module's last test
    (as Django's TestCase.setUpTestData does); each test's own transaction
    nests inside it, so what a test changes is undone after it."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield _build_site()
        transaction.set_rollback(True)


def _url(name, *args, **query):
    url = reverse(name, args=args)
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


# Page -> who opens it and its URL.
PAGES = {
    "visitor: course home": ("visitor", lambda s: _url("civics:course_home")),
    "visitor: lesson": ("visitor", lambda s: s.lesson.get_absolute_url()),
    "visitor: glossary": ("visitor", lambda s: _url("civics:glossary")),
    "visitor: tools index": ("visitor", lambda s: _url("tools:index")),
    "visitor: Senate vote calculator": (
        "visitor",
        lambda s: _url("tools:vote_calculator", voting=98, yes=65),
    ),
    "visitor: handshake to law": (
        "visitor",
        lambda s: _url("tools:handshake_walk", route=next(iter(ROUTES))),
    ),
    "visitor: summit timeline": ("visitor", lambda s: _url("tools:summit_timeline")),
    "visitor: log in": ("visitor", lambda s: _url("login")),
    "visitor: sign up": ("visitor", lambda s: _url("signup")),
    "student: course home": ("student", lambda s: _url("civics:course_home")),
    "student: lesson": ("student", lambda s: s.lesson.get_absolute_url()),
    "student: quiz page": ("student", lambda s: s.open_attempt.get_absolute_url()),
    "student: review quiz page": ("student", lambda s: s.review.get_absolute_url()),
    "student: results": ("student", lambda s: s.submitted_attempt.get_absolute_url()),
    "student: my progress": ("student", lambda s: _url("civics:my_progress")),
    "student: join a class": ("student", lambda s: _url("teaching:join")),
    "student: glossary": ("student", lambda s: _url("civics:glossary")),
    "teacher: class list": ("teacher", lambda s: _url("teaching:classroom_list")),
    "teacher: class dashboard, 35 students": (
        "teacher",
        lambda s: s.class_35.get_absolute_url(),
    ),
    "teacher: class dashboard, 200 students": (
        "teacher",
        lambda s: s.class_200.get_absolute_url(),
    ),
    "teacher: student drill-down": (
        "teacher",
        lambda s: _url("teaching:student_detail", s.class_200.pk, s.student.pk),
    ),
    "teacher: a student's results": (
        "teacher",
        lambda s: s.submitted_attempt.get_absolute_url(),
    ),
    "teacher: item analysis": (
        "teacher",
        lambda s: _url(
            "teaching:item_analysis",
            s.class_35.pk,
            s.submitted_attempt.quiz.lesson_id,
        ),
    ),
    "teacher: gradebook CSV, 200 students": (
        "teacher",
        lambda s: _url("teaching:gradebook_csv", s.class_200.pk),
    ),
    "teacher: student data export": (
        "teacher",
        lambda s: _url("teaching:student_export", s.class_200.pk, s.student.pk),
    ),
    "teacher: lesson preview": (
        "teacher",
        lambda s: _url("civics:lesson_preview", s.lesson.slug),
    ),
    "admin: index": ("teacher", lambda s: _url("admin:index")),
    "admin: lesson list": (
        "teacher",
        lambda s: _url("admin:civics_lesson_changelist"),
    ),
    "admin: new lesson": ("teacher", lambda s: _url("admin:civics_lesson_add")),
    "admin: lesson editor": (
        "teacher",
        lambda s: _url(
            "admin:civics_lesson_change", s.submitted_attempt.quiz.lesson_id
        ),
    ),
    "admin: question list": (
        "teacher",
        lambda s: _url("admin:civics_question_changelist"),
    ),
    "admin: question editor": (
        "teacher",
        lambda s: _url(
            "admin:civics_question_change",
            Question.objects.filter(quiz=s.submitted_attempt.quiz).first().pk,
        ),
    ),
}


@pytest.fixture
def browser_for(site, client, visitor):
    def browser(who):
        if who == "visitor":
            return visitor
        client.force_login(site.student if who == "student" else site.teacher)
        return client

    return browser


@pytest.mark.parametrize("page", PAGES)
def test_a_page_with_everything_it_loads_weighs_at_most_150_kb_compressed(
    site, browser_for, page
):
    who, url = PAGES[page]
    weighed = _weigh(browser_for(who), url(site))
    print(
        f"{page}: HTML {weighed.html_kb:.1f} KB ({weighed.raw_html_kb:.0f} KB raw)"
        f" + assets {weighed.assets_kb:.1f} KB = {weighed.total_kb:.1f} KB gzipped"
    )
    assert weighed.total_kb <= LIMIT_KB, (
        f"{page} weighs {weighed.total_kb:.1f} KB gzipped (HTML "
        f"{weighed.html_kb:.1f} KB, {weighed.raw_html_kb:.0f} KB before "
        f"compression; assets {weighed.assets_kb:.1f} KB)"
    )


@pytest.mark.parametrize("page", PAGES)
def test_nothing_a_page_loads_comes_from_another_server(site, browser_for, page):
    who, url = PAGES[page]
    assert _weigh(browser_for(who), url(site)).off_server == []


def test_the_check_finds_every_kind_of_request_to_another_server():
    page = _PageURLs()
    page.feed(
        '<link rel="stylesheet" href="https://cdn.example.com/site.css">'
        '<link rel="preconnect" href="https://fonts.example.com">'
        '<script src="//cdn.example.com/app.js"></script>'
        '<img src="/static/a.png" srcset="/static/a.png 1x, http://x.example/b.png 2x">'
        '<iframe src="https://video.example.com/embed/1"></iframe>'
        '<form action="https://forms.example.com/post"></form>'
        "<div style=\"background: url('https://img.example.com/bg.png')\"></div>"
        "<style>@import url(https://fonts.example.com/a.css);</style>"
        '<a href="https://www.senate.gov/">a cited source</a>'
        '<img src="data:image/png;base64,AAAA"><form action=""></form>'
    )
    assert [u for u in page.loaded if not _stays_on_the_server(u)] == [
        "https://cdn.example.com/site.css",
        "https://fonts.example.com",
        "//cdn.example.com/app.js",
        "http://x.example/b.png",
        "https://video.example.com/embed/1",
        "https://forms.example.com/post",
        "https://img.example.com/bg.png",
        "https://fonts.example.com/a.css",
    ]


def test_pages_are_sent_compressed_to_browsers_that_ask(client):
    response = client.get(
        reverse("civics:course_home"), headers={"accept-encoding": "gzip"}
    )
    assert response["Content-Encoding"] == "gzip"
    assert b"<h1" in gzip.decompress(response.content)
