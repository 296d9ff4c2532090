"""Files sent with a public submission stay private until a moderator publishes
the page that uses them.

They are stored in the "Public submissions" collection, which carries a
Wagtail collection view restriction (staff groups only). Wagtail honours that
restriction for documents (its serve view) and in the images API listing;
this module adds what Wagtail lacks for images:

- an image that a live public page uses is public wherever it sits (the API);
- the files under MEDIA_URL (originals and renditions) are served only when
  their image or document is public, or the visitor passes the restriction;
- publishing a page moves the submitted images it uses to the root collection;
  unpublishing it, or publishing it without them, moves them back to the
  private collection unless another live public page still uses them.

With media on S3, home/storage_privacy.py moves each file to the bucket's
private or public part as its privacy changes; serve_media then streams the
private ones from the bucket.

Receivers are connected by home.apps; events and directory are never imported.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Cast, Left, Length
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve

from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from home import storage_privacy
from home.storage import is_private_name, public_name

SUBMISSIONS_COLLECTION_NAME = "Public submissions"
# Who may see submitted files before approval (superusers always may).
SUBMISSIONS_VIEWER_GROUPS = ("Editors", "Moderators")

ORIGINALS_PREFIX = "original_images/"
RENDITIONS_PREFIX = "images/"
DOCUMENTS_PREFIX = "documents/"
# The admin's multiple uploader keeps a file here until its metadata is filled
# in: raw, as uploaded, and never meant for anyone but the uploader.
NEVER_SERVED_PREFIXES = ("wagtail_uploads/",)


def submissions_collection() -> Collection:
    """The private collection for submitted files; created by migration
    home.0004, and again here (restricted) should someone have deleted it."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUBMISSIONS_COLLECTION_NAME).first()
    if collection is None:
        from django.contrib.auth.models import Group

        collection = root.add_child(name=SUBMISSIONS_COLLECTION_NAME)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=SUBMISSIONS_VIEWER_GROUPS))
    return collection


def image_ids_used_by_live_pages(images) -> set[int]:
    """Which of `images` (a queryset) a live page visible to anonymous visitors uses,
    as Wagtail's reference index records it."""
    live_pages = Page.objects.live().public().values_list(Cast("pk", output_field=models.CharField()), flat=True)
    references = ReferenceIndex.get_references_to_in_bulk(images).filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=live_pages
    )
    return {int(pk) for pk in references.values_list("to_object_id", flat=True).distinct()}


def visible_images(queryset, request):
    """`queryset` without the images this request may not see: those in a restricted
    collection, unless a live public page uses them."""
    restricted = get_restricted_collection_ids(request)
    if not restricted:
        return queryset
    used = image_ids_used_by_live_pages(queryset.filter(collection__in=restricted))
    return queryset.filter(~Q(collection__in=restricted) | Q(pk__in=used))


def image_ids_used_by_page(page: Page) -> set[int]:
    references = ReferenceIndex.get_references_for_object(page).filter(
        to_content_type=ContentType.objects.get_for_model(get_image_model())
    )
    return {int(pk) for pk in references.values_list("to_object_id", flat=True)}


def release_submitted_images(*, image_ids) -> int:
    """Move the images among `image_ids` that wait in the private collection to the
    root collection; returns how many moved."""
    private = submissions_collection()
    root = Collection.get_first_root_node()
    moved = 0
    for image in get_image_model().objects.filter(pk__in=image_ids, collection=private):
        image.collection = root
        image.save(update_fields=["collection"])
        moved += 1
    return moved


def withdraw_submitted_images(*, image_ids) -> int:
    """Move the submitted images among `image_ids` that no live public page uses any
    more back to the private collection; returns how many moved."""
    private = submissions_collection()
    candidates = (
        get_image_model().objects.filter(pk__in=image_ids, from_public_submission=True).exclude(collection=private)
    )
    still_used = image_ids_used_by_live_pages(candidates)
    moved = 0
    for image in candidates.exclude(pk__in=still_used):
        image.collection = private
        image.save(update_fields=["collection"])
        moved += 1
    return moved


def on_page_published(sender, instance, **kwargs):
    used_before = image_ids_used_by_page(instance)
    # The index is updated by a background task, which may not have run yet.
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)
    used_now = image_ids_used_by_page(instance)
    release_submitted_images(image_ids=used_now)
    withdraw_submitted_images(image_ids=used_before - used_now)
    # Images of other restricted collections become public while a live page uses them.
    storage_privacy.sync_images_later(used_before | used_now)


def on_page_unpublished(sender, instance, **kwargs):
    used = image_ids_used_by_page(instance)
    withdraw_submitted_images(image_ids=used)
    storage_privacy.sync_images_later(used)


def connect_receivers():
    from wagtail.signals import page_published, page_unpublished

    storage_privacy.connect_receivers()
    page_published.connect(on_page_published, dispatch_uid="hub_media_privacy_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="hub_media_privacy_unpublished")


# Files under MEDIA_URL


def _restricted(path_field):
    """Whether the collection at `path_field` or one of its ancestors has a view restriction."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Left(OuterRef(path_field), Length(F("collection__path")))
        )
    )


def _owner_of(path):
    """(kind, id, collection path, restricted) of the object that stores `path`, or None."""
    place = public_name(path)
    if place.startswith(ORIGINALS_PREFIX):
        rows, kind = get_image_model().objects.filter(file=path), "image"
        fields = {"owner": F("pk"), "collection_path": F("collection__path")}
    elif place.startswith(RENDITIONS_PREFIX):
        rows, kind = get_image_model().get_rendition_model().objects.filter(file=path), "image"
        fields = {"owner": F("image_id"), "collection_path": F("image__collection__path")}
    elif place.startswith(DOCUMENTS_PREFIX):
        rows, kind = get_document_model().objects.filter(file=path), "document"
        fields = {"owner": F("pk"), "collection_path": F("collection__path")}
    else:
        return ("other", None, None, False)
    row = (
        rows.annotate(**fields, restricted=_restricted("collection_path"))
        .values_list("owner", "collection_path", "restricted")
        .first()
    )
    return None if row is None else (kind, *row)


def _passes_restrictions(request, collection_path) -> bool:
    steplen = Collection.steplen
    ancestors = [collection_path[:end] for end in range(steplen, len(collection_path) + 1, steplen)]
    restrictions = CollectionViewRestriction.objects.filter(collection__path__in=ancestors)
    return all(restriction.accept_request(request) for restriction in restrictions)


def serve_media(request, path):
    """The files under MEDIA_URL: from MEDIA_ROOT (Django's static serve), or
    streamed from the bucket when media are on S3, where only private files
    have this address. Refuses (404) the files of private images and documents,
    of any rendition of them, and the uploader's raw files. A public file costs
    one indexed query and may be cached for HUB_PUBLIC_MEDIA_MAX_AGE; a private
    one is never stored by a browser or a shared cache."""
    path = posixpath.normpath(path).lstrip("/")
    # ".." leads out of MEDIA_ROOT: a plain 404, not Django's SuspiciousFileOperation (400 and a logged traceback).
    if public_name(path).startswith(NEVER_SERVED_PREFIXES) or path == "." or path == ".." or path.startswith("../"):
        raise Http404
    owner = _owner_of(path)
    if owner is None:
        # A file no image, rendition or document claims (left over, or a guess).
        raise Http404
    kind, owner_id, collection_path, restricted = owner
    private = restricted
    if restricted:
        private = not (kind == "image" and image_ids_used_by_live_pages(get_image_model().objects.filter(pk=owner_id)))
        if private and not _passes_restrictions(request, collection_path):
            raise Http404
    if storage_privacy.s3_in_use():
        response = _stream_from_storage(path)
        if is_private_name(path) and not private:
            # Public by now, but written privately (several renditions made at once
            # send no save signal): moved out for the next page that shows it.
            storage_privacy.sync_later(
                storage_privacy.sync_images if kind == "image" else storage_privacy.sync_documents, [owner_id]
            )
    else:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.HUB_PUBLIC_MEDIA_MAX_AGE)
    if kind == "document":
        # As Wagtail's own document view: a document is never run as a page of the site.
        response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _stream_from_storage(path):
    from django.core.files.storage import default_storage

    try:
        stored = default_storage.open(path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return FileResponse(stored, content_type=content_type)
