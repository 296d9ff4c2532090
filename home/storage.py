"""Media on S3-compatible storage, with private files kept out of public reach.

The bucket policy (README, *Media on S3*) lets anyone read every key except
those under `private/`. Every new original and document is written there
first (fail closed: never public before the hub has decided it may be), and
a rendition beside its original; home/storage_privacy.py moves the files of
public images, their renditions and public documents out once the
transaction that saved them commits, and back in when they become private.

So a file's name says where it can be read: a public name has a plain,
unsigned URL on the CDN domain (AWS_S3_CUSTOM_DOMAIN) or the endpoint; a
private name has only the site's own address under MEDIA_URL, where
home.media_privacy.serve_media checks the visitor's permission and streams
the file from the bucket.
"""

import mimetypes

from django.conf import settings
from django.utils.encoding import filepath_to_uri

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PRIVATE_PREFIX = "private/"
# Renditions are named by HubRendition.get_upload_to (rendition_name), every other file here.
RENDITIONS_PREFIX = "images/"


class StorageUnavailable(OSError):
    """The file store did not answer or refused the request. An OSError, so that
    Wagtail shows a missing-image placeholder instead of failing the page."""


def is_private_name(name: str) -> bool:
    return name.startswith(PRIVATE_PREFIX)


def public_name(name: str) -> str:
    return name.removeprefix(PRIVATE_PREFIX)


def private_name(name: str) -> str:
    return name if is_private_name(name) else PRIVATE_PREFIX + name


def rendition_name(rendition, name: str) -> str:
    """A rendition's name on S3: private while its original is. Decided here, from
    the original's name, because several renditions made at once (Wagtail's
    bulk_create) send no save signal that could move them afterwards."""
    if isinstance(rendition.file.field.storage, HubS3Storage) and is_private_name(rendition.image.file.name):
        return private_name(name)
    return name


def _unavailable(error):
    return StorageUnavailable(f"The file store is unavailable ({type(error).__name__}).")


class HubS3Storage(S3Storage):
    def save(self, name, content, max_length=None):
        try:
            name = clean_name(name)
            if not name.startswith(RENDITIONS_PREFIX):
                name = private_name(name)
            return super().save(name, content, max_length)
        except (BotoCoreError, ClientError) as error:
            raise _unavailable(error) from error

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except (BotoCoreError, ClientError) as error:
            raise _unavailable(error) from error

    def delete(self, name):
        try:
            super().delete(name)
        except (BotoCoreError, ClientError) as error:
            raise _unavailable(error) from error

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_private_name(clean_name(name)):
            return f"{settings.MEDIA_URL}{filepath_to_uri(clean_name(name))}"
        return super().url(name, parameters, expire, http_method)

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        key = name.removeprefix(self.location.rstrip("/") + "/") if self.location else name
        if is_private_name(key):
            parameters["CacheControl"] = "private, no-store"
        else:
            parameters["CacheControl"] = f"public, max-age={settings.HUB_PUBLIC_MEDIA_MAX_AGE}"
        return parameters

    def is_reachable(self) -> bool:
        """Whether the bucket answers now (a missing key is an answer)."""
        try:
            self.exists(PRIVATE_PREFIX + ".reachable")
        except (BotoCoreError, ClientError):
            return False
        return True

    def move(self, old_name: str, new_name: str) -> str:
        """Copy `old_name` to `new_name` (or a free variant of it) inside the bucket,
        with the caching headers of its new place, then delete the old key.
        Returns the name used."""
        new_name = self.get_available_name(new_name)
        old_key = self._normalize_name(clean_name(old_name))
        new_key = self._normalize_name(clean_name(new_name))
        content_type = mimetypes.guess_type(new_name)[0] or "application/octet-stream"
        try:
            self.bucket.meta.client.copy_object(
                Bucket=self.bucket_name,
                Key=new_key,
                CopySource={"Bucket": self.bucket_name, "Key": old_key},
                MetadataDirective="REPLACE",
                ContentType=content_type,
                **self.get_object_parameters(new_key),
            )
            self.bucket.meta.client.delete_object(Bucket=self.bucket_name, Key=old_key)
        except (BotoCoreError, ClientError) as error:
            raise _unavailable(error) from error
        return new_name


class StorageUnavailableMiddleware:
    """A request that needed the file store while it was down (a public
    submission's picture, deleting an image) answers 503 with a plain message.
    A file is written before its row, so no record points at a missing file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        from django.http import HttpResponse

        response = HttpResponse(
            "<!doctype html><html lang=en><meta charset=utf-8><title>Files unavailable</title>"
            "<h1>Files cannot be stored just now</h1><p>The file store is not answering, so nothing was saved. "
            "Please go back and try again in a few minutes.</p></html>",
            status=503,
        )
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
