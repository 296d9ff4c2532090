"""Page types describe themselves (home/describing.py): home asks the page, never
its model label, and links to pages are links to wagtailcore.Page."""

import ast
import re
from pathlib import Path

from django.urls import reverse

import pytest

from tests.factories import event_page, member_page, news_page, staff_user
from tests.utils import editor_form_data

ROOT = Path(__file__).resolve().parents[2]
# The modules of home that used to switch on other apps' model labels.
HOME_MODULES = [
    "home/selectors.py",
    "home/search_query.py",
    "home/describing.py",
    "home/templatetags/seo_tags.py",
]
DIRECTORY_MODULES = [
    "directory/selectors.py",
    "directory/listing.py",
    "directory/facets.py",
    "directory/templatetags/facet_tags.py",
]
# "events.EventPage", or "events" as in apps.get_model("events", "EventPage").
LABEL_OF_ANOTHER_APP = re.compile(r"""["'](events|directory)(\.[A-Z]|["'])""")


def imported_modules(path):
    tree = ast.parse((ROOT / path).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


@pytest.mark.parametrize("path", HOME_MODULES)
def test_home_names_no_other_apps_page_types(path):
    source = (ROOT / path).read_text()
    assert not LABEL_OF_ANOTHER_APP.findall(source)
    assert not [name for name in imported_modules(path) if name.split(".")[0] in {"events", "directory", "search"}]


@pytest.mark.parametrize("path", DIRECTORY_MODULES)
def test_the_directory_imports_nothing_from_events(path):
    assert not [name for name in imported_modules(path) if name.split(".")[0] in {"events", "search"}]


def test_no_directory_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): len(path.read_text().splitlines())
        for path in (ROOT / "directory").rglob("*.py")
        if "migrations" not in path.parts and len(path.read_text().splitlines()) > 400
    }
    assert not long


@pytest.fixture
def moderator(db):
    return staff_user("protocol-moderator", group="Moderators")


def preview(client, page, **changes):
    """Post the editor's form to the preview as the preview panel does, then load the preview."""
    form = editor_form_data(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    # Lists, so that the test client posts every value of a multiple choice.
    data = {name: form.getlist(name) for name in form}
    data.update({name: [str(value) for value in values] for name, values in changes.items()})
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    return client.get(preview_url + "?in_preview_panel=true")


def test_news_preview_shows_a_related_member_added_in_the_editor(client, moderator, site_tree):
    member = member_page(site_tree["member_index"], title="Alliance Research Lab")
    hidden = member_page(site_tree["member_index"], title="Unpublished Member Lab", live=False)
    news = news_page(site_tree["news_index"], title="News with links")
    client.force_login(moderator)

    response = preview(client, news, related_members=[member.pk, hidden.pk])

    assert response.status_code == 200
    html = response.content.decode()
    assert "Alliance Research Lab" in html
    assert member.url in html
    assert "Unpublished Member Lab" not in html


def test_event_preview_shows_an_organiser_added_in_the_editor(client, moderator, site_tree):
    member = member_page(site_tree["member_index"], title="Organising Institute")
    event = event_page(site_tree["event_index"], title="Event with organisers")
    client.force_login(moderator)

    response = preview(client, event, organisers=[member.pk])

    assert response.status_code == 200
    assert "Organising Institute" in response.content.decode()


def test_a_news_page_lists_no_related_member_in_a_private_section(client, site_tree):
    from wagtail.models import PageViewRestriction

    public_member = member_page(site_tree["member_index"], title="Open Member Lab")
    private_member = member_page(site_tree["member_index"], title="Members-only Lab")
    PageViewRestriction.objects.create(page=private_member, restriction_type="login")
    news = news_page(site_tree["news_index"], title="News linking two members")
    news.related_members = [private_member, public_member]
    news.save_revision().publish()

    html = client.get(news.url).content.decode()

    assert "Open Member Lab" in html
    assert "Members-only Lab" not in html
