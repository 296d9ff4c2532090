"""An entry page's content is rendered once per content version: a URL the page
cache has not seen skips the entry's relations and template, and every change a
visitor may see shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from directory.models import DataSource
from tests.factories import entry_page, member_page, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db

RELATION_TABLES = (
    "directory_directoryentrypage_data_sources",
    "directory_entrycountry",
    "directory_entryorganisation",
    "directory_directoryentrypage_topics",
)


@pytest.fixture
def entry(site_tree):
    member = member_page(site_tree["member_index"], title="Flowminder Foundation", slug="flowminder")
    return entry_page(
        site_tree["directory_index"],
        title="Camps from space",
        slug="camps",
        summary="Satellite imagery counts the tents.",
        data_sources=[term(DataSource, "Satellite imagery")],
        countries=["BD"],
        organisations=[("Flowminder", member), "An operator"],
    )


def article(response):
    assert response.status_code == 200
    return str(soup_of(response).find("article"))


def test_the_page_under_another_url_reuses_its_content(client, entry):
    first = client.get("/directory/camps/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/directory/camps/?ref=newsletter")
    assert article(again) == article(first)
    assert "Satellite imagery" in article(again)
    assert '<a href="/members/flowminder/">Flowminder</a>' in article(again)
    assert not [q["sql"] for q in queries if any(table in q["sql"] for table in RELATION_TABLES)]
    assert len(queries) <= 10, [q["sql"][:80] for q in queries]


def test_a_renamed_term_and_an_unpublished_member_show_at_once(client, entry):
    client.get("/directory/camps/")
    source = DataSource.objects.get(slug="satellite-imagery")
    source.name = "Earth observation"
    source.save()
    assert "Earth observation" in article(client.get("/directory/camps/"))
    entry.organisation_links.first().member.unpublish()
    content = article(client.get("/directory/camps/"))
    assert "/members/flowminder/" not in content
    assert "Flowminder" in content


def test_a_preview_shows_the_draft_and_leaves_the_public_content_alone(client, entry):
    client.get("/directory/camps/")
    entry.summary = "A draft summary nobody may see yet."
    entry.save_revision()
    preview = entry.get_latest_revision_as_object().make_preview_request()
    preview.render()
    assert "A draft summary nobody may see yet." in preview.content.decode()
    public = article(client.get("/directory/camps/"))
    assert "A draft summary nobody may see yet." not in public
    assert "Satellite imagery counts the tents." in public
