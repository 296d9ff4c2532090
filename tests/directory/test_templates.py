"""The public templates of the directory, members and priority questions."""

import pytest

from tests.factories import entry_page, make_image, member_page, term
from tests.html import assert_sound_page, card_titles, soup_of


def facts_of(soup):
    """The facts box as {term: text of its description}."""
    facts = soup.find("section", class_="facts").find("dl")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in facts.find_all("dt")
    }


# --- directory entry --------------------------------------------------------------------------


@pytest.mark.django_db
def test_entry_page_shows_a_complete_facts_box_and_sources(client, site_tree):
    from directory.models import CollaborativeType, DataSource, Method, Region, ValueProposition
    from home.models import Topic

    member = member_page(site_tree["member_index"], title="Flowminder Foundation")
    entry = entry_page(
        site_tree["directory_index"],
        title="Mobile phone data after the Haiti earthquake",
        summary="Call records estimated where people went after the 2010 earthquake.",
        year_started=2010,
        year_ended=2011,
        status="completed",
        countries=["HT"],
        organisations=[("Flowminder Foundation", member), "Digicel"],
        data_sources=[term(DataSource, "Mobile phone records")],
        methods=[term(Method, "Mobility estimation")],
        value_propositions=[term(ValueProposition, "Situational awareness")],
        regions=[term(Region, "Latin America & Caribbean", slug="latin-america-caribbean")],
        topics=[term(Topic, "Displacement")],
        collaborative_type=term(CollaborativeType, "Data pooling"),
        data_responsibility="<p>Only aggregated, anonymised counts left the operator.</p>",
        legal_technical_arrangement="<p>A data-sharing agreement with the operator.</p>",
        authors="Linus Bengtsson\nXin Lu",
        sources=[
            {
                "type": "source",
                "value": {
                    "title": "Improved response to disasters",
                    "url": "https://doi.org/10.1371/journal.pmed.1001083",
                    "year": 2011,
                    "publisher": "PLOS Medicine",
                },
            }
        ],
        image=make_image(description="Map of Haiti"),
    )

    soup = assert_sound_page(soup_of(client.get(entry.url)))

    assert soup.h1.get_text() == "Mobile phone data after the Haiti earthquake"
    assert "Call records estimated" in soup.find(class_="lead").get_text()
    facts = facts_of(soup)
    assert facts["Data sources"] == "Mobile phone records"
    assert facts["Methods"] == "Mobility estimation"
    assert facts["Value propositions"] == "Situational awareness"
    assert facts["Collaborative type"].startswith("Data pooling")
    assert facts["Countries"] == "Haiti"
    assert facts["Regions"] == "Latin America & Caribbean"
    assert "2010" in facts["Years"] and "2011" in facts["Years"]
    assert facts["Status"] == "Completed"
    assert "Flowminder Foundation" in facts["Organisations"] and "Digicel" in facts["Organisations"]
    responsibility = soup.find("section", attrs={"aria-labelledby": "responsibility-heading"})
    assert "Only aggregated, anonymised counts left the operator." in responsibility.get_text(" ", strip=True)
    box = soup.find("section", class_="facts")
    assert box.find("a", string="Flowminder Foundation")["href"] == member.url
    assert box.find("a", string="Digicel") is None  # not a member: named, not linked
    assert box.find("a", string="Mobile phone records")["href"] == "/directory/?data_source=mobile-phone-records"
    assert box.find("a", string="Haiti")["href"] == "/directory/?country=HT"
    assert soup.find("h2", string="Legal and technical arrangement") is not None
    sources = soup.find("section", class_="sources")
    link = sources.find("a", href="https://doi.org/10.1371/journal.pmed.1001083")
    assert link.get_text() == "Improved response to disasters"
    assert "PLOS Medicine" in sources.get_text() and "2011" in sources.get_text()
    assert "Linus Bengtsson" in sources.get_text()
    img = soup.find("figure", class_="lead-image").img
    assert img["alt"] == "Map of Haiti" and img["width"] and img["height"]
    assert "page-entry" in soup.body["class"]  # print styles apply


@pytest.mark.django_db
def test_entry_page_links_only_live_member_pages(client, site_tree):
    draft_member = member_page(site_tree["member_index"], title="Draft member")
    draft_member.unpublish()
    entry = entry_page(site_tree["directory_index"], organisations=[("Draft member", draft_member)])

    soup = assert_sound_page(soup_of(client.get(entry.url)))

    assert facts_of(soup)["Organisations"] == "Draft member"
    assert soup.find("section", class_="facts").find("a", string="Draft member") is None


# --- directory listing ------------------------------------------------------------------------


@pytest.mark.django_db
def test_directory_lists_entries_with_facets_that_filter(client, site_tree):
    from directory.models import DataSource

    satellite = term(DataSource, "Satellite imagery")
    phone = term(DataSource, "Mobile phone records")
    entry_page(site_tree["directory_index"], title="Tents from space", data_sources=[satellite])
    entry_page(site_tree["directory_index"], title="Calls after the storm", data_sources=[phone])

    soup = assert_sound_page(soup_of(client.get("/directory/")))
    assert set(card_titles(soup)) == {"Tents from space", "Calls after the storm"}
    form = soup.find("form", class_="facets")
    assert form["method"] == "get"
    box = form.find("input", attrs={"name": "data_source", "value": "satellite-imagery"})
    assert soup.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True) == "Satellite imagery (1)"

    soup = assert_sound_page(soup_of(client.get("/directory/?data_source=satellite-imagery")))
    assert card_titles(soup) == ["Tents from space"]
    assert soup.find("input", attrs={"name": "data_source", "value": "satellite-imagery"}).has_attr("checked")
    remove = soup.find("div", class_="active-filters").find("a")
    assert remove["href"] == "/directory/"
    exports = soup.find(class_="downloads")
    assert exports.find("a", string="CSV")["href"] == "/directory/export.csv?data_source=satellite-imagery"
    assert exports.find("a", string="JSON")["href"] == "/directory/export.json?data_source=satellite-imagery"


@pytest.mark.django_db
def test_directory_pagination_links_keep_filters_and_sort(client, site_tree):
    from directory.models import DataSource

    source = term(DataSource, "Social media advertising")
    for number in range(25):
        entry_page(site_tree["directory_index"], title=f"Entry {number:02d}", data_sources=[source])
    entry_page(site_tree["directory_index"], title="Unrelated")

    soup = assert_sound_page(soup_of(client.get("/directory/?data_source=social-media-advertising&sort=title")))

    assert card_titles(soup)[:2] == ["Entry 00", "Entry 01"] and len(card_titles(soup)) == 20
    next_link = soup.find("nav", class_="pagination").find("a", rel="next")
    assert "data_source=social-media-advertising" in next_link["href"]
    assert "sort=title" in next_link["href"] and "page=2" in next_link["href"]
    soup = soup_of(client.get("/directory/" + next_link["href"]))
    assert card_titles(soup) == [f"Entry {number}" for number in range(20, 25)]
    assert soup.find("nav", class_="pagination").find("a", attrs={"aria-current": "page"}).get_text() == "2"


@pytest.mark.django_db
def test_directory_with_no_match_shows_empty_state(client, site_tree):
    entry_page(site_tree["directory_index"], title="Something else", year_started=2015)

    soup = assert_sound_page(soup_of(client.get("/directory/?year=2015&q=zzzzqqq")))

    assert not card_titles(soup)
    empty = soup.find(class_="empty-state")
    assert "No entries match your search" in empty.get_text()
    assert empty.find("a")["href"] == "/directory/"


# --- members ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_member_index_lists_members_and_filters_with_a_get_form(client, site_tree):
    member_page(site_tree["member_index"], title="Statistics Office", sector="government", country="IT")
    member_page(site_tree["member_index"], title="A University", sector="research", country="DE")

    soup = assert_sound_page(soup_of(client.get("/members/")))
    assert card_titles(soup) == ["A University", "Statistics Office"]
    form = soup.find("form", class_="filter-bar")
    assert form["method"] == "get"
    assert {select["name"] for select in form.find_all("select")} == {"sector", "kind", "country"}
    countries = [option.get_text() for option in form.find("select", attrs={"name": "country"}).find_all("option")]
    assert countries == ["All countries", "Germany", "Italy"]

    soup = assert_sound_page(soup_of(client.get("/members/?sector=government")))
    assert card_titles(soup) == ["Statistics Office"]
    selected = soup.find("select", attrs={"name": "sector"}).find("option", selected=True)
    assert selected["value"] == "government"


@pytest.mark.django_db
def test_member_index_with_no_match_shows_empty_state(client, site_tree):
    member_page(site_tree["member_index"], sector="research")

    soup = assert_sound_page(soup_of(client.get("/members/?sector=ngo")))

    assert "No members match these filters" in soup.find(class_="empty-state").get_text()


@pytest.mark.django_db
def test_member_page_shows_profile_logo_and_activity(client, site_tree):
    member = member_page(
        site_tree["member_index"],
        title="Global Migration Data Analysis Centre",
        acronym="GMDAC",
        sector="international-organisation",
        country="DE",
        website="https://gmdac.iom.int",
        description="<p>IOM's data centre.</p>",
        is_data_steward=True,
        logo=make_image(description="GMDAC logo"),
    )
    entry_page(site_tree["directory_index"], title="Their entry", organisations=[("GMDAC", member)])

    soup = assert_sound_page(soup_of(client.get(member.url)))

    assert soup.h1.get_text() == "Global Migration Data Analysis Centre (GMDAC)"
    facts = facts_of(soup)
    assert facts["Sector"] == "International organisation"
    assert facts["Country"] == "Germany"
    assert facts["Website"] == "https://gmdac.iom.int"
    assert "Data steward" in soup.find(class_="badge").get_text()
    assert "IOM's data centre." in soup.get_text()
    logo = soup.find(class_="page-header__logo").img
    assert logo["alt"] == "GMDAC logo" and logo["width"] and logo["height"]
    assert card_titles(soup) == ["Their entry"]


@pytest.mark.django_db
def test_member_card_logo_is_decorative_beside_the_name(client, site_tree):
    member_page(site_tree["member_index"], title="Logo member", logo=make_image(description="Logo"))

    soup = assert_sound_page(soup_of(client.get("/members/")))

    assert soup.find(class_="card__logo").img["alt"] == ""


# --- priority questions -----------------------------------------------------------------------


@pytest.mark.django_db
def test_questions_page_groups_questions_by_topic_with_their_entries(client, site_tree):
    from wagtail.models import Locale

    from directory.models import PriorityQuestion
    from home.models import Topic

    topic = term(Topic, "Integration")
    question = PriorityQuestion.objects.create(
        question="How fast do migrants find work?", slug="work", topic=topic, locale=Locale.get_default()
    )
    PriorityQuestion.objects.create(
        question="Where do returnees settle?", slug="returnees", topic=topic, locale=Locale.get_default()
    )
    entry = entry_page(site_tree["directory_index"], title="Job ads and migrants", questions=[question])

    soup = assert_sound_page(soup_of(client.get("/questions/")))

    group = soup.find("section", id="topic-integration")
    assert group.h2.get_text() == "Integration"
    answered = group.find("li", id="q-work")
    assert answered.find("a", string="Job ads and migrants")["href"] == entry.url
    assert "No directory entry addresses this question yet." in group.find("li", id="q-returnees").get_text()


@pytest.mark.django_db
def test_questions_page_without_questions_shows_empty_state(client, site_tree):
    soup = assert_sound_page(soup_of(client.get("/questions/")))

    assert "No priority questions yet" in soup.find(class_="empty-state").get_text()
