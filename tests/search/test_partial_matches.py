"""Pages with only some of a query's words: kept after the pages with all of them, at
most MAX_PARTIAL_HITS of them (a long question matches most of a large directory by
one word or another), and never matched by English small words alone."""

import pytest

from home import search_query
from home.search_query import search_ranking
from tests.factories import entry_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site_tree, settings):
    settings.HUB_SEMANTIC_SEARCH = False  # the full-text ranking alone, whose tail this is
    index = site_tree["directory_index"]
    for number in range(3):
        entry_page(index, title=f"Flood maps of Kenya {number}", slug=f"both-{number}", summary="Flood extent.")
    for number in range(5):
        entry_page(index, title=f"Flood gauges {number}", slug=f"flood-{number}", summary="River levels.")
    entry_page(index, title="The state of the art", slug="small-words", summary="What the review found.")
    return index


def slugs(index, query):
    from wagtail.models import Page

    ids = search_ranking(index.get_entries(), query).ids
    by_id = dict(Page.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [by_id[pk] for pk in ids]


def test_every_page_with_all_the_words_then_the_best_few_with_some(index, monkeypatch):
    monkeypatch.setattr(search_query, "MAX_PARTIAL_HITS", 2)
    found = slugs(index, "flood kenya")
    assert sorted(found[:3]) == ["both-0", "both-1", "both-2"]
    assert len(found) == 5 and all(slug.startswith("flood-") for slug in found[3:])


def test_a_question_no_page_answers_word_for_word_finds_pages_by_its_words(index):
    found = slugs(index, "what did the flood gauges show after the rains")
    assert sorted(found[:5]) == [f"flood-{number}" for number in range(5)]
    assert sorted(found[5:]) == ["both-0", "both-1", "both-2"]
    # "what" and "the" alone would have matched the review.
    assert "small-words" not in found
