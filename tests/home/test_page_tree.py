"""Every page type fixes where it may live in the tree."""

import pytest

from directory.models import (
    DirectoryEntryPage,
    DirectoryIndexPage,
    MemberIndexPage,
    MemberPage,
    QuestionsPage,
)
from events.models import EventIndexPage, EventPage
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db

ALLOWED = [
    (NewsPage, "news_index"),
    (EventPage, "event_index"),
    (MemberPage, "member_index"),
    (DirectoryEntryPage, "directory_index"),
    (StandardPage, "home"),
]

REFUSED = [
    (NewsPage, "home"),
    (NewsPage, "event_index"),
    (NewsPage, "directory_index"),
    (EventPage, "news_index"),
    (EventPage, "home"),
    (MemberPage, "directory_index"),
    (MemberPage, "home"),
    (DirectoryEntryPage, "member_index"),
    (DirectoryEntryPage, "home"),
    (HomePage, "home"),
    (StandardPage, "news_index"),
    (StandardPage, "directory_index"),
    (QuestionsPage, "directory_index"),
]


@pytest.mark.parametrize(("page_type", "parent"), ALLOWED)
def test_page_type_may_be_created_under_its_parent(site_tree, page_type, parent):
    assert page_type.can_create_at(site_tree[parent])


@pytest.mark.parametrize(("page_type", "parent"), REFUSED)
def test_page_type_is_refused_under_a_disallowed_parent(site_tree, page_type, parent):
    assert not page_type.can_create_at(site_tree[parent])


INDEX_TYPES = [NewsIndexPage, EventIndexPage, MemberIndexPage, DirectoryIndexPage, QuestionsPage]


@pytest.mark.parametrize("index_type", INDEX_TYPES)
def test_index_pages_go_under_a_home_page(db, index_type):
    from wagtail.models import Page

    home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="fresh", hero_heading="Hi"))
    assert index_type.can_create_at(home)
    assert not index_type.can_create_at(Page.get_first_root_node())


@pytest.mark.parametrize("index_type", INDEX_TYPES)
def test_a_home_page_has_one_of_each_index(site_tree, index_type):
    assert not index_type.can_create_at(site_tree["home"])


@pytest.mark.parametrize("leaf", [NewsPage, EventPage, MemberPage, DirectoryEntryPage, QuestionsPage])
def test_leaf_pages_take_no_children(leaf):
    assert leaf.subpage_types == [] or leaf.allowed_subpage_models() == []


def test_admin_refuses_a_news_page_under_the_events_index(site_tree, admin_client):
    index = site_tree["event_index"]
    url = f"/admin/pages/add/home/newspage/{index.pk}/"
    response = admin_client.post(url, {"title": "Misplaced", "slug": "misplaced", "date": "2024-01-01", "intro": "x"})
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != f"/admin/pages/{index.pk}/"
    assert not NewsPage.objects.filter(slug="misplaced").exists()


def test_admin_offers_only_allowed_children(site_tree, admin_client):
    response = admin_client.get(f"/admin/pages/{site_tree['news_index'].pk}/add_subpage/", follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "/admin/pages/add/home/newspage/" in content
    assert "/admin/pages/add/events/eventpage/" not in content


def test_the_home_page_takes_the_index_pages_that_name_it_as_parent():
    """Each index page type opts in through its own parent_page_types; the home page
    keeps no list of other apps' page types."""
    offered = {model._meta.label for model in HomePage.creatable_subpage_models()}
    assert offered == {
        "home.StandardPage",
        "home.NewsIndexPage",
        "events.EventIndexPage",
        "directory.MemberIndexPage",
        "directory.DirectoryIndexPage",
        "directory.QuestionsPage",
    }
    assert "subpage_types" not in vars(HomePage)
