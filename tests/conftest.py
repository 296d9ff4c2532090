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
