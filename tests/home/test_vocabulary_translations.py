"""Translating a vocabulary term, as an editor and a moderator do in the admin: the
translation is a draft in the moderation workflow; visitors, the public forms and
the facets see the English term until a moderator approves it."""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail.models import Locale

import pytest
from wagtail_localize.models import StringSegment, Translation

from directory.models import DataSource
from home.models import Topic
from tests.factories import entry_page, term
from tests.home.test_machine_translation import libretranslate  # noqa: F401 - the LibreTranslate stand-in
from tests.html import soup_of
from tests.utils import refused

pytestmark = pytest.mark.django_db

FRENCH_NAME = "Données de téléphonie mobile"


def french():
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def phones(site_tree):
    source = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
    entry_page(site_tree["directory_index"], title="Flows", slug="flows", data_sources=[source])
    return source


def start_translation(client, instance):
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[instance._meta.app_label, instance._meta.model_name, instance.pk],
    )
    response = client.post(url, {"locales": [french().pk]})
    assert response.status_code == 302, response.status_code
    return type(instance).objects.get(translation_key=instance.translation_key, locale=french())


def translate(client, instance, values):
    translation = Translation.objects.get(source__object_id=instance.translation_key, target_locale=french())
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        if segment.string.data in values:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            response = client.put(
                url, urlencode({"value": values[segment.string.data]}), content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code in (200, 201), response.content


def edit_url(instance):
    return reverse(f"wagtailsnippets_{instance._meta.app_label}_{instance._meta.model_name}:edit", args=[instance.pk])


def approve(client, instance):
    instance.refresh_from_db()
    state = instance.current_workflow_task_state
    assert state is not None, "the term is not in moderation"
    name = f"wagtailsnippets_{instance._meta.app_label}_{instance._meta.model_name}:workflow_action"
    return client.post(reverse(name, args=[instance.pk, "approve", state.pk]))


def french_facets(client):
    return soup_of(client.get("/fr/directory/")).find("aside").get_text(" ")


def test_an_editor_translates_a_term_and_it_waits_for_a_moderator(
    client, editor, moderator, phones, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    draft = start_translation(client, phones)
    assert not draft.live
    translate(client, phones, {"Mobile phone records": FRENCH_NAME})

    screen = client.get(edit_url(draft))
    assert screen.status_code == 200
    html = screen.content.decode()
    assert "js-translation-editor" in html and "Submit for moderation" in html
    assert "&quot;canPublish&quot;: false" in html
    assert refused(client.post(edit_url(draft), {"action": "publish"}))
    draft.refresh_from_db()
    assert not draft.live

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(draft), {"action": "hub-submit-translation"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    assert draft.get_latest_revision_as_object().name == FRENCH_NAME
    client.logout()
    panel = french_facets(client)
    assert "Mobile phone records" in panel and FRENCH_NAME not in panel

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert approve(client, draft).status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.name == FRENCH_NAME
    client.logout()
    panel = french_facets(client)
    assert FRENCH_NAME in panel and "Mobile phone records" not in panel


def test_the_public_forms_name_terms_in_french_once_approved_and_in_english_before(
    client, editor, moderator, phones, django_capture_on_commit_callbacks
):
    satellites = term(DataSource, "Satellite imagery")

    def offered():
        form = soup_of(client.get("/fr/directory/submit/"))
        return {
            form.find("label", attrs={"for": box["id"]}).get_text(strip=True): box["value"]
            for box in form.select('input[name="data_sources"]')
        }

    client.force_login(editor)
    draft = start_translation(client, phones)
    translate(client, phones, {"Mobile phone records": FRENCH_NAME})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(draft), {"action": "hub-submit-translation"})
    client.logout()
    # A draft is not offered; every term is, in English where it has no live translation.
    assert offered() == {"Mobile phone records": str(phones.pk), "Satellite imagery": str(satellites.pk)}

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, draft)
    client.logout()
    # The French name, for the same English term the moderators file it under.
    assert offered() == {FRENCH_NAME: str(phones.pk), "Satellite imagery": str(satellites.pk)}


def test_only_administrators_change_the_english_terms(client, editor, moderator, superuser, site_tree):
    topic = term(Topic, "Labour migration")
    for user in (editor, moderator):
        client.force_login(user)
        assert refused(client.get(edit_url(topic)))
        assert refused(client.post(edit_url(topic), {"name": "Changed", "slug": "labour-migration"}))
    topic.refresh_from_db()
    assert topic.name == "Labour migration"
    client.force_login(superuser)
    assert client.get(edit_url(topic)).status_code == 200


def test_a_user_without_the_vocabulary_right_may_not_start_a_translation(client, django_user_model, phones):
    from django.contrib.auth.models import Group, Permission

    translator = django_user_model.objects.create_user("translator", password="x")
    group = Group.objects.create(name="Translators only")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    translator.groups.add(group)
    client.force_login(translator)
    url = reverse("wagtail_localize:submit_snippet_translation", args=["directory", "datasource", phones.pk])
    assert refused(client.post(url, {"locales": [french().pk]}))
    assert not DataSource.objects.filter(locale=french()).exists()


def test_a_machine_translated_term_is_marked_until_a_moderator_approves_it(
    client,
    editor,
    moderator,
    phones,
    libretranslate,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    draft = start_translation(client, phones)
    translation = Translation.objects.get(source__object_id=phones.translation_key, target_locale=french())
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert client.post(url, {"next": edit_url(draft)}).status_code == 302
    panel = soup_of(client.get(edit_url(draft))).find(attrs={"data-hub-machine-translation": True})
    assert panel is not None and "not yet approved" in panel.get_text()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(draft), {"action": "hub-submit-translation"})
    client.logout()
    assert "[fr] Mobile phone records" not in french_facets(client)

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, draft)
    assert soup_of(client.get(edit_url(draft))).find(attrs={"data-hub-machine-translation": True}) is None
    client.logout()
    assert "[fr] Mobile phone records" in french_facets(client)
