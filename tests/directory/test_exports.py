"""Open-data exports: stable columns, the directory's filters, nothing private."""

import csv
import io
import json

from wagtail.models import PageViewRestriction

import pytest

from directory.exports import COLUMNS
from directory.models import DataSource
from home.models import Submission
from tests.factories import entry_page, term
from tests.shared_data import fresh, rolled_back

pytestmark = pytest.mark.django_db

# The public contract of docs/open-data.md: columns may be added, never renamed or removed.
CONTRACT = [
    "slug", "title", "url", "summary", "year_started", "year_basis", "year_ended", "status", "data_sources",
    "methods", "value_propositions", "collaborative_type", "topics", "countries", "regions", "organisations",
    "data_responsibility", "sources", "last_published_at",
]  # fmt: skip


@pytest.fixture(scope="module")
def tree_ids(module_site_tree, django_db_blocker):
    """Two public entries, a draft with its submitter and a restricted entry, built once
    for the module: no test here changes content."""
    with rolled_back(django_db_blocker):
        tree = fresh(module_site_tree)
        cdr = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
        sat = term(DataSource, "Satellite imagery", slug="satellite-imagery")
        index = tree["directory_index"]
        entry_page(
            index,
            title="Haiti, earthquake; displacement",
            slug="haiti",
            summary='Operator data, "quoted", after the earthquake.\nSecond line.',
            data_sources=[cdr],
            countries=["HT"],
            organisations=["Flowminder Foundation", "Digicel Haiti"],
            data_responsibility="<p>Aggregated <b>only</b>.</p>",
            sources=[("source", {"title": "Bengtsson et al. 2011", "url": "https://doi.org/10.1371/x", "year": 2011})],
        )
        entry_page(index, title="Camps from space", slug="camps", data_sources=[sat], countries=["BD"])
        draft = entry_page(index, title="Draft entry", slug="draft", live=False)
        Submission.objects.create(
            kind="entry", submitter_name="Ada Private", submitter_email="ada@example.org", page=draft
        )
        secret = entry_page(index, title="Restricted entry", slug="restricted")
        PageViewRestriction.objects.create(page=secret, restriction_type="login")
        yield module_site_tree


@pytest.fixture
def tree(tree_ids):
    return fresh(tree_ids)


def read_csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_stable_columns_and_one_row_per_public_entry(client, tree):
    response = client.get("/directory/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header = response.content.decode().splitlines()[0].split(",")
    assert header[: len(CONTRACT)] == CONTRACT
    rows = {row["slug"]: row for row in read_csv(response)}
    assert set(rows) == {"haiti", "camps"}
    haiti = rows["haiti"]
    assert haiti["title"] == "Haiti, earthquake; displacement"
    assert haiti["url"] == "http://localhost/directory/haiti/" or haiti["url"].endswith("/directory/haiti/")
    assert haiti["summary"].startswith('Operator data, "quoted"')
    assert haiti["data_sources"] == "Mobile phone records"
    assert haiti["countries"] == "HT"
    assert haiti["organisations"] == "Flowminder Foundation; Digicel Haiti"
    assert haiti["data_responsibility"] == "Aggregated only."
    assert haiti["sources"] == "https://doi.org/10.1371/x"


def test_json_matches_csv_and_documents_its_columns(client, tree):
    payload = client.get("/directory/export.json").json()
    assert payload["columns"] == COLUMNS
    assert payload["count"] == 2
    haiti = next(entry for entry in payload["entries"] if entry["slug"] == "haiti")
    assert list(haiti) == COLUMNS
    assert haiti["data_sources"] == ["Mobile phone records"]
    assert haiti["sources"] == [
        {"title": "Bengtsson et al. 2011", "url": "https://doi.org/10.1371/x", "year": 2011, "publisher": None}
    ]
    assert haiti["year_started"] == 2019


def test_exports_apply_the_directory_filters(client, tree):
    rows = read_csv(client.get("/directory/export.csv", {"data_source": "satellite-imagery"}))
    assert [row["slug"] for row in rows] == ["camps"]
    payload = client.get("/directory/export.json", {"q": "earthquake", "country": "HT"}).json()
    assert [entry["slug"] for entry in payload["entries"]] == ["haiti"]
    payload = client.get("/directory/export.json", {"country": "FR"}).json()
    assert (payload["count"], payload["columns"], payload["entries"]) == (0, COLUMNS, [])


def test_exports_never_contain_drafts_restricted_entries_or_submitter_data(client, tree):
    for path in ["/directory/export.csv", "/directory/export.json"]:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        # The public entries are there (JSON escapes nothing in these titles) and only they.
        assert "Camps from space" in body and "Haiti, earthquake; displacement" in body, path
        for secret in ["Draft entry", "Restricted entry", "Ada Private", "ada@example.org"]:
            assert secret not in body, (path, secret)


def test_export_urls_follow_the_listing_links(client, tree):
    assert json.loads(client.get("/directory/export.json?sort=title").content)["entries"][0]["slug"] == "camps"
