"""Members filter by sector, country and kind."""

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import build_site, member_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    tree = build_site()
    index = tree["member_index"]
    return {
        "iom": member_page(index, title="IOM", sector="international-organisation", country="CH"),
        "jrc": member_page(index, title="JRC", sector="government", country="IT"),
        "fmf": member_page(index, title="Flowminder", sector="ngo", country="SE"),
        "expert": member_page(index, title="A. Expert", sector="individual-expert", kind="individual", country="IT"),
        "secret": PageViewRestriction.objects.create(
            page=member_page(index, title="Hidden member", sector="government", country="FR"),
            restriction_type="login",
        ).page,
    }


def titles(response):
    return [member.title for member in response.context["members_page"].object_list]


def test_members_filter_by_sector_country_and_kind(client, members):
    assert titles(client.get("/members/", {"sector": "government"})) == ["JRC"]
    assert titles(client.get("/members/", {"country": "IT"})) == ["A. Expert", "JRC"]
    assert titles(client.get("/members/", {"country": "it", "kind": "organisation"})) == ["JRC"]
    assert titles(client.get("/members/", {"kind": "individual"})) == ["A. Expert"]


def test_member_filter_options_show_counts_under_the_other_filters(client, members):
    filters = client.get("/members/", {"country": "IT"}).context["filters"]
    sectors = {option.value: option.count for option in filters["facets"]["sector"]}
    assert sectors["government"] == 1 and sectors["individual-expert"] == 1 and sectors["ngo"] == 0
    assert [code for code, _name in filters["options"]["country"]] == ["IT", "SE", "CH"] or {
        code for code, _name in filters["options"]["country"]
    } == {"CH", "IT", "SE"}


def test_restricted_members_are_not_listed_or_counted(client, members):
    response = client.get("/members/")
    assert len(titles(response)) == 4
    assert "Hidden member" not in titles(response)
    assert "FR" not in {code for code, _ in response.context["filters"]["options"]["country"]}
    assert "Hidden member" not in response.content.decode()


def test_unknown_member_filters_are_ignored(client, members):
    response = client.get("/members/", {"sector": "aliens", "country": "XX", "kind": "robot"})
    assert len(titles(response)) == 4
