import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import make_authenticator, make_quiz, make_student, make_teacher


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counts live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is deliberately slow; tests create many users, and what
    they check about passwords does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def student(db):
    return make_student()


@pytest.fixture
def other_student(db):
    return make_student()


@pytest.fixture
def teacher(db):
    return make_teacher()


@pytest.fixture
def quiz(db):
    """A published lesson's quiz with 5 questions, pass mark 80 %."""
    return make_quiz(questions=5)


@pytest.fixture
def lesson(quiz):
    return quiz.lesson


@pytest.fixture
def visitor():
    """An anonymous browser of its own: `client` is the one that
    student_client and teacher_client log in, so it is not anonymous there."""
    return Client()


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's administrator, past two-factor sign-in as after giving
    a code (tests/test_two_factor.py signs in the long way)."""
    client = Client()
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = make_authenticator(admin_user).persistent_id
    session.save()
    return client
