"""The demo loader indexes once, at the end: after a run, search finds every demo
page and Wagtail's usage screens know where each image is used; while the content
is saved, the search index is not written; and a run repairs indexes that lost
entries. (The reference index is written on each publish all the same, by
home/media_privacy.py, which needs it current to decide which images are public.)

The demo content is the session's (tests/conftest.py `demo_content`), loaded once
with its SQL recorded; these tests run last, with the other tests on it.
"""

import io
import re

from django.apps import apps
from django.core.management import call_command
from django.utils.html import escape

from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

import pytest

from home.demo.reference import load

CONTENT_TABLES = ("wagtailcore_page", "wagtailcore_revision", "home_hubimage")
SEARCH_INDEX_TABLES = ("wagtailsearch_indexentry", "wagtailsearch_indexentry_fts")


def writes_to(sql, tables):
    """Whether `sql` inserts or updates rows of `tables` (SQLite says INSERT OR IGNORE...)."""
    pattern = r'\s*(INSERT(\s+OR\s+\w+)?\s+INTO|UPDATE)\s+"?({})"?[\s(]'.format("|".join(tables))
    return re.match(pattern, sql) is not None


@pytest.fixture
def first_run(demo_content):
    """The SQL of the session's first load_demo_content run, in order."""
    return demo_content["statements"]


def entry_and_summary_word():
    """A directory entry's slug and a word of its summary that no other entry's summary or title uses."""
    records = load("directory")
    for record in records:
        others = " ".join(f"{other['title']} {other['summary']}" for other in records if other is not record).lower()
        for word in sorted(set(re.findall(r"[A-Za-z]{9,}", record["summary"])), key=len, reverse=True):
            if word.lower() not in others:
                return record["slug"], word
    raise AssertionError("no entry has a word of its own in its summary")


def assert_indexes_complete(client):
    slug, word = entry_and_summary_word()
    assert slug in {page.slug for page in Page.objects.live().search(word)}, word

    pages = set(Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    page_entries = IndexEntry.objects.filter(content_type__in=Page.objects.values("content_type"))
    indexed = {int(pk) for pk in page_entries.values_list("object_id", flat=True)}
    assert pages - indexed == set()

    # Entries have no picture (they show a locator map): the reference index is checked on a news page's.
    news = apps.get_model("home.NewsPage").objects.exclude(image=None).order_by("pk").first()
    response = client.get(f"/admin/images/usage/{news.image_id}/")
    assert response.status_code == 200
    assert escape(news.title) in response.content.decode()


@pytest.mark.django_db
def test_after_a_run_search_and_usage_know_every_demo_page(first_run, admin_client):
    assert_indexes_complete(admin_client)


@pytest.mark.django_db
def test_the_search_index_is_not_written_until_the_content_is_saved(first_run):
    content_writes = [number for number, sql in enumerate(first_run) if writes_to(sql, CONTENT_TABLES)]
    index_writes = [number for number, sql in enumerate(first_run) if writes_to(sql, SEARCH_INDEX_TABLES)]

    assert content_writes and index_writes
    assert max(content_writes) < min(index_writes)


@pytest.mark.django_db
def test_a_second_run_repairs_indexes_that_lost_entries(first_run, admin_client):
    IndexEntry.objects.all().delete()
    ReferenceIndex.objects.all().delete()
    out = io.StringIO()

    call_command("load_demo_content", stdout=out)

    assert "Nothing changed." in out.getvalue()
    assert_indexes_complete(admin_client)
