"""Public event submissions (/events/submit/): a draft event in moderation,
invisible in listings, calendars, search, sitemap and API until approved."""

import datetime

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Page

import pytest

from events.models import EventPage
from home.models import Submission, Topic
from tests.factories import image_upload, term
from tests.utils import workflow_action

pytestmark = pytest.mark.django_db

URL = "/events/submit/"
TITLE = "Dialogue on mobile data for migration statistics"
EMAIL = "organiser@example.net"


def event_data(**overrides):
    next_year = datetime.date.today().year + 1
    data = {
        "title": TITLE,
        "event_type": "dialogue",
        "start": f"{next_year}-05-10T14:00",
        "end": f"{next_year}-05-10T17:30",
        "time_zone": "Europe/Brussels",
        "intro": "Operators and statistical offices discuss responsible access.",
        "organiser_text": "BD4M Alliance",
        "venue": "Berlaymont",
        "city": "Brussels",
        "country": "BE",
        "registration_url": "https://example.org/register",
        "submitter_name": "Olu Organiser",
        "submitter_email": EMAIL,
        "submitter_organisation": "Mobile Data Lab",
        "form_token": "e" * 32,
    }
    data.update(overrides)
    return data


def counts():
    return Submission.objects.count(), Page.objects.count()


def text(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_views(client):
    return {
        "listing": client.get("/events/"),
        "ical": client.get("/events/feed.ics"),
        "search": client.get("/search/", {"q": "mobile data dialogue"}),
        "sitemap": client.get("/sitemap.xml"),
        "api": client.get("/api/v2/pages/", {"type": "events.EventPage"}),
    }


def test_event_life_cycle(client, site_tree, moderator, django_capture_on_commit_callbacks):
    topic = term(Topic, "Mobility")
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {**event_data(topics=[str(topic.pk)], image_decorative="on"), "image": image_upload(image_format="WEBP")},
        )
    assert response.status_code == 302 and response["Location"] == "/events/submit/thanks/"
    assert client.get("/events/submit/thanks/").status_code == 200

    event = EventPage.objects.get(title=TITLE)
    submission = Submission.objects.get()
    assert submission.kind == "event" and submission.page_id == event.pk
    assert not event.live and event.workflow_in_progress
    assert event.get_parent().specific == site_tree["event_index"]
    # Local time in the event's time zone: 14:00 in Brussels in May is 12:00 UTC.
    assert event.start.astimezone(datetime.UTC).hour == 12 and event.local_start.hour == 14
    assert list(event.topics.all()) == [topic]
    assert event.image.is_decorative
    assert sorted(address for message in mail.outbox for address in message.to) == sorted([moderator.email, EMAIL])

    assert client.get(f"/events/{event.slug}/").status_code == 404
    for name, response in public_views(client).items():
        assert response.status_code == 200, name
        assert TITLE not in text(response) and event.slug not in text(response), name

    client.force_login(moderator)
    workflow_action(client, event, "approve")
    client.logout()
    event.refresh_from_db()
    assert event.live
    detail = client.get(f"/events/{event.slug}/")
    assert detail.status_code == 200
    views = public_views(client)
    for name, response in views.items():
        assert (event.slug if name == "sitemap" else TITLE) in text(response), name
    for response in [detail, *views.values()]:
        assert EMAIL not in text(response) and "Olu Organiser" not in text(response)


@pytest.mark.parametrize(
    "field, overrides",
    [
        ("title", {"title": ""}),
        ("event_type", {"event_type": "party"}),
        ("start", {"start": "next tuesday"}),
        ("end", {"end": ""}),
        ("end", {"end": "2020-01-01T10:00", "start": "2020-01-02T10:00"}),
        ("time_zone", {"time_zone": "Mars/Olympus"}),
        ("city", {"city": "", "venue": "", "is_online": ""}),
        ("country", {"country": "ZZ"}),
        ("registration_url", {"registration_url": "javascript:alert(1)"}),
        ("intro", {"intro": ""}),
        ("submitter_email", {"submitter_email": "nobody"}),
    ],
)
def test_each_invalid_field_is_reported_and_nothing_is_saved(client, site_tree, field, overrides):
    before = counts()
    response = client.post(URL, event_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert counts() == before


def test_online_event_needs_no_city(client, site_tree):
    response = client.post(
        URL, event_data(city="", venue="", country="", is_online="on", online_url="https://example.org/live")
    )
    assert response.status_code == 302
    assert EventPage.objects.get().is_online


def test_honeypot_and_bad_upload_store_nothing(client, site_tree):
    before = counts()
    assert client.post(URL, event_data(website_url="spam")).status_code == 302
    fake = SimpleUploadedFile("poster.jpg", b"GIF89a not really", "image/jpeg")
    response = client.post(URL, {**event_data(image_alt="Poster", form_token="f" * 32), "image": fake})
    assert "image" in response.context["form"].errors
    assert counts() == before
