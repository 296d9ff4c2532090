"""The structured data responsibility record of a directory entry: edited in the
admin and the public form, shown on the entry page, exported, in the API, as
directory facets, and in the demo content only where the sources say so."""

import csv
import io
import json
import re

from django.urls import reverse

import pytest

from directory.models import DataArrangement, DataProtection, DirectoryEntryPage
from home.demo.reference import load as reference
from tests.factories import entry_page
from tests.html import card_titles, soup_of
from tests.utils import editor_form_data

pytestmark = pytest.mark.django_db

RECORD = (
    "personal_data",
    "sharing_level",
    "protections",
    "arrangements",
    "ethics_review",
    "group_privacy",
    "sensitivity",
)
ALL_NOT_STATED = {
    "Personal data involved": "Not stated",
    "Level at which data were shared": "Not stated",
    "Protection applied": "Not stated",
    "Legal and technical arrangement": "Not stated",
    "Ethics review": "Not stated",
    "Group-privacy risks considered": "Not stated",
    "Sensitivity class": "Not stated",
    "Notes": "Not stated",
}


def vocabulary_term(model, slug):
    """A term the migration adds; created again if a transactional test flushed it."""
    names = {
        "anonymisation": "Anonymisation or de-identification",
        "differential-privacy": "Differential privacy",
        "data-sharing-agreement": "Data sharing agreement",
    }
    term, _created = model.objects.get_or_create(slug=slug, defaults={"name": names[slug]})
    return term


@pytest.fixture
def terms(db):
    return {
        "anonymisation": vocabulary_term(DataProtection, "anonymisation"),
        "differential-privacy": vocabulary_term(DataProtection, "differential-privacy"),
        "agreement": vocabulary_term(DataArrangement, "data-sharing-agreement"),
    }


@pytest.fixture
def entries(site_tree, terms):
    index = site_tree["directory_index"]
    return {
        "recorded": entry_page(
            index,
            title="Recorded entry",
            slug="recorded",
            personal_data="no",
            sharing_level="aggregated",
            protections=[terms["anonymisation"], terms["differential-privacy"]],
            arrangements=[terms["agreement"]],
            ethics_review="yes",
            group_privacy="no",
            sensitivity="sensitive",
            data_responsibility="<p>Only aggregated counts left the operator.</p>",
        ),
        "individual": entry_page(
            index,
            title="Individual entry",
            slug="individual",
            sharing_level="individual",
            protections=[terms["anonymisation"]],
            sensitivity="uncertain",
        ),
        "silent": entry_page(index, title="Silent entry", slug="silent"),
    }


def record_on_page(client, page):
    soup = soup_of(client.get(page.url))
    section = soup.find("section", attrs={"aria-labelledby": "responsibility-heading"})
    assert section.find("h2").get_text(strip=True) == "Data responsibility"
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in section.dl("dt")}


def test_entry_page_shows_the_record_and_not_stated(client, entries):
    assert record_on_page(client, entries["recorded"]) == {
        "Personal data involved": "No",
        "Level at which data were shared": "Aggregated data",
        "Protection applied": "Anonymisation or de-identification, Differential privacy",
        "Legal and technical arrangement": "Data sharing agreement",
        "Ethics review": "Yes",
        "Group-privacy risks considered": "No",
        "Sensitivity class": "Sensitive",
        "Notes": "Only aggregated counts left the operator.",
    }
    assert record_on_page(client, entries["silent"]) == ALL_NOT_STATED


def test_csv_and_json_exports_carry_the_record(client, entries):
    response = client.get("/directory/export.csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert {name: rows["recorded"][name] for name in RECORD} == {
        "personal_data": "no",
        "sharing_level": "aggregated",
        "protections": "Anonymisation or de-identification; Differential privacy",
        "arrangements": "Data sharing agreement",
        "ethics_review": "yes",
        "group_privacy": "no",
        "sensitivity": "sensitive",
    }
    assert {name: rows["silent"][name] for name in RECORD} == {
        "personal_data": "not_stated",
        "sharing_level": "not_stated",
        "protections": "",
        "arrangements": "",
        "ethics_review": "not_stated",
        "group_privacy": "not_stated",
        "sensitivity": "not_stated",
    }

    payload = client.get("/directory/export.json").json()
    assert set(RECORD) <= set(payload["columns"])
    by_slug = {entry["slug"]: entry for entry in payload["entries"]}
    assert by_slug["recorded"]["protections"] == ["Anonymisation or de-identification", "Differential privacy"]
    assert by_slug["individual"]["sharing_level"] == "individual"
    assert by_slug["silent"]["protections"] == [] and by_slug["silent"]["sensitivity"] == "not_stated"
    # The export's filters are the directory's.
    filtered = client.get("/directory/export.json", {"sensitivity": "sensitive"}).json()
    assert [entry["slug"] for entry in filtered["entries"]] == ["recorded"]


def test_api_carries_the_record(client, entries):
    response = client.get(
        "/api/v2/pages/", {"type": "directory.DirectoryEntryPage", "fields": ",".join(RECORD), "order": "title"}
    )
    assert response.status_code == 200
    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    recorded = items["recorded"]
    assert recorded["sensitivity"] == "sensitive" and recorded["sharing_level"] == "aggregated"
    assert recorded["personal_data"] == "no" and recorded["ethics_review"] == "yes"
    assert recorded["group_privacy"] == "no"
    assert [term["slug"] for term in recorded["protections"]] == ["anonymisation", "differential-privacy"]
    assert recorded["arrangements"] == [{"slug": "data-sharing-agreement", "name": "Data sharing agreement"}]
    silent = items["silent"]
    assert {name: silent[name] for name in RECORD} == {
        "personal_data": "not_stated",
        "sharing_level": "not_stated",
        "protections": [],
        "arrangements": [],
        "ethics_review": "not_stated",
        "group_privacy": "not_stated",
        "sensitivity": "not_stated",
    }
    # A filter on an answer, as on any field the API lists.
    only = client.get("/api/v2/pages/", {"type": "directory.DirectoryEntryPage", "sensitivity": "uncertain"}).json()
    assert [item["meta"]["slug"] for item in only["items"]] == ["individual"]


def listed_titles(soup):
    return sorted(card_titles(soup))


def facet_options(soup, param):
    """{value: label with its count} of one facet of the directory's panel."""
    return {
        box["value"]: soup.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True)
        for box in soup.find_all("input", attrs={"name": param, "type": "checkbox"})
    }


def test_facets_filter_and_count(client, entries):
    soup = soup_of(client.get("/directory/"))
    assert facet_options(soup, "sensitivity") == {
        "sensitive": "Sensitive (1)",
        "uncertain": "Uncertain (1)",
        "not_stated": "Not stated (1)",
    }
    assert facet_options(soup, "sharing") == {
        "individual": "Individual records (1)",
        "aggregated": "Aggregated data (1)",
        "not_stated": "Not stated (1)",
    }
    assert facet_options(soup, "protection") == {
        "anonymisation": "Anonymisation or de-identification (2)",
        "differential-privacy": "Differential privacy (1)",
        "not_stated": "None stated (1)",
    }
    assert facet_options(soup, "arrangement") == {
        "data-sharing-agreement": "Data sharing agreement (1)",
        "not_stated": "Not stated (2)",
    }
    assert facet_options(soup, "personal_data") == {"no": "No (1)", "not_stated": "Not stated (2)"}

    # One facet's values are alternatives; facets combine, and each counts under the others.
    soup = soup_of(client.get("/directory/", {"protection": "anonymisation"}))
    assert listed_titles(soup) == ["Individual entry", "Recorded entry"]
    assert facet_options(soup, "sensitivity") == {"sensitive": "Sensitive (1)", "uncertain": "Uncertain (1)"}
    soup = soup_of(client.get("/directory/", {"protection": "anonymisation", "sharing": "individual"}))
    assert listed_titles(soup) == ["Individual entry"]
    # An empty vocabulary is an answer to find too, alone or beside a term.
    soup = soup_of(client.get("/directory/", {"protection": "not_stated"}))
    assert listed_titles(soup) == ["Silent entry"]
    soup = soup_of(client.get("/directory/", {"protection": ["not_stated", "differential-privacy"]}))
    assert listed_titles(soup) == ["Recorded entry", "Silent entry"]
    assert facet_options(soup, "sharing") == {"aggregated": "Aggregated data (1)", "not_stated": "Not stated (1)"}
    soup = soup_of(client.get("/directory/", {"arrangement": "not_stated", "sensitivity": "uncertain"}))
    assert listed_titles(soup) == ["Individual entry"]
    soup = soup_of(client.get("/directory/", {"sensitivity": ["sensitive", "not_stated"]}))
    assert listed_titles(soup) == ["Recorded entry", "Silent entry"]
    assert soup.find("input", attrs={"name": "sensitivity", "value": "not_stated"}).has_attr("checked")


@pytest.mark.parametrize(
    "params",
    [
        {"sensitivity": "secret"},
        {"sharing": "<script>alert(1)</script>"},
        {"protection": "no-such-protection", "arrangement": "'; DROP TABLE x; --"},
        {"personal_data": "maybe", "sensitivity": "x" * 5000},
        {"sharing": "\x00", "protection": "\x00"},
    ],
)
def test_bad_facet_values_are_ignored(client, entries, params):
    for url in ("/directory/", "/directory/export.csv", "/directory/export.json"):
        response = client.get(url, params)
        assert response.status_code == 200, url
    soup = soup_of(client.get("/directory/", params))
    assert listed_titles(soup) == ["Individual entry", "Recorded entry", "Silent entry"]


def test_admin_edit_saves_the_record(client, superuser, entries, terms):
    page = entries["silent"]
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url).content.decode()
    assert "Data responsibility record" in html and 'name="sensitivity"' in html
    data = editor_form_data(
        client,
        url,
        personal_data="yes",
        sharing_level="model_outputs",
        ethics_review="no",
        group_privacy="yes",
        sensitivity="uncertain",
    )
    data.setlist("protections", [str(terms["differential-privacy"].pk)])
    data.setlist("arrangements", [str(terms["agreement"].pk)])
    data["action-publish"] = "publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DirectoryEntryPage.objects.get(pk=page.pk)
    assert (page.personal_data, page.sharing_level, page.ethics_review, page.group_privacy, page.sensitivity) == (
        "yes",
        "model_outputs",
        "no",
        "yes",
        "uncertain",
    )
    assert [term.slug for term in page.protections.all()] == ["differential-privacy"]
    assert [term.slug for term in page.arrangements.all()] == ["data-sharing-agreement"]
    client.logout()
    shown = record_on_page(client, page)
    assert shown["Level at which data were shared"] == "Model outputs only"
    assert shown["Protection applied"] == "Differential privacy"


def test_admin_refuses_an_unknown_answer(client, superuser, entries):
    page = entries["silent"]
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = editor_form_data(client, url, sensitivity="top-secret")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert DirectoryEntryPage.objects.get(pk=page.pk).sensitivity == "not_stated"


def submission(terms, token, **record):
    return {
        "title": f"Submitted entry {token}",
        "summary": "Night-time lights estimate displacement after floods.",
        "organisations": "University of Somewhere",
        "status": "ongoing",
        "submitter_name": "Amina Submitter",
        "submitter_email": "amina.submitter@example.net",
        "website_url": "",
        "form_token": token * 32,
        **record,
    }


def test_submission_form_offers_the_record_as_optional_questions(client, site_tree, terms):
    soup = soup_of(client.get("/directory/submit/"))
    for name in ("personal_data", "sharing_level", "ethics_review", "group_privacy", "sensitivity"):
        checked = soup.find("input", attrs={"name": name, "checked": True})
        assert checked is not None and checked["value"] == "not_stated", name
    assert soup.find("input", attrs={"name": "protections", "value": str(terms["anonymisation"].pk)})
    assert soup.find("input", attrs={"name": "arrangements", "value": str(terms["agreement"].pk)})


def test_submission_saves_the_record_on_the_draft(client, site_tree, terms):
    response = client.post(
        "/directory/submit/",
        submission(
            terms,
            "a",
            personal_data="yes",
            sharing_level="individual",
            protections=[str(terms["anonymisation"].pk)],
            arrangements=[str(terms["agreement"].pk)],
            ethics_review="yes",
            sensitivity="sensitive",
        ),
    )
    assert response.status_code == 302
    draft = DirectoryEntryPage.objects.get(title="Submitted entry a")
    assert not draft.live
    assert (draft.personal_data, draft.sharing_level, draft.ethics_review, draft.group_privacy, draft.sensitivity) == (
        "yes",
        "individual",
        "yes",
        "not_stated",
        "sensitive",
    )
    assert [term.slug for term in draft.protections.all()] == ["anonymisation"]
    assert [term.slug for term in draft.arrangements.all()] == ["data-sharing-agreement"]
    # The moderators review what was submitted: the draft's revision holds it too.
    revision = draft.get_latest_revision_as_object()
    assert revision.sensitivity == "sensitive" and [t.slug for t in revision.protections.all()] == ["anonymisation"]

    # Left out, every question stays "not stated".
    assert client.post("/directory/submit/", submission(terms, "b")).status_code == 302
    bare = DirectoryEntryPage.objects.get(title="Submitted entry b")
    assert {bare.personal_data, bare.sharing_level, bare.ethics_review, bare.group_privacy, bare.sensitivity} == {
        "not_stated"
    }
    assert not bare.protections.exists() and not bare.arrangements.exists()


def test_submission_with_an_unknown_answer_shows_the_problem(client, site_tree, terms):
    response = client.post("/directory/submit/", submission(terms, "c", sensitivity="secret", protections=["999999"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "Select a valid choice" in html
    assert not DirectoryEntryPage.objects.filter(title="Submitted entry c").exists()


# --- the demo content ------------------------------------------------------------------------


def test_reference_answers_quote_their_source_text():
    """Every answer of data_responsibility.json rests on words of the entry's own
    data_responsibility text: nothing is filled in that the reference data do not say."""
    texts = {record["slug"]: record["data_responsibility"] or "" for record in reference("directory")}
    for slug, record in reference("data_responsibility")["entries"].items():
        assert texts[slug], slug
        for words in re.split(r"\s*\.\.\.\s*", record["basis"]):
            assert words.strip("; ") in texts[slug], slug
        if record.get("sharing_level") == "aggregated":
            assert "aggregate" in texts[slug].lower(), slug


def test_demo_entries_without_a_statement_say_not_stated(client, demo_content):
    answered = reference("data_responsibility")["entries"]
    silent = [record["slug"] for record in reference("directory") if record["slug"] not in answered]
    assert silent
    for entry in DirectoryEntryPage.objects.filter(slug__in=silent):
        values = {entry.personal_data, entry.sharing_level, entry.ethics_review, entry.group_privacy, entry.sensitivity}
        assert values == {"not_stated"}, entry.slug
        assert not entry.protections.exists() and not entry.arrangements.exists(), entry.slug
    # No demo source states an ethics review, group-privacy risks or a sensitivity class.
    assert set(DirectoryEntryPage.objects.values_list("sensitivity", flat=True)) == {"not_stated"}
    page = DirectoryEntryPage.objects.get(slug="ruktanonchai-2018-google-location-history")
    assert set(record_on_page(client, page).values()) == {"Not stated"}


def test_demo_entries_carry_what_their_sources_state(client, demo_content):
    entry = DirectoryEntryPage.objects.get(slug="safaricom-harvard-kenya-malaria-mobility")
    assert (entry.personal_data, entry.sharing_level) == ("no", "aggregated")
    assert [term.slug for term in entry.protections.all()] == ["anonymisation"]
    shown = record_on_page(client, entry)
    assert shown["Level at which data were shared"] == "Aggregated data"
    assert shown["Ethics review"] == "Not stated"
    d4r = DirectoryEntryPage.objects.get(slug="d4r-turk-telekom-syrian-refugees")
    assert [term.slug for term in d4r.arrangements.all()] == ["data-sharing-agreement"]
    rows = json.loads(client.get("/directory/export.json", {"sharing": "aggregated"}).content)["entries"]
    assert {row["slug"] for row in rows} == {
        slug for slug, record in reference("data_responsibility")["entries"].items()
        if record.get("sharing_level") == "aggregated"
    }  # fmt: skip
