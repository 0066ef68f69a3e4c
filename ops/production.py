"""Run the app the production way on this machine, for the smoke test and the
benchmark: a fresh PostgreSQL database, Redis as the cache, collected static
files and gunicorn, all on loopback."""

import contextlib
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def environment(database, *, port):
    """Production settings, served over plain HTTP on loopback only."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_SECURE_COOKIES": "false",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "SUMMIT_PORT": str(port),
    }


def recreate_database(name):
    drop_database(name)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(name):
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(env):
    """Migrate, load the course and collect static files."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_curriculum")
    manage(env, "collectstatic", "--noinput", "--clear")


@contextlib.contextmanager
def gunicorn(env, *, workers):
    """gunicorn serving the app on 127.0.0.1, stopped when the block ends."""
    port = env["SUMMIT_PORT"]
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "summit.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-" if os.environ.get("SUMMIT_ACCESS_LOG") else "/dev/null",
        ],
        cwd=PROJECT,
        env=env,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(url, *, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)
