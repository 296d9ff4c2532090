"""Listing, facet and search pages cost a bounded number of SQL queries that does
not grow with the number of results."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from directory.models import DataSource, Region
from home.models import Topic
from tests.factories import build_site, entry_page, event_page, make_image, member_page, news_page, term

pytestmark = pytest.mark.django_db

URLS = [
    "/directory/",
    "/directory/?data_source=mobile-phone-cdr&region=south-asia",
    "/directory/?q=migration&sort=relevance",
    "/directory/?q=migration&sort=title&topic=disaster-displacement",
    "/search/?q=migration",
    "/search/?q=migration&type=entry",
    "/events/",
    "/events/?when=past",
    "/members/?country=FR",
    "/news/",
    "/directory/export.json",
    # Home and detail pages whose related lists grow with the content.
    "/",
    "/questions/",
    "/members/member-0/",
    "/directory/entry-0/",
]


def build(count):
    tree = build_site()
    cdr = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
    region = term(Region, "South Asia", slug="south-asia")
    topic = term(Topic, "Disaster displacement", slug="disaster-displacement")
    # Cards show images: each card must not cost its own rendition query.
    image = make_image(title="Card")
    members = [
        member_page(tree["member_index"], title=f"Member {number}", slug=f"member-{number}", country="FR", logo=image)
        for number in range(count)
    ]
    for number in range(count):
        entry_page(
            tree["directory_index"],
            title=f"Migration entry {number}",
            slug=f"entry-{number}",
            image=image,
            summary="Migration after disasters.",
            data_sources=[cdr],
            regions=[region],
            topics=[topic],
            countries=["NP", "IN"] if number else ["NP", "IN", "BD", "PK", "LK"][: 2 + count % 4],
            organisations=["Operator", ("Member 0", members[0])] if number else [(m.title, m) for m in members],
            year_started=2010 + number % 10,
        )
        event = event_page(
            tree["event_index"], title=f"Migration event {number}", days_from_now=number - count // 2, image=image
        )
        event.organisers.set([members[0]])
        event.save()
        news = news_page(tree["news_index"], title=f"Migration news {number}", topics=[topic], image=image)
        news.related_members.set([members[0]])
        news.save()
    return tree


def count_queries(client, url):
    # A first visit creates the image renditions once; what is measured is a
    # visit with Django's cache empty (cold) and one with it filled (warm).
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    return len(cold), len(warm)


@pytest.fixture
def counts_for(client):
    def counts(size):
        from wagtail.models import Page

        Page.objects.filter(depth__gt=1).delete()
        for model in (DataSource, Region, Topic):
            model.objects.all().delete()
        build(size)
        return {url: count_queries(client, url) for url in URLS}

    return counts


def test_query_counts_do_not_grow_with_the_number_of_results(counts_for):
    small = counts_for(3)
    large = counts_for(30)
    for url in URLS:
        # Search results load one query per page type on the page (at most five),
        # so only their mix, never their number, changes the count.
        slack = 5 if url.startswith("/search/") else 0
        assert large[url][0] <= small[url][0] + slack, (url, small[url], large[url])
        assert large[url][1] <= small[url][1] + slack, (url, small[url], large[url])


@pytest.mark.parametrize("url", URLS)
def test_query_counts_are_bounded(client, url, django_assert_max_num_queries):
    build(5)
    cache.clear()
    # Cold: the search by meaning reads the vectors once per content version and
    # the candidates' ids once per query (home/semantic).
    with django_assert_max_num_queries(62):
        assert client.get(url).status_code == 200
    # Once the listing, facets and search are cached, a repeat costs less.
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
