"""'This selection as data': under a filtered listing, the same entries as CSV,
JSON and through the API, which takes the directory's filters."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def selection_links(client, query):
    page = client.get("/directory/" + query).content.decode()
    section = page[page.index('id="selection-heading"') :]
    section = section[: section.index("</section>")]
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', section)]


def test_a_filtered_listing_links_to_the_same_selection_as_csv_json_and_api(client, open_data):
    csv_url, json_url, api_url = selection_links(client, "?data_source=satellite-imagery")
    assert csv_url == "/directory/export.csv?data_source=satellite-imagery"
    assert json_url == "/directory/export.json?data_source=satellite-imagery"
    assert api_url.startswith("/api/v2/pages/?type=directory.DirectoryEntryPage")
    api = client.get(api_url)
    assert api.status_code == 200
    assert [item["meta"]["slug"] for item in api.json()["items"]] == ["camps"]
    assert [entry["slug"] for entry in client.get(json_url).json()["entries"]] == ["camps"]


def test_api_takes_the_directory_filters_and_ignores_unknown_values(client, open_data):
    base = {"type": "directory.DirectoryEntryPage"}
    slugs = lambda **params: sorted(  # noqa: E731
        item["meta"]["slug"] for item in client.get("/api/v2/pages/", {**base, **params}).json()["items"]
    )
    assert slugs(country="HT") == ["haiti"]
    # The search ranks by meaning too, so a near entry may follow; a word no entry is about finds none.
    assert "haiti" in slugs(q="earthquake")
    assert slugs(q="xyzzyplugh") == []
    assert slugs(year="2010") == ["haiti"]
    assert slugs(data_source="no-such-source") == ["camps", "haiti"]
    assert slugs() == ["camps", "haiti"]
    # Elsewhere than the entries, a directory filter is an unknown parameter, as before.
    assert client.get("/api/v2/pages/", {"country": "HT"}).status_code == 400
