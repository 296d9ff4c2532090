"""generate_bench_content: exactly N synthetic pages of each kind, valid in the
tree, live, searchable and removable again with --clear."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

import pytest

from directory.models import DataSource, DirectoryEntryPage, DirectoryIndexPage
from events.models import EventPage
from home.models import HubImage, NewsPage
from tests.factories import news_page, term


def generate(*args):
    out = io.StringIO()
    call_command("generate_bench_content", *args, stdout=out)
    return out.getvalue()


def synthetic(model):
    return model.objects.filter(slug__startswith="bench-")


@pytest.mark.django_db
def test_builds_the_tree_and_creates_exactly_n_of_each():
    output = generate("--entries", "7", "--events", "3", "--news", "4")
    assert "building it" in output
    assert synthetic(DirectoryEntryPage).count() == 7
    assert synthetic(EventPage).count() == 3
    assert synthetic(NewsPage).count() == 4
    assert all(page.title.startswith("Synthetic ") for page in synthetic(DirectoryEntryPage))
    assert not Page.objects.filter(live=False).exists()
    directory = DirectoryIndexPage.objects.get()
    assert directory.get_children().count() == directory.numchild == 7
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_uses_the_existing_tree_and_terms_and_the_words_searches_need(site_tree):
    term(DataSource, "Mobile phone records")
    generate("--entries", "12")
    entries = synthetic(DirectoryEntryPage)
    assert entries.count() == 12
    assert {entry.get_parent().pk for entry in entries} == {site_tree["directory_index"].pk}
    assert all(2010 <= entry.year_started <= 2025 for entry in entries)
    assert all(entry.data_sources.count() == 1 for entry in entries)
    summaries = [entry.summary for entry in entries]
    assert sum("migration" in summary for summary in summaries) >= 9
    assert sum("zanzibarite" in summary for summary in summaries) == 1
    assert DirectoryEntryPage.objects.live().search("zanzibarite").count() == 1


@pytest.mark.django_db
def test_a_second_run_adds_n_more_with_new_numbers(site_tree):
    generate("--news", "2")
    generate("--news", "2")
    assert sorted(synthetic(NewsPage).values_list("slug", flat=True)) == [
        "bench-news-00001",
        "bench-news-00002",
        "bench-news-00003",
        "bench-news-00004",
    ]


@pytest.mark.django_db
def test_clear_removes_everything_it_made_and_nothing_else(site_tree):
    kept = news_page(site_tree["news_index"], title="A real news item")
    generate("--entries", "3", "--events", "2", "--news", "2")
    output = generate("--clear")
    assert "Removed 7 synthetic pages" in output
    for model in (DirectoryEntryPage, EventPage, NewsPage):
        assert not synthetic(model).exists()
    assert not HubImage.objects.filter(title__startswith="Synthetic: bench").exists()
    assert NewsPage.objects.filter(pk=kept.pk).exists()
    assert site_tree["directory_index"].get_children().count() == 0


@pytest.mark.django_db
def test_asks_for_something_to_do():
    with pytest.raises(CommandError):
        generate()
