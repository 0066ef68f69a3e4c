# Two commands take a fresh clone to a working site or a full test run:
#   make run    install into .venv, migrate, load the curriculum, serve :8000
#   make test   install into .venv, lint, run the whole test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: install chromium run test test-postgres smoke bench lint fmt screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The browser tests (tests/browser/) drive Debian's Chromium. Install it when it
# is missing and we can (as root); otherwise stop here, so that a run without a
# browser fails instead of passing with those tests missing.
CHROMIUM := /usr/bin/chromium
chromium:
	@[ -x $(CHROMIUM) ] || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && apt-get install -y -qq chromium)
	@[ -x $(CHROMIUM) ] || { echo "The browser tests need $(CHROMIUM)." \
		"Install it as root (apt-get install chromium), then run make test again." >&2; \
		exit 1; }

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_curriculum
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: lint chromium
	$(BIN)/python -m pytest

# The same suite against the PostgreSQL server every machine here runs.
test-postgres: install chromium
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest

# The production way to run (gunicorn, PostgreSQL, Redis, WhiteNoise),
# started on loopback and checked page by page.
smoke: install
	$(BIN)/python -m ops.smoke

# Throughput and latency of every page against the framework's floor, under
# load from wrk on loopback (installed from Debian when missing, as root).
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m ops.bench

# docs/screenshots/: the main pages at 1280 and 360 pixels, taken by the browser
# test that checks their layout, with the demo class of tests/browser/demo.py.
screenshots: install chromium
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q \
		tests/browser/test_layout.py::test_the_main_pages_fit_a_phone_and_a_desktop

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
