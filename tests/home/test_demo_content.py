"""The demo loader: every reference record arrives, a second run changes nothing,
the pages render, and demo users exist only where settings allow them.

The demo content is loaded once for the session (tests/conftest.py
demo_content, whose tests run last) and a second time for this module, inside a
transaction that is rolled back afterwards.
"""

import datetime
import io
import json
import zoneinfo
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from tests.html import soup_of
from tests.shared_data import rolled_back

REFERENCE = Path(__file__).resolve().parents[2] / "home" / "reference_data"
PAGE_TYPES = [
    "home.HomePage",
    "home.StandardPage",
    "home.NewsIndexPage",
    "home.NewsPage",
    "events.EventIndexPage",
    "events.EventPage",
    "directory.MemberIndexPage",
    "directory.MemberPage",
    "directory.DirectoryIndexPage",
    "directory.DirectoryEntryPage",
    "directory.QuestionsPage",
]
SNIPPETS = [
    "home.Topic",
    "directory.DataSource",
    "directory.Method",
    "directory.ValueProposition",
    "directory.CollaborativeType",
    "directory.Region",
    "directory.DataProtection",
    "directory.DataArrangement",
    "directory.PriorityQuestion",
    "events.EventSeries",
    "home.HubImage",
    "home.SiteSettings",
    "auth.User",
    "auth.Group",
]


def reference(name):
    return json.loads((REFERENCE / f"{name}.json").read_text(encoding="utf-8"))


def counts():
    """Rows in every table the project and Wagtail own (pages, revisions, log entries, images...)."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.label != "sessions.Session"}


def content():
    """Every page's stored content and every snippet, image and user, serialised."""
    pages = {}
    for page in Page.objects.order_by("pk").specific():
        pages[page.pk] = (
            page.specific_class._meta.label,
            page.url_path,
            page.live,
            page.latest_revision_id,
            str(page.first_published_at),
            str(page.last_published_at),
            json.dumps(page.serializable_data(), sort_keys=True, default=str),
        )
    others = {label: serializers.serialize("json", apps.get_model(label).objects.order_by("pk")) for label in SNIPPETS}
    return pages, others


@pytest.fixture(scope="module")
def demo_runs(demo_content, django_db_blocker):
    """The session's first run of the loader and a second one, rolled back after the module."""
    with rolled_back(django_db_blocker, MEDIA_ROOT=demo_content["media"], HUB_ALLOW_DEMO_USERS=True):
        runs = [{"output": demo_content["output"], "counts": counts(), "content": content()}]
        out = io.StringIO()
        call_command("load_demo_content", stdout=out)
        runs.append({"output": out.getvalue(), "counts": counts(), "content": content()})
        yield runs


@pytest.fixture
def demo(demo_runs, demo_content):
    return demo_runs


def model(label):
    return apps.get_model(label)


def slugs(label):
    return set(model(label).objects.values_list("slug", flat=True))


# A second run -------------------------------------------------------------------


@pytest.mark.django_db
def test_second_run_changes_no_counts(demo):
    first, second = demo
    assert second["counts"] == first["counts"]
    for label in PAGE_TYPES + SNIPPETS + ["wagtailcore.Revision", "wagtailcore.PageLogEntry"]:
        assert second["counts"][label] == first["counts"][label], label


@pytest.mark.django_db
def test_second_run_changes_no_content(demo):
    first, second = demo
    assert second["content"] == first["content"]
    assert "Nothing changed." in second["output"]
    assert "Created demo user" not in second["output"]


@pytest.mark.django_db
def test_first_run_prints_a_summary_and_each_password_once(demo):
    output = demo[0]["output"]
    assert "directory entries" in output and "created" in output
    for username in ("editor", "steward", "moderator", "admin"):
        assert output.count(f"Created demo user '{username}'") == 1


@pytest.mark.django_db
def test_second_run_still_says_how_to_log_in(demo):
    output = demo[1]["output"]
    assert "Created demo user" not in output
    assert "Log in at http://testserver/admin/ as editor, steward, moderator, admin with the password" in output
    assert "bd4m-demo-local-only" in output


# Every record --------------------------------------------------------------------


@pytest.mark.django_db
def test_every_reference_record_becomes_a_page(demo):
    assert slugs("directory.DirectoryEntryPage") == {r["slug"] for r in reference("directory")}
    assert slugs("directory.MemberPage") == {r["slug"] for r in reference("members")}
    assert slugs("events.EventPage") == {r["slug"] for r in reference("events")}
    assert slugs("home.NewsPage") == {r["slug"] for r in reference("news")}
    counted = {label: model(label).objects.count() for label in PAGE_TYPES}
    assert counted["directory.DirectoryEntryPage"] == 44
    assert counted["directory.MemberPage"] == 17
    assert counted["events.EventPage"] == 13
    assert counted["home.NewsPage"] == 8
    assert not Page.objects.filter(depth__gt=1, live=False).exists()


@pytest.mark.django_db
def test_every_vocabulary_term_becomes_a_snippet(demo):
    vocabularies = reference("vocabularies")
    for key, label in [
        ("migration_topics", "home.Topic"),
        ("data_sources", "directory.DataSource"),
        ("methods", "directory.Method"),
        ("value_propositions", "directory.ValueProposition"),
        ("collaborative_types", "directory.CollaborativeType"),
        ("regions", "directory.Region"),
        ("data_protections", "directory.DataProtection"),
        ("data_arrangements", "directory.DataArrangement"),
    ]:
        terms = {term["slug"]: term for term in vocabularies[key]["terms"]}
        assert slugs(label) == set(terms), label
        for obj in model(label).objects.filter(locale__language_code="en"):  # the others: test_demo_translations.py
            assert (obj.name, obj.definition) == (terms[obj.slug]["label"], terms[obj.slug]["definition"])


@pytest.mark.django_db
def test_every_question_becomes_a_priority_question(demo):
    questions = reference("questions")
    question_model = model("directory.PriorityQuestion")
    table1 = {q["slug"]: q for q in questions["ucl_2020_table1_questions"]}
    studio = {q["slug"]: q for q in questions["bd4m_studio_questions"]}
    guiding = {f"{t['slug']}-guiding-question": t for t in questions["ucl_2020_topics"]}
    assert slugs("directory.PriorityQuestion") == set(table1) | set(studio) | set(guiding)
    for slug, record in table1.items():
        question = question_model.objects.get(slug=slug)
        assert question.topic.slug == record["topic"]
        assert question.origin == "Franklinos et al. (2020), Table 1"
        assert len(question.sources) == len(record["sources"])
    for slug, record in studio.items():
        assert question_model.objects.get(slug=slug).origin == record["derived_from"]
    for slug in guiding:
        assert "Editorial restatement" in question_model.objects.get(slug=slug).origin


# The tree and the fields ---------------------------------------------------------


@pytest.mark.django_db
def test_home_page_replaces_the_welcome_page_as_site_root(demo):
    home = model("home.HomePage").objects.get(locale__language_code="en")
    assert (home.depth, home.slug) == (2, "home")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # Beside it only its translations, the roots of the French and Spanish trees.
    others = Page.objects.filter(depth=2).exclude(pk=home.pk)
    assert {page.translation_key for page in others} <= {home.translation_key}
    children = {page.slug: page for page in home.get_children().specific()}
    expected = {"about", "objectives", "how-to-join", "data-responsibility", "how-we-handle-data"}
    expected |= {"news", "events", "members", "directory", "questions"}
    assert set(children) == expected
    assert {slug for slug, page in children.items() if page.show_in_menus} >= {
        "about",
        "news",
        "events",
        "members",
        "directory",
        "questions",
    }
    # No photograph in the reference data, so no hero image rather than a made-up one.
    assert home.hero_image is None and home.hero_link_id == children["directory"].pk


@pytest.mark.django_db
def test_site_settings_are_filled(demo):
    site_settings = model("home.SiteSettings").objects.get(site__is_default_site=True)
    assert site_settings.privacy_page.slug == "how-we-handle-data"
    assert site_settings.default_social_image is None
    assert "Knowledge Centre on Migration and Demography" in site_settings.footer_text


@pytest.mark.django_db
def test_about_page_states_the_conveners_and_cites_sources(demo):
    about = model("home.StandardPage").objects.get(slug="about", locale__language_code="en")
    body = json.dumps(about.body.get_prep_value())
    assert "2018" in about.intro and "Knowledge Centre on Migration and Demography" in about.intro
    assert "Global Migration Data Analysis Centre" in about.intro
    assert "https://era.gv.at/object/news/4169" in body
    assert "Sources" in body


@pytest.mark.django_db
def test_organisations_link_to_member_pages_only_when_they_are_members(demo):
    def links(entry_slug):
        entry = model("directory.DirectoryEntryPage").objects.get(slug=entry_slug)
        return {link.name: link.member.slug if link.member else None for link in entry.organisation_links.all()}

    assert links("flowminder-digicel-haiti-2010") == {
        "Flowminder Foundation": "flowminder",
        "Karolinska Institutet": None,
        "Digicel Haiti": None,
        "Columbia University": None,
    }
    assert links("spyratos-2019-facebook-network-mobility") == {
        "European Commission Joint Research Centre (KCMD)": "ec-jrc-kcmd",
        "Qatar Computing Research Institute (QCRI)": "qcri",
        "Max Planck Institute for Demographic Research (MPIDR)": "mpidr",
        "IOM Global Migration Data Analysis Centre (GMDAC)": "iom-gmdac",
    }
    # Similar names are not the same organisation.
    assert links("zagheni-2017-facebook-ads-migrant-stocks")["Max Planck Institute for Software Systems"] is None
    assert links("ctdc-counter-trafficking-data-collaborative")["IOM"] is None
    assert links("unhcr-jetson-somalia-displacement-prediction")["UN Global Pulse"] == "un-global-pulse"


@pytest.mark.django_db
def test_entry_fields_follow_the_reference_record(demo):
    record = next(r for r in reference("directory") if r["slug"] == "jrc-d4i-data-challenge-integration-cities")
    entry = model("directory.DirectoryEntryPage").objects.get(slug=record["slug"])
    assert entry.summary == record["summary"]
    assert entry.year_started == record["year_started"]
    assert entry.collaborative_type.slug == record["collaborative_type"]
    assert {t.slug for t in entry.data_sources.all()} == set(record["data_sources"])
    assert {t.slug for t in entry.topics.all()} == set(record["migration_topics"])
    assert set(entry.country_codes) == set(record["countries"])
    assert record["data_responsibility"] in entry.data_responsibility
    assert "datacollaboratives.org" in entry.listed_in
    assert len(entry.sources) == len(record["sources"])
    assert entry.status == "unknown"


@pytest.mark.django_db
def test_events_keep_their_dates_places_and_time_zones(demo):
    events = {event.slug: event for event in model("events.EventPage").objects.all()}
    berlin = events["improving-data-international-migration-berlin-2016"]
    tz = zoneinfo.ZoneInfo("Europe/Berlin")
    # Known to the day only: the whole of those days, and no time is shown.
    assert (berlin.start, berlin.date_precision) == (datetime.datetime(2016, 12, 1, tzinfo=tz), "day")
    assert berlin.end == datetime.datetime.combine(datetime.date(2016, 12, 3), datetime.time.max, tzinfo=tz)
    assert (berlin.venue, berlin.city, berlin.country.code, berlin.event_type) == (
        "German Federal Foreign Office",
        "Berlin",
        "DE",
        "conference",
    )
    london = events["ucl-big-data-migration-workshop-2019"]  # known to the month only
    assert (london.date_precision, london.local_start.date(), london.time_zone) == (
        "month",
        datetime.date(2019, 7, 1),
        "Europe/London",
    )
    series = events["bd4m-private-sector-dialogue-series"]
    assert (series.event_type, series.series.name, series.local_start.date()) == (
        "dialogue",
        "Private-sector dialogue series",
        datetime.date(2020, 1, 1),
    )
    assert events["bd4m-hub-launch-2020"].is_online
    assert events["ifms-2023-santiago"].time_zone == "America/Santiago"
    assert {m.slug for m in events["ispra-big-data-workshop-2017"].organisers.all()} == {"ec-jrc-kcmd", "iom-gmdac"}
    assert all(not event.is_upcoming for event in events.values())


@pytest.mark.django_db
def test_news_keeps_its_date_precision_and_related_members(demo):
    news = {page.slug: page for page in model("home.NewsPage").objects.all()}
    assert news["ssir-data-collaboratives-migration-2018"].date == datetime.date(2018, 3, 1)
    assert news["ssir-data-collaboratives-migration-2018"].date_precision == "month"
    assert {m.slug for m in news["bd4m-au-call-to-action-2021"].related_members.all()} == {
        "african-union",
        "robert-bosch-foundation",
    }


@pytest.mark.django_db
def test_no_page_has_a_generated_image(demo):
    """The reference data holds no photographs: the demo draws none either, and
    the site shows its own treatments (locator map, member mark, news band, date badge)."""
    for label, field in [
        ("directory.MemberPage", "logo"),
        ("events.EventPage", "image"),
        ("home.NewsPage", "image"),
        ("home.HomePage", "hero_image"),
    ]:
        assert not model(label).objects.filter(**{f"{field}__isnull": False}).exists(), label
    assert model("home.HubImage").objects.count() == 0


def public_paths(client):
    """Every live public page of the demo, the routes under them and the feeds, as a visitor finds them."""
    paths = {page.url for page in Page.objects.live().public().specific() if page.url}
    paths |= {"/directory/submit/", "/members/join/", "/events/submit/", "/events/?when=past"}
    paths |= {"/news/feed/", "/news/atom/", "/events/feed.ics", "/search/?q=migration", "/sitemap.xml"}
    paths |= {"/directory/?data_source=mobile-phone-cdr&question=integrating-data-sources-q1"}
    return sorted(paths)


@pytest.mark.django_db
def test_no_public_page_says_placeholder(demo, client):
    paths = public_paths(client)
    assert len(paths) > 100
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "placeholder" not in response.content.decode().lower(), path


@pytest.mark.django_db
def test_every_question_link_has_its_reason_and_reaches_the_entry(demo):
    from home.demo.question_links import QUESTION_LINKS

    entries = model("directory.DirectoryEntryPage").objects.prefetch_related("questions")
    linked = {entry.slug: {q.slug for q in entry.questions.all()} for entry in entries}
    for question, links in QUESTION_LINKS.items():
        assert model("directory.PriorityQuestion").objects.filter(slug=question).exists(), question
        for entry, reason in links:
            assert len(reason) > 20, (question, entry)
            assert question in linked[entry], (question, entry)
    assert sum(len(questions) for questions in linked.values()) == sum(len(links) for links in QUESTION_LINKS.values())


@pytest.mark.django_db
def test_demo_gap_map_counts_and_gaps(demo, client):
    soup = soup_of(client.get("/questions/"))
    table = soup.select_one("#evidence-gap-map table")
    widened = table.select_one('th[scope="row"] a[href="#q-accessing-utilising-data-q1"]').find_parent("tr")
    # Widening access: D4R (CDR), D4I (census), the JDC (surveys, admin), CTDC (admin), WorldPop (census).
    cells = dict(
        zip(
            [th.get_text(" ", strip=True) for th in table.select('thead th[scope="col"]')][1:],
            widened.find_all("td"),
            strict=True,
        )
    )
    assert cells["Census data and census microdata"].get_text(strip=True).startswith("2")
    assert cells["Administrative and registration records"].get_text(strip=True).startswith("2")
    assert "Gap" in cells["Satellite and remote-sensing imagery"].get_text()
    assert cells["All data sources"].get_text(strip=True).startswith("5")


# Users ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_users_are_in_their_groups(demo):
    from home.demo.loader import DEMO_PASSWORD

    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["editor", "steward", "moderator", "admin"])
    }
    assert set(users) == {"editor", "steward", "moderator", "admin"}
    assert list(users["editor"].groups.values_list("name", flat=True)) == ["Editors"]
    assert list(users["steward"].groups.values_list("name", flat=True)) == ["Data stewards"]
    assert list(users["moderator"].groups.values_list("name", flat=True)) == ["Moderators"]
    assert users["admin"].is_superuser and not users["editor"].is_superuser
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["editor", "steward", "moderator", "admin"])
def test_the_admin_accepts_the_printed_logins(demo, client, username):
    from home.demo.loader import DEMO_PASSWORD

    assert f"'{username}'" in demo[0]["output"] and DEMO_PASSWORD in demo[0]["output"]
    response = client.post("/admin/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Dashboard" in dashboard.content.decode()


@pytest.mark.django_db
def test_no_demo_user_is_created_when_settings_forbid_it(demo, settings):
    settings.HUB_ALLOW_DEMO_USERS = False
    user_model = get_user_model()
    user_model.objects.filter(username__in=["editor", "steward", "moderator", "admin"]).delete()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert not user_model.objects.filter(username__in=["editor", "steward", "moderator", "admin"]).exists()
    assert "HUB_ALLOW_DEMO_USERS is False" in out.getvalue()
    assert model("directory.DirectoryEntryPage").objects.count() == 44  # the content still loads


# Pages render --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, expected",
    [
        ("/", ["Responsible data innovation on migration", "Explore the directory"]),
        ("/about/", ["About the alliance", "Knowledge Centre on Migration and Demography", "era.gv.at"]),
        ("/news/", ["News", "European Commission and IOM launch the Big Data for Migration Alliance"]),
        (
            "/news/ec-iom-launch-bd4m-2018/",
            ["European Commission and IOM launch the Big Data for Migration Alliance", "ERA Portal Austria"],
        ),
        ("/events/", ["No upcoming events", "Third International Forum on Migration Statistics"]),
        ("/events/?when=past", ["First International Forum on Migration Statistics"]),
        (
            "/events/ispra-big-data-workshop-2017/",
            ["Big Data and Alternative Data Sources on Migration", "Ispra"],
        ),
        ("/members/", ["Members", "Flowminder Foundation", "SoBigData"]),
        (
            "/members/flowminder/",
            [
                "Flowminder Foundation",
                "Tracking post-earthquake and cholera displacement in Haiti with Digicel SIM data",
            ],
        ),
        ("/directory/", ["Data Innovation Directory", "Counter-Trafficking Data Collaborative (CTDC)"]),
        (
            "/directory/flowminder-digicel-haiti-2010/",
            ["Tracking post-earthquake and cholera displacement in Haiti", "Flowminder Foundation", "Karolinska"],
        ),
        ("/questions/", ["Priority questions", "How could access to big data sources be widened?", "100 Questions"]),
    ],
)
def test_demo_pages_render_with_their_key_fields(demo, client, path, expected):
    response = client.get(path)
    assert response.status_code == 200, path
    text = response.content.decode()
    for snippet in expected:
        assert snippet in text, f"{snippet!r} not on {path}"


@pytest.mark.django_db
def test_questions_page_says_the_100_questions_list_is_unverified(demo, client):
    text = client.get("/questions/").content.decode()
    assert "could not be verified" in text
    assert "Geographies of migration" in text


@pytest.mark.django_db
def test_topic_labels_are_plain_names(demo):
    names = set(model("home.Topic").objects.values_list("name", flat=True))
    assert {"Mobility and disease spread", "Human trafficking"} <= names
    assert not [name for name in names if "(addition)" in name]


@pytest.mark.django_db
def test_every_live_standard_page_is_linked_from_every_page(demo, client):
    """/objectives/ and the data responsibility page are not in the main menu, but the footer links them."""
    standard = model("home.StandardPage").objects.live().public().filter(locale__language_code="en")
    paths = {page.url for page in standard}
    assert {"/objectives/", "/about/"} <= paths
    sitemap = client.get("/sitemap.xml").content.decode()
    for visited in ("/", "/directory/", "/news/"):
        links = {a["href"] for a in soup_of(client.get(visited)).select("footer a[href]")}
        for path in paths:
            assert path in links, (visited, path)
            assert f"{path}</loc>" in sitemap


@pytest.mark.django_db
def test_how_we_handle_data_states_what_the_code_does_and_the_footer_links_it(demo, client, settings):
    page = model("home.StandardPage").objects.live().get(slug="how-we-handle-data", locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert "How we handle data" in html
    assert f"erased automatically {settings.HUB_SUBMISSION_RETENTION_DAYS} days after a moderator publishes" in html
    assert f"valid for {settings.HUB_CONFIRMATION_LINK_DAYS} days" in html
    assert "no tracking cookies" in html and "two-factor authentication" in html
    assert "scanned for text that looks like personal data" in html and "reviewed by the hub's data stewards" in html
    footer = soup_of(client.get("/")).select("footer .site-footer__about a[href]")
    assert [(a["href"], a.get_text()) for a in footer if a["href"] == page.url] == [(page.url, "How we handle data")]
