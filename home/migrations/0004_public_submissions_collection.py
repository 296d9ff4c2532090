"""The private collection for files sent with public submissions (home/media_privacy.py).

A Wagtail collection view restriction limits it to the editorial groups:
Wagtail's document serve view and images API honour it, and the hub's media
view refuses its files to everyone else. Idempotent, like 0002.
"""

from django.db import migrations

COLLECTION_NAME = "Public submissions"
VIEWER_GROUPS = ("Editors", "Moderators")
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number):
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, "0")


def _child_path(Collection, root):
    # Historical models have no treebeard methods: the next path as MP_Node computes it.
    last = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path).order_by("-path").first()
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    return root.path + _step(number)


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Root", path=_step(1), depth=1, numchild=0)
    collection = Collection.objects.filter(
        name=COLLECTION_NAME, depth=root.depth + 1, path__startswith=root.path
    ).first()
    if collection is None:
        collection = Collection.objects.create(
            name=COLLECTION_NAME, path=_child_path(Collection, root), depth=root.depth + 1, numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.add(*Group.objects.filter(name__in=VIEWER_GROUPS))


def backwards(apps, schema_editor):
    # Files may sit in the collection; deleting it would orphan them, so it stays.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_hubimage_submission_flag_and_file_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
