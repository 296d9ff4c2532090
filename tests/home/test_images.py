"""Images: alt text or an explicit decorative choice, and uploads checked on the way in."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from home.models import HubImage

pytestmark = pytest.mark.django_db


def png_bytes(size=(32, 32)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(admin_client, **fields):
    data = {"title": "Field visit", "tags": "", "credit": "", "licence": "", "description": "", **fields}
    # More than one collection (home.0004 adds the private one): the form asks which, as a browser sends it.
    data.setdefault("collection", Collection.get_first_root_node().pk)
    data.setdefault("file", SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"))
    return admin_client.post("/admin/images/add/", data)


def test_image_without_alt_text_or_decorative_choice_is_refused(admin_client):
    response = upload(admin_client)
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it" in response.content.decode()
    assert not HubImage.objects.exists()


def test_image_with_alt_text_is_saved_with_credit_and_licence(admin_client):
    response = upload(admin_client, description="Two people reading a map", credit="IOM", licence="CC BY 4.0")
    assert response.status_code == 302
    image = HubImage.objects.get()
    assert image.default_alt_text == "Two people reading a map"
    assert (image.credit, image.licence) == ("IOM", "CC BY 4.0")


def test_decorative_image_has_empty_alt_text(admin_client):
    response = upload(admin_client, is_decorative="on")
    assert response.status_code == 302
    assert HubImage.objects.get().default_alt_text == ""


def test_svg_upload_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(
        admin_client,
        description="A logo",
        file=SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"),
    )
    assert response.status_code == 200
    assert not HubImage.objects.exists()


def test_text_file_named_png_is_refused(admin_client):
    response = upload(
        admin_client,
        description="Not an image",
        file=SimpleUploadedFile("fake.png", b"just text, not pixels", content_type="image/png"),
    )
    assert response.status_code == 200
    assert not HubImage.objects.exists()


def test_over_size_upload_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    big = png_bytes(size=(400, 400))
    assert len(big) > 1000
    response = upload(
        admin_client, description="Big", file=SimpleUploadedFile("big.png", big, content_type="image/png")
    )
    assert response.status_code == 200
    assert not HubImage.objects.exists()


def test_upload_limits_are_configured(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 5 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
