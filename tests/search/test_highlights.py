"""The query's words marked in result excerpts on /search/ and /directory/?q=, escaped
first, and never carried by a cached card to another query or to an unsearched listing."""

import pytest

from home.templatetags.search_tags import highlight
from tests.factories import build_site, entry_page, news_page
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = build_site()
    directory = tree["directory_index"]
    tree["haiti"] = entry_page(
        directory,
        title="Displacement after the Haiti earthquake",
        summary="Phone records showed where people went after the earthquakes in Haiti and Bogotá.",
    )
    tree["hostile"] = entry_page(
        directory,
        title="A hostile summary",
        summary="<script>alert('x')</script> flooding & displacement <b>bold</b>",
    )
    tree["news"] = news_page(tree["news_index"], title="Flooding news", intro="Floods displaced families.")
    return tree


def marks(response):
    return [mark.get_text() for mark in soup_of(response).find_all("mark")]


def test_search_marks_the_words_and_their_plural_and_folded_forms(client, tree):
    response = client.get("/search/", {"q": "earthquake bogota"})
    assert response.status_code == 200
    # The excerpt is the summary ("...after the earthquakes in Haiti and Bogotá").
    assert sorted(set(marks(response))) == ["Bogotá", "earthquakes"]


def test_directory_search_marks_the_words_in_the_card_summaries(client, tree):
    response = client.get("/directory/", {"q": "Haiti"})
    summaries = soup_of(response).find_all("p", class_="card__text")
    assert any(mark.get_text() == "Haiti" for text in summaries for mark in text.find_all("mark"))


def test_script_in_the_query_and_the_summary_stays_text(client, tree):
    for url in ("/search/", "/directory/"):
        response = client.get(url, {"q": "<script>flooding</script> <b>"})
        html = response.content.decode()
        soup = soup_of(response)
        # Only the site's own scripts (by their address) and JSON-LD; no markup from the summary.
        scripts = soup.find_all("script")
        assert all(tag.get("src") or tag.get("type") == "application/ld+json" for tag in scripts), url
        assert "<script>alert" not in html and "<b>bold</b>" not in html
        assert "flooding" in [word.lower() for word in marks(response)], url
    card = soup.find("a", string="A hostile summary").find_parent("article")
    # The directory's card shows the summary as it was typed, as text.
    assert "<script>alert('x')</script> flooding & displacement <b>bold</b>" in card.get_text()


def test_cached_cards_are_kept_per_query(client, tree):
    """Cards are cached (home/fragments.py): one drawn for a query never serves another one,
    nor the unsearched listing."""
    assert "earthquakes" in marks(client.get("/directory/", {"q": "earthquake"}))
    assert set(marks(client.get("/directory/", {"q": "phone"}))) == {"Phone"}
    assert marks(client.get("/directory/")) == []
    assert set(marks(client.get("/search/", {"q": "Haiti"}))) == {"Haiti"}
    assert "Haiti" not in marks(client.get("/search/", {"q": "phone"}))


def test_the_filter_escapes_then_marks():
    assert highlight("Tom & <b>Jerry</b>", "jerry") == "Tom &amp; &lt;b&gt;<mark>Jerry</mark>&lt;/b&gt;"
    assert highlight("Migrants and migration", "migrant") == "<mark>Migrants</mark> and migration"
    assert highlight("<i>x</i>", "") == "&lt;i&gt;x&lt;/i&gt;"
    # A query word inside an entity is not a word of the text.
    assert highlight("a < b", "lt") == "a &lt; b"
