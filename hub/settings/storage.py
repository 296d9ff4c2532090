"""Static files, media and every folder the hub writes to.

Each writable place comes from the environment, so the checkout itself can
be read-only: STATIC_ROOT (collectstatic's output), MEDIA_ROOT (local media),
HUB_CONTENT_VERSION_FILE (hub/settings/base.py) and the SQLite file
(DATABASE_URL).

With AWS_STORAGE_BUCKET_NAME set, media go to S3-compatible storage
(home/storage.py): public files are read straight from the bucket or the CDN
in front of it, by plain unsigned URLs; files under `private/` (private
collections, submitted files, renditions of private images) have no public
URL at all and are streamed by the site after its permission check
(home/media_privacy.py: serve_media).
"""

import os
from pathlib import Path

from botocore.config import Config

from .environment import env_bool

_BASE_DIR = Path(__file__).resolve().parent.parent.parent

STATICFILES_DIRS = [_BASE_DIR / "hub" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", _BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", _BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

# Static names carry a content hash (production's CompressedManifestStaticFilesStorage),
# so whitenoise marks them immutable for a year; unhashed names get this.
WHITENOISE_MAX_AGE = int(os.environ.get("WHITENOISE_MAX_AGE", "3600"))
# Public uploaded media: names never change content, but a file withdrawn from
# the public stays in browsers for this long (CDN copies are purged on publish).
HUB_PUBLIC_MEDIA_MAX_AGE = int(os.environ.get("HUB_PUBLIC_MEDIA_MAX_AGE", "86400"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Media on S3-compatible storage, so app servers keep no state.
    STORAGES["default"] = {
        "BACKEND": "home.storage.HubS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
            "file_overwrite": False,
            # Public files have plain, cacheable URLs; private ones have none (home/storage.py).
            "querystring_auth": False,
            # Access is the bucket policy's business (README, Media on S3), not per-object ACLs,
            # which new AWS buckets and MinIO do not support.
            "default_acl": None,
            # A storage that does not answer must not hold a request for minutes.
            "client_config": Config(
                s3={"addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None},
                connect_timeout=float(os.environ.get("AWS_S3_CONNECT_TIMEOUT", "2")),
                read_timeout=float(os.environ.get("AWS_S3_READ_TIMEOUT", "10")),
                retries={"max_attempts": int(os.environ.get("AWS_S3_MAX_ATTEMPTS", "2")), "mode": "standard"},
            ),
        },
    }

# The site serves /media/: everything on the local filesystem (the embedded
# default), and with S3 only the private files, which have no other address.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
