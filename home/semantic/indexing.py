"""Which pages have vectors, made when a page is published and by `manage.py embed_pages`."""

import hashlib
import logging

from wagtail.models import Page

from django_tasks import task

from home.describing import DescribedPage
from home.semantic import engine

logger = logging.getLogger("hub.search")

BATCH_SIZE = 32


def page_text(page):
    page = page.specific
    if isinstance(page, DescribedPage):
        return page.embedding_text()
    return page.title


def _hash(text):
    return hashlib.sha256(text.encode()).hexdigest()


def embed_pages(pages, *, force=False, batch_size=BATCH_SIZE):
    """Vectors for `pages` (an iterable of pages), skipping those whose text and model
    are unchanged. Returns (embedded, unchanged), or None when no model is available.

    Rows are written in bulk, without a signal per row; the caller moves the
    content version once (`manage.py embed_pages`, the publish that called it).
    """
    from home.models import PageEmbedding

    if not engine.available():
        return None
    model_name = engine.model_name()
    pages = list(pages)
    known = {
        row.page_id: row.text_hash
        for row in PageEmbedding.objects.filter(page__in=[page.pk for page in pages], model=model_name).only(
            "page_id", "text_hash"
        )
    }
    todo = []
    for page in pages:
        text = page_text(page)
        digest = _hash(text)
        if force or known.get(page.pk) != digest:
            todo.append((page.pk, text, digest))
    embedded = 0
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        matrix = engine.embed_passages([text for _pk, text, _digest in batch])
        if matrix is None:
            return None
        rows = [
            PageEmbedding(page_id=pk, vector=vector.astype("<f4").tobytes(), text_hash=digest, model=model_name)
            for (pk, _text, digest), vector in zip(batch, matrix, strict=True)
        ]
        PageEmbedding.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["vector", "text_hash", "model", "updated_at"],
        )
        embedded += len(rows)
    return embedded, len(pages) - len(todo)


@task()
def embed_page_task(page_id):
    """The vector of one page after it is published (a background task with the database queue)."""
    from home.caching import bump_content_version

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    result = embed_pages([page])
    if result and result[0]:
        # bulk_create sends no post_save: say here that search answers may change.
        bump_content_version()


def on_page_published(sender, instance, **kwargs):
    # Queued inside the publish's transaction: the database queue's worker sees the
    # row once it commits; the immediate backend embeds at once, seeing the new revision.
    if not engine.enabled():
        return
    try:
        embed_page_task.enqueue(instance.pk)
    except Exception:  # noqa: BLE001 - a publish must not fail for its vector
        logger.exception("Could not queue the embedding of page %s", instance.pk)


def connect():
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="hub_embed_on_publish")
