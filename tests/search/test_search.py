"""The site search: what a visitor finds, in what order, and what never shows."""

from django.contrib.auth.models import Group

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from directory.models import DataSource
from tests.factories import build_site, entry_page, event_page, member_page, news_page, term
from tests.html import result_titles, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = build_site()
    satellite = term(DataSource, "Satellite imagery")
    directory = tree["directory_index"]
    tree["camps"] = entry_page(
        directory,
        title="Counting refugee camps from space",
        summary="Satellite imagery estimates the growth of refugee camps in Bangladesh.",
        data_sources=[satellite],
        countries=["BD"],
    )
    tree["venezuela"] = entry_page(
        directory,
        title="Venezuelan migration seen through Facebook advertising",
        summary="Advertising audience estimates track Venezuelans moving to Colombia and Perú.",
        countries=["VE", "CO"],
    )
    tree["bogota"] = entry_page(
        directory,
        title="Mobility in Bogotá after the border reopened",
        summary="Mobile phone records show daily movements across the city.",
        countries=["CO"],
    )
    tree["news"] = news_page(tree["news_index"], title="Alliance dialogue on satellite data", intro="A dialogue.")
    tree["event"] = event_page(tree["event_index"], title="Webinar: nowcasting displacement", intro="Online.")
    tree["member"] = member_page(tree["member_index"], title="Flowminder Foundation", acronym="FMF")
    return tree


def titles(response):
    return result_titles(soup_of(response))


def test_search_finds_every_public_page_type(client, tree):
    for query, expected in [
        ("refugee camps", tree["camps"]),
        ("dialogue", tree["news"]),
        ("nowcasting", tree["event"]),
        ("Flowminder", tree["member"]),
    ]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert expected.title in titles(response), query


def test_search_ignores_case_accents_plurals_and_word_order(client, tree):
    for query in ["REFUGEE CAMP", "camps refugee", "refugees camp", "Counting camp"]:
        assert tree["camps"].title in titles(client.get("/search/", {"q": query})), query
    for query in ["bogota", "Bogotá", "BOGOTA"]:
        assert tree["bogota"].title in titles(client.get("/search/", {"q": query})), query
    assert tree["venezuela"].title in titles(client.get("/search/", {"q": "peru"}))


def test_search_forgives_typos_and_prefixes(client, tree):
    assert tree["camps"].title in titles(client.get("/search/", {"q": "satelite"}))
    assert tree["venezuela"].title in titles(client.get("/search/", {"q": "venezuel"}))
    assert tree["camps"].title in titles(client.get("/search/", {"q": "refugee campz"}))


def test_search_results_carry_type_date_and_excerpt(client, tree):
    response = client.get("/search/", {"q": "webinar nowcasting"})
    [result] = soup_of(response).select(".result")
    start = tree["event"].local_start
    assert result.select_one(".result__type").get_text(" ", strip=True) == f"Event · {start:%-d %B %Y}"
    assert result.select_one("time")["datetime"] == f"{start:%Y-%m-%d}"
    assert result.select_one("p:last-child").get_text(strip=True) == "Online."


def test_search_filters_by_type(client, tree):
    response = client.get("/search/", {"q": "satellite", "type": "news"})
    assert titles(response) == [tree["news"].title]
    response = client.get("/search/", {"q": "satellite", "type": "entry"})
    assert titles(response) == [tree["camps"].title]


def test_search_paginates(client, tree):
    for number in range(15):
        news_page(tree["news_index"], title=f"Drought displacement brief {number}", intro="Drought.")
    first = client.get("/search/", {"q": "drought"})
    second = client.get("/search/", {"q": "drought", "page": 2})
    assert first.context["results_page"].paginator.count == 15
    assert len(titles(first)) == 10 and len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))


def test_promoted_results_come_first_and_queries_are_logged(client, tree):
    query = Query.get("satellite")
    SearchPromotion.objects.create(query=query, page=tree["member"], sort_order=0, description="Our partner.")
    response = client.get("/search/", {"q": "Satellite"})
    assert titles(response)[0] == tree["member"].title
    assert response.context["promotions"][0].result_excerpt == "Our partner."
    # A promoted page is not listed twice.
    assert titles(response).count(tree["member"].title) == 1
    assert Query.get("satellite").hits == 1
    client.get("/search/", {"q": "satellite"})
    assert Query.get("satellite").hits == 2


def test_a_promotion_of_a_private_page_is_not_shown(client, tree):
    PageViewRestriction.objects.create(page=tree["member"], restriction_type=PageViewRestriction.LOGIN)
    SearchPromotion.objects.create(query=Query.get("satellite"), page=tree["member"], sort_order=0)
    shown = titles(client.get("/search/", {"q": "satellite"}))
    assert tree["member"].title not in shown
    assert tree["camps"].title in shown


@pytest.mark.parametrize("restriction", ["login", "password", "groups"])
def test_restricted_pages_never_appear(client, tree, restriction):
    secret = entry_page(tree["directory_index"], title="Confidential satellite pilot", summary="Secret satellite work.")
    child_parent = tree["news_index"]
    restricted = PageViewRestriction.objects.create(
        page=secret if restriction != "groups" else child_parent,
        restriction_type=restriction,
        password="s3cret" if restriction == "password" else "",
    )
    if restriction == "groups":
        restricted.groups.set([Group.objects.create(name="Insiders")])
    response = client.get("/search/", {"q": "satellite"})
    body = response.content.decode()
    if restriction == "groups":
        # Restricting the news index hides its news too.
        assert tree["news"].title not in titles(response)
        assert tree["news"].title not in body
    else:
        assert secret.title not in titles(response)
        assert "Confidential" not in body


def test_drafts_unpublished_and_expired_pages_never_appear(client, tree):
    from django.utils import timezone

    draft = entry_page(tree["directory_index"], title="Draft satellite study", live=False)
    draft.save_revision()
    tree["news"].unpublish()
    expired = entry_page(tree["directory_index"], title="Expired satellite study")
    expired.expire_at = timezone.now()
    expired.save()
    from wagtail.models import Page

    Page.objects.filter(pk=expired.pk).update(live=False, expired=True)
    found = titles(client.get("/search/", {"q": "satellite"}))
    assert found == [tree["camps"].title]


def test_search_without_query_shows_the_form(client, tree):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results_page"] is None
    assert not Query.objects.exists()
