"""Settings read from the environment, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
READ_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, "
    "'engine': db['ENGINE'], 'name': str(db['NAME'])}))"
)


# A key that passes Django's strength check (long, varied, not "insecure").
PRODUCTION_KEY = "pR0d-" + "".join(chr(65 + (i * 7) % 58) for i in range(60))
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": PRODUCTION_KEY,
    "DJANGO_ALLOWED_HOSTS": "civics.example.org",
    "DATABASE_URL": "postgres://summit@127.0.0.1:5432/summit",
}


def _settings(**environ):
    return _python(READ_SETTINGS, **environ)


def _python(script, **environ):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(environ, DJANGO_SETTINGS_MODULE="summit.settings")
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_defaults_need_no_environment():
    result = _settings()
    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(PROJECT / "db.sqlite3")
    assert "127.0.0.1" in values["hosts"]


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_reads_key_hosts_and_database_from_the_environment():
    result = _settings(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="civics.example.org, www.civics.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/summit",
    )
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "hosts": ["civics.example.org", "www.civics.example.org"],
        "engine": "django.db.backends.postgresql",
        "name": "summit",
    }


@pytest.mark.parametrize("word", ["0", "false", "no", "off", "nonsense"])
def test_only_a_clear_yes_turns_debug_on(word):
    result = _settings(**{**PRODUCTION, "DJANGO_DEBUG": word})
    assert json.loads(result.stdout)["debug"] is False


def test_production_refuses_to_start_without_allowed_hosts():
    result = _settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    """Not SQLite in the code's folder by default: a deployment that forgot
    DATABASE_URL would keep children's work where nobody backs it up."""
    without = {key: value for key, value in PRODUCTION.items() if key != "DATABASE_URL"}
    result = _settings(**without)
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_production_runs_on_sqlite_when_it_is_named():
    result = _settings(
        **{**PRODUCTION, "DATABASE_URL": "sqlite:////srv/summit/db.sqlite3"}
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == "/srv/summit/db.sqlite3"


FETCH_OVER_HTTP = (
    "import json, django; django.setup(); from django.test import Client; "
    "client = Client(HTTP_HOST='civics.example.org'); "
    "print(json.dumps({path: client.get(path).status_code "
    "for path in ['/healthz', '/', '/accounts/login/']}))"
)


def test_the_health_check_answers_over_plain_http_in_production():
    """A load balancer probes gunicorn directly, without TLS; every other
    page still goes to HTTPS."""
    result = _python(FETCH_OVER_HTTP, **PRODUCTION)
    assert json.loads(result.stdout) == {
        "/healthz": 200,
        "/": 301,
        "/accounts/login/": 301,
    }, result.stderr


def test_production_settings_pass_the_deployment_checklist():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=PROJECT,
        env={**env, **PRODUCTION},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
