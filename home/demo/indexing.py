"""Index many saves at once, for commands that create content in bulk.

Wagtail updates the search index and its reference index on every save: a
page saved by `add_child` and again by `publish()`, and each of its inline
rows, is indexed several times. Inside `deferred_indexing()` those saves are
only noted, and each object is indexed once, in bulk, when the block ends
without an error (an error rolls the transaction back anyway). Deletions are
left to Wagtail's own handlers.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save

from modelcluster.fields import ParentalKey
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler


def _owner_key(instance):
    """(model, pk) of the object whose references a saved row belongs to, as Wagtail's task finds it."""
    obj = instance
    while obj is not None:
        keys = [field for field in obj._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return type(obj), obj.pk
        obj = getattr(obj, keys[0].name)
    return None


@contextmanager
def deferred_indexing():
    search_models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    reference_models = list(ReferenceIndex.tracked_models)
    to_search, to_reference = set(), set()

    def note_search(sender, instance, raw=False, **kwargs):
        if not raw:
            model = instance.specific_class if isinstance(instance, Page) and instance.specific_class else sender
            to_search.add((model, instance.pk))

    def note_reference(sender, instance, raw=False, **kwargs):
        if not raw:
            key = _owner_key(instance)
            if key:
                to_reference.add(key)

    for model in search_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note_search, sender=model, weak=False)
    for model in reference_models:
        post_save.disconnect(update_reference_index_on_save, sender=model)
        post_save.connect(note_reference, sender=model, weak=False)
    try:
        yield
    finally:
        for model in search_models:
            post_save.disconnect(note_search, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
        for model in reference_models:
            post_save.disconnect(note_reference, sender=model)
            post_save.connect(update_reference_index_on_save, sender=model)
    _index(to_search, to_reference)


def _group(keys):
    grouped = {}
    for model, pk in keys:
        grouped.setdefault(model, []).append(pk)
    return grouped


def _index(to_search, to_reference):
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in _group(to_search).items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in backends:
            backend.add_bulk(model, objects)
    for model, pks in _group(to_reference).items():
        if ReferenceIndex.is_indexed(model):
            for obj in model._default_manager.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(obj)
