"""Rows to JSON lines and back, with Django's own serializers.

Why not `dumpdata --natural-foreign` / `loaddata` as they are:

- with natural foreign keys on, every foreign key to a model that has a
  natural key is written as one, and Wagtail gives `Page` one (its
  `url_path`): log entries of deleted pages (their foreign key has no
  database constraint) then stop `dumpdata` with "Page matching query does
  not exist", and a url_path is not unique across sites anyway. Without them,
  content type and permission ids are written as numbers, which differ from
  one database to the next (their order is whatever migrate made there);
- `loaddata` sets many-to-many lists through their owner after a raw save,
  and on this tree stops at a modelcluster ParentalManyToManyField with
  "DirectoryEntryPage matching query does not exist"; and into a migrated
  database its rows meet those migrate made (see restoring.py).

So this serializer is Django's Python serializer with one change: natural keys
for content types and permissions only, which every database has after
`migrate` (under other ids); every other row keeps its primary key, so page
ids in StreamField JSON, generic relations (revisions, log entries, workflow
states) and treebeard paths stay true without rewriting anything.

Many-to-many links are therefore written as rows of their own tables
(scope.stored_models includes the auto-created ones), not as lists on their
owner, and saved like any other row.
"""

import datetime
import json

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts datetimes to milliseconds; revisions and log
    entries made in one request would then lose their order."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class LineSerializer(PythonSerializer):
    """Writes each object as one JSON line to `self.out` as soon as it is read."""

    def __init__(self, out, transform):
        super().__init__()
        self.out = out
        self.transform = transform
        self.count = 0
        self._permission_keys = None

    def end_object(self, obj):
        data = self.get_dump_object(obj)
        self.transform(data["fields"])
        self.out.write(json.dumps(data, cls=_Encoder, ensure_ascii=False, separators=(",", ":")))
        self.out.write("\n")
        self.count += 1
        self._current = None

    def handle_fk_field(self, obj, field):
        related_model = field.remote_field.model
        value = getattr(obj, field.attname)
        if value is None or related_model not in (ContentType, Permission):
            super().handle_fk_field(obj, field)
        elif related_model is ContentType:
            # Served from ContentType's own cache: no query per row.
            self._current[field.name] = ContentType.objects.get_for_id(value).natural_key()
        else:
            self._current[field.name] = self.permission_keys()[value]

    def permission_keys(self):
        if self._permission_keys is None:
            self._permission_keys = {
                permission.pk: permission.natural_key()
                for permission in Permission.objects.select_related("content_type")
            }
        return self._permission_keys


def local_field_names(model):
    """The columns of the model's own table (for a page type, not wagtailcore_page's);
    many-to-many fields travel as rows of their own tables."""
    return [field.name for field in model._meta.local_concrete_fields]


def dump_rows(model, out, transform):
    """Every row of `model`'s table as JSON lines; returns how many."""
    serializer = LineSerializer(out, transform)
    rows = model._base_manager.order_by("pk").iterator(chunk_size=500)
    serializer.serialize(rows, fields=local_field_names(model))
    return serializer.count


def load_rows(model, lines, using):
    """Saves the rows of one archive member as they are (raw saves: no model
    save() and no signal handler that acts on raw saves); returns how many."""
    label = model._meta.label_lower

    def objects():
        for number, line in enumerate(lines, start=1):
            data = json.loads(line)
            if data.get("model") != label:
                raise ValueError(f"line {number} is a {data.get('model')!r}, not a {label!r}")
            yield data

    count = 0
    for deserialized in PythonDeserializer(objects(), using=using):
        # The tables were emptied: an INSERT, without the UPDATE Django tries first.
        deserialized.save(using=using, force_insert=True)
        count += 1
    return count
