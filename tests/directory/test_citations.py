"""Citations of the directory and its entries: APA on the pages, BibTeX, RIS and
CSL-JSON downloads read by bibtexparser, rispy and json."""

import datetime
import json

import bibtexparser
import pytest
import rispy

from directory.releases import make_release

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_entry_bibtex_names_its_credited_organisations_version_and_access_date(client, open_data):
    release, _ = make_release(index=open_data["directory_index"])
    response = client.get("/directory/haiti/cite.bib")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "bd4m-haiti"
    assert entry["author"] == "{Flowminder Foundation} and {Digicel Haiti}"
    assert entry["title"] == r"{Haiti earthquake \& displacement}"
    assert entry["version"] == release.version
    assert entry["urldate"] == TODAY.isoformat()
    assert entry["publisher"] == "Big Data for Migration Alliance"


def test_entry_ris_and_csl_json(client, open_data):
    (record,) = rispy.loads(client.get("/directory/haiti/cite.ris").content.decode())
    assert record["authors"] == ["Flowminder Foundation", "Digicel Haiti"]
    assert record["title"] == "Haiti earthquake & displacement"
    assert record["secondary_title"] == "BD4M Data Innovation Directory"
    assert record["urls"][0].endswith("/directory/haiti/")
    assert record["access_date"] == TODAY.strftime("%Y/%m/%d")
    # No release holds it yet: no version is claimed.
    assert "edition" not in record
    (item,) = json.loads(client.get("/directory/haiti/cite.json").content)
    assert item["author"] == [{"literal": "Flowminder Foundation"}, {"literal": "Digicel Haiti"}]
    assert item["accessed"] == {"date-parts": [[TODAY.year, TODAY.month, TODAY.day]]}


def test_an_entry_that_credits_nobody_gets_no_invented_author(client, open_data):
    (record,) = rispy.loads(client.get("/directory/camps/cite.ris").content.decode())
    assert "authors" not in record
    page = client.get("/directory/camps/").content.decode()
    assert "Camps from space. (" in page


def test_directory_citation_points_at_the_latest_release(client, open_data):
    release, _ = make_release(index=open_data["directory_index"])
    (record,) = rispy.loads(client.get("/directory/cite.ris").content.decode())
    assert record["type_of_reference"] == "DATA"
    assert record["authors"] == ["Big Data for Migration Alliance"]
    assert record["edition"] == release.version
    assert record["urls"][0].endswith(f"/directory/releases/{release.version}/")
    (entry,) = bibtexparser.parse_string(client.get("/directory/cite.bib").content.decode()).entries
    assert entry["version"] == release.version
    page = client.get("/directory/").content.decode()
    assert (
        f"Big Data for Migration Alliance. ({release.date.year}). <em>BD4M Data Innovation Directory</em> "
        f"(Version {release.version}) [Data set]."
    ) in page
    assert f"Retrieved {TODAY.strftime('%B')} {TODAY.day}, {TODAY.year}" in page


def test_apa_citation_on_the_entry_page(client, open_data):
    page = client.get("/directory/haiti/").content.decode()
    assert "Flowminder Foundation &amp; Digicel Haiti. (" in page
    assert "Haiti earthquake &amp; displacement. In <em>BD4M Data Innovation Directory</em>." in page
    assert 'href="/directory/haiti/cite.bib"' in page


def test_unknown_formats_and_entries_answer_404(client, open_data):
    assert client.get("/directory/haiti/cite.pdf").status_code == 404
    assert client.get("/directory/draft/cite.bib").status_code == 404
    assert client.get("/directory/restricted/cite.ris").status_code == 404
    assert client.get("/directory/cite.exe").status_code == 404
