"""Every piece of text a page holds, with the label of the field it is in, and
the images it uses: plain text fields, rich text, StreamField text at any depth
and the page's inline children (InlinePanel rows)."""

import html
import re

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText

from modelcluster.models import get_all_child_relations

# Page fields that are the tree's bookkeeping, not content anyone wrote.
SKIPPED_FIELDS = {"path", "url_path", "slug", "draft_title", "translation_key", "content_type", "locale"}
LINK_TARGETS = re.compile(r"""href=["'](?:mailto|tel):([^"']+)["']""", re.IGNORECASE)


def rich_text_to_plain(value: str) -> str:
    """The visible text of rich text, plus the addresses of its mailto:/tel: links."""
    targets = " ".join(html.unescape(target) for target in LINK_TARGETS.findall(value))
    text = html.unescape(strip_tags(value.replace("<", " <")))
    return f"{text} {targets}".strip()


def page_texts(page) -> list[tuple[str, str]]:
    """(field label, text) for every non-empty text of `page` (a specific page or revision object)."""
    return [item for item in _texts_of(page, prefix="") if item[1].strip()]


def page_images(page) -> list[AbstractImage]:
    """The images `page` uses: image fields and image blocks in its StreamFields."""
    images = []
    for field in page._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, AbstractImage):
            image = getattr(page, field.name, None)
            if image is not None:
                images.append(image)
        elif isinstance(field, StreamField):
            images.extend(_stream_images(getattr(page, field.name)))
    return list({image.pk: image for image in images}.values())


def _texts_of(obj, *, prefix):
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or not field.editable and field.name != "title":
            continue
        label = prefix + capfirst(str(field.verbose_name))
        value = getattr(obj, field.name, None)
        if isinstance(field, StreamField):
            for text in _stream_texts(value):
                yield label, text
        elif isinstance(field, RichTextField):
            yield label, rich_text_to_plain(value or "")
        elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            yield label, value or ""
    for relation in get_all_child_relations(obj) if prefix == "" else []:
        child_label = capfirst(str(relation.related_model._meta.verbose_name_plural))
        for child in getattr(obj, relation.get_accessor_name()).all():
            yield from _texts_of(child, prefix=f"{child_label}: ")


def _stream_texts(value):
    for leaf in _stream_leaves(value):
        if isinstance(leaf, RichText):
            yield rich_text_to_plain(leaf.source)
        elif isinstance(leaf, str):
            yield leaf


def _stream_images(value):
    return (leaf for leaf in _stream_leaves(value) if isinstance(leaf, AbstractImage))


def _stream_leaves(value):
    """The values of a StreamField's blocks at any depth (through lists and structs)."""
    if isinstance(value, (StreamValue, ListValue)):
        for item in value:
            yield from _stream_leaves(getattr(item, "value", item))
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from _stream_leaves(child)
    else:
        yield value
