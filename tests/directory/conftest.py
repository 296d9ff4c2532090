"""Fixtures of the directory tests. `open_data`: the entries the open-data tests
share (two public ones, a draft with its submitter and a restricted one), built
once for a module."""

from wagtail.models import PageViewRestriction

import pytest

from directory.models import DataSource
from home.models import Submission, Topic
from tests.factories import entry_page, term
from tests.shared_data import fresh, rolled_back

SECRETS = ["Draft entry", "Restricted entry", "Ada Private", "ada@example.org"]


@pytest.fixture(scope="module")
def open_data_tree(module_site_tree, django_db_blocker):
    with rolled_back(django_db_blocker):
        tree = fresh(module_site_tree)
        cdr = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
        sat = term(DataSource, "Satellite imagery", slug="satellite-imagery")
        displacement = term(Topic, "Displacement", slug="displacement")
        index = tree["directory_index"]
        haiti = entry_page(
            index,
            title="Haiti earthquake & displacement",
            slug="haiti",
            summary="Operator data after the earthquake.",
            data_sources=[cdr],
            topics=[displacement],
            countries=["HT"],
            organisations=["Flowminder Foundation", "Digicel Haiti"],
            year_started=2010,
            year_ended=2011,
        )
        camps = entry_page(index, title="Camps from space", slug="camps", data_sources=[sat], countries=["BD"])
        # Published as an editor would, so they carry their publication dates.
        for page in (camps, haiti):
            page.save_revision().publish()
        draft = entry_page(index, title="Draft entry", slug="draft", live=False)
        Submission.objects.create(
            kind="entry", submitter_name="Ada Private", submitter_email="ada@example.org", page=draft
        )
        secret = entry_page(index, title="Restricted entry", slug="restricted")
        PageViewRestriction.objects.create(page=secret, restriction_type="login")
        yield module_site_tree


@pytest.fixture
def open_data(open_data_tree):
    return fresh(open_data_tree)
