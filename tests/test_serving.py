"""The hub served as in production (issue 11, item 5): gunicorn with the
repository's gunicorn.conf.py and production settings, run from a read-only
copy of the checkout whose every writable place (static files, media, the
database, the content-version file, bytecode) is set from the environment.

Static files have hashed names, are compressed and cached for a year;
anonymous pages are gzipped, pages with a form token are not (BREACH); the
access log has no query strings. Uploaded media served by the site: public
ones cacheable, private ones private, no-store."""

import gzip
import json
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOST = "hub.example.org"
# What a checkout holds besides the code, and is never copied to a server.
NOT_DEPLOYED = (".venv", ".git", "media", ".test-media", "static_collected", "var", "db.sqlite3*", "__pycache__")
SECRET_QUERY = "amina.submitter@example.net"


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def snapshot(folder: Path) -> dict:
    """Every file and folder under `folder` with its size, time and mode: any write changes it."""
    entries = {}
    for path in folder.rglob("*"):
        info = path.lstat()
        entries[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, info.st_mode)
    return entries


def make_read_only(folder: Path):
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.lstat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def make_writable(folder: Path):
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.lstat().st_mode | stat.S_IWUSR)


def get(base, path, *, headers=None, timeout=30):
    request = urllib.request.Request(
        base + path, headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serving")
    app = workdir / "app"
    shutil.copytree(ROOT, app, ignore=shutil.ignore_patterns(*NOT_DEPLOYED), symlinks=True)
    make_read_only(app)
    before = snapshot(app)
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "PYTEST_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "HUB_CONTENT_VERSION_FILE": str(workdir / "var" / "content-version"),
        # The hub's own modules compile in memory; the libraries' bytecode is read where it is.
        "PYTHONDONTWRITEBYTECODE": "1",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_GRACEFUL_TIMEOUT": "5",
    }
    manage = [sys.executable, "manage.py"]
    build = "from tests.factories import build_site; build_site()"
    # collectstatic (hashing and compressing every file) beside the migrations, to save time.
    collect = subprocess.Popen(
        [*manage, "collectstatic", "--noinput"], env=env, cwd=app, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    for command in (["migrate", "--noinput"], ["shell", "-c", build]):
        done = subprocess.run(manage + command, env=env, cwd=app, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr[-3000:])
    _out, errors = collect.communicate(timeout=600)
    assert collect.returncode == 0, errors[-3000:]
    log_path = workdir / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(app / "gunicorn.conf.py")],
            env=env,
            cwd=app,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{env['GUNICORN_BIND']}"
    # Two workers loading Django on a shared, busy machine can take a while.
    deadline = time.monotonic() + 120
    while True:
        try:
            if get(base, "/healthz", timeout=60)[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline and server.poll() is None, log_path.read_text()[-3000:]
        time.sleep(0.3)
    yield {"base": base, "app": app, "before": before, "static": workdir / "static", "log": log_path}
    server.terminate()
    server.wait(timeout=15)
    make_writable(app)


def test_static_files_have_hashed_compressed_names_cached_for_a_year(served):
    manifest = json.loads((served["static"] / "staticfiles.json").read_text())["paths"]
    original, hashed = next((name, url) for name, url in manifest.items() if name.endswith(".css"))
    assert hashed != original
    assert (served["static"] / (hashed + ".gz")).exists()

    status, headers, body = get(served["base"], f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    cache_control = [part.strip() for part in headers["Cache-Control"].split(",")]
    assert "max-age=31536000" in cache_control and "immutable" in cache_control
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (served["static"] / hashed).read_bytes()

    # The unhashed name may change content: a short lifetime, never immutable.
    status, headers, _body = get(served["base"], f"/static/{original}")
    assert status == 200
    assert "immutable" not in headers["Cache-Control"] and "max-age=3600" in headers["Cache-Control"]


def test_anonymous_pages_are_gzipped(served):
    for path in ("/", "/news/", "/news/feed/", "/sitemap.xml"):
        status, headers, body = get(served["base"], path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in headers["Vary"]
        assert gzip.decompress(body)
    status, headers, body = get(served["base"], "/")
    assert "Content-Encoding" not in headers and b"<html" in body


def test_pages_with_a_form_token_are_not_compressed(served):
    for path in ("/admin/login/", "/directory/submit/", "/members/join/"):
        status, headers, body = get(served["base"], path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert b"csrfmiddlewaretoken" in body, path
        assert "Content-Encoding" not in headers, path


def test_nothing_is_written_into_the_checkout(served):
    for path in ("/", "/news/", f"/search/?q={SECRET_QUERY}", "/admin/login/", "/sitemap.xml"):
        assert get(served["base"], path)[0] in (200, 302), path
    assert snapshot(served["app"]) == served["before"]


def test_the_access_log_has_paths_without_query_strings(served):
    assert get(served["base"], f"/search/?q={SECRET_QUERY}")[0] == 200
    deadline = time.monotonic() + 5
    while "GET /search/ " not in served["log"].read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = served["log"].read_text()
    assert '"GET /search/ HTTP/1.1" 200' in log
    assert SECRET_QUERY not in log and "q=" not in log


@pytest.mark.django_db
def test_uploaded_media_carry_caching_headers(client, settings, moderator):
    from django.test import Client

    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from home.media_privacy import SUBMISSIONS_COLLECTION_NAME
    from tests.factories import image_upload

    Image = get_image_model()
    public = Image.objects.create(title="Public", file=image_upload(), collection=Collection.get_first_root_node())
    private = Image.objects.create(
        title="Private", file=image_upload(), collection=Collection.objects.get(name=SUBMISSIONS_COLLECTION_NAME)
    )
    for url in (public.file.url, public.get_rendition("width-40").url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == f"public, max-age={settings.HUB_PUBLIC_MEDIA_MAX_AGE}"
    staff = Client()
    staff.force_login(moderator)
    for url in (private.file.url, private.get_rendition("width-40").url):
        assert client.get(url).status_code == 404
        response = staff.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
