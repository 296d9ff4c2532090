"""The submission safeguards are kept in the database: another process, with
a cache of its own, sees the same counts and tokens, and old rows go as new
ones are written. (tests/home/test_submission_state.py runs two real worker
processes.)"""

import datetime

from django.core.cache import caches
from django.utils import timezone

import pytest

from directory.models import DataSource
from home.models import Submission, SubmissionRate, SubmissionToken, Topic
from tests.directory.test_submissions import URL, entry_data
from tests.factories import term

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(site_tree):
    return {"data_source": term(DataSource, "Satellite imagery"), "topic": term(Topic, "Forced displacement")}


def _another_process():
    """What a second worker process sees of the local-memory caches: nothing."""
    for alias in ("default", "pages"):
        caches[alias].clear()


def test_the_limit_is_not_kept_in_one_process_cache(client, terms, settings):
    settings.HUB_SUBMISSION_RATE_LIMIT = 1
    assert client.post(URL, entry_data(terms, form_token="1" * 32)).status_code == 302
    _another_process()
    assert client.post(URL, entry_data(terms, form_token="2" * 32)).status_code == 429
    assert Submission.objects.count() == 1


def test_a_repeated_form_is_not_kept_in_one_process_cache(client, terms):
    data = entry_data(terms, form_token="3" * 32)
    assert client.post(URL, data).status_code == 302
    _another_process()
    assert client.post(URL, data).status_code == 302
    assert Submission.objects.count() == 1


def test_a_new_window_lets_the_client_submit_again_and_old_windows_are_removed(client, terms, settings):
    settings.HUB_SUBMISSION_RATE_LIMIT = 1
    address = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.post(URL, entry_data(terms, form_token="4" * 32), **address).status_code == 302
    assert client.post(URL, entry_data(terms, form_token="5" * 32), **address).status_code == 429
    an_hour_and_more_ago = timezone.now() - datetime.timedelta(seconds=settings.HUB_SUBMISSION_RATE_WINDOW + 60)
    SubmissionRate.objects.update(window_start=an_hour_and_more_ago)
    assert client.post(URL, entry_data(terms, form_token="6" * 32), **address).status_code == 302
    assert Submission.objects.count() == 2

    # A first submission from another address clears the windows that are over.
    SubmissionRate.objects.filter(client_address="203.0.113.9").update(window_start=an_hour_and_more_ago)
    assert client.post(URL, entry_data(terms, form_token="7" * 32), REMOTE_ADDR="198.51.100.9").status_code == 302
    assert list(SubmissionRate.objects.values_list("client_address", "count")) == [("198.51.100.9", 1)]


def test_tokens_older_than_a_day_are_removed_when_a_form_is_sent(client, terms):
    SubmissionToken.objects.create(token="8" * 32, created_at=timezone.now() - datetime.timedelta(days=2))
    SubmissionToken.objects.create(token="9" * 32, created_at=timezone.now() - datetime.timedelta(hours=2))
    assert client.post(URL, entry_data(terms, form_token="a" * 32)).status_code == 302
    assert sorted(SubmissionToken.objects.values_list("token", flat=True)) == ["9" * 32, "a" * 32]
