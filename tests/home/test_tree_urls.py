"""Links into the page tree follow the visitor's language: with a French tree, the
French pages link to French pages, and no template spells out a tree path."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction
from django.test import override_settings

from wagtail.models import Locale, Site

import pytest

from tests.factories import build_site, entry_page, event_page, member_page, news_page, term
from tests.html import soup_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / app / "templates" for app in ("home", "events", "directory", "search", "hub")]
# Paths outside the page tree, the same in every language.
OUTSIDE_THE_TREE = ("/static/", "/media/", "/documents/", "/api/", "/admin/", "/sitemap.xml", "/robots.txt")


def copy_tree_to(locale, home):
    """What an editor's "Translate" does for the whole tree, then published (copies start as drafts)."""
    for page in [home, *home.get_descendants().order_by("path")]:
        copy = page.specific.copy_for_translation(locale)
        copy.save_revision().publish()


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker, tmp_path_factory):
    """An English tree with one page of each kind, copied to French; rolled back after the module."""
    from directory.models import PriorityQuestion
    from home.models import Topic

    media = tmp_path_factory.mktemp("tree-urls-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            site = build_site()
            question = PriorityQuestion.objects.create(
                question="How fast do migrants find work?",
                slug="work",
                topic=term(Topic, "Integration"),
                locale=Locale.get_default(),
            )
            entry_page(site["directory_index"], title="Job ads and migrants", slug="job-ads", questions=[question])
            event_page(site["event_index"], title="Data dialogue", slug="data-dialogue")
            news_page(site["news_index"], title="Alliance news", slug="alliance-news")
            member_page(site["member_index"], title="Research centre", slug="research-centre")
            french = Locale.objects.get_or_create(language_code="fr")[0]  # home/migrations/0009 makes it
            copy_tree_to(french, site["home"])
            Site.clear_site_root_paths_cache()
            yield site
            transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def tree_links(response, *, leave_out=()):
    """Every same-site link and form target on a page that points into the page tree,
    except inside the elements matching the CSS selectors `leave_out`."""
    soup = soup_of(response)
    for element in soup.select(", ".join(leave_out)) if leave_out else []:
        element.decompose()
    targets = [tag.get("href") for tag in soup.find_all(["a", "link"])] + [form.get("action") for form in soup("form")]
    paths = []
    for target in filter(None, targets):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if not parts.path.startswith(OUTSIDE_THE_TREE):
            paths.append(parts.path)
    return paths


FRENCH_PAGES = ["/fr/directory/", "/fr/directory/job-ads/", "/fr/events/", "/fr/questions/", "/fr/members/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", FRENCH_PAGES)
def test_french_pages_link_only_into_the_french_tree(client, tree, path):
    links = tree_links(client.get(path))

    assert links, "the page has no links into the tree"
    assert [link for link in links if not link.startswith("/fr/")] == []


@pytest.mark.django_db
def test_french_home_page_links_only_into_the_french_tree(client, tree):
    # Its cards too: each page type's home_page_section lists its own language's tree.
    links = tree_links(client.get("/fr/"))

    assert links
    assert [link for link in links if not link.startswith("/fr/")] == []


@pytest.mark.django_db
def test_english_home_page_shows_no_french_card(client, tree):
    links = tree_links(client.get("/"))

    assert links
    assert [link for link in links if link.startswith("/fr/")] == []


@pytest.mark.django_db
def test_french_footer_and_home_reach_the_french_forms_and_feeds(client, tree):
    links = set(tree_links(client.get("/fr/")))

    assert {
        "/fr/directory/",
        "/fr/directory/submit/",
        "/fr/events/",
        "/fr/events/submit/",
        "/fr/members/",
        "/fr/members/join/",
        "/fr/news/",
        "/fr/news/feed/",
        "/fr/news/atom/",
    } <= links


@pytest.mark.django_db
def test_french_entry_links_its_questions_on_the_french_questions_page(client, tree):
    soup = soup_of(client.get("/fr/directory/job-ads/"))

    link = soup.find("a", string="How fast do migrants find work?")
    assert link["href"] == "/fr/questions/#q-work"


@pytest.mark.django_db
def test_every_french_tree_link_leads_to_a_french_page_that_answers(client, tree):
    links = {link for path in ["/fr/", *FRENCH_PAGES] for link in tree_links(client.get(path))}

    assert {link for link in links if not link.startswith("/fr/")} == set()
    statuses = {link: client.get(link).status_code for link in sorted(links)}
    assert {link: status for link, status in statuses.items() if status != 200} == {}


@pytest.mark.django_db
def test_a_renamed_index_page_is_linked_at_its_new_address(client, tree):
    directory = tree["directory_index"]
    directory.slug = "innovations"
    directory.save_revision().publish()

    links = set(tree_links(client.get("/")))

    assert {"/innovations/", "/innovations/submit/"} <= links
    assert not links & {"/directory/", "/directory/submit/"}


@pytest.mark.django_db
def test_a_section_not_translated_yet_is_linked_in_english(client, tree):
    french_events = tree["event_index"].get_translation(Locale.objects.get(language_code="fr"))
    french_events.unpublish()

    # The events' own cards still link their French pages, whose section is unpublished.
    links = set(tree_links(client.get("/fr/"), leave_out=(".card", ".member-strip")))

    assert {"/events/", "/events/submit/"} <= links
    assert {"/fr/directory/", "/fr/members/join/", "/fr/news/feed/"} <= links


# A hard-coded path spelled out in a template is a link a translated tree cannot follow.
HARD_CODED_PATH = re.compile(r"""(?:href|action|src|url)\s*=\s*["']/(?!static/|media/)[^"'\s{]""")


def test_no_template_hard_codes_a_path_into_the_tree():
    offenders = []
    for folder in TEMPLATE_DIRS:
        for template in sorted(folder.rglob("*.html")):
            if template.name == "500.html":
                continue  # rendered with no database to ask when the database itself failed
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
                if HARD_CODED_PATH.search(line):
                    offenders.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
