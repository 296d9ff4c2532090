"""The evidence gap map on /questions/: priority questions by data source, each
cell the entries that address the question with that source, gaps marked."""

from urllib.parse import parse_qsl, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from directory.models import DataSource, PriorityQuestion
from home.models import Topic
from tests.factories import build_site, entry_page, staff_user, term
from tests.html import card_titles, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap_site():
    tree = build_site()
    locale = tree["home"].locale
    topic = term(Topic, "Environmental drivers", slug="environmental-drivers")
    sources = {
        "cdr": term(DataSource, "Mobile phone records", slug="mobile-phone-cdr"),
        "sat": term(DataSource, "Satellite imagery", slug="satellite-imagery"),
        "new": term(DataSource, "A source nobody drew", slug="brand-new-source"),
    }
    questions = {
        "climate": PriorityQuestion.objects.create(
            question="How can big data help assess climate effects?", slug="climate", topic=topic, locale=locale
        ),
        "vulnerable": PriorityQuestion.objects.create(
            question="Who is vulnerable to environmental change?", slug="vulnerable", topic=topic, locale=locale
        ),
        "orphan": PriorityQuestion.objects.create(
            question="A question nobody answered yet?", slug="orphan", locale=locale, sort_order=10
        ),
    }
    index = tree["directory_index"]
    entries = {
        "cyclone": entry_page(
            index, title="Cyclone calls", data_sources=[sources["cdr"]], questions=[questions["climate"]]
        ),
        "floods": entry_page(
            index,
            title="Flood imagery and calls",
            data_sources=[sources["cdr"], sources["sat"]],
            questions=[questions["climate"], questions["vulnerable"]],
        ),
        "coast": entry_page(
            index, title="Coastal imagery", data_sources=[sources["sat"]], questions=[questions["vulnerable"]]
        ),
        "unlinked": entry_page(index, title="Unlinked entry", data_sources=[sources["cdr"]]),
    }
    draft = entry_page(
        index, title="Draft about climate", data_sources=[sources["sat"]], questions=[questions["climate"]]
    )
    draft.unpublish()
    return {"tree": tree, "sources": sources, "questions": questions, "entries": entries}


def gap_table(client):
    return soup_of(client.get("/questions/")).select_one("#evidence-gap-map table")


def cells_by_column(table, question_slug):
    headers = [th.get_text(" ", strip=True) for th in table.select('thead th[scope="col"]')][1:]
    row = table.select_one(f'th[scope="row"] a[href="#q-{question_slug}"]').find_parent("tr")
    return dict(zip(headers, row.find_all("td"), strict=True))


def expected_count(question, source):
    return question.entries.live().public().filter(data_sources=source).distinct().count()


def test_each_cell_counts_the_live_entries_of_its_question_and_source(client, gap_site):
    table = gap_table(client)
    for question in gap_site["questions"].values():
        cells = cells_by_column(table, question.slug)
        for source in gap_site["sources"].values():
            count = expected_count(question, source)
            text = cells[source.name].get_text(" ", strip=True)
            if count:
                assert text.split()[0] == str(count), (question.slug, source.slug, text)
            else:
                assert "Gap" in text, (question.slug, source.slug, text)
        assert cells["All data sources"].get_text(" ", strip=True).split()[0] == str(
            question.entries.live().public().count()
        )
    # The draft (satellite, climate) is not counted: only "floods" has both.
    assert cells_by_column(table, "climate")["Satellite imagery"].get_text(strip=True).startswith("1")


def test_a_cell_links_to_the_directory_filtered_by_question_and_source(client, gap_site):
    link = cells_by_column(gap_table(client), "climate")["Mobile phone records"].find("a")["href"]
    parts = urlsplit(link)
    assert parts.path == "/directory/"
    assert sorted(parse_qsl(parts.query)) == [("data_source", "mobile-phone-cdr"), ("question", "climate")]
    assert sorted(card_titles(soup_of(client.get(link)))) == ["Cyclone calls", "Flood imagery and calls"]


def test_the_directory_filters_by_question_alone_and_ignores_unknown_ones(client, gap_site):
    assert sorted(card_titles(soup_of(client.get("/directory/?question=vulnerable")))) == [
        "Coastal imagery",
        "Flood imagery and calls",
    ]
    assert len(card_titles(soup_of(client.get("/directory/?question=no-such-question")))) == 4
    assert client.get("/directory/?question=%00").status_code == 200


def test_the_question_filter_shows_in_the_facets_and_can_be_removed(client, gap_site):
    soup = soup_of(client.get("/directory/?question=vulnerable"))
    box = soup.select_one('input[name="question"][value="vulnerable"]')
    assert box.has_attr("checked")
    assert "Who is vulnerable to environmental change?" in box.find_next("label").get_text()


def test_empty_cells_are_gaps_that_link_to_the_entry_form(client, gap_site):
    cells = cells_by_column(gap_table(client), "orphan")
    for source in gap_site["sources"].values():
        cell = cells[source.name]
        assert "gap-map__cell--gap" in cell["class"]
        link = cell.find("a")
        assert link["href"] == "/directory/submit/"
        # Said in words and by a dash, not by colour alone.
        assert link.get_text(" ", strip=True) == "– Gap: propose an entry"
    assert client.get("/directory/submit/").status_code == 200


def test_the_table_is_marked_up_for_assistive_technology(client, gap_site):
    soup = soup_of(client.get("/questions/"))
    region = soup.select_one(".gap-map__scroll")
    assert region["role"] == "region" and region["tabindex"] == "0"
    table = region.find("table")
    assert table.caption["id"] == region["aria-labelledby"]
    columns = table.select('thead th[scope="col"]')
    assert len(columns) == len(gap_site["sources"]) + 2
    assert len(table.select('th[scope="row"]')) == len(gap_site["questions"])
    # Topic groups as row groups, the questions without a topic last.
    groups = [th.get_text(strip=True) for th in table.select('th[scope="rowgroup"]')]
    assert groups == ["Environmental drivers", "Other questions"]
    # Each source's icon is decorative; an unknown source gets the generic one.
    icons = [th.find("svg") for th in columns[1:-1]]
    assert all(icon["aria-hidden"] == "true" for icon in icons)
    assert icons[0].find("use")["href"].endswith("#ds-generic")


def test_the_map_follows_a_new_link_once_published(client, gap_site):
    before = cells_by_column(gap_table(client), "orphan")["Satellite imagery"].get_text(strip=True)
    assert "Gap" in before
    coast = gap_site["entries"]["coast"]
    coast.questions.add(gap_site["questions"]["orphan"])
    coast.save_revision().publish()
    after = cells_by_column(gap_table(client), "orphan")["Satellite imagery"].get_text(strip=True)
    assert after.startswith("1")


def test_the_map_is_computed_once_per_content_version(client, gap_site):
    client.get("/questions/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/questions/")
    assert not [q["sql"] for q in queries.captured_queries if "directoryentrypage_data_sources" in q["sql"]]


def test_editors_set_the_questions_in_the_entry_editor(client, gap_site):
    client.force_login(staff_user("chief", superuser=True))
    entry = gap_site["entries"]["cyclone"]
    soup = soup_of(client.get(f"/admin/pages/{entry.pk}/edit/"))
    field = soup.find(attrs={"name": "questions"})
    assert field is not None
    label = soup.find("label", attrs={"for": field["id"]}) or soup.find(id=f"{field['id']}-label")
    assert "Priority questions addressed" in label.get_text()
