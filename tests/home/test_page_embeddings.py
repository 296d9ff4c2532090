"""Sentence embeddings of pages (home/semantic): made on publish and by
`manage.py embed_pages`, kept only while the text is the same, and read by
the vector search as soon as they change."""

import io

from django.core.management import call_command

import numpy as np
import pytest

from home.models import PageEmbedding
from home.semantic import engine, vectors
from tests.factories import entry_page


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def embed_command(**options):
    out = io.StringIO()
    call_command("embed_pages", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _fresh_engine():
    engine.reset()
    yield
    engine.reset()


@pytest.mark.django_db
def test_publishing_a_page_stores_its_vector(site_tree):
    entry = publish(
        entry_page(
            site_tree["directory_index"],
            title="Call records after the earthquake",
            summary="Mobile phone records showed where people went after the earthquake.",
        )
    )

    row = PageEmbedding.objects.get(page=entry)
    vector = row.as_array()
    assert row.model == engine.model_name()
    assert vector.shape == (engine.DIMENSIONS,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


@pytest.mark.django_db
def test_a_new_text_gives_a_new_vector_and_the_same_text_none(site_tree):
    entry = publish(entry_page(site_tree["directory_index"], summary="Satellite images of shelters."))
    first = PageEmbedding.objects.get(page=entry)

    embed_command()
    assert PageEmbedding.objects.get(page=entry).updated_at == first.updated_at

    entry.summary = "Search engine queries that foretold asylum applications."
    publish(entry)
    second = PageEmbedding.objects.get(page=entry)
    assert second.text_hash != first.text_hash
    assert bytes(second.vector) != bytes(first.vector)


@pytest.mark.django_db
def test_embed_pages_fills_in_live_pages_without_a_vector(site_tree):
    # Pages added straight to the tree were never published through a revision.
    entry = entry_page(site_tree["directory_index"], summary="Facebook advertising audiences of migrants.")
    assert not PageEmbedding.objects.filter(page=entry).exists()

    output = embed_command()

    assert PageEmbedding.objects.filter(page=entry).exists()
    assert "Embedded" in output and "Embedded 0 pages" not in output
    assert "Embedded 0 pages" in embed_command()


@pytest.mark.django_db
def test_the_vector_search_sees_a_page_as_soon_as_it_is_published(site_tree):
    index = site_tree["directory_index"]
    publish(entry_page(index, title="Seasonal herders", summary="Pastoralists' movements from rainfall data."))
    query = engine.embed_query("téléphones portables et déplacements après un séisme")
    candidates = list(PageEmbedding.objects.values_list("page_id", flat=True))
    before = vectors.nearest(query, candidates, limit=5)

    quake = publish(
        entry_page(
            index,
            title="Phones after the earthquake",
            summary="Mobile phone records showed where people went after the earthquake.",
        )
    )

    after = vectors.nearest(query, [*candidates, quake.pk], limit=5)
    assert quake.pk not in [pk for pk, _score in before]
    assert after[0][0] == quake.pk


@pytest.mark.django_db
def test_without_the_model_nothing_is_embedded_and_publishing_still_works(site_tree, settings):
    settings.HUB_EMBEDDING_ENGINE = "hub_no_such_engine"
    entry = publish(entry_page(site_tree["directory_index"], summary="Twitter data on flows."))

    assert entry.live
    assert not PageEmbedding.objects.filter(page=entry).exists()
    assert "No embedding model is available" in embed_command()
