"""Browser tests: Debian's Chromium, driven by Playwright, against a real server.

The server is a gunicorn process of its own, on its own database loaded with
the demo content, so the browser sees exactly what a visitor would.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _browser_database_url(workdir):
    """SQLite in the work folder, or a database of its own on the PostgreSQL server
    named by DATABASE_URL, so the suite's own test database is left alone."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{workdir / 'browser.sqlite3'}"
    parts = urlparse(url)
    # One per pytest-xdist worker: another worker may be making or dropping its own.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = f"{parts.path.lstrip('/') or 'postgres'}_browser" + (f"_{worker}" if worker else "")
    return urlunparse(parts._replace(path=f"/{name}"))


def _empty_database(url):
    """A PostgreSQL database of that name, made anew and empty."""
    name = urlparse(url).path.lstrip("/")
    _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')


def _postgres_admin(url, *statements):
    import psycopg

    admin_url = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _drop_browser_database(url):
    """A PostgreSQL run leaves no database of its own behind."""
    if url.startswith("postgres"):
        name = urlparse(url).path.lstrip("/")
        _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _copy_of_the_test_database(url, django_db_blocker):
    """The suite's freshly migrated test database copied into the browser's own (SQLite
    file or PostgreSQL database), which then needs no migrations: True if copied.

    Only when there is a test database and no test holds a transaction open on it;
    otherwise the browser's database is migrated as usual.
    """
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    with django_db_blocker.unblock():
        # pytest-django makes no test database when no collected test uses one.
        if connection.in_atomic_block:
            return False
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            import sqlite3

            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(urlparse(url).path)) as target:
                connection.connection.backup(target)
            return True
        is_test_database = connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX)
        if connection.vendor == "postgresql" and is_test_database and url.startswith("postgres"):
            import psycopg

            template = connection.settings_dict["NAME"]
            name = urlparse(url).path.lstrip("/")
            # PostgreSQL copies a database only while no one else is connected to it.
            connection.close()
            try:
                _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                _postgres_admin(url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            except psycopg.Error:
                return False
            return True
    return False


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, django_db_setup, django_db_blocker):
    """Base URL of a gunicorn server with the demo content loaded."""
    workdir = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": _browser_database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    commands = [["load_demo_content"]]
    if not _copy_of_the_test_database(env["DATABASE_URL"], django_db_blocker):
        if env["DATABASE_URL"].startswith("postgres"):
            _empty_database(env["DATABASE_URL"])
        commands.insert(0, ["migrate", "--noinput"])
    for command in commands:
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "hub.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                log.close()
                tail = (workdir / "gunicorn.log").read_text()[-2000:]
                raise RuntimeError(f"the browser-test server did not start: {tail}") from None
            time.sleep(0.3)
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()
    _drop_browser_database(env["DATABASE_URL"])


@pytest.fixture(scope="package")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM is
    # not used in-process by browser tests (the server is another process).
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_at(browser):
    """Open pages at a given viewport width: `page_at(375)`."""
    contexts = []

    def open_page(width, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
