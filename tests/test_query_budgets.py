"""Query budgets for every page (issue #10): a page costs the same number of
queries however much it lists, so a class of 200 costs no more queries than a
class of 35. Each test loads a page with a small data set, adds more of what
the page lists, and loads it again; an N+1 (a query per row) shows up as a
count that grows between the two.

Every budget is in QUERIES: change a page's number there when its view is made
cheaper or does more on purpose. A failing test prints the queries it ran.

The tools are pinned in test_tools.py instead (none for a visitor; a signed-in
student's session only), and the student data export in test_privacy.py.
"""

import functools
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from reversion.models import Version

from civics import history, services
from civics.kinds import QuestionKind
from civics.models import KeyTerm, Lesson, Source
from teaching.models import Enrolment
from teaching.services import give_another_try
from tests.factories import (
    OTHER_KINDS,
    as_post_data,
    correct_responses,
    make_assignment,
    make_authenticator,
    make_classroom,
    make_lesson,
    make_progress,
    make_question,
    make_quiz,
    make_student,
    make_submitted_attempt,
    make_superuser,
    make_unit,
    wrong_responses,
)

pytestmark = pytest.mark.django_db

# Page -> queries for one request. A signed-in request reads its user (the
# session comes from the cache); a teacher's then reads their own and their
# groups' permissions (2), once, for the access check and the menu: "the
# teacher's 3" below. Students are not staff, so theirs skip the permissions.
QUERIES = {
    # Visitors: no session, no user. Their course pages are rendered once per
    # change of content and then come from the cache.
    "visitor: course home": 1,  # lessons with their units
    "visitor: lesson": 3,  # lesson with its number of questions, sources, terms
    "visitor: glossary": 1,
    "visitor: a page from the cache": 0,
    "anyone: health check": 0,  # what load balancers poll, and the floor
    "visitor: tools index": 0,
    "visitor: Senate vote calculator": 0,
    "visitor: handshake to law": 0,
    "visitor: summit timeline": 0,
    "visitor: log in": 0,
    "visitor: sign up": 0,
    # Students.
    # User; lessons, each with the quiz the student has open there (a
    # subquery in the same query); progress; assignments; reviews due.
    "student: course home": 5,
    # ...and, once their teacher gave them another try, the attempts since.
    "student: course home, with another try": 6,
    # User, lesson with its number of questions, sources, key terms; recording
    # the reading (first visit: select, then insert in a savepoint; later:
    # select); the open attempt; the notes of the student's classes.
    "student: lesson, first visit": 10,
    "student: lesson, return visit": 7,
    "student: quiz page": 5,  # user, attempt, answers, choices, picks
    # The quiz page's 5, and the look for questions of lessons unpublished
    # since the review started (none, usually: one select).
    "student: review quiz page": 6,
    # User; the view reads the attempt (4); the service, in a savepoint, locks
    # it and checks it is still open (1), replaces the answers (3, 1 more for numeric
    # ones), saves the attempt, creates progress (select, insert in a
    # savepoint, update) and reads the review schedule (1, and 1 more to add
    # missed questions to it).
    "student: submit a quiz": 19,
    "student: submit a quiz with wrong answers": 20,
    "student: results": 6,  # user, attempt, answers, choices, picks, next lesson
    # User, lessons (with open quizzes, as on the course home), progress,
    # reviews due.
    "student: my progress": 4,
    "student: join a class": 1,
    "student: glossary": 2,
    # Teachers: the teacher's 3, the class, then the page's own.
    "teacher: class list": 4,
    # Assignments, roster, progress, open quizzes (whose students are "In
    # progress"), extra time; the menu of lessons to assign comes from the
    # cache but after a content change or a change of the class's lessons,
    # when it asks whether any are left, then lists them.
    "teacher: class dashboard": 9,
    "teacher: class dashboard, lesson menu rendered": 11,
    "teacher: gradebook CSV": 9,  # the dashboard's, but no lessons to assign
    # Once a student of the class had another try (the assignments say so in
    # their own query): the latest tries, then the attempts submitted since.
    "teacher: class dashboard, with another try": 11,
    "teacher: gradebook CSV, with another try": 11,
    # The teacher's 3, the class, the enrolment, the grid's 5 (as on the
    # dashboard), the submitted attempts, the other tries they were given.
    "teacher: student drill-down": 12,
    "teacher: student drill-down, with another try": 14,  # the grid's 2 more
    # The teacher's 3, the class, the assignment (and the enrolment for one
    # student), the latest tries, the attempts that count.
    "teacher: another try for one student": 8,
    "teacher: another try for the class": 7,
    # The teacher's 3, the class, the assignment with its lesson.
    "teacher: due date page": 5,
    # ...then the student's enrolment and their extra time, if any.
    "teacher: extra time page": 7,
    # Its last query: the teacher's classes the student is in, to link back to.
    "teacher: a student's results": 8,
    # The teacher's 3, the class, the assignment with its quiz, the latest
    # attempts, the counts per question, the top wrong choices and numbers,
    # the answers short of full credit with their students, the questions.
    "teacher: item analysis": 11,
    "teacher: student data export": 14,  # with the extra time given them
    "teacher: lesson preview": 6,  # lesson with its question count, sources, terms
    # The teacher's 3, the lesson with its quiz, the questions, their choices;
    # a dry run writes nothing, so its submit costs the same.
    "teacher: quiz preview": 6,
    "teacher: quiz preview, submitted": 6,
    # With STAFF_TWO_FACTOR = "staff", every page of a teacher's session also
    # reads the authenticator app they gave a code from: one more.
    "teacher: class list, two-factor on": 5,
    # Two-factor sign-in: the user, then whether their app is set up.
    "staff: two-factor code page": 2,
    # The user, whether their app is set up, the app being set up (none yet:
    # a select, then an insert).
    "staff: two-factor set-up page": 4,
    # Teachers editing the course in the admin.
    "admin: index": 4,
    "admin: course content": 3,
    "admin: unit list": 6,
    "admin: unit editor": 4,
    "admin: lesson list": 7,
    "admin: new lesson": 6,
    # Its text, sources and key terms, and its quiz's number of questions for
    # the link to the quiz page (the questions are not on this page).
    "admin: lesson editor": 10,
    "admin: lesson history": 6,
    "admin: what changed in a version": 8,
    # Grows with the lesson, by design: to show an old version, django-reversion
    # writes every part of the lesson back (one savepoint and update per row,
    # rolled back afterwards). Counted for the two lessons restored below.
    # Three of them check first that it moves no answered question or picked
    # choice back (the version's questions and choices, then each model's);
    # a few more ask whose answers, submitted or drafts, stand in its way
    # (civics.history.answers_in_the_way_of_restoring).
    "admin: restore a version, 2 questions": 103,
    "admin: restore a version, 15 questions, 10 sources, 10 terms": 450,
    "admin: recover deleted lessons": 4,
    "admin: question list": 7,
    "admin: new question": 4,
    "admin: question editor": 6,
    # The teacher's 3, the question, its choices, the attempts that answered
    # it, their answers and choices made, then the students' other attempts
    # at the quiz and their progress.
    "admin: regrade dry run": 10,
    # The teacher's 3, the quiz with its lesson, its questions with how many
    # students answered each (one annotated query).
    "admin: quiz page": 5,
    # The teacher's 3, the lesson objectives of the quiz it is opened for
    # (the objective menu), and the quiz menu, whatever the kind.
    "admin: new question of a kind": 5,
    # The teacher's 3, the quiz with its lesson (the preview reads the pasted
    # text only); the export reads the questions and their choices too.
    "admin: import questions, preview": 4,
    "admin: export questions": 6,
}


@pytest.fixture
def within_budget(django_assert_num_queries):
    """Load a page and check it costs exactly its budget and answers `status`.

    Content types are cached per process, and a running server has them after
    its first admin page, so budgets are counted with the cache filled."""

    def check(page, load, *, status=200):
        ContentType.objects.get_for_models(*apps.get_models())
        with django_assert_num_queries(QUERIES[page]):
            response = load()
        assert response.status_code == status, page
        return response

    return check


@pytest.fixture
def content_committed(django_capture_on_commit_callbacks):
    """Course content written as a teacher's edit is: committed, which retires
    the visitors' cached pages (a test's own transaction never commits)."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


# Data


def _lesson(*, unit=None, sources=1, terms=1, questions=2, kinds=(), **fields):
    """A lesson with sources, key terms and a quiz."""
    lesson = make_lesson(unit=unit, **fields)
    Source.objects.bulk_create(
        Source(
            lesson=lesson,
            position=n,
            title=f"Source {n}",
            url=f"https://www.senate.gov/{lesson.slug}/{n}",
        )
        for n in range(sources)
    )
    KeyTerm.objects.bulk_create(
        KeyTerm(
            lesson=lesson,
            position=n,
            term=f"{lesson.slug} term {n}",
            definition="One plain sentence.",
        )
        for n in range(terms)
    )
    make_quiz(lesson=lesson, questions=questions, choices=4, kinds=kinds)
    return lesson


def _large_lesson(extras):
    """The large side of the small-versus-large tests: 15 questions, one of
    every kind among them, and `extras` sources and key terms."""
    return _lesson(
        sources=extras,
        terms=extras,
        questions=15 - len(OTHER_KINDS),
        kinds=OTHER_KINDS,
    )


def _lessons(count, *, units=1, **fields):
    unit_list = [make_unit() for _ in range(units)]
    return [_lesson(unit=unit_list[n % units], **fields) for n in range(count)]


def _quiz(questions):
    """A quiz of `questions` questions, four of them the kinds other than
    single choice, so a small and a large quiz write the same kinds of rows."""
    return make_quiz(questions=questions - len(OTHER_KINDS), kinds=OTHER_KINDS)


def _students(classroom, count):
    students = [make_student() for _ in range(count)]
    Enrolment.objects.bulk_create(
        Enrolment(classroom=classroom, student=student) for student in students
    )
    return students


def _assign(classroom, lessons):
    today = timezone.localdate()
    for n, lesson in enumerate(lessons):
        make_assignment(
            classroom=classroom, lesson=lesson, due_on=today + timedelta(days=n - 2)
        )


def _attempts(student, lessons, *, wrong=False):
    """A submitted attempt at each lesson's quiz; wrong ones put its questions
    into the student's review."""
    for lesson in lessons:
        quiz = lesson.quiz
        make_submitted_attempt(
            student=student,
            quiz=quiz,
            responses=wrong_responses(quiz) if wrong else None,
        )


def _open_quizzes(student, lessons):
    """A quiz started and left open at each lesson: "In progress"."""
    for lesson in lessons:
        services.start_attempt(student=student, quiz=lesson.quiz, now=timezone.now())


@pytest.fixture
def course():
    """Fourteen lessons of one question each, as many as the shipped course."""
    return _lessons(14, units=4, questions=1)


# Visitors

COURSE_HOME = reverse("civics:course_home")
GLOSSARY = reverse("civics:glossary")


@pytest.mark.parametrize(
    ("page", "url"),
    [("visitor: course home", COURSE_HOME), ("visitor: glossary", GLOSSARY)],
)
def test_course_wide_pages_cost_a_visitor_the_same_for_3_and_30_lessons(
    visitor, within_budget, content_committed, page, url
):
    with content_committed():
        _lessons(3)
    within_budget(page, lambda: visitor.get(url))
    within_budget("visitor: a page from the cache", lambda: visitor.get(url))
    with content_committed():
        _lessons(27, units=5, terms=3)
    within_budget(page, lambda: visitor.get(url))


def test_a_lesson_costs_a_visitor_the_same_with_1_or_20_sources_and_terms(
    visitor, within_budget
):
    for lesson in (
        _lesson(sources=1, terms=1, questions=2),
        _large_lesson(20),
    ):
        url = lesson.get_absolute_url()
        within_budget("visitor: lesson", lambda url=url: visitor.get(url))
        within_budget(
            "visitor: a page from the cache", lambda url=url: visitor.get(url)
        )


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("visitor: tools index", "tools:index"),
        ("visitor: Senate vote calculator", "tools:vote_calculator"),
        ("visitor: handshake to law", "tools:handshake_walk"),
        ("visitor: summit timeline", "tools:summit_timeline"),
        ("visitor: log in", "login"),
        ("visitor: sign up", "signup"),
        ("anyone: health check", "health"),
    ],
)
def test_pages_without_data_cost_a_visitor_the_same_with_a_larger_site(
    visitor, within_budget, page, name
):
    url = reverse(name)
    _lessons(2)
    within_budget(page, lambda: visitor.get(url))
    _lessons(10)
    make_classroom(students=[make_student() for _ in range(10)])
    within_budget(page, lambda: visitor.get(url))


# Students


def test_the_course_home_costs_a_student_the_same_for_3_and_30_lessons(
    student_client, student, teacher, within_budget
):
    lessons = _lessons(3)
    classroom = make_classroom(teacher=teacher, students=[student])
    _assign(classroom, lessons[:1])
    make_progress([student], lessons)
    within_budget("student: course home", lambda: student_client.get(COURSE_HOME))
    more = _lessons(27, units=5)
    _assign(classroom, more[:10])
    for _ in range(2):
        _assign(make_classroom(teacher=teacher, students=[student]), more[10:20])
    make_progress([student], more)
    _open_quizzes(student, more[:12])
    _attempts(student, more[12:15], wrong=True)
    within_budget("student: course home", lambda: student_client.get(COURSE_HOME))


def test_the_course_home_costs_a_student_the_same_with_another_try_at_1_or_10(
    student_client, student, teacher, within_budget
):
    lessons = _lessons(12)
    classroom = make_classroom(teacher=teacher, students=[student])
    _assign(classroom, lessons)
    _attempts(student, lessons[:1])
    _another_try(classroom, [student], lessons[:1])
    page = "student: course home, with another try"
    within_budget(page, lambda: student_client.get(COURSE_HOME))
    _attempts(student, lessons[1:10])
    _another_try(classroom, [student], lessons[1:10])
    _attempts(student, lessons[:5])
    within_budget(page, lambda: student_client.get(COURSE_HOME))


def test_a_lesson_costs_a_student_the_same_with_1_or_20_sources_and_terms(
    student_client, student, within_budget
):
    large = _large_lesson(20)
    for _ in range(5):
        make_submitted_attempt(student=make_student(), quiz=large.quiz)
    services.start_attempt(student=student, quiz=large.quiz, now=timezone.now())
    for lesson in (_lesson(sources=1, terms=1, questions=2), large):
        url = lesson.get_absolute_url()
        for page in ("student: lesson, first visit", "student: lesson, return visit"):
            within_budget(page, lambda url=url: student_client.get(url))


def _take(client, attempt):
    return client.get(reverse("civics:attempt_take", args=[attempt.pk]))


def test_the_quiz_page_costs_the_same_for_5_and_15_questions(
    student_client, student, within_budget
):
    for quiz in (_quiz(5), _quiz(15)):
        attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
        within_budget("student: quiz page", lambda a=attempt: _take(student_client, a))


def test_the_review_quiz_page_costs_the_same_for_3_and_10_questions_due(
    client, within_budget
):
    tomorrow = timezone.now() + timedelta(days=1)
    for missed in (3, 10):
        student = make_student()
        quiz = make_quiz(questions=missed)
        make_submitted_attempt(
            student=student, quiz=quiz, responses=wrong_responses(quiz)
        )
        review = services.start_review(student=student, now=tomorrow)
        assert review.answers.count() == missed
        client.force_login(student)
        within_budget("student: review quiz page", lambda r=review: _take(client, r))


@pytest.mark.parametrize(
    ("page", "responses"),
    [
        ("student: submit a quiz", correct_responses),
        ("student: submit a quiz with wrong answers", wrong_responses),
    ],
)
def test_submitting_a_quiz_costs_the_same_for_5_and_15_questions(
    student_client, student, within_budget, page, responses
):
    for quiz in (_quiz(5), _quiz(15)):
        attempt = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
        url = reverse("civics:attempt_take", args=[attempt.pk])
        data = {"action": "submit", **as_post_data(responses(quiz))}
        within_budget(
            page,
            lambda url=url, data=data: student_client.post(url, data),
            status=302,
        )


def test_the_results_page_costs_the_same_for_5_and_15_questions(
    student_client, student, within_budget
):
    for quiz in (_quiz(5), _quiz(15)):
        attempt = make_submitted_attempt(student=student, quiz=quiz)
        url = reverse("civics:attempt_result", args=[attempt.pk])
        within_budget("student: results", lambda url=url: student_client.get(url))


MY_PROGRESS = reverse("civics:my_progress")


def test_my_progress_costs_the_same_for_3_and_30_lessons_and_reviews(
    student_client, student, within_budget
):
    lessons = _lessons(3)
    _attempts(student, lessons[:2], wrong=True)
    within_budget("student: my progress", lambda: student_client.get(MY_PROGRESS))
    more = _lessons(27, units=5)
    _attempts(student, more[:10], wrong=True)
    make_progress([student], more[10:])
    _open_quizzes(student, more[:20])
    within_budget("student: my progress", lambda: student_client.get(MY_PROGRESS))


JOIN = reverse("teaching:join")


def test_the_join_page_costs_the_same_in_no_class_or_in_5(
    student_client, student, within_budget
):
    within_budget("student: join a class", lambda: student_client.get(JOIN))
    for _ in range(5):
        make_classroom(students=[student])
    within_budget("student: join a class", lambda: student_client.get(JOIN))


def test_the_glossary_costs_a_student_the_same_for_3_and_60_terms(
    student_client, within_budget
):
    _lessons(3)
    within_budget("student: glossary", lambda: student_client.get(GLOSSARY))
    _lessons(6, terms=10)
    within_budget("student: glossary", lambda: student_client.get(GLOSSARY))


# Teachers

CLASS_LIST = reverse("teaching:classroom_list")


def test_the_class_list_costs_the_same_for_1_and_8_classes(
    teacher_client, teacher, within_budget
):
    lessons = _lessons(3)
    classroom = make_classroom(teacher=teacher)
    _students(classroom, 3)
    _assign(classroom, lessons)
    within_budget("teacher: class list", lambda: teacher_client.get(CLASS_LIST))
    for _ in range(7):
        classroom = make_classroom(teacher=teacher)
        _students(classroom, 5)
        _assign(classroom, lessons)
    within_budget("teacher: class list", lambda: teacher_client.get(CLASS_LIST))


def test_with_two_factor_on_a_teacher_page_costs_one_query_more(
    teacher_client, teacher, within_budget, settings
):
    settings.STAFF_TWO_FACTOR = "staff"
    session = teacher_client.session
    session[DEVICE_ID_SESSION_KEY] = make_authenticator(teacher).persistent_id
    session.save()
    make_classroom(teacher=teacher)
    within_budget(
        "teacher: class list, two-factor on", lambda: teacher_client.get(CLASS_LIST)
    )


@pytest.mark.parametrize(
    ("first_page", "page", "name"),
    [
        (
            "teacher: class dashboard, lesson menu rendered",
            "teacher: class dashboard",
            "teaching:classroom_detail",
        ),
        ("teacher: gradebook CSV", "teacher: gradebook CSV", "teaching:gradebook_csv"),
    ],
)
def test_the_class_dashboard_costs_the_same_queries_for_35_and_200_students(
    teacher_client, teacher, course, within_budget, first_page, page, name
):
    classroom = make_classroom(teacher=teacher)
    url = reverse(name, args=[classroom.pk])
    first = _students(classroom, 35)
    _assign(classroom, course[:3])
    make_progress(first, course[:3])
    within_budget(first_page, lambda: teacher_client.get(url))
    _assign(classroom, course[3:])
    make_progress(first, course[3:])
    make_progress(_students(classroom, 165), course)
    for student in first[:10]:
        _open_quizzes(student, course)
    teacher_client.get(url)  # the menu of lessons left to assign, cached again
    within_budget(page, lambda: teacher_client.get(url))


def test_a_student_drill_down_costs_the_same_for_2_and_27_attempts(
    teacher_client, teacher, course, within_budget
):
    student = make_student()
    classroom = make_classroom(teacher=teacher, students=[student])
    url = reverse("teaching:student_detail", args=[classroom.pk, student.pk])
    _assign(classroom, course[:3])
    _attempts(student, course[:2])
    within_budget("teacher: student drill-down", lambda: teacher_client.get(url))
    _assign(classroom, course[3:])
    _attempts(student, course[2:], wrong=True)
    _attempts(student, course[2:])
    _open_quizzes(student, course[5:])
    services.start_review(student=student, now=timezone.now())
    within_budget("teacher: student drill-down", lambda: teacher_client.get(url))


def test_the_due_date_and_extra_time_pages_cost_the_same_for_2_and_30_students(
    teacher_client, teacher, within_budget
):
    classroom = make_classroom(teacher=teacher)
    student, *_ = _students(classroom, 2)
    assignment = make_assignment(
        classroom=classroom,
        lesson=make_lesson(),
        due_on=timezone.localdate() + timedelta(days=2),
    )
    due = reverse("teaching:assignment_due", args=[classroom.pk, assignment.pk])
    extra = reverse(
        "teaching:extra_time", args=[classroom.pk, assignment.pk, student.pk]
    )
    for _ in range(2):
        within_budget("teacher: due date page", lambda: teacher_client.get(due))
        within_budget("teacher: extra time page", lambda: teacher_client.get(extra))
        for other in _students(classroom, 28):
            assignment.extensions.create(
                student=other, due_at=assignment.due_at + timedelta(days=1)
            )


def _another_try(classroom, students, lessons):
    """Another try at each lesson for each of the students."""
    for assignment in classroom.assignments.filter(lesson__in=lessons):
        give_another_try(
            assignment=assignment,
            students=students,
            by=classroom.teacher,
            now=timezone.now(),
        )


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("teacher: class dashboard, with another try", "teaching:classroom_detail"),
        ("teacher: gradebook CSV, with another try", "teaching:gradebook_csv"),
    ],
)
def test_the_class_dashboard_costs_the_same_for_1_and_100_students_given_another_try(
    teacher_client, teacher, course, within_budget, page, name
):
    classroom = make_classroom(teacher=teacher)
    url = reverse(name, args=[classroom.pk])
    students = _students(classroom, 35)
    _assign(classroom, course[:3])
    _attempts(students[0], course[:1])
    _another_try(classroom, students[:1], course[:1])
    teacher_client.get(url)  # the menu of lessons left to assign, cached
    within_budget(page, lambda: teacher_client.get(url))
    _assign(classroom, course[3:])
    students += _students(classroom, 165)
    for student in students[:100]:
        _attempts(student, course[:4], wrong=True)
    _another_try(classroom, students[:100], course[:4])
    for student in students[:100]:
        _attempts(student, course[:4])
    _open_quizzes(students[0], course[4:])
    teacher_client.get(url)
    within_budget(page, lambda: teacher_client.get(url))


def test_a_student_drill_down_costs_the_same_for_1_and_14_other_tries(
    teacher_client, teacher, course, within_budget
):
    student = make_student()
    classroom = make_classroom(teacher=teacher, students=[student])
    url = reverse("teaching:student_detail", args=[classroom.pk, student.pk])
    _assign(classroom, course)
    _attempts(student, course[:1])
    _another_try(classroom, [student], course[:1])
    page = "teacher: student drill-down, with another try"
    within_budget(page, lambda: teacher_client.get(url))
    _attempts(student, course)
    _another_try(classroom, [student], course)
    _attempts(student, course[5:], wrong=True)
    within_budget(page, lambda: teacher_client.get(url))


def test_the_another_try_pages_cost_the_same_for_1_and_30_students_with_attempts(
    teacher_client, teacher, within_budget
):
    lesson = _lesson(questions=2)
    classroom = make_classroom(teacher=teacher)
    students = _students(classroom, 30)
    _assign(classroom, [lesson])
    assignment = classroom.assignments.get()
    one = reverse(
        "teaching:another_try", args=[classroom.pk, assignment.pk, students[0].pk]
    )
    everyone = reverse("teaching:another_try_class", args=[classroom.pk, assignment.pk])
    _attempts(students[0], [lesson])
    within_budget(
        "teacher: another try for one student", lambda: teacher_client.get(one)
    )
    within_budget(
        "teacher: another try for the class", lambda: teacher_client.get(everyone)
    )
    for student in students:
        _attempts(student, [lesson], wrong=True)
    _another_try(classroom, students, [lesson])
    for student in students:
        _attempts(student, [lesson])
        _attempts(student, [lesson], wrong=True)
    within_budget(
        "teacher: another try for one student", lambda: teacher_client.get(one)
    )
    within_budget(
        "teacher: another try for the class", lambda: teacher_client.get(everyone)
    )


def test_a_students_results_cost_their_teacher_the_same_for_5_and_15_questions(
    teacher_client, teacher, student, within_budget
):
    make_classroom(teacher=teacher, students=[student])
    for quiz in (_quiz(5), _quiz(15)):
        attempt = make_submitted_attempt(student=student, quiz=quiz)
        url = reverse("civics:attempt_result", args=[attempt.pk])
        within_budget(
            "teacher: a student's results", lambda url=url: teacher_client.get(url)
        )


def test_item_analysis_costs_the_same_for_2_answers_to_5_questions_and_35_to_15(
    teacher_client, teacher, within_budget
):
    small = _lesson(questions=5)
    large = _lesson(questions=11, kinds=OTHER_KINDS)
    classroom = make_classroom(teacher=teacher)
    students = _students(classroom, 35)
    _assign(classroom, [small, large])
    for student in students[:2]:
        make_submitted_attempt(student=student, quiz=small.quiz)
    for n, student in enumerate(students):
        make_submitted_attempt(
            student=student,
            quiz=large.quiz,
            responses=wrong_responses(large.quiz) if n % 2 else None,
        )
    for lesson in (small, large):
        url = reverse("teaching:item_analysis", args=[classroom.pk, lesson.pk])
        within_budget("teacher: item analysis", lambda url=url: teacher_client.get(url))


def test_a_students_data_export_costs_the_same_for_1_and_27_attempts(
    teacher_client, teacher, course, within_budget
):
    student = make_student()
    classroom = make_classroom(teacher=teacher, students=[student])
    url = reverse("teaching:student_export", args=[classroom.pk, student.pk])
    _attempts(student, course[:1])
    within_budget("teacher: student data export", lambda: teacher_client.get(url))
    for _ in range(2):
        make_classroom(teacher=teacher, students=[student])
    make_classroom(students=[student])
    _attempts(student, course[1:], wrong=True)
    _attempts(student, course[1:])
    services.start_review(student=student, now=timezone.now())
    within_budget("teacher: student data export", lambda: teacher_client.get(url))


def test_a_lesson_preview_costs_the_same_with_1_or_20_sources_and_terms(
    teacher_client, within_budget
):
    for lesson in (
        _lesson(sources=1, terms=1, questions=2, published=False),
        _large_lesson(20),
    ):
        url = reverse("civics:lesson_preview", args=[lesson.slug])
        within_budget(
            "teacher: lesson preview", lambda url=url: teacher_client.get(url)
        )


def test_a_quiz_preview_and_its_dry_run_cost_the_same_for_5_or_15_questions(
    teacher_client, within_budget
):
    for lesson in (
        _lesson(questions=1, kinds=OTHER_KINDS, published=False),
        _large_lesson(1),
    ):
        url = reverse("civics:quiz_preview", args=[lesson.slug])
        within_budget("teacher: quiz preview", lambda url=url: teacher_client.get(url))
        data = {**as_post_data(correct_responses(lesson.quiz)), "action": "submit"}
        response = within_budget(
            "teacher: quiz preview, submitted",
            lambda url=url, data=data: teacher_client.post(url, data),
        )
        assert b"Your score" in response.content


# Teachers editing the course in the admin


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("admin: index", reverse("admin:index")),
        ("admin: course content", reverse("admin:app_list", args=["civics"])),
        ("admin: unit list", reverse("admin:civics_unit_changelist")),
        ("admin: lesson list", reverse("admin:civics_lesson_changelist")),
        ("admin: new lesson", reverse("admin:civics_lesson_add")),
        ("admin: question list", reverse("admin:civics_question_changelist")),
        ("admin: new question", reverse("admin:civics_question_add")),
    ],
)
def test_admin_pages_cost_the_same_for_3_and_30_lessons(
    teacher_client, within_budget, page, url
):
    _lessons(3)
    within_budget(page, lambda: teacher_client.get(url))
    _lessons(27, units=8, questions=3)
    within_budget(page, lambda: teacher_client.get(url))


def test_the_lesson_editor_costs_the_same_for_2_and_15_questions(
    teacher_client, within_budget
):
    for lesson in (
        _lesson(sources=1, terms=1, questions=2),
        _large_lesson(10),
    ):
        url = reverse("admin:civics_lesson_change", args=[lesson.pk])
        within_budget("admin: lesson editor", lambda url=url: teacher_client.get(url))


def test_the_question_editor_costs_the_same_for_2_and_10_choices_and_30_quizzes(
    teacher_client, within_budget
):
    quiz = make_quiz(questions=0)
    small = make_question(quiz=quiz, choices=2)
    url = reverse("admin:civics_question_change", args=[small.pk])
    within_budget("admin: question editor", lambda: teacher_client.get(url))
    _lessons(29)
    large = make_question(quiz=quiz, choices=10)
    url = reverse("admin:civics_question_change", args=[large.pk])
    within_budget("admin: question editor", lambda: teacher_client.get(url))


def test_the_quiz_page_costs_the_same_for_2_and_15_questions(
    teacher_client, within_budget
):
    for lesson in (_lesson(questions=2), _large_lesson(10)):
        for _ in range(2):
            make_submitted_attempt(student=make_student(), quiz=lesson.quiz)
        url = reverse("admin:civics_quiz_change", args=[lesson.quiz.pk])
        within_budget("admin: quiz page", lambda url=url: teacher_client.get(url))


@pytest.mark.parametrize("kind", QuestionKind.values)
def test_a_new_question_of_any_kind_costs_the_same_for_3_and_30_quizzes(
    teacher_client, within_budget, kind
):
    quiz = make_quiz(questions=2)
    url = f"{reverse('admin:civics_question_add')}?quiz={quiz.pk}&kind={kind}"
    within_budget("admin: new question of a kind", lambda: teacher_client.get(url))
    _lessons(29)
    within_budget("admin: new question of a kind", lambda: teacher_client.get(url))


def test_a_unit_editor_costs_the_same_for_1_and_10_lessons(
    teacher_client, within_budget
):
    unit = make_unit()
    url = reverse("admin:civics_unit_change", args=[unit.pk])
    _lesson(unit=unit)
    within_budget("admin: unit editor", lambda: teacher_client.get(url))
    for _ in range(9):
        _lesson(unit=unit)
    within_budget("admin: unit editor", lambda: teacher_client.get(url))


def test_a_lessons_history_costs_the_same_for_1_and_10_versions(
    teacher_client, teacher, within_budget
):
    lesson = _lesson(questions=3)
    url = reverse("admin:civics_lesson_history", args=[lesson.pk])
    history.record(lesson, user=teacher, comment="First.")
    within_budget("admin: lesson history", lambda: teacher_client.get(url))
    for n in range(9):
        history.record(Lesson.objects.get(pk=lesson.pk), user=teacher, comment=f"{n}.")
    within_budget("admin: lesson history", lambda: teacher_client.get(url))


def _two_versions(lesson, teacher):
    """The lesson's versions, newest first: as it was, and with a new title."""
    history.record(lesson, user=teacher, comment="As it was.")
    lesson.title = f"{lesson.title}, revised"
    lesson.save()
    history.record(lesson, user=teacher, comment="Revised.")
    return list(Version.objects.get_for_object(lesson))


def test_what_changed_in_a_version_costs_the_same_for_2_and_15_questions(
    teacher_client, teacher, within_budget
):
    for lesson in (
        _lesson(questions=2),
        _large_lesson(10),
    ):
        newest, _ = _two_versions(lesson, teacher)
        url = reverse(
            "admin:civics_lesson_changes", args=[lesson.pk, newest.revision_id]
        )
        within_budget(
            "admin: what changed in a version", lambda url=url: teacher_client.get(url)
        )


def test_restoring_a_version_costs_more_for_a_larger_lesson(
    teacher_client, teacher, within_budget
):
    for page, lesson in (
        ("admin: restore a version, 2 questions", _lesson(questions=2)),
        (
            "admin: restore a version, 15 questions, 10 sources, 10 terms",
            _large_lesson(10),
        ),
    ):
        _, oldest = _two_versions(lesson, teacher)
        url = reverse("admin:civics_lesson_revision", args=[lesson.pk, oldest.pk])
        within_budget(page, lambda url=url: teacher_client.get(url))


IMPORT_ROW = "single,Who?,1,Why.,1,,,a,,b,\n"
IMPORT_HEADER = "kind,prompt,points,explanation,correct,numeric answer,tolerance,"
IMPORT_HEADER += "choice 1,feedback 1,choice 2,feedback 2\n"


def test_an_import_preview_costs_the_same_for_1_and_40_rows(
    teacher_client, within_budget
):
    url = reverse("admin:civics_quiz_import", args=[_quiz(5).pk])
    for rows in (1, 40):
        data = {"format": "csv", "text": IMPORT_HEADER + IMPORT_ROW * rows}
        within_budget(
            "admin: import questions, preview",
            lambda data=data: teacher_client.post(url, {**data, "preview": "1"}),
        )


@pytest.mark.parametrize("format", ["csv", "gift"])
def test_an_export_costs_the_same_for_5_and_15_questions(
    teacher_client, within_budget, format
):
    for questions in (5, 15):
        url = reverse("admin:civics_quiz_export", args=[_quiz(questions).pk, format])
        within_budget(
            "admin: export questions", lambda url=url: teacher_client.get(url)
        )


RECOVER = reverse("admin:civics_lesson_recoverlist")


def _delete_with_history(lessons):
    """Delete lessons as the admin does, keeping a version to recover."""
    queryset = Lesson.objects.filter(pk__in=[lesson.pk for lesson in lessons])
    history.keep_originals(queryset)
    queryset.delete()


def test_the_recover_list_costs_the_same_for_1_and_10_deleted_lessons(
    teacher_client, within_budget
):
    _delete_with_history(_lessons(1))
    within_budget("admin: recover deleted lessons", lambda: teacher_client.get(RECOVER))
    _delete_with_history(_lessons(9))
    within_budget("admin: recover deleted lessons", lambda: teacher_client.get(RECOVER))


# Two-factor sign-in


def test_the_two_factor_code_page(client, within_budget):
    administrator = make_superuser()
    make_authenticator(administrator)
    client.force_login(administrator)
    url = reverse("two_factor_verify")
    within_budget("staff: two-factor code page", lambda: client.get(url))


def test_the_two_factor_set_up_page(client, within_budget):
    client.force_login(make_superuser())
    url = reverse("two_factor_setup")
    within_budget("staff: two-factor set-up page", lambda: client.get(url))


def test_a_regrade_dry_run_costs_the_same_for_2_and_20_students(
    teacher_client, within_budget
):
    """Every student's answer was scored on the key before the teacher
    swapped the first question's right and wrong choices."""
    quiz = make_quiz(questions=3)
    question = quiz.questions.first()
    url = reverse("admin:civics_question_regrade", args=[question.pk])

    def swap_key():
        first, second, _ = question.choices.all()
        first.is_correct, second.is_correct = second.is_correct, first.is_correct
        first.save()
        second.save()

    for count in (1, 9):
        for _ in range(count):
            make_submitted_attempt(student=make_student(), quiz=quiz)
            make_submitted_attempt(
                student=make_student(), quiz=quiz, responses=wrong_responses(quiz)
            )
        swap_key()
        within_budget("admin: regrade dry run", lambda: teacher_client.get(url))
        swap_key()


def _scored_written_attempt(student, teacher, *, written):
    """A submitted attempt at a quiz with `written` written questions, each
    scored by the student and then by their teacher."""
    quiz = make_quiz(questions=2)
    for position in range(3, 3 + written):
        make_question(quiz=quiz, kind=QuestionKind.WRITTEN, position=position)
    attempt = make_submitted_attempt(student=student, quiz=quiz)
    for answer in attempt.answers.filter(kind_shown=QuestionKind.WRITTEN):
        for by in (student, teacher):
            services.score_written_answer(
                answer=answer, marks=[True, False, True], by=by, now=timezone.now()
            )
    return attempt


def test_results_with_scored_written_answers_cost_the_same_for_1_and_4(
    client, teacher, student, within_budget
):
    make_classroom(teacher=teacher, students=[student])
    for written in (1, 4):
        attempt = _scored_written_attempt(student, teacher, written=written)
        url = reverse("civics:attempt_result", args=[attempt.pk])
        client.force_login(student)
        within_budget("student: results", lambda url=url: client.get(url))
        client.force_login(teacher)
        within_budget("teacher: a student's results", lambda url=url: client.get(url))
