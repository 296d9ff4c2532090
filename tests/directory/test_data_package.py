"""The Frictionless Data Package of the exports, validated by frictionless itself,
and the licence chosen in the site settings wherever the data go."""

import json

from wagtail.models import Site

import frictionless
import pytest

from home.models import SiteSettings
from tests.directory.conftest import SECRETS

pytestmark = pytest.mark.django_db


def download_package(client, folder, **params):
    """The served descriptor and the exports it names, saved side by side as a user would."""
    for name in ("datapackage.json", "export.csv", "export.json"):
        response = client.get(f"/directory/{name}", params)
        assert response.status_code == 200, name
        (folder / name).write_bytes(response.content)
    return json.loads((folder / "datapackage.json").read_text())


def errors(report):
    return [error["type"] for task in report.to_dict()["tasks"] for error in task["errors"]]


def test_served_data_package_passes_frictionless_validate(client, open_data, tmp_path):
    descriptor = download_package(client, tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    assert [resource["path"] for resource in descriptor["resources"]] == ["export.csv", "export.json"]
    # Both exports were read row by row against their schemas.
    assert [task["stats"]["rows"] for task in report.to_dict()["tasks"]] == [2, 2]
    csv_schema = descriptor["resources"][0]["schema"]
    assert csv_schema["primaryKey"] == ["slug"]
    fields = {field["name"]: field for field in csv_schema["fields"]}
    assert fields["sensitivity"]["constraints"]["enum"] == ["non_sensitive", "uncertain", "sensitive", "not_stated"]
    assert fields["year_started"]["type"] == "integer"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["sources"] and descriptor["contributors"][0]["title"] == "Big Data for Migration Alliance"
    body = (tmp_path / "datapackage.json").read_text()
    for secret in SECRETS:
        assert secret not in body


def test_a_column_added_to_the_export_without_its_schema_fails_validation(client, open_data, tmp_path, monkeypatch):
    from directory import exports

    monkeypatch.setattr(exports, "COLUMNS", [*exports.COLUMNS, "undeclared_column"])
    download_package(client, tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "extra-label" in errors(report)


def test_a_value_outside_a_fixed_vocabulary_fails_validation(client, open_data, tmp_path):
    download_package(client, tmp_path)
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(csv_path.read_text().replace(",not_stated", ",maybe", 1))
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert "constraint-error" in errors(report)


def test_the_licence_chosen_in_the_settings_is_stated_everywhere(client, open_data):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.data_licence = "ODbL-1.0"
    settings.save()
    odbl = "https://opendatacommons.org/licenses/odbl/1-0/"

    assert client.get("/directory/datapackage.json").json()["licenses"][0]["path"] == odbl
    csv_response = client.get("/directory/export.csv")
    assert f'<{odbl}>; rel="license"' in csv_response["Link"]
    assert client.get("/directory/export.json").json()["licence"] == {
        "id": "ODbL-1.0",
        "name": "Open Data Commons Open Database License v1.0",
        "url": odbl,
    }
    api = client.get("/api/v2/pages/", {"type": "directory.DirectoryEntryPage", "fields": "licence"}).json()
    assert {item["licence"]["id"] for item in api["items"]} == {"ODbL-1.0"}
    page = client.get("/directory/").content.decode()
    assert f'href="{odbl}" rel="license"' in page
    assert f'"license": "{odbl}"' in page


def test_default_licence_is_cc_by_4(client, open_data):
    payload = client.get("/directory/export.json").json()
    assert payload["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Creative Commons Attribution 4.0 International" in client.get("/directory/").content.decode()
