"""Anonymous visitors get cached pages, and never a stale, unpublished or private one."""

import os
import subprocess
import sys

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import entry_page, make_image, term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def entry(site_tree):
    return entry_page(site_tree["directory_index"], title="Satellite imagery of camps", slug="camps")


def test_second_anonymous_visit_is_served_from_the_cache(client, entry, django_assert_num_queries):
    first = client.get("/directory/camps/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/directory/camps/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_published_change_is_shown_at_once(client, entry):
    client.get("/directory/camps/")
    entry.title = "Night-time lights and displacement"
    entry.save_revision().publish()
    response = client.get("/directory/camps/")
    assert "Night-time lights and displacement" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, entry):
    client.get("/directory/camps/")
    entry.unpublish()
    assert client.get("/directory/camps/").status_code == 404
    assert "Satellite imagery of camps" not in client.get("/directory/").content.decode()


def test_a_page_made_private_is_not_served_from_the_cache(client, entry):
    client.get("/directory/camps/")
    PageViewRestriction.objects.create(page=entry, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/directory/camps/")
    assert response.status_code == 302
    assert "Satellite imagery of camps" not in response.content.decode()


def test_logged_in_visitors_bypass_the_cache(admin_client, client, entry):
    client.get("/directory/camps/")
    response = admin_client.get("/directory/camps/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    # What a logged-in visitor saw (with the editing userbar) is never kept for others.
    assert "wagtail-userbar" not in client.get("/directory/camps/").content.decode()


def test_pages_with_a_form_token_are_not_cached(client, site_tree):
    first = client.get("/directory/submit/")
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get("/directory/submit/")


def test_the_cache_can_be_turned_off(client, entry, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    client.get("/directory/camps/")
    response = client.get("/directory/camps/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_the_cached_main_menu_follows_publishing(client, site_tree):
    from home.models import StandardPage

    client.get("/")
    about = site_tree["home"].add_child(instance=StandardPage(title="About the alliance", slug="about"))
    about.show_in_menus = True
    about.save_revision().publish()
    menu = client.get("/").content.decode()
    assert 'href="/about/"' in menu
    about.unpublish()
    assert 'href="/about/"' not in client.get("/").content.decode()


def test_saving_a_draft_of_a_live_page_keeps_the_cached_pages(client, entry):
    client.get("/directory/camps/")
    entry.title = "A draft title nobody may see yet"
    entry.save_revision()
    response = client.get("/directory/camps/")
    assert response["X-Page-Cache"] == "hit"
    assert "A draft title nobody may see yet" not in response.content.decode()


def test_a_site_settings_change_is_shown_at_once(client, site_tree):
    from wagtail.models import Site

    from home.models import SiteSettings

    client.get("/directory/")
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.footer_text = "Run by the alliance's secretariat"
    settings_row.save()
    response = client.get("/directory/")
    assert response["X-Page-Cache"] == "miss"
    assert "Run by the alliance&#x27;s secretariat" in response.content.decode()


def test_a_renamed_vocabulary_term_is_shown_at_once(client, site_tree):
    from directory.models import DataSource

    source = term(DataSource, "Mobile phone data")
    entry_page(site_tree["directory_index"], title="Flows after the earthquake", data_sources=[source])
    assert "Mobile phone data" in client.get("/directory/").content.decode()
    source.name = "Call detail records"
    source.save()
    page = client.get("/directory/").content.decode()
    assert "Call detail records" in page
    assert "Mobile phone data" not in page


def test_an_image_alt_text_change_is_shown_at_once(client, site_tree):
    image = make_image(description="A camp seen from above")
    entry_page(site_tree["directory_index"], title="Camps from space", slug="space", image=image)
    assert 'alt="A camp seen from above"' in client.get("/directory/space/").content.decode()
    image.description = "Tents and roads in a refugee camp, seen from a satellite"
    image.save()
    assert (
        'alt="Tents and roads in a refugee camp, seen from a satellite"'
        in client.get("/directory/space/").content.decode()
    )


def test_searching_keeps_the_cached_pages(client, entry):
    """Each search logs a hit in the database; that write must not empty the page cache."""
    client.get("/directory/camps/")
    client.get("/search/?q=camps")
    client.get("/search/?q=imagery")
    assert client.get("/directory/camps/")["X-Page-Cache"] == "hit"


def test_every_search_is_counted_with_the_page_cache_on(client, entry):
    from wagtail.contrib.search_promotions.models import Query

    from home.caching.search_hits import flush

    for expected in ("miss", "hit", "hit"):
        response = client.get("/search/?q=camps")
        assert "Satellite imagery of camps" in response.content.decode()
        assert response["X-Page-Cache"] == expected
    # The cached hits wait in the cache until written (tests/search/test_search_hits.py).
    flush()
    assert Query.objects.get(query_string="camps").hits == 3
    # The search form without a query has nothing to count: it stays cached.
    client.get("/search/")
    assert client.get("/search/")["X-Page-Cache"] == "hit"


def test_a_link_with_tracking_parameters_gets_the_cached_page(client, entry, django_assert_num_queries):
    client.get("/directory/?sort=title")
    with django_assert_num_queries(0):
        shared = client.get("/directory/?utm_source=newsletter&sort=title&fbclid=abc123&utm_medium=email")
    assert shared["X-Page-Cache"] == "hit"
    assert "Satellite imagery of camps" in shared.content.decode()
    # Parameters a view reads still make a page of their own.
    assert client.get("/directory/?sort=newest")["X-Page-Cache"] == "miss"


def test_image_bookkeeping_saves_keep_the_cached_pages(client, site_tree):
    image = make_image(description="A camp seen from above")
    entry_page(site_tree["directory_index"], title="Camps from space", slug="space", image=image)
    client.get("/directory/space/")
    image.file_hash = ""
    image.get_file_hash()  # Wagtail computes and saves the hash on demand
    assert client.get("/directory/space/")["X-Page-Cache"] == "hit"


def test_a_change_made_by_another_process_empties_this_ones_cache(client, entry, settings, tmp_path):
    """Without Redis each gunicorn worker has its own memory cache; a publish
    handled by one worker must still reach the others (through the version file)."""
    settings.HUB_CONTENT_VERSION_FILE = tmp_path / "content-version"
    client.get("/directory/camps/")
    assert client.get("/directory/camps/")["X-Page-Cache"] == "hit"
    version_file = str(tmp_path / "content-version")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from home.caching import bump_content_version; bump_content_version()",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test", "HUB_CONTENT_VERSION_FILE": version_file},
        check=True,
        timeout=120,
    )
    assert client.get("/directory/camps/")["X-Page-Cache"] == "miss"


def test_publishing_works_when_the_version_file_cannot_be_written(entry, settings, tmp_path, caplog):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.HUB_CONTENT_VERSION_FILE = blocker / "content-version"
    entry.title = "Published all the same"
    entry.save_revision().publish()
    entry.refresh_from_db()
    assert entry.title == "Published all the same" and entry.live
    assert "Could not record a content change" in caplog.text
