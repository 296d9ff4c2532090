"""Public directory-entry submissions (/directory/submit/): the public life cycle,
bad input, bots, double submits and a mail outage."""

import json
import logging
import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import Page

import pytest

from directory.models import CollaborativeType, DataSource, DirectoryEntryPage, Region
from home.models import HubImage, Submission, Topic
from tests.factories import image_upload, term
from tests.html import soup_of
from tests.utils import pass_data_review, workflow_action

pytestmark = pytest.mark.django_db

URL = "/directory/submit/"
THANKS = "/directory/submit/thanks/"
TITLE = "Nowcasting displacement with satellite imagery"
EMAIL = "amina.submitter@example.net"


@pytest.fixture
def terms(site_tree):
    return {
        "data_source": term(DataSource, "Satellite imagery"),
        "topic": term(Topic, "Forced displacement"),
    }


def entry_data(terms, **overrides):
    data = {
        "title": TITLE,
        "summary": "Night-time lights and building footprints estimate displacement after floods.",
        "description": "First paragraph.\n\nSecond paragraph.",
        "organisations": "University of Somewhere\nA Statistics Office",
        "year_started": "2021",
        "year_ended": "",
        "status": "ongoing",
        "countries": ["SO", "KE"],
        "data_sources": [str(terms["data_source"].pk)],
        "topics": [str(terms["topic"].pk)],
        "data_responsibility": "Only aggregated data left the provider.",
        "source_url": "https://example.org/report",
        "submitter_name": "Amina Submitter",
        "submitter_email": EMAIL,
        "submitter_organisation": "Somewhere Institute",
        "message": "Happy to answer questions.",
        "website_url": "",
        "form_token": "a" * 32,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def counts():
    return Submission.objects.count(), Page.objects.count(), HubImage.objects.count()


def public_views(client):
    """Everything the public can read where an entry could appear, by name."""
    return {
        "listing": client.get("/directory/"),
        "search": client.get("/search/", {"q": "satellite nowcasting"}),
        "sitemap": client.get("/sitemap.xml"),
        "api": client.get("/api/v2/pages/", {"type": "directory.DirectoryEntryPage", "fields": "*"}),
        "csv": client.get("/directory/export.csv"),
        "json": client.get("/directory/export.json"),
    }


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_form_is_accessible_and_offers_terms(client, terms):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="form_token"' in html
    assert 'for="id_title"' in html and 'for="id_submitter_email"' in html
    assert 'type="checkbox" name="data_sources"' in html and "Satellite imagery" in html
    assert "Forced displacement" in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_public_life_cycle(client, site_tree, terms, steward, moderator, django_capture_on_commit_callbacks):
    upload = image_upload(name="floods.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**entry_data(terms, image_alt="A flooded town seen from orbit"), "image": upload})
    assert response.status_code == 302 and response["Location"] == THANKS
    confirmation = client.get(THANKS)
    assert confirmation.status_code == 200 and "Thank you" in confirmation.content.decode()

    # A draft under the directory, in moderation, with its terms and image; the submitter only in Submission.
    submission = Submission.objects.get()
    page = DirectoryEntryPage.objects.get(title=TITLE)
    assert submission.page.specific == page and submission.kind == "entry"
    assert submission.status == Submission.Status.IN_REVIEW
    assert (submission.submitter_email, submission.submitter_organisation) == (EMAIL, "Somewhere Institute")
    assert page.get_parent().specific == site_tree["directory_index"]
    assert not page.live and page.workflow_in_progress
    assert list(page.data_sources.all()) == [terms["data_source"]]
    assert list(page.topics.all()) == [terms["topic"]]
    assert sorted(page.country_codes) == ["KE", "SO"]
    assert [link.name for link in page.organisation_links.all()] == ["University of Somewhere", "A Statistics Office"]
    assert page.image.description == "A flooded town seen from orbit" and not page.image.is_decorative
    assert PageLogEntryActions(page) >= {"wagtail.create", "wagtail.workflow.start"}

    # Moderators and the submitter were told, once the transaction committed.
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([moderator.email, EMAIL])
    to_moderators = next(message for message in mail.outbox if message.to == [moderator.email])
    assert TITLE in to_moderators.subject and f"/admin/pages/{page.pk}/edit/" in to_moderators.body

    # Invisible to the public everywhere.
    assert client.get(f"/directory/{page.slug}/").status_code == 404
    for name, response in public_views(client).items():
        assert response.status_code == 200, name
        assert TITLE not in body(response) and page.slug not in body(response), name

    # The data stewards, then a moderator approve: visible everywhere, and the submission is marked published.
    pass_data_review(client, page, steward)
    mail.outbox.clear()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(client, page, "approve").status_code == 302
    client.logout()
    page.refresh_from_db()
    assert page.live
    # The submitter hears that it is published, with the link.
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert page.get_full_url() in mail.outbox[0].body
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    page_response = client.get(f"/directory/{page.slug}/")
    assert page_response.status_code == 200
    views = public_views(client)
    for name, response in views.items():
        # The sitemap lists addresses, not titles.
        assert (page.slug if name == "sitemap" else TITLE) in body(response), name
    api_ids = [item["id"] for item in json.loads(body(views["api"]))["items"]]
    assert page.pk in api_ids

    # The submitter's details appear nowhere public.
    for response in [page_response, *views.values()]:
        text = body(response)
        assert EMAIL not in text and "Amina Submitter" not in text and "Somewhere Institute" not in text


def PageLogEntryActions(page):  # noqa: N802 - reads as a set in the assertion
    from wagtail.models import PageLogEntry

    return set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))


def test_decorative_image_needs_no_alt_text(client, terms):
    response = client.post(URL, {**entry_data(terms, image_decorative="on"), "image": image_upload(image_format="PNG")})
    assert response.status_code == 302
    image = DirectoryEntryPage.objects.get().image
    assert image.is_decorative and image.default_alt_text == ""


@pytest.mark.parametrize(
    "field, overrides",
    [
        ("title", {"title": ""}),
        ("summary", {"summary": ""}),
        ("organisations", {"organisations": ""}),
        ("year_started", {"year_started": "1800"}),
        ("year_started", {"year_started": "soon"}),
        ("year_ended", {"year_started": "2020", "year_ended": "2019"}),
        ("status", {"status": "imaginary"}),
        ("countries", {"countries": ["XX"]}),
        ("data_sources", {"data_sources": ["999999"]}),
        ("data_sources", {"data_sources": ["not-a-number"]}),
        ("source_url", {"source_url": "not a link"}),
        ("submitter_name", {"submitter_name": ""}),
        ("submitter_email", {"submitter_email": "not-an-address"}),
        ("submitter_email", {"submitter_email": ""}),
        ("title", {"title": "x" * 300}),
    ],
)
def test_each_invalid_field_is_reported_and_nothing_is_saved(client, terms, field, overrides):
    before = counts()
    response = client.post(URL, entry_data(terms, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'id="id_{field}_error"' in html
    assert counts() == before


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("big.jpg", b"\xff\xd8\xff\xe0" + b"0" * (5 * 1024 * 1024 + 1), "image/jpeg"), "limit is 5"),
        (SimpleUploadedFile("photo.jpg", b"this is not a picture at all", "image/jpeg"), "not a JPEG, PNG or WebP"),
        (
            SimpleUploadedFile(
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
                "image/svg+xml",
            ),
            "not a JPEG, PNG or WebP",
        ),
        (SimpleUploadedFile("logo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/jpeg"), "not a JPEG"),
    ],
    ids=["over-5-MB", "not-an-image-named-jpg", "svg", "svg-named-jpg"],
)
def test_bad_uploads_are_refused(client, terms, upload, message):
    before = counts()
    response = client.post(URL, {**entry_data(terms, image_alt="alt"), "image": upload})
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert message in response.content.decode()
    assert counts() == before


def test_gif_is_refused_by_content(client, terms):
    before = counts()
    upload = image_upload(name="anim.png", image_format="GIF", content_type="image/png")
    response = client.post(URL, {**entry_data(terms, image_alt="alt"), "image": upload})
    assert "image" in response.context["form"].errors
    assert counts() == before


def test_too_many_pixels_is_refused_without_decoding(client, terms):
    # 8000 x 5001 pixels is just over 40 megapixels; a bilevel PNG of it is tiny.
    upload = image_upload(name="huge.png", image_format="PNG", size=(8000, 5001), mode="1", content_type="image/png")
    assert upload.size < 1024 * 1024
    before = counts()
    response = client.post(URL, {**entry_data(terms, image_alt="alt"), "image": upload})
    assert "image" in response.context["form"].errors
    assert "megapixels" in response.content.decode()
    assert counts() == before


def test_image_needs_alt_text_or_the_decorative_choice(client, terms):
    before = counts()
    response = client.post(URL, {**entry_data(terms), "image": image_upload()})
    assert "image_alt" in response.context["form"].errors
    assert counts() == before


def test_honeypot_looks_like_success_but_stores_nothing(client, terms):
    before = counts()
    response = client.post(URL, entry_data(terms, website_url="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == THANKS
    assert counts() == before
    assert mail.outbox == []


def test_missing_csrf_token_is_refused(terms):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    before = counts()
    response = client.post(URL, entry_data(terms))
    assert response.status_code == 403
    assert counts() == before


@pytest.mark.parametrize("url", [URL, "/events/submit/", "/members/join/"])
def test_form_carries_the_csrf_token_a_browser_needs(terms, url):
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, "the form has no CSRF token: every real browser submission would be refused"
    assert client.cookies.get("csrftoken")


def test_browser_like_submission_with_the_csrf_token_is_accepted(terms):
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(URL, {**entry_data(terms), "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == THANKS
    assert Submission.objects.count() == 1


def test_rate_limit_answers_429_with_a_friendly_page(client, terms, settings):
    address = {"REMOTE_ADDR": "203.0.113.7"}
    for number in range(settings.HUB_SUBMISSION_RATE_LIMIT):
        response = client.post(URL, entry_data(terms, title=f"Entry {number}", form_token=f"{number:032d}"), **address)
        assert response.status_code == 302
    before = counts()
    response = client.post(URL, entry_data(terms, title="One too many", form_token="b" * 32), **address)
    assert response.status_code == 429
    assert "Too many submissions" in response.content.decode()
    assert counts() == before
    # Another client is not affected.
    other = client.post(URL, entry_data(terms, title="From elsewhere", form_token="c" * 32), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302


def test_double_submit_records_once(client, terms):
    data = entry_data(terms)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == THANKS
    assert Submission.objects.count() == 1
    assert DirectoryEntryPage.objects.count() == 1


def test_corrected_form_after_an_error_is_accepted(client, terms):
    data = entry_data(terms, title="")
    assert client.post(URL, data).status_code == 200
    data["title"] = TITLE
    assert client.post(URL, data).status_code == 302
    assert Submission.objects.count() == 1


def test_failing_mail_server_never_loses_a_submission(
    client, terms, moderator, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"
    hub_logger = logging.getLogger("hub")
    hub_logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, entry_data(terms))
    finally:
        hub_logger.removeHandler(caplog.handler)
    assert response.status_code == 302 and response["Location"] == THANKS
    submission = Submission.objects.get()
    assert submission.page.specific.workflow_in_progress
    assert any("Could not send" in record.getMessage() for record in caplog.records)


def test_a_submitted_entry_gets_the_regions_of_its_countries(client, terms):
    africa = term(Region, "Sub-Saharan Africa", slug="sub-saharan-africa")
    term(Region, "South Asia", slug="south-asia")
    assert client.post(URL, entry_data(terms, countries=["SO", "KE"])).status_code == 302
    page = DirectoryEntryPage.objects.get(title=TITLE)
    assert list(page.regions.all()) == [africa]


@pytest.mark.parametrize("chosen, shown, absent", [(False, "Not stated", "Not a cross-sector"), (True, None, None)])
def test_a_blank_collaborative_type_is_published_as_not_stated(
    client, terms, steward, moderator, chosen, shown, absent
):
    kind = term(CollaborativeType, "Trusted intermediary")
    data = entry_data(terms, collaborative_type=str(kind.pk) if chosen else "")
    assert client.post(URL, data).status_code == 302
    page = DirectoryEntryPage.objects.get(title=TITLE)
    pass_data_review(client, page, steward)
    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302
    client.logout()
    response = client.get(page.url)
    html = response.content.decode()
    facts = soup_of(response).find("dt", string="Collaborative type").find_next_sibling("dd").get_text(" ", strip=True)
    if chosen:
        assert facts == "Trusted intermediary (assigned by the person who submitted it)"
    else:
        assert facts == shown and absent not in html
