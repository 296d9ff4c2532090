"""Finding a demo record again and saving it only when it differs from the reference data.

Records are found again by their slug (pages under their parent, snippets per
locale, images by title), compared field by field and saved only when
something differs. Pages are published through a revision, so a second run
creates no revision, log entry or image. `Tally` counts what a run did.
"""

import datetime
from collections import defaultdict

from django.apps import apps
from django.core.management.base import CommandError
from django.db import models
from django.utils.html import escape

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page


def model(label):
    # home names the other apps' models by label only (STYLE.md).
    return apps.get_model(label)


class Tally:
    """Counts what a run created, updated and left alone, per kind of content."""

    def __init__(self):
        self.counts = defaultdict(lambda: {"created": 0, "updated": 0, "unchanged": 0})
        self.notes = []

    def created(self, kind):
        self.counts[kind]["created"] += 1

    def updated(self, kind):
        self.counts[kind]["updated"] += 1

    def unchanged(self, kind):
        self.counts[kind]["unchanged"] += 1

    def note(self, text):
        self.notes.append(text)

    @property
    def changed(self):
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def lines(self):
        for kind, c in self.counts.items():
            yield f"{kind:<22} {c['created']:>4} created {c['updated']:>4} updated {c['unchanged']:>4} unchanged"
        yield from self.notes


# Comparing stored values with the reference data ---------------------------------


def _strip_block_ids(data):
    if isinstance(data, list):
        return [_strip_block_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _strip_block_ids(value) for key, value in data.items() if key != "id"}
    return data


def _stream_data(field, value):
    if not isinstance(value, StreamValue):
        value = field.stream_block.to_python(value)
    return _strip_block_ids(field.stream_block.get_prep_value(value))


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, str | int | bool | datetime.date | datetime.datetime):
        return value
    return str(value)  # Country objects and the like


def field_differs(instance, name, new):
    field = instance._meta.get_field(name)
    if isinstance(field, StreamField):
        return _stream_data(field, getattr(instance, name)) != _stream_data(field, new)
    if isinstance(field, models.ForeignKey):
        return getattr(instance, field.attname) != (new.pk if new is not None else None)
    return _plain(getattr(instance, name)) != _plain(new)


def _rows(manager, keys):
    return [{key: _plain(getattr(obj, key)) for key in keys} for obj in manager.all()]


def _differs(instance, fields, m2m, children):
    if any(field_differs(instance, name, value) for name, value in fields.items()):
        return True
    for name, objs in m2m.items():
        if {obj.pk for obj in getattr(instance, name).all()} != {obj.pk for obj in objs}:
            return True
    for name, rows in children.items():
        keys = list(rows[0]) if rows else []
        existing = getattr(instance, name).all()
        if len(existing) != len(rows):
            return True
        if rows and _rows(getattr(instance, name), keys) != [{k: _plain(v) for k, v in row.items()} for row in rows]:
            return True
    return False


def _assign(page, fields, m2m, children):
    for name, value in fields.items():
        setattr(page, name, value)
    for name, objs in m2m.items():
        setattr(page, name, list(objs))
    for name, rows in children.items():
        related = page._meta.get_field(name).related_model
        setattr(page, name, [related(sort_order=index, **row) for index, row in enumerate(rows)])


def upsert_page(parent, page_model, slug, fields, *, tally, kind, m2m=None, children=None):
    """The page `slug` under `parent`, created or updated to `fields` and published.

    `m2m` maps parental many-to-many fields to objects; `children` maps child
    relations (inline rows) to lists of field dicts. Nothing is saved, and no
    revision is made, when the live page already matches.
    """
    m2m, children = m2m or {}, children or {}
    page = page_model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise CommandError(
                f"A page that is not a {page_model.__name__} already uses the slug '{slug}' under "
                f"'{parent.title}'. Move or rename it, then run the command again."
            )
        page = page_model(slug=slug)
        _assign(page, fields, m2m, children)
        parent.add_child(instance=page)
        page.save_revision().publish()
        tally.created(kind)
        return page
    if _differs(page, fields, m2m, children) or not page.live or page.latest_revision_id is None:
        _assign(page, fields, m2m, children)
        page.save_revision().publish()
        tally.updated(kind)
    else:
        tally.unchanged(kind)
    return page


def upsert_object(object_model, lookup, fields, *, tally, kind):
    """A snippet or other plain model instance found by `lookup`, saved only if it differs."""
    obj = object_model.objects.filter(**lookup).first()
    if obj is None:
        obj = object_model(**lookup, **fields)
        obj.save()
        tally.created(kind)
    elif any(field_differs(obj, name, value) for name, value in fields.items()):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        tally.updated(kind)
    else:
        tally.unchanged(kind)
    return obj


def html_paragraph(text):
    return f"<p>{escape(text)}</p>" if text else ""
