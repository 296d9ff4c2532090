"""Translating a page with wagtail-localize, as an editor and a moderator do in
the admin: the translation is a draft in the moderation workflow, never
published by the editor, by syncing the source or by the translation's creation."""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail.models import Locale

import pytest
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.models import StandardPage
from tests.html import soup_of
from tests.utils import refused, workflow_action

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "À propos de l'alliance"


@pytest.fixture
def about(site_tree):
    page = site_tree["home"].add_child(
        instance=StandardPage(title="About the alliance", slug="about", intro="Who we are")
    )
    page.save_revision().publish()
    return page


def french():
    return Locale.objects.get(language_code="fr")


def start_translation(client, page):
    """The editor's "Translate" screen: French, for this page."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [french().pk]})
    assert response.status_code == 302, response.status_code
    return StandardPage.objects.get(translation_key=page.translation_key, locale=french())


def translate_strings(client, translation, values):
    """Type the French for each English string in the editor (its PUT requests)."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        english = segment.string.data
        if english in values:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            response = client.put(
                url, urlencode({"value": values[english]}), content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code in (200, 201), response.content


def translation_for(page):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=french())


def editor_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_new_translation_is_a_draft(client, editor, about):
    client.force_login(editor)
    draft = start_translation(client, about)
    assert not draft.live
    page = soup_of(client.get("/fr/about/"))
    assert page.find("main")["lang"] == "en"


def test_an_editor_submits_a_translation_and_a_moderator_publishes_it(
    client, editor, moderator, about, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    draft = start_translation(client, about)
    translation = translation_for(about)
    translate_strings(client, translation, {"About the alliance": FRENCH_TITLE, "Who we are": "Qui nous sommes"})

    # The editor's screen offers "Submit for moderation", not "Publish", and refuses a publish.
    screen = client.get(editor_url(draft))
    assert screen.status_code == 200
    html = screen.content.decode()
    assert "Submit for moderation" in html
    assert "&quot;canPublish&quot;: false" in html
    assert refused(client.post(editor_url(draft), {"action": "publish"}))
    draft.refresh_from_db()
    assert not draft.live

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(editor_url(draft), {"action": "hub-submit-translation"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    assert draft.get_latest_revision_as_object().title == FRENCH_TITLE
    # Still English, labelled English, for visitors.
    assert soup_of(client.get("/fr/about/")).find("main")["lang"] == "en"

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(client, draft, "approve").status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == FRENCH_TITLE
    client.logout()
    page = soup_of(client.get("/fr/about/"))
    assert page.find("main")["lang"] == "fr"
    assert page.find("h1").get_text(strip=True) == FRENCH_TITLE


def test_updating_translations_from_the_source_never_publishes(
    client, editor, moderator, about, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    draft = start_translation(client, about)
    translate_strings(client, translation_for(about), {"About the alliance": FRENCH_TITLE})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(editor_url(draft), {"action": "hub-submit-translation"})
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, draft, "approve")
    draft.refresh_from_db()
    assert draft.live

    # The English page changes; a moderator syncs the translations asking to publish.
    about.title = "About the Big Data for Migration Alliance"
    about.save_revision().publish()
    source = TranslationSource.objects.get(object_id=about.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    screen = client.get(url)
    assert screen.status_code == 200
    assert "publish_translations" not in screen.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == FRENCH_TITLE  # the live French page is what the moderator approved
    assert draft.live_revision == draft.latest_revision
