"""Possible duplicates: a public submission close in meaning to a live entry is flagged,
with the score and links to both, to moderators, data stewards and administrators only."""

import re

from django.urls import reverse

import pytest

from directory.models import DataSource, DirectoryEntryPage
from home.caching import bump_content_version
from home.models import Submission
from home.semantic.duplicates import DUPLICATE_SIMILARITY, possible_duplicates
from home.semantic.indexing import embed_pages
from home.submissions.services import record_submission
from tests.factories import entry_page, term

pytestmark = pytest.mark.django_db

INBOX = "/admin/home/submission/"

LIVE = [
    (
        "Tracking displacement after the Haiti earthquake with mobile phone data",
        "Researchers analysed the call detail records of 1.9 million SIM cards to follow where people went "
        "after the January 2010 earthquake in Port-au-Prince and during the cholera outbreak that followed.",
    ),
    (
        "Facebook advertising audiences to estimate migrant stocks",
        "The number of Facebook users who live in one country but lived in another, as the advertising "
        "platform reports it, is calibrated against official statistics to estimate stocks of migrants.",
    ),
    (
        "Satellite imagery of refugee camps in Bangladesh",
        "Very high resolution images counted shelters in the Cox's Bazar camps month by month to estimate "
        "how fast the refugee population grew.",
    ),
]
UNRELATED = (
    "Google searches to anticipate asylum applications in Europe",
    "Web search queries about asylum, visas and routes, made in countries of origin, forecast the asylum "
    "applications lodged in European countries weeks later.",
)


def submit(index, title, summary):
    return record_submission(
        kind=Submission.Kind.ENTRY,
        parent=index,
        page=DirectoryEntryPage(title=title, summary=summary),
        submitter_name="Sam Sender",
        submitter_email="sam@example.net",
        message="Please add it.",
    ).page


@pytest.fixture
def entries(site_tree):
    index = site_tree["directory_index"]
    # The live entries are classified, the submissions not: their texts differ by that much.
    source = term(DataSource, "Mobile phone data")
    live = [
        entry_page(index, title=title, summary=summary, data_sources=[source], countries=[country])
        for (title, summary), country in zip(LIVE, ["HT", "MX", "BD"], strict=True)
    ]
    assert embed_pages(live) is not None, "the embedding model must be installed for these tests"
    bump_content_version()
    return {
        "live": live,
        "resubmitted": submit(index, *LIVE[0]),
        "unrelated": submit(index, *UNRELATED),
    }


def edit_view(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def test_a_resubmission_is_flagged_and_an_unrelated_submission_is_not(entries):
    found = possible_duplicates(entries["resubmitted"])

    assert [page.pk for page, _score in found] == [entries["live"][0].pk]
    assert found[0][1] >= DUPLICATE_SIMILARITY
    assert possible_duplicates(entries["unrelated"]) == []


def test_moderators_see_the_duplicate_in_the_editor_with_the_score_and_both_links(client, moderator, entries):
    existing = entries["live"][0]
    client.force_login(moderator)

    html = edit_view(client, entries["resubmitted"]).content.decode()

    assert re.search(rf"Possible duplicate of “{re.escape(existing.title)}” \(similarity (0\.9\d|1\.00)\)", html)
    assert f'href="{existing.url}"' in html
    assert reverse("wagtailadmin_pages:edit", args=[existing.pk]) in html
    assert "Possible duplicate" not in edit_view(client, entries["unrelated"]).content.decode()


def test_data_stewards_see_it_too(client, steward, entries):
    client.force_login(steward)
    assert "Possible duplicate of" in edit_view(client, entries["resubmitted"]).content.decode()


def test_an_editor_without_moderation_rights_sees_nothing(client, editor, entries):
    client.force_login(editor)
    response = edit_view(client, entries["resubmitted"])
    assert response.status_code in (200, 302)
    assert "Possible duplicate" not in response.content.decode()
    inbox = client.get(INBOX)
    assert inbox.status_code in (302, 403)
    assert "Possible duplicate" not in inbox.content.decode()


def test_the_inbox_lists_the_duplicate_with_its_score_and_links(client, moderator, entries):
    existing = entries["live"][0]
    client.force_login(moderator)

    html = client.get(INBOX).content.decode()

    assert 'class="field-duplicates' in html
    assert re.search(rf"“{re.escape(existing.title)}” \((0\.9\d|1\.00)\)", html)
    assert f'href="{existing.url}"' in html
    assert reverse("wagtailadmin_pages:edit", args=[existing.pk]) in html
    # ...and the draft's own editor, in the same row.
    assert reverse("wagtailadmin_pages:edit", args=[entries["resubmitted"].pk]) in html
    assert html.count("None found") == 1  # the unrelated submission


def test_never_on_public_pages(client, entries):
    existing = entries["live"][0]
    for url in (existing.url, "/directory/", "/search/?q=Haiti+earthquake"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Possible duplicate" not in response.content.decode()


def test_nothing_without_the_model(entries, settings):
    settings.HUB_SEMANTIC_SEARCH = False
    assert possible_duplicates(entries["resubmitted"]) == []
