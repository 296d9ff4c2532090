"""Index content saved in bulk once, not on every save.

Wagtail updates the search index and its reference index on every save: a page
saved by `add_child` and again by `publish()` is indexed twice, and each index
write is a task. Commands that save many objects switch that off with
`indexing_off()` and index afterwards:

- `update_indexes()` runs Wagtail's own commands, `update_index` and
  `rebuild_references_index`, as bakerydemo's loader does (the demo loader);
- `deferred_indexing()` indexes only what the block saved, in bulk, for a
  command that adds batch after batch to a large tree (the bench content),
  where rebuilding everything after each batch would not scale.

Deletions are still indexed as they happen, by Wagtail's own handlers.
"""

import io
from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_save

from wagtail.models import Page, ReferenceIndex
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update


def _auto_updated_models():
    # The models Wagtail connects the search handler for at start-up (register_signal_handlers).
    return [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]


@contextmanager
def indexing_off():
    """Saves inside the block update neither the search index nor the reference index."""
    models = _auto_updated_models()
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def update_indexes():
    """Wagtail's commands: the search index and the reference index brought up to date
    with every object; then the pages' sentence embeddings (home/semantic)."""
    for command in ("update_index", "rebuild_references_index", "embed_pages"):
        call_command(command, verbosity=0, stdout=io.StringIO())


@contextmanager
def deferred_indexing():
    """`indexing_off()` for the block, then each object it saved indexed once, in bulk."""
    saved = set()

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            model = instance.specific_class if isinstance(instance, Page) and instance.specific_class else sender
            saved.add((model, instance.pk))

    post_save.connect(note, weak=False)
    try:
        with indexing_off():
            yield
    finally:
        post_save.disconnect(note)
    _index(saved)


def _index(saved):
    by_model = {}
    for model, pk in saved:
        by_model.setdefault(model, []).append(pk)
    searched = set(_auto_updated_models())
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in by_model.items():
        if model in searched:
            objects = list(model.get_indexed_objects().filter(pk__in=pks))
            for backend in backends:
                backend.add_bulk(model, objects)
        if ReferenceIndex.is_indexed(model):
            for obj in model._default_manager.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(obj)
