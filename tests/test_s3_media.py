"""Media on a real S3-compatible server (moto in server mode, on a free port of
127.0.0.1): files uploaded through the admin and the public form land in the
bucket; public ones are read back anonymously over HTTP from the bucket's own
address or the CDN domain, with plain unsigned URLs; private ones cannot be
read anonymously at any address of the bucket and reach staff only through the
site's view. With the server stopped, pages still render and an upload is
refused with a message."""

import io
import json
import socket
from contextlib import closing

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
import requests
from botocore.config import Config
from moto.server import ThreadedMotoServer

from home.media_privacy import SUBMISSIONS_COLLECTION_NAME
from home.storage import PRIVATE_PREFIX
from tests.factories import image_upload, news_page
from tests.utils import pass_data_review, workflow_action

pytestmark = pytest.mark.django_db

BUCKET = "hub-media"
PUBLIC_PREFIXES = ("original_images/", "images/", "documents/")


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_s3():
    """A moto S3 server with the hub's bucket and the bucket policy the README gives."""
    import boto3

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read_policy(BUCKET)))
    return server, endpoint, client


def public_read_policy(bucket):
    """Anyone may read the public prefixes; nothing grants `private/` to anyone but the hub's own key."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }


@pytest.fixture(scope="module")
def s3():
    server, endpoint, client = start_s3()
    yield {"endpoint": endpoint, "client": client}
    server.stop()


def s3_storages(endpoint, **options):
    return {
        "default": {
            "BACKEND": "home.storage.HubS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "file_overwrite": False,
                "querystring_auth": False,
                "default_acl": None,
                # As production's: a stopped server is known at once, not after minutes of retries.
                "client_config": Config(
                    connect_timeout=1, read_timeout=5, retries={"max_attempts": 2, "mode": "standard"}
                ),
                **options,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def on_s3(s3, settings):
    settings.STORAGES = s3_storages(s3["endpoint"])
    return s3


def keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def anonymous_get(url):
    return requests.get(url, timeout=10)


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


def admin_upload_image(client, *, collection, title="Flooded delta", name="delta.jpg"):
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": image_upload(name=name, size=(160, 120)),
            "collection": collection.pk,
            "description": "The delta after the floods, seen from orbit",
        },
    )
    return response


def admin_upload_document(client, *, collection, title, name, body):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": ContentFile(body, name=name), "collection": collection.pk},
    )


def stored_bytes(file_field):
    with file_field.storage.open(file_field.name, "rb") as stored:
        return stored.read()


def test_public_image_rendition_and_document_are_read_anonymously_from_the_bucket(
    on_s3, site_tree, superuser, django_capture_on_commit_callbacks
):
    admin = staff_client(superuser)
    root = Collection.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_upload_image(admin, collection=root).status_code == 302
    image = get_image_model().objects.get(title="Flooded delta")
    assert image.file.name.startswith("original_images/"), image.file.name

    with django_capture_on_commit_callbacks(execute=True):
        rendition = image.get_rendition("fill-100x80")
    rendition.refresh_from_db()
    assert rendition.file.name.startswith("images/")
    assert {image.file.name, rendition.file.name} <= keys(on_s3["client"])

    for stored in (image.file, rendition.file):
        url = stored.url
        # A plain address of the bucket: nothing that expires.
        assert url.startswith(f"{on_s3['endpoint']}/{BUCKET}/") and "?" not in url, url
        response = anonymous_get(url)
        assert response.status_code == 200
        assert response.content == stored_bytes(stored)
        assert response.headers["Cache-Control"].startswith("public, max-age=")

    # Pages show the rendition straight from the bucket.
    page = news_page(site_tree["news_index"], title="Delta floods", image=image)
    html = Client().get(page.url).content.decode()
    assert f"{on_s3['endpoint']}/{BUCKET}/images/" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_upload_document(
            admin, collection=root, title="Method note", name="method.pdf", body=b"%PDF-1.4 method"
        )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Method note")
    assert document.file.name.startswith("documents/")
    served = Client().get(document.url)
    assert served.status_code == 302 and served["Location"] == document.file.url
    assert anonymous_get(served["Location"]).content == b"%PDF-1.4 method"


def test_public_media_are_addressed_by_the_cdn_domain(on_s3, settings, site_tree, superuser):
    # The "CDN" is the server itself, reached through the custom-domain setting.
    port = on_s3["endpoint"].rsplit(":", 1)[1]
    settings.STORAGES = s3_storages(on_s3["endpoint"], custom_domain=f"127.0.0.1:{port}/{BUCKET}", url_protocol="http:")
    image = get_image_model().objects.create(
        title="CDN image", file=image_upload(name="cdn.jpg"), collection=Collection.get_first_root_node()
    )
    from home.storage_privacy import sync_images

    sync_images([image.pk])
    image.refresh_from_db()
    rendition = image.get_rendition("width-40")
    sync_images([image.pk])
    rendition.refresh_from_db()
    url = rendition.file.url
    assert url == f"http://127.0.0.1:{port}/{BUCKET}/{rendition.file.name}"
    assert anonymous_get(url).status_code == 200


def private_urls(endpoint, name):
    """Every address at which the bucket could answer for `name`, its public twin included."""
    public_twin = name.removeprefix(PRIVATE_PREFIX)
    return [
        f"{endpoint}/{BUCKET}/{name}",
        f"{endpoint}/{BUCKET}/{public_twin}",
    ]


def assert_not_readable_from_the_bucket(endpoint, name):
    assert name.startswith(PRIVATE_PREFIX), name
    for url in private_urls(endpoint, name):
        assert anonymous_get(url).status_code in (403, 404), url
    # Virtual-hosted style, as a CDN or browser would ask for it.
    virtual = requests.get(f"{endpoint}/{name}", headers={"Host": f"{BUCKET}.s3.amazonaws.com"}, timeout=10)
    assert virtual.status_code in (403, 404)


def test_private_files_have_no_public_address_and_reach_staff_through_the_site(
    on_s3, site_tree, superuser, moderator, django_capture_on_commit_callbacks
):
    admin = staff_client(superuser)
    private = Collection.objects.get(name=SUBMISSIONS_COLLECTION_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_upload_image(admin, collection=private, title="Draft picture", name="draft.jpg").status_code == 302
        response = admin_upload_document(
            admin, collection=private, title="Agreement", name="agreement.pdf", body=b"%PDF-1.4 agreement"
        )
        assert response.status_code == 302
    image = get_image_model().objects.get(title="Draft picture")
    with django_capture_on_commit_callbacks(execute=True):
        rendition = image.get_rendition("fill-120x80")
    document = get_document_model().objects.get(title="Agreement")
    for stored in (image.file, rendition.file, document.file):
        assert stored.name in keys(on_s3["client"])
        assert_not_readable_from_the_bucket(on_s3["endpoint"], stored.name)
        # Their only address is the site's, which refuses visitors...
        assert stored.url == f"/media/{stored.name}"
        assert Client().get(stored.url).status_code == 404
        # ...and streams them from the bucket to staff, for them alone.
        response = staff_client(moderator).get(stored.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored_bytes(stored)
        assert response["Cache-Control"] == "private, no-store"

    # Wagtail's document view sends staff to the site's file view, visitors to sign in.
    assert "/login/" in Client().get(document.url)["Location"]
    assert staff_client(moderator).get(document.url)["Location"] == document.file.url


def submit_entry_with_image(title, *, image_name, token):
    """A visitor's directory submission with a picture, through the public form."""
    return Client().post(
        "/directory/submit/",
        {
            "title": title,
            "summary": "Night-time lights estimate displacement after floods.",
            "organisations": "University of Somewhere",
            "status": "ongoing",
            "submitter_name": "Amina Submitter",
            "submitter_email": "amina@example.net",
            "image": image_upload(name=image_name),
            "image_alt": "A flooded town seen from orbit",
            "form_token": token * 32,
        },
    )


def test_a_submitted_image_moves_to_the_public_bucket_when_approved_and_back_when_unpublished(
    on_s3, site_tree, steward, moderator, django_capture_on_commit_callbacks
):
    from directory.models import DirectoryEntryPage

    with django_capture_on_commit_callbacks(execute=True):
        response = submit_entry_with_image("Nowcasting floods from orbit", image_name="floods.jpg", token="c")
    assert response.status_code == 302
    page = DirectoryEntryPage.objects.get(title="Nowcasting floods from orbit")
    image = page.image
    with django_capture_on_commit_callbacks(execute=True):
        rendition = image.get_rendition("fill-120x80")
    private_names = (image.file.name, rendition.file.name)
    for name in private_names:
        assert_not_readable_from_the_bucket(on_s3["endpoint"], name)

    pass_data_review(staff_client(steward), page, steward)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(staff_client(moderator), page, "approve").status_code == 302
    image.refresh_from_db()
    rendition.refresh_from_db()
    for stored, before in zip((image.file, rendition.file), private_names, strict=True):
        assert stored.name == before.removeprefix(PRIVATE_PREFIX)
        assert anonymous_get(stored.url).status_code == 200
        assert anonymous_get(f"{on_s3['endpoint']}/{BUCKET}/{before}").status_code in (403, 404)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(moderator).post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    image.refresh_from_db()
    rendition.refresh_from_db()
    for stored in (image.file, rendition.file):
        assert_not_readable_from_the_bucket(on_s3["endpoint"], stored.name)


@pytest.fixture
def stopped_s3(settings):
    """A bucket that held an image, then its server stopped (the port is closed)."""
    server, endpoint, client = start_s3()
    settings.STORAGES = s3_storages(endpoint)
    yield server, endpoint
    if server._thread is not None and server._thread.is_alive():
        server.stop()


def test_with_the_s3_server_down_pages_render_and_uploads_are_refused_with_a_message(
    stopped_s3, site_tree, superuser, django_capture_on_commit_callbacks
):
    server, endpoint = stopped_s3
    image = get_image_model().objects.create(
        title="Stored before the outage",
        file=image_upload(name="before.jpg"),
        collection=Collection.get_first_root_node(),
    )
    image.get_rendition("fill-100x80")
    page = news_page(site_tree["news_index"], title="Outage news", image=image)
    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(endpoint, timeout=2)

    visitor = Client()
    for url in ("/", page.url, "/news/", "/directory/", "/search/?q=floods"):
        assert visitor.get(url).status_code == 200, url

    admin = staff_client(superuser)
    count = get_image_model().objects.count()
    response = admin_upload_image(admin, collection=Collection.get_first_root_node(), title="During the outage")
    assert response.status_code == 200
    assert "The file store cannot be reached just now" in response.content.decode()
    assert get_image_model().objects.count() == count
    response = admin_upload_document(
        admin, collection=Collection.get_first_root_node(), title="Outage note", name="note.pdf", body=b"%PDF-1.4"
    )
    assert response.status_code == 200
    assert "The file store cannot be reached just now" in response.content.decode()
    assert not get_document_model().objects.filter(title="Outage note").exists()

    # A public submission with a picture: a page that says so, and no half-made entry.
    from directory.models import DirectoryEntryPage

    response = submit_entry_with_image("Sent during the outage", image_name="outage.jpg", token="d")
    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode()
    assert not DirectoryEntryPage.objects.filter(title="Sent during the outage").exists()


def test_sync_media_privacy_puts_files_left_at_public_keys_back_under_private(on_s3, site_tree):
    from django.core.management import call_command

    private = Collection.objects.get(name=SUBMISSIONS_COLLECTION_NAME)
    image = get_image_model().objects.create(title="Stored before S3 privacy", file=image_upload(), collection=private)
    storage = image.file.storage
    # As a bucket filled before the hub kept private files apart: the file at a public key.
    exposed = storage.move(image.file.name, image.file.name.removeprefix(PRIVATE_PREFIX))
    get_image_model().objects.filter(pk=image.pk).update(file=exposed)
    assert anonymous_get(f"{on_s3['endpoint']}/{BUCKET}/{exposed}").status_code == 200

    out = io.StringIO()
    call_command("sync_media_privacy", stdout=out)
    assert "image(s) with their renditions" in out.getvalue()
    image.refresh_from_db()
    assert image.file.name == PRIVATE_PREFIX + exposed
    assert_not_readable_from_the_bucket(on_s3["endpoint"], image.file.name)
