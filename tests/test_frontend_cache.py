"""Cache-Control for the shared caches in front, and one purge of them per committed change.

Varnish itself is in tests/test_varnish.py; here the site alone: which
responses a shared cache may keep, that a transaction however large enqueues
one purge-everything task, that a purge failing never fails the publish, and
Cloudflare's purge of the zone against a local server standing in for its API.
"""

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.db import transaction
from django.test.signals import template_rendered

from wagtail.models import PageViewRestriction

import pytest
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued

from home.caching.frontend import purge_everything
from tests.factories import entry_page

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def entry(site_tree):
    return entry_page(site_tree["directory_index"], title="Satellite imagery of camps", slug="camps")


@pytest.fixture
def unreachable_varnish(settings):
    """A Varnish backend configured on a port nobody listens on."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "home.caching.frontend.VarnishBackend", "LOCATION": f"http://127.0.0.1:{_closed_port()}"}
    }


@pytest.fixture
def purges_enqueued():
    enqueued = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "purge_everything":
            enqueued.append(task_result)

    task_enqueued.connect(record)
    yield enqueued
    task_enqueued.disconnect(record)


def _cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_anonymous_pages_may_be_shared(client, entry, settings, page_cache_seconds):
    settings.HUB_PAGE_CACHE_SECONDS = page_cache_seconds
    for _ in range(2):  # afresh, then (with the page cache on) from it
        response = client.get("/directory/camps/")
        assert response.status_code == 200
        assert _cache_control(response) == {"public", "max-age=0", "s-maxage=600"}
    settings.HUB_SHARED_CACHE_SECONDS = 3600
    assert "s-maxage=3600" in _cache_control(client.get("/directory/"))


def test_a_page_rendered_while_content_changed_is_not_shared(client, entry, settings):
    """Another process publishes while this page renders (its content version
    moves): the page may show the old rows, and a Varnish that stored it after
    the purge would keep it, so it is not shared. The next one is."""
    settings.HUB_PAGE_CACHE_SECONDS = 600
    changed = []

    def publish_elsewhere(**kwargs):
        if not changed:  # what another process's publish does to the version file
            with Path(settings.HUB_CONTENT_VERSION_FILE).open("ab") as version_file:
                version_file.write(b".")
            changed.append(True)

    template_rendered.connect(publish_elsewhere)
    try:
        during = client.get("/directory/camps/")
    finally:
        template_rendered.disconnect(publish_elsewhere)
    assert changed
    assert during.status_code == 200
    assert "public" not in _cache_control(during)
    assert "private" in _cache_control(during)
    assert "public" in _cache_control(client.get("/directory/camps/"))


def test_a_page_with_a_form_token_is_private(client, site_tree):
    response = client.get("/directory/submit/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "private" in _cache_control(response)
    assert "public" not in _cache_control(response)
    assert not any(part.startswith("s-maxage") for part in _cache_control(response))


def test_a_signed_in_visitor_gets_private_pages(admin_client, entry):
    response = admin_client.get("/directory/camps/")
    assert response.status_code == 200
    assert {"private", "no-cache"} <= _cache_control(response)
    assert "public" not in _cache_control(response)
    assert "private" in _cache_control(admin_client.get("/admin/"))


def test_a_private_page_is_not_shared(client, entry):
    PageViewRestriction.objects.create(page=entry, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/directory/camps/")
    assert response.status_code == 302
    assert {"private", "no-cache"} <= _cache_control(response)
    restricted = PageViewRestriction.objects.get(page=entry)
    restricted.restriction_type, restricted.password = PageViewRestriction.PASSWORD, "pw"
    restricted.save()
    form = client.get("/directory/camps/")
    assert form.status_code == 200
    assert "private" in _cache_control(form)
    assert "public" not in _cache_control(form)


def test_a_missing_page_and_the_health_check_are_not_shared(client, site_tree):
    missing = client.get("/directory/no-such-entry/")
    assert missing.status_code == 404
    assert "public" not in _cache_control(missing)
    assert "no-cache" in _cache_control(missing)
    assert "public" not in _cache_control(client.get("/healthz"))


def test_a_publish_enqueues_one_purge_when_it_commits(
    entry, unreachable_varnish, purges_enqueued, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.ERROR, logger="home.caching.frontend")
    with django_capture_on_commit_callbacks(execute=True):
        entry.title = "Night-time lights and displacement"
        entry.save_revision().publish()
        entry.get_parent().specific.save_revision().publish()
        with pytest.raises(RuntimeError), transaction.atomic():
            entry.save_revision().publish()
            raise RuntimeError
        assert purges_enqueued == []
    assert len(purges_enqueued) == 1
    # The cache did not answer: logged, the task failed, the publish kept.
    assert purges_enqueued[0].status == TaskResultStatus.FAILED
    assert "Could not purge frontend cache 'varnish'" in caplog.text
    entry.refresh_from_db()
    assert entry.live
    assert entry.title == "Night-time lights and displacement"


def test_a_draft_or_a_bookkeeping_write_purges_nothing(
    entry, unreachable_varnish, purges_enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry.title = "A draft title"
        entry.save_revision()
    assert purges_enqueued == []


def test_nothing_is_enqueued_without_a_cache_in_front(
    entry, settings, purges_enqueued, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        entry.save_revision().publish()
    assert purges_enqueued == []
    assert all(callback.__name__ != "_enqueue_purge" for callback in callbacks)


class _CloudflareStandIn(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, dict(self.headers), json.loads(body)))
        payload = json.dumps(self.server.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def cloudflare(settings):
    """A local HTTP server answering like Cloudflare's purge_cache endpoint (the
    real one is not reachable from here), configured as the site's CDN."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CloudflareStandIn)
    server.received, server.answer = [], {"success": True, "errors": []}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "home.caching.frontend.CloudflarePurgeEverythingBackend",
            "BEARER_TOKEN": "token-for-tests",
            "ZONEID": "zone-1",
            "ENDPOINT_URL": f"http://127.0.0.1:{server.server_port}/client/v4/zones/zone-1/purge_cache",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def test_cloudflare_purges_the_whole_zone(site_tree, cloudflare):
    assert purge_everything.enqueue().status == TaskResultStatus.SUCCESSFUL
    [(path, headers, body)] = cloudflare.received
    assert path == "/client/v4/zones/zone-1/purge_cache"
    assert headers["Authorization"] == "Bearer token-for-tests"
    assert body == {"purge_everything": True}


def test_a_cloudflare_refusal_is_logged_and_fails_the_task(site_tree, cloudflare, caplog):
    cloudflare.answer = {"success": False, "errors": [{"message": "Invalid zone"}]}
    caplog.set_level(logging.ERROR, logger="home.caching.frontend")
    assert purge_everything.enqueue().status == TaskResultStatus.FAILED
    assert "Could not purge frontend cache 'cloudflare'" in caplog.text
    assert "token-for-tests" not in caplog.text
