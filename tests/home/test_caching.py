"""home.caching: every change a visitor could see empties the caches, models
nobody listed included; bookkeeping leaves them; one version per request."""

from django.test import Client

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

import pytest

from directory.models import DataSource
from home.caching import content_version
from home.caching.version import request_scope
from home.models import Submission, Topic
from tests.directory.test_submissions import entry_data
from tests.factories import entry_page, term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings, tmp_path):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    # A version file of this test alone: other test runs on the machine move theirs.
    settings.HUB_CONTENT_VERSION_FILE = tmp_path / "content-version"


@pytest.fixture
def entry(site_tree):
    return entry_page(site_tree["directory_index"], title="Satellite imagery of camps", slug="camps")


def _cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_a_change_of_the_site_record_is_shown_at_once(client, entry):
    _cached(client, "/directory/camps/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Big Data for Migration Alliance"
    site.save()
    response = client.get("/directory/camps/")
    assert response["X-Page-Cache"] == "miss"
    assert "Big Data for Migration Alliance</title>" in response.content.decode()


def test_a_model_nobody_listed_empties_the_caches(client, entry):
    """Redirects were never named by the invalidation rules; a deny-list needs no name."""
    _cached(client, "/directory/camps/")
    Redirect.objects.create(old_path="/camps", redirect_page=entry)
    assert client.get("/directory/camps/")["X-Page-Cache"] == "miss"
    assert client.get("/camps/").status_code == 301


def test_logging_in_to_the_admin_keeps_the_cached_pages(client, entry, superuser):
    _cached(client, "/directory/camps/")
    staff = Client()
    staff.force_login(superuser)  # a session row and the user's last_login
    assert staff.get("/admin/").status_code == 200
    assert client.get("/directory/camps/")["X-Page-Cache"] == "hit"


def test_a_public_submission_keeps_the_cached_pages(client, entry):
    """A submission writes a draft page, its revision, a workflow state and a
    Submission row: nothing a visitor sees until a moderator publishes."""
    terms = {"data_source": term(DataSource, "Satellite imagery"), "topic": term(Topic, "Forced displacement")}
    _cached(client, "/directory/camps/")
    assert client.post("/directory/submit/", entry_data(terms)).status_code == 302
    assert Submission.objects.count() == 1
    assert client.get("/directory/camps/")["X-Page-Cache"] == "hit"


def test_a_request_reads_the_version_once(settings):
    """Another process's change during a request shows from the next request on,
    so the fragments of one page never mix two versions."""
    version_file = settings.HUB_CONTENT_VERSION_FILE
    with request_scope():
        first = content_version()
        with open(version_file, "ab") as other_process:
            other_process.write(b".")
        assert content_version() == first
    assert content_version() != first


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_it(settings, entry):
    with request_scope():
        first = content_version()
        entry.title = "Tents counted from space"
        entry.save_revision().publish()
        assert content_version() != first
