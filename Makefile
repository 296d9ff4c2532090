# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install system-packages lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs exactly the versions in constraints.txt (what CI tested), again only
# when the constraints or the project's requirements change; then compiles the
# interface's translations (locale/*/LC_MESSAGES/*.po, only those changed) with
# polib, so no gettext package is needed. The .mo files are not committed.
install: $(VENV)/.installed
	$(BIN)/python -m hub.catalogues

$(VENV)/.installed: constraints.txt requirements-hashed.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-hashed.txt
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# Debian's packages the tests start: Chromium for the browser tests (never a
# downloaded browser build), Varnish for tests/test_varnish.py. Installed only
# when missing.
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
system-packages:
	@[ -x /usr/bin/chromium ] && [ -x /usr/sbin/varnishd ] || ($(SUDO) apt-get update -qq && $(APT_INSTALL) chromium varnish)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py publish_scheduled
	$(BIN)/python manage.py runserver $(HOST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files "*.html")
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

# The whole suite; set DATABASE_URL to run it on PostgreSQL. Two pytest-xdist
# workers (PYTEST_WORKERS=0 for one process); each module, and the browser
# tests together, stay on one worker (tests/conftest.py).
PYTEST_WORKERS ?= 2
test: install system-packages lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)
