"""Fill a PostgreSQL database with a district's worth of data for the
benchmark, in set-based SQL so it takes seconds: 2,000 students in 60
classes (one of 35 and one of 200 among them), 14 lessons assigned to every
class, and 100,000 submitted attempts with their answers and the progress
they imply. Then write the sessions and open attempts the load runs use.

Run by ops/bench.py with the benchmark's environment; PostgreSQL only.
"""

import json
import os
import secrets
import sys
from datetime import timedelta

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from civics import services  # noqa: E402
from civics.models import Attempt, Lesson  # noqa: E402
from teaching.models import Classroom  # noqa: E402

STUDENTS = 2000
TEACHERS = 20
CLASSES = 60
ATTEMPTS = 100_000


def seed():
    password = make_password("bench-passphrase-1")
    teachers_group = Group.objects.get(name="Teachers")
    with transaction.atomic(), connection.cursor() as sql:
        sql.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name,
                last_name, email, is_staff, is_active, date_joined)
            SELECT %s, false, 'student' || i, '', '', '', false, true, now()
            FROM generate_series(1, %s) AS i;
            INSERT INTO accounts_user (password, is_superuser, username, first_name,
                last_name, email, is_staff, is_active, date_joined)
            SELECT %s, false, 'teacher' || i, '', '', '', true, true, now()
            FROM generate_series(1, %s) AS i;
            INSERT INTO accounts_user (password, is_superuser, username, first_name,
                last_name, email, is_staff, is_active, date_joined)
            VALUES (%s, false, 'onetry', '', '', '', false, true, now());
            """,
            [password, STUDENTS, password, TEACHERS, password],
        )
        sql.execute(
            """
            INSERT INTO accounts_user_groups (user_id, group_id)
            SELECT id, %s FROM accounts_user WHERE username LIKE 'teacher%%';
            INSERT INTO teaching_classroom (name, teacher_id, join_code, created_at,
                updated_at)
            SELECT 'Class ' || c, t.id, 'B' || lpad(c::text, 5, '0'), now(), now()
            FROM generate_series(1, %s) AS c
            JOIN accounts_user t ON t.username = 'teacher' || (1 + (c - 1) %% %s);
            """,
            [teachers_group.pk, CLASSES, TEACHERS],
        )
        # Class 1 has 35 students, class 2 has 200, and the others share the
        # 2,000 students evenly; class 1 and 2 students are in another class
        # too, as students in several classes are.
        sql.execute(
            """
            INSERT INTO teaching_enrolment (classroom_id, student_id, joined_at)
            SELECT k.id, s.id, now()
            FROM accounts_user s
            JOIN teaching_classroom k
              ON k.name = 'Class ' || (3 + (substr(s.username, 8)::int - 1) %% %s)
            WHERE s.username LIKE 'student%%';
            INSERT INTO teaching_enrolment (classroom_id, student_id, joined_at)
            SELECT k.id, s.id, now()
            FROM accounts_user s JOIN teaching_classroom k ON k.name = 'Class 1'
            WHERE s.username LIKE 'student%%' AND substr(s.username, 8)::int <= 35;
            INSERT INTO teaching_enrolment (classroom_id, student_id, joined_at)
            SELECT k.id, s.id, now()
            FROM accounts_user s JOIN teaching_classroom k ON k.name = 'Class 2'
            WHERE s.username LIKE 'student%%' AND substr(s.username, 8)::int <= 200;
            INSERT INTO teaching_assignment (classroom_id, lesson_id, due_at,
                created_at, updated_at)
            SELECT k.id, l.id, now() + (l.position - 2) * interval '1 day', now(),
                now()
            FROM teaching_classroom k CROSS JOIN civics_lesson l;
            """,
            [CLASSES - 2],
        )
        # 100,000 submitted attempts spread over students and quizzes, each with
        # an answer to every question; a pseudo-random choice per answer.
        sql.execute(
            """
            INSERT INTO civics_attempt (student_id, quiz_id, seed, started_at,
                submitted_at, score, max_score, pass_mark)
            SELECT s.id, q.id, n, now() - (n %% 90) * interval '1 day',
                   now() - (n %% 90) * interval '1 day', 0, 0, q.pass_mark
            FROM generate_series(1, %s) AS n
            JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM accounts_user
                  WHERE username LIKE 'student%%') s ON s.rn = 1 + n %% %s
            JOIN (SELECT id, pass_mark, row_number() OVER (ORDER BY id) AS rn
                  FROM civics_quiz) q
              ON q.rn = 1 + (n / %s) %% (SELECT count(*) FROM civics_quiz);
            """,
            [ATTEMPTS, STUDENTS, STUDENTS],
        )
        # "onetry" has tried every quiz once: the same lessons under way as any
        # student, with a fraction of the attempts. My progress must not care.
        sql.execute(
            """
            INSERT INTO civics_attempt (student_id, quiz_id, seed, started_at,
                submitted_at, score, max_score, pass_mark)
            SELECT u.id, q.id, q.id, now() - interval '1 day',
                   now() - interval '1 day', 0, 0, q.pass_mark
            FROM accounts_user u CROSS JOIN civics_quiz q
            WHERE u.username = 'onetry';
            """
        )
        sql.execute(
            """
            CREATE TEMP TABLE numbered_choice AS
            SELECT id, question_id, is_correct,
                   row_number() OVER (
                       PARTITION BY question_id ORDER BY position, id) AS rn,
                   count(*) OVER (PARTITION BY question_id) AS total
            FROM civics_choice;
            INSERT INTO civics_answer (attempt_id, question_id, position, credit,
                numeric_value)
            SELECT a.id, qn.id, qn.position,
                   CASE WHEN qn.kind = 'numeric' THEN ((a.id + qn.id) % 3 > 0)::int
                        ELSE coalesce(c.is_correct::int, 0) END,
                   CASE WHEN qn.kind = 'numeric'
                        THEN qn.numeric_answer + ((a.id + qn.id) % 3 = 0)::int END
            FROM civics_attempt a JOIN civics_question qn ON qn.quiz_id = a.quiz_id
            LEFT JOIN numbered_choice c ON c.question_id = qn.id
             AND c.rn = 1 + (a.id + qn.id) % c.total;
            INSERT INTO civics_selectedchoice (answer_id, choice_id, position)
            SELECT an.id, c.id, 1
            FROM civics_answer an
            JOIN numbered_choice c ON c.question_id = an.question_id
             AND c.rn = 1 + (an.attempt_id + an.question_id) % c.total;
            UPDATE civics_attempt a SET score = t.score, max_score = t.max_score
            FROM (SELECT an.attempt_id, sum(an.credit * q.points) AS score,
                         sum(q.points) AS max_score
                  FROM civics_answer an JOIN civics_question q ON q.id = an.question_id
                  GROUP BY an.attempt_id) t
            WHERE t.attempt_id = a.id;
            INSERT INTO civics_progress (student_id, lesson_id, read_at, attempt_count,
                best_percent, mastered_at, created_at, updated_at)
            SELECT a.student_id, q.lesson_id, min(a.started_at), count(*),
                   round(max(a.score * 100 / a.max_score), 1),
                   -- mastered by the first attempt at its own pass mark, as
                   -- civics.rules.mastery.reaches_pass_mark counts it
                   min(a.submitted_at)
                       FILTER (WHERE a.score * 100 >= a.pass_mark * a.max_score),
                   now(), now()
            FROM civics_attempt a JOIN civics_quiz q ON q.id = a.quiz_id
            GROUP BY a.student_id, q.lesson_id;
            ANALYZE;
            """
        )


def session_cookies(users):
    """A signed-in session for each user, as signing in leaves one: in the
    database and in the cache. Written in bulk: one by one, each new session
    key is first checked for a clash, and 2,000 of them took seconds."""
    now = timezone.now()
    rows, cached, cookies = [], {}, []
    for user in users:
        store = SessionStore(secrets.token_hex(16))
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(
            Session(
                session_key=store.session_key,
                session_data=store.encode(data),
                expire_date=now + timedelta(seconds=settings.SESSION_COOKIE_AGE),
            )
        )
        cached[store.cache_key] = data
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
    Session.objects.bulk_create(rows)
    caches[settings.SESSION_CACHE_ALIAS].set_many(
        cached, timeout=settings.SESSION_COOKIE_AGE
    )
    return cookies


def session_cookie(user):
    return session_cookies([user])[0]


def open_attempts(quiz, students):
    """An open attempt at the quiz for each student, with an unanswered answer
    to every question in order, as services.start_attempt starts one."""
    with connection.cursor() as sql:
        sql.execute(
            """
            INSERT INTO civics_attempt (student_id, quiz_id, seed, started_at)
            SELECT student_id, %(quiz)s, floor(random() * 2147483648)::int, now()
            FROM unnest(%(students)s::bigint[]) AS student_id;
            INSERT INTO civics_answer (attempt_id, question_id, position)
            SELECT a.id, qn.id,
                   row_number() OVER (PARTITION BY a.id ORDER BY qn.position, qn.id)
            FROM civics_attempt a JOIN civics_question qn ON qn.quiz_id = a.quiz_id
            WHERE a.quiz_id = %(quiz)s AND a.submitted_at IS NULL
              AND a.student_id = ANY(%(students)s::bigint[]);
            """,
            {"quiz": quiz.pk, "students": [student.pk for student in students]},
        )
    return dict(
        Attempt.objects.open()
        .filter(quiz=quiz, student__in=students)
        .values_list("student_id", "pk")
    )


def complete_answers(quiz):
    """A complete set of answers to the quiz, as its form posts them. Every
    attempt at the quiz has every question, so one set fits them all."""
    fields = []
    for question in quiz.questions.prefetch_related("choices"):
        name = f"question_{question.pk}"
        choices = list(question.choices.all())
        if question.is_numeric:
            fields.append(f"{name}={question.numeric_answer.normalize()}")
        elif question.is_ordering:
            fields += [f"{name}_{c.pk}={n}" for n, c in enumerate(choices, 1)]
        else:
            fields.append(f"{name}={choices[0].pk}")
    return "&".join(fields)


def fixtures():
    """Sessions and URLs for the load runs."""
    busiest = User.objects.get(username="student1")
    one_try = User.objects.get(username="onetry")
    lesson = Lesson.objects.get(slug="treaty-clause")
    open_attempt = services.start_attempt(
        student=busiest, quiz=lesson.quiz, now=timezone.now()
    )
    small = Classroom.objects.get(name="Class 1")
    large = Classroom.objects.get(name="Class 2")
    # An open attempt at two quizzes for every other student: more than the
    # submission runs send (ops/bench.py checks), so each request scores a
    # fresh attempt.
    others = list(
        User.objects.filter(username__startswith="student").exclude(pk=busiest.pk)
    )
    cookies = session_cookies(others)
    submissions = []
    for quiz in (lesson.quiz, Lesson.objects.get(slug="senate-vote-math").quiz):
        attempts = open_attempts(quiz, others)
        answers = complete_answers(quiz)
        for student, cookie in zip(others, cookies, strict=True):
            token = secrets.token_hex(16)
            submissions.append(
                {
                    "attempt": attempts[student.pk],
                    "path": reverse("civics:attempt_take", args=[attempts[student.pk]]),
                    "cookie": f"{cookie}; csrftoken={token}",
                    "body": f"csrfmiddlewaretoken={token}&action=submit&{answers}",
                }
            )
    return {
        "student_cookie": session_cookie(busiest),
        "student_attempts": busiest.attempts.submitted().count(),
        "one_try": {
            "cookie": session_cookie(one_try),
            "attempts": one_try.attempts.submitted().count(),
        },
        "lesson_path": lesson.get_absolute_url(),
        "quiz_path": open_attempt.get_absolute_url(),
        "small_class": {
            "cookie": session_cookie(small.teacher),
            "path": small.get_absolute_url(),
            "students": small.enrolments.count(),
        },
        "large_class": {
            "cookie": session_cookie(large.teacher),
            "path": large.get_absolute_url(),
            "students": large.enrolments.count(),
        },
        "submissions": submissions,
        "attempts": Attempt.objects.count(),
        "students": STUDENTS,
        "classes": CLASSES,
    }


if __name__ == "__main__":
    seed()
    with open(sys.argv[1], "w") as file:
        json.dump(fixtures(), file)
