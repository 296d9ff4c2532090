"""The public API (Wagtail API v2): published public pages, readable taxonomy, no private links."""

from wagtail.models import PageViewRestriction

import pytest

from directory.models import CollaborativeType, DataSource, Region
from home.models import HomeFeaturedEntry
from tests.factories import build_site, entry_page, member_page, news_page, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = build_site()
    directory = tree["directory_index"]
    tree["entry"] = entry_page(
        directory,
        title="Haiti earthquake displacement",
        slug="haiti",
        data_sources=[term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")],
        collaborative_type=term(CollaborativeType, "Data pooling", slug="data-pooling"),
        regions=[term(Region, "Latin America and Caribbean", slug="latin-america-caribbean")],
        countries=["HT"],
    )
    tree["draft"] = entry_page(directory, title="Secret draft entry", slug="secret-draft", live=False)
    tree["restricted"] = entry_page(directory, title="Restricted entry", slug="restricted")
    PageViewRestriction.objects.create(page=tree["restricted"], restriction_type="password", password="x")
    hidden_member = member_page(tree["member_index"], title="Unpublished member", live=False)
    tree["news"] = news_page(tree["news_index"], title="Public news")
    tree["news"].related_entries = [tree["entry"], tree["restricted"]]
    tree["news"].related_members = [hidden_member]
    tree["news"].save_revision().publish()
    HomeFeaturedEntry.objects.create(page=tree["home"], entry=tree["draft"], sort_order=0)
    HomeFeaturedEntry.objects.create(page=tree["home"], entry=tree["entry"], sort_order=1)
    return tree


def test_api_lists_only_live_public_pages(client, tree):
    response = client.get("/api/v2/pages/", {"limit": 100})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Haiti earthquake displacement" in body
    for secret in ["Secret draft entry", "Restricted entry", "Unpublished member"]:
        assert secret not in body
    assert client.get(f"/api/v2/pages/{tree['restricted'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{tree['draft'].pk}/").status_code == 404


def test_entries_expose_taxonomy_as_readable_values(client, tree):
    response = client.get(f"/api/v2/pages/{tree['entry'].pk}/")
    data = response.json()
    assert data["data_sources"] == [{"slug": "mobile-phone-cdr", "name": "Mobile phone records"}]
    assert data["regions"] == [{"slug": "latin-america-caribbean", "name": "Latin America and Caribbean"}]
    assert data["collaborative_type"] == "Data pooling"
    assert data["country_codes"] == ["HT"]
    listing = client.get(
        "/api/v2/pages/", {"type": "directory.DirectoryEntryPage", "fields": "data_sources,country_codes"}
    ).json()
    assert listing["items"][0]["data_sources"][0]["name"] == "Mobile phone records"


def test_links_to_private_pages_are_removed(client, tree):
    news = client.get(f"/api/v2/pages/{tree['news'].pk}/").json()
    assert [link["id"] for link in news["related_entries"]] == [tree["entry"].pk]
    assert news["related_members"] == []
    home = client.get(f"/api/v2/pages/{tree['home'].pk}/").content.decode()
    assert "Secret draft entry" not in home
    listing = client.get("/api/v2/pages/", {"type": "home.NewsPage", "fields": "related_entries,related_members"})
    assert "Restricted entry" not in listing.content.decode()


def test_api_search_and_bad_parameters_never_fail(client, tree):
    response = client.get("/api/v2/pages/", {"search": "haiti"})
    assert [item["title"] for item in response.json()["items"]] == ["Haiti earthquake displacement"]
    for params in [{"search": '"\x00(unbalanced'}, {"type": "nope.Nope"}, {"limit": "x"}, {"offset": "-1"}]:
        assert client.get("/api/v2/pages/", params).status_code in {200, 400}
