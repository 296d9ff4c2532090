"""With media on S3 (home/storage.py), keeps each file where its privacy says:
under `private/` (no public URL, streamed by the site after its permission
check) or outside it (read straight from the bucket or the CDN).

An image is private when its collection, or an ancestor, has a view
restriction and no live public page uses it (home/media_privacy.py); its
renditions follow it. A document is private when its collection is
restricted, as Wagtail's document view decides.

Files move only after the transaction that changed their privacy commits,
so a rolled-back publish makes nothing public. A move that fails (the store
is down) is logged and leaves the file where it was: new files stay private
until the next save or publish of their image or document; a file that
should have become private stays public, which the log says.

On the local filesystem (the embedded default) nothing moves: serve_media
decides on each request.
"""

import logging

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from home.storage import HubS3Storage, is_private_name, private_name, public_name

logger = logging.getLogger("hub.media")


def s3_in_use() -> bool:
    return isinstance(get_image_model()._meta.get_field("file").storage, HubS3Storage)


def private_image_ids(ids) -> set[int]:
    from home.media_privacy import _restricted, image_ids_used_by_live_pages

    images = get_image_model().objects.filter(pk__in=ids)
    restricted = set(
        images.annotate(collection_path=F("collection__path"), restricted=_restricted("collection_path"))
        .filter(restricted=True)
        .values_list("pk", flat=True)
    )
    if not restricted:
        return set()
    return restricted - image_ids_used_by_live_pages(images.filter(pk__in=restricted))


def _place(storage, name: str, private: bool) -> str:
    """The file's name once it is where `private` says."""
    if not name or is_private_name(name) == private:
        return name
    return storage.move(name, private_name(name) if private else public_name(name))


def sync_images(ids) -> None:
    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    private = private_image_ids(ids)
    for image in Image.objects.filter(pk__in=ids).only("pk", "file"):
        storage = image.file.storage
        keep_private = image.pk in private
        moved = _place(storage, image.file.name, keep_private)
        if moved != image.file.name:
            # update(): no save signals, so no second round of syncing or re-encoding.
            Image.objects.filter(pk=image.pk).update(file=moved)
        for rendition_id, name in Rendition.objects.filter(image_id=image.pk).values_list("pk", "file"):
            moved = _place(storage, name, keep_private)
            if moved != name:
                Rendition.objects.filter(pk=rendition_id).update(file=moved)


def sync_documents(ids) -> None:
    from home.media_privacy import _restricted

    Document = get_document_model()
    documents = (
        Document.objects.filter(pk__in=ids)
        .annotate(collection_path=F("collection__path"), restricted=_restricted("collection_path"))
        .only("pk", "file")
    )
    for document in documents:
        moved = _place(document.file.storage, document.file.name, document.restricted)
        if moved != document.file.name:
            Document.objects.filter(pk=document.pk).update(file=moved)


def _run(sync, ids):
    try:
        sync(ids)
    except OSError:
        logger.exception("Media files of %s %s were not moved to match their privacy", sync.__name__, sorted(ids))


def sync_later(sync, ids) -> None:
    """Run `sync(ids)` once the current transaction commits (at once outside one)."""
    ids = set(ids)
    if ids and s3_in_use():
        transaction.on_commit(lambda: _run(sync, ids))


def sync_images_later(ids) -> None:
    sync_later(sync_images, ids)


def on_image_saved(sender, instance, **kwargs):
    sync_images_later([instance.pk])


def on_document_saved(sender, instance, **kwargs):
    sync_later(sync_documents, [instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return  # deleted with its collection, and the files with it
    collections = Collection.objects.filter(path__startswith=collection.path)
    sync_images_later(get_image_model().objects.filter(collection__in=collections).values_list("pk", flat=True))
    sync_later(
        sync_documents, get_document_model().objects.filter(collection__in=collections).values_list("pk", flat=True)
    )


def connect_receivers():
    Image = get_image_model()
    post_save.connect(on_image_saved, sender=Image, dispatch_uid="hub_storage_image_saved")
    post_save.connect(on_document_saved, sender=get_document_model(), dispatch_uid="hub_storage_document_saved")
    post_save.connect(on_restriction_changed, sender=CollectionViewRestriction, dispatch_uid="hub_storage_restricted")
    post_delete.connect(on_restriction_changed, sender=CollectionViewRestriction, dispatch_uid="hub_storage_opened")
