"""Applications to join the alliance (/members/join/): a draft member profile in moderation."""

from django.core import mail

from wagtail.models import Page

import pytest

from directory.models import MemberPage
from home.models import Submission
from tests.factories import image_upload
from tests.utils import workflow_action

pytestmark = pytest.mark.django_db

URL = "/members/join/"
EMAIL = "director@example.org"


def application(**overrides):
    data = {
        "title": "Institute for Mobility Data",
        "kind": "organisation",
        "acronym": "IMD",
        "sector": "research",
        "country": "KE",
        "website": "https://example.org",
        "description": "We study mobility with open data.",
        "submitter_name": "Dana Director",
        "submitter_email": EMAIL,
        "submitter_organisation": "Institute for Mobility Data",
        "form_token": "d" * 32,
    }
    data.update(overrides)
    return data


def test_application_becomes_a_draft_member_profile(client, site_tree, moderator, django_capture_on_commit_callbacks):
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**application(image_alt="The institute's logo"), "image": image_upload()})
    assert response.status_code == 302 and response["Location"] == "/members/join/thanks/"
    member = MemberPage.objects.get()
    assert not member.live and member.workflow_in_progress
    assert member.membership_status == "unverified"
    assert member.logo.description == "The institute's logo"
    submission = Submission.objects.get()
    assert submission.kind == "membership" and submission.page_id == member.pk
    assert len(mail.outbox) == 2

    assert "Institute for Mobility Data" not in client.get("/members/").content.decode()
    client.force_login(moderator)
    workflow_action(client, member, "approve")
    client.logout()
    listing = client.get("/members/").content.decode()
    assert "Institute for Mobility Data" in listing and EMAIL not in listing


@pytest.mark.parametrize(
    "field, overrides",
    [
        ("title", {"title": ""}),
        ("kind", {"kind": "robot"}),
        ("sector", {"sector": ""}),
        ("country", {"country": "QQ"}),
        ("website", {"website": "nope"}),
        ("description", {"description": ""}),
        ("submitter_email", {"submitter_email": "@"}),
    ],
)
def test_invalid_application_saves_nothing(client, site_tree, field, overrides):
    before = (Submission.objects.count(), Page.objects.count())
    response = client.post(URL, application(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (Submission.objects.count(), Page.objects.count()) == before
