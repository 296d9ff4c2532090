"""PostgreSQL unreachable (issue 11, item 7): gunicorn on the production settings
with DATABASE_URL pointing at a port where nothing listens (refused at once), and
at a server that accepts and never answers (a hung or firewalled database).

/healthz answers 503 and says which check failed; every page answers 500 with
the site's own plain page: no traceback, no debug page, nothing about the
database, and no header that would let a shared cache keep the error.
"""

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.mail_servers import SilentServer
from tests.servers import ROOT, free_port

HOST = "hub.example.org"
PAGES = (
    "/",
    "/news/",
    "/directory/?q=mobile&data_source=cdr",
    "/search/?q=migration",
    "/events/feed.ics",
    "/api/v2/pages/",
    "/sitemap.xml",
    "/fr/",
    "/members/join/",
    "/admin/login/",
)
LEAKS = ("Traceback", "OperationalError", "psycopg", "connection", "DEBUG = True", "127.0.0.1", "postgres")


def _get(base, path, *, timeout=30):
    request = urllib.request.Request(base + path, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, headers, body = response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read().decode()
    return status, headers, body, time.monotonic() - started


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    static = tmp_path_factory.mktemp("static")
    env = {**os.environ, **_production_env("postgres://postgres@127.0.0.1:9/hub", static)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return static


def _production_env(database_url, static):
    return {
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "DATABASE_CONNECT_TIMEOUT": "3",
        "STATIC_ROOT": str(static),
        "MEDIA_ROOT": str(static.parent / "media"),
        "HUB_CONTENT_VERSION_FILE": str(static.parent / "content-version"),
        "EMAIL_HOST": "127.0.0.1",
    }


@pytest.fixture(scope="module", params=["refused", "silent"])
def site_without_database(request, static_root, tmp_path_factory):
    """Base URL of a production gunicorn whose database cannot be reached."""
    workdir = tmp_path_factory.mktemp(f"no-database-{request.param}")
    silent = SilentServer() if request.param == "silent" else None
    port = silent.port if silent else free_port()  # nobody listens on a fresh free port
    if silent:
        silent.__enter__()
    env = {**os.environ, **_production_env(f"postgres://postgres@127.0.0.1:{port}/hub", static_root)}
    env.pop("PYTEST_XDIST_WORKER", None)
    server_port = free_port()
    log_path = workdir / "gunicorn.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "hub.wsgi", "--bind", f"127.0.0.1:{server_port}", "--workers", "1"]
        + ["--timeout", "60"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{server_port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(base, "/robots.txt", timeout=5)
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, log_path.read_text()[-3000:]
            time.sleep(0.3)
    yield base, log_path
    server.terminate()
    server.wait(timeout=15)
    log.close()
    if silent:
        silent.__exit__(None, None, None)


def test_the_health_check_answers_503_and_names_the_database(site_without_database):
    base, _log = site_without_database
    status, headers, body, seconds = _get(base, "/healthz")
    assert status == 503
    answer = json.loads(body)
    assert answer["status"] == "error" and answer["database"] == "error: OperationalError"
    assert "no-store" in headers["Cache-Control"]
    assert seconds < 15, "the connect timeout bounds the wait for a database that does not answer"


def test_every_page_is_the_plain_500_page(site_without_database):
    base, log_path = site_without_database
    for path in PAGES:
        status, headers, body, seconds = _get(base, path)
        assert status == 500, (path, status, body[:300])
        # In the visitor's language: /fr/ gets the French page.
        heading = "Une erreur s'est produite" if path.startswith("/fr/") else "Something went wrong"
        assert heading in body.replace("&#x27;", "'") and "BD4M Hub" in body, path
        for leak in LEAKS:
            assert leak not in body, (path, leak)
        assert "s-maxage" not in headers.get("Cache-Control", "") and "public" not in headers.get(
            "Cache-Control", ""
        ), (path, headers.get("Cache-Control"))
        assert seconds < 15, path
    # The page is styled without a database: its stylesheet is a static file.
    stylesheet = body.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    status, _headers, css, _seconds = _get(base, stylesheet)
    assert status == 200 and css
    assert "OperationalError" in log_path.read_text(), "the operators' log says why"
