"""Browser tests: Debian's Chromium, driven by Playwright, against a real server.

The server is a gunicorn process of its own, on its own database loaded with
the demo content, so the browser sees exactly what a visitor would.
"""

import os
import tempfile
from pathlib import Path

import pytest

from tests.servers import Database, Server, free_port, manage, postgres_admin, server_env

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
# A test run writes nothing into the checkout (it may be read-only, and git
# status stays clean); HUB_SCREENSHOTS_DIR=docs/screenshots refreshes the README's.
SCREENSHOTS = Path(os.environ.get("HUB_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "hub-screenshots")


# Older names of tests/servers.py's helpers, still imported by other test modules.
_free_port = free_port
_postgres_admin = postgres_admin


def _browser_database_url(workdir):
    return Database("browser", workdir).url


def _drop_browser_database(url):
    Database.at(url).drop()


def _copy_of_the_test_database(url, django_db_blocker):
    return Database.at(url).copy_of_the_test_database(django_db_blocker)


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, django_db_setup, django_db_blocker):
    """Base URL of a gunicorn server with the demo content loaded."""
    workdir = tmp_path_factory.mktemp("browser-site")
    database = Database("browser", workdir)
    env = server_env(database, workdir, SERVE_MEDIA="1")
    database.prepare(django_db_blocker, env)
    try:
        manage(env, "load_demo_content")
        with Server(env, workdir) as server:
            yield server.url
    finally:
        database.drop()


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
