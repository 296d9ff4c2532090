import io
import os
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

from tests.shared_data import fresh, page_ids, rolled_back


def pytest_configure(config):
    """An explicit HUB_CONTENT_VERSION_FILE is still one file per pytest-xdist worker
    (hub/settings/test.py only keys its default), so that one worker's publishing does
    not empty the other's page cache in the middle of a test. Subprocesses inherit it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    chosen = os.environ.get("HUB_CONTENT_VERSION_FILE")
    if worker and chosen and not chosen.endswith(f"-{worker}"):
        from django.conf import settings

        os.environ["HUB_CONTENT_VERSION_FILE"] = f"{chosen}-{worker}"
        settings.HUB_CONTENT_VERSION_FILE = Path(os.environ["HUB_CONTENT_VERSION_FILE"])


# The modules whose tests use the session's demo content: pytest-xdist's scheduler
# sees only node ids, and hands these to one worker together, after everything else,
# so the content is loaded once. pytest_collection_modifyitems checks the list.
DEMO_MODULES = (
    "tests/home/test_demo_content.py",
    "tests/home/test_demo_indexing.py",
    "tests/search/test_relevance.py",
    "tests/directory/test_data_responsibility.py",
    "tests/home/test_demo_translations.py",
)
# Modules that start servers or run thousands of requests: handed out first, so that
# no worker is still busy with one of them while the other has nothing left to do.
LONGEST_FIRST = (
    "tests/test_production_probe.py",
    "tests/browser/",
    "tests/home/test_submission_state.py",
    "tests/test_api_hostile.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The tests on the demo content run last (after pytest-django's own ordering), so
    the content loaded once for them is seen by no other test."""
    items.sort(key=lambda item: "demo_content" in item.fixturenames)
    unlisted = {
        item.nodeid.split("::")[0]
        for item in items
        if "demo_content" in item.fixturenames and not item.nodeid.startswith(DEMO_MODULES)
    }
    if unlisted:
        raise pytest.UsageError(f"add {', '.join(sorted(unlisted))} to DEMO_MODULES in tests/conftest.py")


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (a module's tests on one worker, which builds its shared data
    once) with the browser tests as one module (they share one server) and the demo
    content's modules as another, handed out longest first. (pytest-xdist's
    `loadgroup` cannot group under pytest 9, whose node ids it no longer rewrites.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from collections import OrderedDict

    from xdist.scheduler import LoadFileScheduling

    # Hand modules out in the order below, not largest first: the demo-content tests
    # must stay the last a worker runs.
    config.option.loadscopereorder = False

    class BrowserTestsTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            scope = super()._split_scope(nodeid)
            if scope.startswith("tests/browser/"):
                return "tests/browser/"
            return "demo content" if scope.startswith(DEMO_MODULES) else scope

        def _assign_work_unit(self, node):
            # The longest first, then the rest, then the demo content, each in
            # collection order. (Only the queue is reordered: a worker is told which
            # tests to run by their places in its own collection.)
            if not getattr(self, "_ordered", False):
                self.workqueue = OrderedDict(sorted(self.workqueue.items(), key=lambda unit: self._rank(unit[0])))
                self._ordered = True
            super()._assign_work_unit(node)

        def _rank(self, scope):
            if scope == "demo content":
                return len(LONGEST_FIRST) + 1
            return next((n for n, first in enumerate(LONGEST_FIRST) if scope.startswith(first)), len(LONGEST_FIRST))

    return BrowserTestsTogether(config, log)


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path, settings):
    """Every test writes its uploads and renditions to a folder of its own; the tests on
    the demo content share the folder its images were loaded into."""
    if "demo_content" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("demo_content")["media"]
        yield
        return
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py load_demo_content`, run once for the session: {"output", "media",
    "statements"} (the SQL it ran, in order, for tests of how it writes).

    Its tests run last (see pytest_collection_modifyitems), and the content stays
    until the session ends, when it is rolled back; each test still runs in a
    savepoint of its own.
    """
    from django.db import connection

    media = tmp_path_factory.mktemp("demo-media")
    with rolled_back(django_db_blocker, MEDIA_ROOT=media, HUB_ALLOW_DEMO_USERS=True):
        out = io.StringIO()
        statements = []

        def record(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            call_command("load_demo_content", stdout=out)
        yield {"output": out.getvalue(), "media": media, "statements": statements}


@pytest.fixture(scope="module")
def module_site_tree(django_db_setup, django_db_blocker):
    """The tree of `build_site()`, built once for the module: {name: page id}."""
    from tests.factories import build_site

    with rolled_back(django_db_blocker):
        yield page_ids(build_site())


_tree_sharing = {}


def _shares_one_tree(module, items):
    """Whether every database test of the module asks for the site tree: only then is
    one tree built for the whole module, and every test there sees it from the start.
    In a module where some test needs a database without the tree, or commits (a
    transactional test), each test that asks for it builds its own, as it always did."""
    if module not in _tree_sharing:
        database_tests = []
        for item in items:
            if getattr(item, "module", None) is not module:
                continue
            marker = item.get_closest_marker("django_db")
            if "transactional_db" in item.fixturenames or (marker and marker.kwargs.get("transaction")):
                _tree_sharing[module] = False
                return False
            if marker or "db" in item.fixturenames:
                database_tests.append(item)
        tree_fixtures = {"site_tree", "module_site_tree"}
        _tree_sharing[module] = bool(database_tests) and all(
            tree_fixtures & set(item.fixturenames) for item in database_tests
        )
    return _tree_sharing[module]


@pytest.fixture(scope="module", autouse=True)
def _shared_tree_from_the_first_test(request):
    if _shares_one_tree(request.module, request.session.items):
        request.getfixturevalue("module_site_tree")


@pytest.fixture
def site_tree(request, db):
    """A home page as the default site's root with every index page under it (see
    tests/factories.py build_site): built once for the module where every database
    test uses it, and read again as fresh instances for each test."""
    if _shares_one_tree(request.module, request.session.items):
        return fresh(request.getfixturevalue("module_site_tree"))
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
def steward(db):
    from tests.factories import staff_user

    return staff_user("steward-user", group="Data stewards")


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
