"""A real Varnish (Debian's varnishd, deploy/varnish/hub.vcl) in front of the site in gunicorn.

Anonymous pages are served from Varnish; a publish made in the site's own
environment purges the whole site over HTTP (a BAN from home.caching.frontend),
so the new title shows on the next request, on the page and on its listing;
staff and pages with a form token go past it; only the configured addresses
may purge.
"""

import contextlib
import http.client
import shutil
import subprocess
import time
from urllib.parse import urlparse

import pytest
import requests

from tests.servers import ROOT, Database, Server, free_port, manage, server_env

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
HOST = "localhost"  # the default Wagtail Site's hostname: what the site bans
ENTRY = "/directory/camps/"
# pytest-django makes the test database (copied for the site below) only for a
# run that collects a test marked so; these tests use none of it themselves.
pytestmark = pytest.mark.django_db

BUILD_SITE = """
from tests.factories import build_site, entry_page, staff_user
tree = build_site()
entry_page(tree["directory_index"], title="Satellite imagery of camps", slug="camps")
staff_user("varnish-admin", superuser=True)
"""
# A draft with the new title, due in the past: `publish_scheduled` (cron's
# job in production) publishes it.
SCHEDULE_NEW_TITLE = """
import datetime
from django.utils import timezone
from directory.models import DirectoryEntryPage
page = DirectoryEntryPage.objects.get(slug="camps")
page.title = "Night-time lights and displacement"
page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=5))
"""

PUBLISH_NEW_TITLE = """
from directory.models import DirectoryEntryPage
page = DirectoryEntryPage.objects.get(slug="camps")
page.title = "Mobile phone data after the floods"
page.save_revision().publish()
"""

# Tasks queued in the database for `manage.py db_worker`: under the
# development settings, as the test settings always run tasks at once.
QUEUED_TASKS = {"DJANGO_SETTINGS_MODULE": "hub.settings.dev", "TASKS_BACKEND": "database"}


def _wait_for(url, process, log_path):
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, headers={"Host": HOST}, timeout=2).status_code == 200:
                return
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError(f"{url} did not answer: {log_path.read_text()[-2000:]}")
        time.sleep(0.2)


@contextlib.contextmanager
def _varnishd(workdir, port, backend_port):
    """The repository's VCL as it is, beside a site.vcl naming this backend, in a
    varnishd on a port of its own (no jail: it runs as whoever runs the tests)."""
    vcl_dir = workdir / "vcl"
    vcl_dir.mkdir()
    shutil.copy(ROOT / "deploy" / "varnish" / "hub.vcl", vcl_dir / "hub.vcl")
    (vcl_dir / "site.vcl").write_text(
        f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\nacl purgers {{ "127.0.0.1"; }}\n'
    )
    log_path = workdir / "varnishd.log"
    with log_path.open("wb") as log:
        varnish = subprocess.Popen(
            [VARNISHD, "-F", "-j", "none", "-a", f"127.0.0.1:{port}", "-T", "none"]
            + ["-f", str(vcl_dir / "hub.vcl"), "-n", str(workdir / "varnish-state"), "-s", "malloc,32m"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", varnish, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        varnish.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            varnish.wait(timeout=10)
        varnish.kill()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, django_db_blocker):
    """(varnish URL, run in the site): varnishd on its own port in front of gunicorn on another."""
    workdir = tmp_path_factory.mktemp("varnish")
    database = Database("varnish_site", workdir)
    varnish_port = free_port()
    env = server_env(
        database,
        workdir,
        # Browsers may keep a page one second: Varnish keeps it for s-maxage.
        HUB_BROWSER_CACHE_SECONDS="1",
        # What the site purges on every content change: this Varnish.
        FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{varnish_port}",
    )
    site = Server(env, workdir, workers=1, health_headers={"Host": HOST})
    while site.port == varnish_port:
        site = Server(env, workdir, workers=1, health_headers={"Host": HOST})

    def run_in_site(*command, **extra_env):
        return manage({**env, **extra_env}, *command)

    try:
        database.prepare(django_db_blocker, env)
        run_in_site("shell", "-c", BUILD_SITE)
        with site, _varnishd(workdir, varnish_port, site.port) as varnish_url:
            yield varnish_url, run_in_site
    finally:
        database.drop()


def _get(varnish_url, path, **kwargs):
    headers = {"Host": HOST, **kwargs.pop("headers", {})}
    return requests.get(varnish_url + path, headers=headers, timeout=10, allow_redirects=False, **kwargs)


def _cached(varnish_url, path):
    """The page fetched until Varnish serves it from its cache."""
    _get(varnish_url, path)
    response = _get(varnish_url, path)
    assert response.status_code == 200
    assert response.headers["X-Cache"] == "HIT", response.headers
    return response


def test_an_anonymous_page_is_served_from_varnish(stack):
    varnish_url, _ = stack
    first = _get(varnish_url, ENTRY)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=1, s-maxage=600"
    # Past max-age, within s-maxage: still served by Varnish.
    time.sleep(1.1)
    second = _get(varnish_url, ENTRY)
    assert second.headers["X-Cache"] == "HIT"
    # Two transaction ids: this request's and the one that stored the object.
    assert len(second.headers["X-Varnish"].split()) == 2
    assert int(second.headers["Age"]) >= 1
    assert second.content == first.content
    # The bookkeeping headers used for bans stay inside Varnish.
    assert "x-host" not in second.headers
    assert "x-url" not in second.headers


def test_tracking_parameters_and_cookies_share_the_cached_page(stack):
    varnish_url, _ = stack
    _cached(varnish_url, ENTRY)
    shared = _get(varnish_url, ENTRY + "?utm_source=newsletter&fbclid=abc", headers={"Cookie": "_ga=GA1.2.3"})
    assert shared.headers["X-Cache"] == "HIT"
    # A parameter a view reads is kept: another page.
    assert _get(varnish_url, "/directory/?page=2&utm_medium=mail").headers["X-Cache"] != "HIT"


def test_a_page_fetched_over_https_is_not_served_over_plain_http(stack):
    varnish_url, _ = stack
    https = {"X-Forwarded-Proto": "https"}
    _get(varnish_url, ENTRY, headers=https)
    assert _get(varnish_url, ENTRY, headers=https).headers["X-Cache"] == "HIT"
    assert _get(varnish_url, ENTRY, headers={"X-Forwarded-Proto": "http"}).headers["X-Cache"] == "MISS"


def test_a_publish_purges_the_whole_site(stack):
    varnish_url, run_in_site = stack
    for path in (ENTRY, "/directory/", "/"):
        _cached(varnish_url, path)
    run_in_site("shell", "-c", SCHEDULE_NEW_TITLE)
    # A draft changes nothing a visitor sees: nothing is purged.
    assert _get(varnish_url, ENTRY).headers["X-Cache"] == "HIT"

    run_in_site("publish_scheduled")

    page = _get(varnish_url, ENTRY)
    assert page.headers["X-Cache"] == "MISS"
    assert "Night-time lights and displacement" in page.text
    # Not only the page's own URL: the listing that shows it was purged too.
    listing = _get(varnish_url, "/directory/")
    assert listing.headers["X-Cache"] == "MISS"
    assert "Night-time lights and displacement" in listing.text
    assert _get(varnish_url, "/").headers["X-Cache"] == "MISS"
    assert _get(varnish_url, ENTRY).headers["X-Cache"] == "HIT"


def test_with_a_worker_the_purge_runs_in_it(stack):
    varnish_url, run_in_site = stack
    _cached(varnish_url, ENTRY)
    run_in_site("shell", "-c", PUBLISH_NEW_TITLE, **QUEUED_TASKS)
    # Queued, not sent: Varnish still has the old page.
    queued = _get(varnish_url, ENTRY)
    assert queued.headers["X-Cache"] == "HIT"
    assert "Mobile phone data after the floods" not in queued.text

    run_in_site("db_worker", "--batch", "--no-startup-delay", **QUEUED_TASKS)

    page = _get(varnish_url, ENTRY)
    assert page.headers["X-Cache"] == "MISS"
    assert "Mobile phone data after the floods" in page.text


def test_a_signed_in_staff_member_goes_past_varnish(stack):
    varnish_url, _ = stack
    _cached(varnish_url, ENTRY)
    staff = requests.Session()
    login = "/admin/login/"
    staff.get(varnish_url + login, headers={"Host": HOST}, timeout=10)
    signed_in = staff.post(
        varnish_url + login,
        data={"username": "varnish-admin", "password": "password", "csrfmiddlewaretoken": staff.cookies["csrftoken"]},
        headers={"Host": HOST},
        timeout=10,
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]
    assert "sessionid" in staff.cookies

    page = staff.get(varnish_url + ENTRY, headers={"Host": HOST}, timeout=10)
    assert page.status_code == 200
    assert page.headers["X-Cache"] == "PASS"
    assert len(page.headers["X-Varnish"].split()) == 1
    assert "private" in page.headers["Cache-Control"]
    assert "public" not in page.headers["Cache-Control"]
    admin = staff.get(varnish_url + "/admin/", headers={"Host": HOST}, timeout=10)
    assert admin.status_code == 200
    assert admin.headers["X-Cache"] == "PASS"
    # Anonymous visitors still get the cached copy, not what staff saw.
    anonymous = _get(varnish_url, ENTRY)
    assert anonymous.headers["X-Cache"] == "HIT"
    assert "wagtail-userbar" not in anonymous.text


def test_a_page_with_a_form_token_is_never_stored(stack):
    varnish_url, _ = stack
    for _ in range(2):
        form = _get(varnish_url, "/directory/submit/")
        assert form.status_code == 200
        assert "csrfmiddlewaretoken" in form.text
        assert form.headers["X-Cache"] == "PASS"
        assert len(form.headers["X-Varnish"].split()) == 1
        assert "csrftoken" in form.cookies
        assert "public" not in form.headers["Cache-Control"]


def test_searches_always_reach_the_site(stack):
    varnish_url, _ = stack
    for _ in range(2):
        response = _get(varnish_url, "/search/?q=satellite")
        assert response.status_code == 200
        assert response.headers["X-Cache"] == "PASS"


def test_only_the_configured_addresses_may_purge(stack):
    varnish_url, _ = stack
    _cached(varnish_url, ENTRY)
    port = urlparse(varnish_url).port
    # 127.0.0.2 is this machine too, but not in the acl.
    for method in ("BAN", "PURGE"):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.2", 0))
        conn.request(method, ENTRY, headers={"Host": HOST})
        assert conn.getresponse().status == 403
        conn.close()
    assert _get(varnish_url, ENTRY).headers["X-Cache"] == "HIT"


def test_wagtails_purge_of_one_url_still_works(stack):
    """Wagtail's own per-URL PURGE (HTTPBackend), kept by home.caching.frontend.VarnishBackend."""
    from home.caching.frontend import VarnishBackend

    varnish_url, _ = stack
    _cached(varnish_url, ENTRY)
    _cached(varnish_url, "/directory/")
    VarnishBackend({"LOCATION": varnish_url}).purge(f"http://{HOST}{ENTRY}")
    assert _get(varnish_url, ENTRY).headers["X-Cache"] == "MISS"
    assert _get(varnish_url, "/directory/").headers["X-Cache"] == "HIT"
