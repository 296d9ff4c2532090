"""Uploaded originals are stored re-encoded: no EXIF, GPS, XMP, comment or text
chunk, upright, nothing appended; on every path (the public forms, the admin's
upload form and its multiple uploader); oversize pictures are refused."""

import hashlib
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import Collection

import pytest
from PIL import ExifTags, ImageCms
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo

from directory.models import DirectoryEntryPage
from home.models import HubImage

# One site tree for the whole module (tests/conftest.py): no test here needs the database without it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_site_tree")]

GPS_LATITUDE = (48.0, 51.0, 24.0)
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>photographer at the border</rdf:RDF></x:xmpmeta>'
PAYLOAD = b"<script>alert(document.cookie)</script>"


def jpeg_with_gps(*, size=(80, 60), orientation=1):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 21.0, 7.0)
    buffer = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    PILImage.new("RGB", size, (200, 40, 40)).save(
        buffer, format="JPEG", exif=exif, comment=b"Taken at the camp gate", xmp=XMP, icc_profile=icc
    )
    data = buffer.getvalue()
    # The fixture really carries what must go.
    with PILImage.open(io.BytesIO(data)) as picture:
        assert picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert picture.info["icc_profile"] and picture.info["comment"]
    assert b"camp gate" in data and b"photographer" in data
    return data


def png_with_text():
    info = PngInfo()
    info.add_text("Author", "Amina in Calais")
    info.add_itxt("Description", "Shot at 51.0N 2.3E")
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 60)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def stored_bytes(image):
    image.refresh_from_db()
    with image.file.storage.open(image.file.name, "rb") as stored:
        return stored.read()


def assert_clean(image, *, size):
    data = stored_bytes(image)
    with PILImage.open(io.BytesIO(data)) as picture:
        picture.load()
        assert not picture.getexif(), dict(picture.getexif())
        assert not {"exif", "xmp", "comment", "icc_profile", "Author", "Description"} & set(picture.info)
        assert picture.size == size
    for leak in (b"PhoneMaker", b"camp gate", b"photographer", b"Calais", b"51.0N", PAYLOAD, b"<script"):
        assert leak not in data
    # What Wagtail records of the file describes the stored bytes.
    assert (image.width, image.height) == size
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own hash


def submit_membership(client, upload):
    response = client.post(
        "/members/join/",
        {
            "title": "Mobile Data Lab",
            "kind": "organisation",
            "sector": "research",
            "description": "We study mobility with aggregated phone data.",
            "submitter_name": "Olu Organiser",
            "submitter_email": "olu@example.net",
            "image": upload,
            "image_alt": "The lab's logo",
            "form_token": "c" * 32,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def submit_entry(client, upload):
    response = client.post(
        "/directory/submit/",
        {
            "title": "Nowcasting floods from orbit",
            "summary": "Night-time lights estimate displacement after floods.",
            "organisations": "University of Somewhere",
            "status": "ongoing",
            "submitter_name": "Amina Submitter",
            "submitter_email": "amina@example.net",
            "image": upload,
            "image_alt": "A flooded town seen from orbit",
            "form_token": "d" * 32,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return DirectoryEntryPage.objects.get().image


def admin_multiple_upload(client, data, name, content_type):
    """The admin's multiple uploader: the file first, then its metadata (alt text is
    required, so Wagtail keeps the file aside until the second request)."""
    response = client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, data, content_type)})
    assert response.status_code == 200
    body = response.json()
    assert body["success"], body
    upload_id = body["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    collection = re.search(rf'name="{prefix}-collection"[^>]*>\s*<option value="(\d+)"', body["form"])
    fields = {f"{prefix}-title": "Field visit", f"{prefix}-description": "People reading a map", f"{prefix}-tags": ""}
    if collection:
        fields[f"{prefix}-collection"] = collection.group(1)
    response = client.post(f"/admin/images/multiple/create_from_uploaded_image/{upload_id}/", fields)
    body = response.json()
    assert body["success"], body
    return HubImage.objects.get(pk=body["image_id"])


def admin_single_upload(client, data, name, content_type):
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Field visit",
            "description": "People reading a map",
            "tags": "",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data, content_type=content_type),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return HubImage.objects.get()


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_public_form_stores_jpeg_without_exif_or_gps(client, site_tree):
    image = submit_entry(client, SimpleUploadedFile("photo.jpg", jpeg_with_gps(), "image/jpeg"))
    assert_clean(image, size=(80, 60))


def test_public_form_stores_webp_without_exif_or_xmp(client, site_tree):
    with PILImage.open(io.BytesIO(jpeg_with_gps())) as photo:
        buffer = io.BytesIO()
        photo.save(buffer, format="WEBP", exif=photo.getexif(), xmp=XMP)
    assert b"PhoneMaker" in buffer.getvalue() and b"photographer" in buffer.getvalue()
    image = submit_entry(client, SimpleUploadedFile("photo.webp", buffer.getvalue(), "image/webp"))
    assert_clean(image, size=(80, 60))


def test_public_form_turns_the_photo_upright(client, site_tree):
    # Orientation 6: the camera was turned; the stored picture is turned back and says so.
    submit_membership(client, SimpleUploadedFile("logo.jpg", jpeg_with_gps(orientation=6), "image/jpeg"))
    image = HubImage.objects.get()
    assert_clean(image, size=(60, 80))


def test_admin_multiple_upload_stores_jpeg_without_exif_or_gps(site_tree, editor_client):
    image = admin_multiple_upload(editor_client, jpeg_with_gps(), "photo.jpg", "image/jpeg")
    assert_clean(image, size=(80, 60))
    # The raw file the uploader kept aside is gone too.
    assert not image.file.storage.listdir("wagtail_uploads")[1]


def test_admin_upload_form_stores_jpeg_without_exif_or_gps(site_tree, editor_client):
    image = admin_single_upload(editor_client, jpeg_with_gps(), "photo.jpg", "image/jpeg")
    assert_clean(image, size=(80, 60))


@pytest.mark.parametrize("path", ["public form", "admin multiple upload"])
def test_png_loses_its_text_chunks(client, site_tree, editor_client, path):
    data = png_with_text()
    if path == "public form":
        image = submit_entry(client, SimpleUploadedFile("chart.png", data, "image/png"))
    else:
        image = admin_multiple_upload(editor_client, data, "chart.png", "image/png")
    assert_clean(image, size=(40, 30))


@pytest.mark.parametrize("path", ["public form", "admin multiple upload", "admin upload form"])
def test_polyglot_is_stored_without_its_payload(client, site_tree, editor_client, path):
    data = jpeg_with_gps() + PAYLOAD
    if path == "public form":
        image = submit_entry(client, SimpleUploadedFile("photo.jpg", data, "image/jpeg"))
    elif path == "admin multiple upload":
        image = admin_multiple_upload(editor_client, data, "photo.jpg", "image/jpeg")
    else:
        image = admin_single_upload(editor_client, data, "photo.jpg", "image/jpeg")
    assert_clean(image, size=(80, 60))


def test_animated_gif_keeps_its_frames_and_loses_its_comment(site_tree, editor_client):
    frames = [PILImage.new("RGB", (30, 20), color) for color in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=b"Calais"
    )
    with PILImage.open(io.BytesIO(buffer.getvalue())) as uploaded:
        assert uploaded.n_frames == 3 and uploaded.info["comment"] == b"Calais"
    image = admin_multiple_upload(editor_client, buffer.getvalue(), "loop.gif", "image/gif")
    data = stored_bytes(image)
    assert b"Calais" not in data
    with PILImage.open(io.BytesIO(data)) as picture:
        assert picture.n_frames == 3 and "comment" not in picture.info
        assert picture.info["duration"] == 120 and picture.info["loop"] == 0


def test_admin_refuses_an_image_over_the_pixel_limit(site_tree, editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 4000
    data = jpeg_with_gps(size=(80, 60))
    response = editor_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("big.jpg", data, "image/jpeg")}
    )
    body = response.json()
    assert not body["success"]
    assert "too many pixels (4800)" in body["error_message"] and "Maximum pixels 4000" in body["error_message"]

    response = editor_client.post(
        "/admin/images/add/",
        {
            "title": "Big",
            "description": "Big",
            "tags": "",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("big.jpg", data, "image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "too many pixels (4800)" in response.content.decode()
    assert not HubImage.objects.exists()


def test_public_form_refuses_an_image_over_the_pixel_limit(client, site_tree, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 4000
    response = client.post(
        "/directory/submit/",
        {"title": "Big picture", "image": SimpleUploadedFile("big.jpg", jpeg_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["image"]] == ["too_many_pixels"]
    assert 'id="id_image_error"' in response.content.decode()
    assert not HubImage.objects.exists()


def noisy_jpeg():
    buffer = io.BytesIO()
    PILImage.effect_noise((200, 150), 80).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_admin_refuses_a_damaged_image_with_a_message(site_tree, editor_client):
    data = noisy_jpeg()
    # The header is whole, so Wagtail's checks pass; the pixel data stops half way.
    damaged = data[: len(data) // 2]
    response = editor_client.post(
        "/admin/images/add/",
        {
            "title": "Damaged",
            "description": "Damaged",
            "tags": "",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("damaged.jpg", damaged, "image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "could not be read in full" in response.content.decode()
    assert not HubImage.objects.exists()


def test_upload_limits_are_set_explicitly():
    from hub.settings import base

    assert base.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 5 * 1024 * 1024
    assert base.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert base.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


def test_public_form_refuses_a_damaged_image_with_a_message(client, site_tree):
    data = noisy_jpeg()
    response = client.post(
        "/directory/submit/",
        {"title": "Damaged", "image": SimpleUploadedFile("damaged.jpg", data[: len(data) // 2], "image/jpeg")},
    )
    assert response.status_code == 200
    assert "could not be read in full" in response.content.decode()
    assert not HubImage.objects.exists()
