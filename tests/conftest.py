import shutil

import pytest


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Every test writes its uploads and renditions to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def site_tree(db):
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def editor(db):
    from tests.factories import staff_user

    return staff_user("editor-user", group="Editors")


@pytest.fixture
def moderator(db):
    from tests.factories import staff_user

    return staff_user("moderator-user", group="Moderators")


@pytest.fixture
def superuser(db):
    from tests.factories import staff_user

    return staff_user("admin-user", superuser=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory caches (listings, cards, pages, rate limits, form tokens) outlive
    a test's database: start every test with them empty."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
