"""Test data built once for a module, a class or the session, then rolled back.

A fixture of a wider scope opens a transaction of its own and builds its data
inside it; every test that runs meanwhile still gets pytest-django's
transaction, which nests as a savepoint, so what one test changes is undone
before the next. When the scope ends its transaction is rolled back, and the
next module starts from the empty test database.

Keep database rows, not model instances, across tests: a page instance remembers
its children count and revision, and a test that changes it would leak into the
next. `fresh()` reads them again.
"""

import contextlib

from django.core.cache import caches
from django.db import transaction
from django.test import override_settings

from wagtail.models import Page, Site


@contextlib.contextmanager
def rolled_back(django_db_blocker, **settings):
    """Database access for a fixture wider than one test; nothing it writes outlives it."""
    with django_db_blocker.unblock(), override_settings(**settings):
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
        forget_rolled_back_rows()


def forget_rolled_back_rows():
    """Caches that may still name the rolled-back rows: Wagtail's site root paths,
    listings, cards and whole pages."""
    Site.clear_site_root_paths_cache()
    for alias in ("default", "pages"):
        caches[alias].clear()


def page_ids(pages):
    """{name: page} as {name: primary key}, to keep across tests."""
    return {name: page.pk for name, page in pages.items()}


def fresh(ids):
    """{name: primary key} as {name: specific page}, read again for this test."""
    pages = Page.objects.filter(pk__in=ids.values()).specific().in_bulk()
    return {name: pages[pk] for name, pk in ids.items()}
