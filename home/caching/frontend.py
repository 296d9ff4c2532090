"""The HTTP caches in front of the site (Varnish, a CDN), purged whole on every content change.

Any cached page may show what changed: the home page, listings, menus, feeds,
the sitemap, search results. The site keeps one global content version
(home.caching.version) rather than a map of which page shows what, so the
caches in front are emptied the same way: everything of the site at once.
Wagtail's frontend_cache purges the URLs of the published page only, so its
backends are subclassed with a `purge_all`, called from one task per
committed transaction (a publish saves many rows; one purge covers them).
The task runs in the worker when TASKS_BACKEND=database, at once otherwise.
"""

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection, transaction

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

import requests
from django_tasks import task

logger = logging.getLogger(__name__)

# A purge runs inside the publish's request when tasks run at once: a cache
# that does not answer must not hold the editor for long.
PURGE_TIMEOUT = 10


class PurgeFailed(Exception):
    """A cache in front answered a purge with an error; the task fails visibly."""


class VarnishBackend(HTTPBackend):
    """HTTPBackend sends one PURGE per URL, and a site-wide purge cannot name
    every URL (query strings, pages of listings, feeds). One BAN per hostname
    drops every object Varnish holds for that host: deploy/varnish/hub.vcl
    turns it into `ban(obj.http.x-host == <host>)`, which Varnish's ban lurker
    can apply without waiting for each object's next request."""

    def __init__(self, params):
        self.ban_url = urlunsplit((*urlsplit(params["LOCATION"])[:2], "/", "", ""))
        super().__init__(params)

    def purge_all(self, hostnames):
        for hostname in hostnames:
            response = requests.request(
                "BAN",
                self.ban_url,
                headers={"Host": hostname, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
                timeout=PURGE_TIMEOUT,
            )
            if response.status_code != 200:
                raise PurgeFailed(f"Varnish answered {response.status_code} to the BAN of {hostname}")


class CloudflarePurgeEverythingBackend(CloudflareBackend):
    """Cloudflare's purge of a whole zone, one API call, instead of its URL batches."""

    def __init__(self, params):
        # Only tests point this elsewhere (a local server standing in for the API).
        endpoint = params.pop("ENDPOINT_URL", None)
        super().__init__(params)
        if endpoint:
            self.cloudflare_purge_endpoint_url = endpoint

    def purge_all(self, hostnames):
        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        response = requests.post(
            self.cloudflare_purge_endpoint_url, json={"purge_everything": True}, headers=headers, timeout=PURGE_TIMEOUT
        )
        try:
            succeeded = response.json().get("success") is True
        except ValueError:
            succeeded = False
        if not succeeded:
            raise PurgeFailed(f"Cloudflare answered {response.status_code} to the purge of the zone")


def site_hostnames(backend):
    """The hostnames a backend empties: its HOSTNAMES when the operator named
    them, else those of Wagtail's Site records it invalidates."""
    if backend.hostnames != ["*"]:
        return list(backend.hostnames)
    from wagtail.models import Site

    names = sorted(set(Site.objects.values_list("hostname", flat=True)))
    return [name for name in names if backend.invalidates_hostname(name)]


@task()
def purge_everything():
    """Empty every configured cache in front. Each failure is logged and the
    others are still purged; then the task fails, so the worker records it."""
    failures = []
    for name, backend in get_backends().items():
        purge_all = getattr(backend, "purge_all", None)
        if purge_all is None:
            logger.warning("Frontend cache %r cannot purge the whole site; use home.caching.frontend's backends", name)
            continue
        try:
            purge_all(site_hostnames(backend))
        except (PurgeFailed, requests.RequestException) as error:
            logger.error("Could not purge frontend cache %r: %s", name, error)
            failures.append(f"{name}: {error}")
        else:
            logger.info("Purged frontend cache %r", name)
    if failures:
        raise PurgeFailed("; ".join(failures))


def _enqueue_purge():
    try:
        purge_everything.enqueue()
    except Exception:  # noqa: BLE001 - a queue that fails must not fail the publish
        logger.exception("Could not enqueue the purge of the frontend caches")


def schedule_purge():
    """One purge of the caches in front when the current transaction commits,
    however many rows it changed; nothing when none is configured."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # Django drops the callbacks of a transaction rolled back, so one still
    # pending here belongs to a transaction that may yet commit.
    if any(callback is _enqueue_purge for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_purge, robust=True)
