"""A Redis that dies, or stops answering, mid-run: every page is still served,
uncached and never stale, and /healthz says the cache is down until it is back.

Each test starts its own redis-server on a free port, so it can kill it."""

import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis

from directory.models import DataSource
from home.models import Submission, Topic
from tests.directory.test_submissions import entry_data
from tests.factories import entry_page, term

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
REDIS_CLI = shutil.which("redis-cli") or "/usr/bin/redis-cli"


class RedisServer:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=20)
            self.process = None

    def command(self, *args):
        # redis-cli, not redis-py: a redis-py connection's handshake waits out a CLIENT PAUSE.
        subprocess.run([REDIS_CLI, "-p", str(self.port), *args], check=True, stdout=subprocess.DEVNULL, timeout=20)


def redis_caches_on(server, prefix):
    """CACHES as hub.settings.base configures Redis, with shorter timeouts for a quick test."""
    return {
        alias: {
            "BACKEND": "home.caching.backends.FailSafeRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 60},
        }
        for alias, key_prefix in (("default", prefix), ("pages", f"{prefix}-pages"))
    }


@pytest.fixture
def redis_server(settings):
    server = RedisServer()
    server.start()
    settings.CACHES = redis_caches_on(server, f"hub-failsafe-{uuid.uuid4().hex[:8]}")
    settings.HUB_PAGE_CACHE_SECONDS = 600
    yield server
    server.stop()


@pytest.fixture
def entry(site_tree):
    return entry_page(site_tree["directory_index"], title="Satellite imagery of camps", slug="camps")


@pytest.fixture
def terms(site_tree):
    return {"data_source": term(DataSource, "Satellite imagery"), "topic": term(Topic, "Forced displacement")}


def test_every_page_answers_while_redis_is_down_and_health_says_so(client, redis_server, entry, terms):
    assert client.get("/directory/")["X-Page-Cache"] == "miss"
    assert client.get("/directory/")["X-Page-Cache"] == "hit"
    assert client.get("/healthz").status_code == 200

    redis_server.stop()

    for url in ("/", "/directory/", "/directory/camps/", "/events/", "/robots.txt", "/search/?q=camps"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response, url
    assert "Satellite imagery of camps" in client.get("/directory/").content.decode()
    assert "Satellite imagery of camps" in client.get("/search/?q=camps").content.decode()
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/admin/").status_code == 302
    assert client.get("/directory/submit/").status_code == 200
    response = client.post("/directory/submit/", entry_data(terms))
    assert response.status_code == 302
    assert Submission.objects.count() == 1

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["status"] == "error"
    assert health.json()["database"] == "ok"
    assert health.json()["cache"].startswith("error")

    redis_server.start()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["cache"] == "ok"
    assert client.get("/directory/camps/")["X-Page-Cache"] == "miss"
    assert client.get("/directory/camps/")["X-Page-Cache"] == "hit"


def test_a_double_post_while_redis_is_down_is_recorded_once(client, redis_server, terms):
    redis_server.stop()
    data = entry_data(terms, form_token="b" * 32)
    assert client.post("/directory/submit/", data).status_code == 302
    assert client.post("/directory/submit/", data).status_code == 302
    assert Submission.objects.count() == 1


def test_the_submission_limit_holds_while_redis_is_down(client, redis_server, terms, settings):
    settings.HUB_SUBMISSION_RATE_LIMIT = 1
    redis_server.stop()
    assert client.post("/directory/submit/", entry_data(terms, form_token="c" * 32)).status_code == 302
    assert client.post("/directory/submit/", entry_data(terms, form_token="d" * 32)).status_code == 429
    assert Submission.objects.count() == 1


def test_a_publish_while_redis_hangs_is_never_shown_stale(client, redis_server, entry, caplog):
    assert client.get("/directory/camps/")["X-Page-Cache"] == "miss"
    assert client.get("/directory/camps/")["X-Page-Cache"] == "hit"
    # Redis keeps its data but holds every write: recording the change times out.
    redis_server.command("CLIENT", "PAUSE", "600000", "WRITE")
    try:
        entry.title = "Tents counted from space"
        entry.save_revision().publish()
        assert "Could not record a content change" in caplog.text
        response = client.get("/directory/camps/")
        assert response.status_code == 200
        assert "Tents counted from space" in response.content.decode()
    finally:
        redis_server.command("CLIENT", "UNPAUSE")
    assert client.get("/healthz").status_code == 200
    response = client.get("/directory/camps/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tents counted from space" in response.content.decode()
    assert "Satellite imagery of camps" not in response.content.decode()
