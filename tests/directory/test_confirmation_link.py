"""Confirmation by the organisations an entry credits: a moderator sends a signed,
expiring link; its holder sees that revision of the draft read-only and confirms it
or asks for a change, both in the page's history. A changed, expired, answered or
published-since link is a 404, and the link opens nothing else."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from directory.confirmation.links import make_token
from directory.models import ConfirmationRequest, DirectoryEntryPage, EntryOrganisation
from home.services import create_draft_for_moderation
from tests.utils import edit_page, workflow_action

pytestmark = pytest.mark.django_db

RECIPIENT = "partnerships@flowminder.example"
SUMMARY = "Mobile phone records show where people went after the floods."


def draft_entry(index, *, title="Displacement after the floods", summary=SUMMARY):
    page = DirectoryEntryPage(title=title, summary=summary)
    page.organisation_links = [EntryOrganisation(name="Flowminder"), EntryOrganisation(name="A Telecom Operator")]
    return create_draft_for_moderation(parent=index, page=page)


def send_link(client, page, capture, *, organisation="Flowminder", email=RECIPIENT):
    url = reverse("directory_send_confirmation_link", args=[page.pk])
    with capture(execute=True):
        return client.post(url, {"organisation": organisation, "recipient_email": email})


def link_path(message):
    return urlsplit(re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)).path


def history_html(client, page):
    return client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()


def request_for(page, *, days_ago=0):
    page.refresh_from_db()
    return ConfirmationRequest.objects.create(
        page=page,
        revision_id=page.latest_revision_id,
        organisation="Flowminder",
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def confirm_path(token):
    return f"/directory/confirm/{token}/"


@pytest.fixture
def entry(site_tree):
    return draft_entry(site_tree["directory_index"])


def test_moderator_sends_a_link_that_shows_that_draft_read_only(
    client, moderator, entry, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert reverse("directory_send_confirmation_link", args=[entry.pk]) in edit
    form = client.get(reverse("directory_send_confirmation_link", args=[entry.pk])).content.decode()
    assert "Flowminder" in form and "A Telecom Operator" in form

    response = send_link(client, entry, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [RECIPIENT]
    assert 'Data Innovation Directory, "Displacement after the floods", credits Flowminder.' in mailoutbox[0].body
    assert not [line for line in mailoutbox[0].body.splitlines() if line.startswith(" ")]
    path = link_path(mailoutbox[0])
    # The address was used to send the e-mail, and is stored nowhere after it.
    confirmation = ConfirmationRequest.objects.get(page=entry)
    assert confirmation.recipient_email == "" and confirmation.sent_at is not None
    sent = PageLogEntry.objects.get(page=entry, action="directory.confirmation.sent")
    assert RECIPIENT not in str(sent.data)
    history = history_html(client, entry)
    assert "Sent a confirmation link to Flowminder" in history and RECIPIENT not in history

    # An editor changes the draft afterwards: the link still shows the revision it was sent for.
    assert edit_page(client, entry, summary="A later draft nobody was asked about.").status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Displacement after the floods" in html and SUMMARY in html
    assert "A later draft nobody was asked about." not in html
    assert "Draft for your confirmation" in html and "Confirm the description" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_confirming_is_in_the_history_and_ends_the_link(
    client, moderator, entry, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    send_link(client, entry, django_capture_on_commit_callbacks)
    path = link_path(mailoutbox[0])
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"answer": "confirmed", "comment": ""})
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Thank you" in thanks.content.decode()
    assert PageLogEntry.objects.filter(page=entry, action="directory.confirmation.confirmed", user=None).exists()
    assert ConfirmationRequest.objects.get(page=entry).answer == "confirmed"

    # Answered: the link is dead, and a second answer records nothing.
    assert client.get(path).status_code == 404
    assert client.post(path, {"answer": "change_requested", "comment": "Too late"}).status_code == 404
    assert not PageLogEntry.objects.filter(page=entry, action="directory.confirmation.change_requested").exists()

    client.force_login(moderator)
    assert "Flowminder confirmed the description" in history_html(client, entry)
    # The moderator who sent the link is told, with a link to the history.
    notice = mailoutbox[-1]
    assert notice.to == [moderator.email] and "Confirmed" in notice.subject
    assert reverse("wagtailadmin_pages:history", args=[entry.pk]) in notice.body


def test_asking_for_a_change_needs_a_comment_which_the_history_shows(client, moderator, entry):
    path = confirm_path(make_token(request_for(entry)))

    response = client.post(path, {"answer": "change_requested", "comment": ""})
    assert response.status_code == 200
    assert "Please say what should change." in response.content.decode()
    assert not PageLogEntry.objects.filter(page=entry, action="directory.confirmation.change_requested").exists()

    response = client.post(path, {"answer": "change_requested", "comment": "We worked with two operators, not one."})
    assert response.status_code == 302
    entry_log = PageLogEntry.objects.get(page=entry, action="directory.confirmation.change_requested")
    assert entry_log.revision_id == entry.latest_revision_id
    client.force_login(moderator)
    history = history_html(client, entry)
    assert "Flowminder asked for a change" in history
    assert "We worked with two operators, not one." in history


def test_changing_any_one_character_of_the_link_gives_a_404(client, entry):
    token = make_token(request_for(entry))
    assert client.get(confirm_path(token)).status_code == 200
    for position, character in enumerate(token):
        changed = token[:position] + ("B" if character == "A" else "A") + token[position + 1 :]
        assert client.get(confirm_path(changed)).status_code == 404, position
    assert client.get(confirm_path(token[:-1])).status_code == 404
    assert client.get(confirm_path("not-a-token")).status_code == 404


def test_a_link_expires(client, settings, entry):
    settings.HUB_CONFIRMATION_LINK_DAYS = 7
    # Signed with the time of its request, eight days ago: past its lifetime.
    assert client.get(confirm_path(make_token(request_for(entry, days_ago=8)))).status_code == 404
    assert client.get(confirm_path(make_token(request_for(entry, days_ago=6)))).status_code == 200
    settings.HUB_CONFIRMATION_LINK_DAYS = 5
    assert client.get(confirm_path(make_token(request_for(entry, days_ago=6)))).status_code == 404


def test_a_link_is_dead_once_the_entry_is_published(client, moderator, entry):
    path = confirm_path(make_token(request_for(entry)))
    assert client.get(path).status_code == 200
    client.force_login(moderator)
    assert workflow_action(client, entry, "approve").status_code == 302
    client.logout()
    assert client.get(path).status_code == 404
    assert client.post(path, {"answer": "confirmed"}).status_code == 404


def test_a_link_opens_no_other_draft(client, site_tree, entry):
    other = draft_entry(site_tree["directory_index"], title="A second secret draft", summary="Not for the link holder.")
    confirmation = request_for(entry)
    html = client.get(confirm_path(make_token(confirmation))).content.decode()
    assert "A second secret draft" not in html and "Not for the link holder." not in html
    # The other draft itself is not public, and no token made without the hub's key opens it.
    assert client.get(other.url or f"/directory/{other.slug}/").status_code == 404
    forged = {"p": other.pk, "r": other.latest_revision_id, "c": confirmation.pk}
    for token in (
        signing.TimestampSigner(sep="/").sign_object(forged),
        signing.TimestampSigner(salt="another-salt", sep="/").sign_object(forged),
    ):
        assert client.get(confirm_path(token)).status_code == 404


def test_the_link_is_not_kept_by_the_page_cache_nor_pollutes_the_live_page(client, moderator, site_tree, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    entry = draft_entry(site_tree["directory_index"], summary="The published description.")
    entry.get_latest_revision().publish()
    entry.refresh_from_db()
    entry.summary = "The draft description."
    entry.save_revision()
    live_url = entry.url
    assert "The published description." in client.get(live_url).content.decode()

    path = confirm_path(make_token(request_for(entry)))
    for _ in range(2):
        response = client.get(path)
        assert "The draft description." in response.content.decode()
        assert response.get("X-Page-Cache") != "hit"
    live = client.get(live_url).content.decode()
    assert "The published description." in live and "The draft description." not in live


def test_only_those_who_can_publish_send_links(client, editor, moderator, entry):
    url = reverse("directory_send_confirmation_link", args=[entry.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login form
    client.force_login(editor)
    assert url not in client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    # Refused: Wagtail sends a permission error back to the dashboard with a message.
    for response in (client.get(url), client.post(url, {"organisation": "Flowminder", "recipient_email": RECIPIENT})):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ConfirmationRequest.objects.exists()

    client.force_login(moderator)
    response = client.post(url, {"organisation": "Flowminder", "recipient_email": "not an address"})
    assert response.status_code == 200 and "Enter a valid email address." in response.content.decode()
    assert not ConfirmationRequest.objects.exists()
