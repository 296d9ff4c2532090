"""The CSV export never hands a spreadsheet a formula to run (OWASP, CSV injection);
the JSON export gives the same text unchanged."""

import csv
import io

import pytest

from tests.factories import build_site, entry_page

pytestmark = pytest.mark.django_db

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.fixture
def entries():
    index = build_site()["directory_index"]
    for number, trigger in enumerate(TRIGGERS):
        entry_page(
            index,
            slug=f"formula-{number}",
            title=f'{trigger}HYPERLINK("https://evil.example/","Title {number}")',
            summary=f"{trigger}1+1 summary {number}",
            organisations=[f"{trigger}Org {number}", "IOM"],
            sources=[("source", {"title": f"{trigger}cmd|' /C calc'!A0 {number}", "url": ""})],
            year_started=2019,
        )
    entry_page(index, slug="plain", title="Plain title", summary="A - B = C", year_started=2020)


def test_text_cells_starting_with_a_formula_trigger_get_an_apostrophe(client, entries):
    response = client.get("/directory/export.csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode(), newline=""))}
    for number, trigger in enumerate(TRIGGERS):
        row = rows[f"formula-{number}"]
        assert row["title"] == f'\'{trigger}HYPERLINK("https://evil.example/","Title {number}")'
        assert row["summary"] == f"'{trigger}1+1 summary {number}"
        assert row["organisations"] == f"'{trigger}Org {number}; IOM"
        assert row["sources"] == f"'{trigger}cmd|' /C calc'!A0 {number}"
        # Numbers stay numbers.
        assert row["year_started"] == "2019"


def test_cells_without_a_leading_trigger_are_unchanged(client, entries):
    response = client.get("/directory/export.csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode(), newline=""))}
    assert rows["plain"]["title"] == "Plain title"
    assert rows["plain"]["summary"] == "A - B = C"
    assert rows["plain"]["url"].startswith("http")


def test_json_export_keeps_the_text_as_written(client, entries):
    payload = client.get("/directory/export.json").json()
    by_slug = {entry["slug"]: entry for entry in payload["entries"]}
    for number, trigger in enumerate(TRIGGERS):
        entry = by_slug[f"formula-{number}"]
        assert entry["title"] == f'{trigger}HYPERLINK("https://evil.example/","Title {number}")'
        assert entry["summary"] == f"{trigger}1+1 summary {number}"
        assert entry["organisations"] == [f"{trigger}Org {number}", "IOM"]
        assert entry["sources"][0]["title"] == f"{trigger}cmd|' /C calc'!A0 {number}"
