"""Files sent with a public submission are private until a moderator approves it:
absent from the images API (listing, ?search=, detail), and their original and
rendition files refused, until the page is published; private again once it is
unpublished, unless another live page uses them."""

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from directory.models import DirectoryEntryPage
from home.media_privacy import SUBMISSIONS_COLLECTION_NAME
from tests.factories import image_upload, make_image, news_page
from tests.utils import pass_data_review, workflow_action

pytestmark = pytest.mark.django_db

TITLE = "Nowcasting floods from orbit"


def submit_entry(client):
    response = client.post(
        "/directory/submit/",
        {
            "title": TITLE,
            "summary": "Night-time lights estimate displacement after floods.",
            "organisations": "University of Somewhere",
            "status": "ongoing",
            "submitter_name": "Amina Submitter",
            "submitter_email": "amina@example.net",
            "image": image_upload(name="floods.jpg"),
            "image_alt": "A flooded town seen from orbit",
            "form_token": "b" * 32,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DirectoryEntryPage.objects.get(title=TITLE)
    return page, page.image


def api_image_ids(client, **params):
    response = client.get("/api/v2/images/", params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def file_status(client, url):
    response = client.get(url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response.status_code


def assert_private(image, rendition_url):
    visitor = Client()
    assert image.pk not in api_image_ids(visitor)
    assert image.pk not in api_image_ids(visitor, search="nowcasting floods")
    assert visitor.get(f"/api/v2/images/{image.pk}/").status_code == 404
    assert file_status(visitor, image.file.url) == 404
    assert file_status(visitor, rendition_url) == 404


def assert_public(image, rendition_url):
    visitor = Client()
    assert image.pk in api_image_ids(visitor)
    assert image.pk in api_image_ids(visitor, search="nowcasting floods")
    detail = visitor.get(f"/api/v2/images/{image.pk}/")
    assert detail.status_code == 200 and detail.json()["title"] == TITLE
    original = visitor.get(detail.json()["meta"]["download_url"])
    assert original.status_code == 200
    image.file.open("rb")
    assert b"".join(original.streaming_content) == image.file.read()
    assert file_status(visitor, rendition_url) == 200


def approve(page, moderator):
    from tests.factories import staff_user

    client = Client()
    pass_data_review(client, page, staff_user("steward-user", group="Data stewards"))
    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live


def unpublish(page, moderator):
    client = Client()
    client.force_login(moderator)
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])).status_code == 302
    page.refresh_from_db()
    assert not page.live


def test_submitted_image_is_private_until_approved_and_again_after_unpublish(client, site_tree, moderator):
    page, image = submit_entry(client)
    assert image.collection.name == SUBMISSIONS_COLLECTION_NAME
    # A moderator looking at the draft in the admin makes a rendition; its URL is still private.
    rendition_url = image.get_rendition("fill-120x80").url
    assert client.get(f"/directory/{page.slug}/").status_code == 404
    assert_private(image, rendition_url)

    approve(page, moderator)
    image.refresh_from_db()
    assert image.collection.is_root()
    assert_public(image, rendition_url)

    unpublish(page, moderator)
    image.refresh_from_db()
    assert image.collection.name == SUBMISSIONS_COLLECTION_NAME
    assert_private(image, rendition_url)


def test_image_another_live_page_uses_stays_public_after_unpublish(client, site_tree, moderator):
    page, image = submit_entry(client)
    rendition_url = image.get_rendition("fill-120x80").url
    assert_private(image, rendition_url)
    approve(page, moderator)
    news_page(site_tree["news_index"], title="Floods seen from orbit", image=image)

    unpublish(page, moderator)
    image.refresh_from_db()
    assert image.collection.is_root()
    assert_public(image, rendition_url)


def test_private_image_a_live_page_shows_is_public(client, site_tree):
    page, image = submit_entry(client)
    rendition_url = image.get_rendition("fill-120x80").url
    assert_private(image, rendition_url)
    # Staff put the still private image on a live page of their own.
    news_page(site_tree["news_index"], title="Floods seen from orbit", image=image)
    assert image.collection.name == SUBMISSIONS_COLLECTION_NAME
    assert_public(image, rendition_url)


def test_staff_see_submitted_files_before_approval(client, site_tree, moderator, editor):
    page, image = submit_entry(client)
    rendition_url = image.get_rendition("fill-120x80").url
    assert file_status(Client(), rendition_url) == 404
    for user in (moderator, editor):
        staff = Client()
        staff.force_login(user)
        response = staff.get(rendition_url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert file_status(staff, image.file.url) == 200


def test_documents_in_the_private_collection_are_refused_to_visitors(site_tree, moderator):
    private = Collection.objects.get(name=SUBMISSIONS_COLLECTION_NAME)
    document = get_document_model().objects.create(
        title="Data-sharing agreement",
        file=ContentFile(b"%PDF-1.4 agreement", name="agreement.pdf"),
        collection=private,
    )
    visitor = Client()
    served = visitor.get(document.url)
    assert served.status_code == 302 and "/login/" in served["Location"]
    assert visitor.get(document.file.url).status_code == 404

    staff = Client()
    staff.force_login(moderator)
    response = staff.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 agreement"


def test_public_files_are_served_and_unclaimed_or_pending_uploads_are_not(
    client, site_tree, settings, django_assert_num_queries
):
    public_image = make_image(title="Public picture")
    with django_assert_num_queries(1):
        assert client.get(public_image.file.url).status_code == 200
    # The multiple uploader's raw file, waiting for its metadata, and a file no image claims.
    for name in ("wagtail_uploads/raw.jpg", "original_images/left-over.jpg"):
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"raw bytes")
        assert client.get(f"/media/{name}").status_code == 404
