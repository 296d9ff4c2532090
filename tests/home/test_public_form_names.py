"""Public forms refuse one-line names that would not show what they say: only
invisible characters, line breaks, text-direction overrides (issue 9, item 13)."""

from wagtail.models import Page

import pytest

from home.models import Submission
from tests.directory.test_membership_applications import application
from tests.directory.test_submissions import entry_data, terms  # noqa: F401 - fixture
from tests.events.test_submissions import event_data

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200c\u2060\ufeff"
HANGUL_FILLER = "\u3164\u3164"
OVERRIDE = "Report \u202egpj.exe"
ISOLATE = "Report \u2067abc\u2069"
LINE_BREAK = "First line\nSecond line"
SEPARATOR = "First line\u2028Second line"

BAD_VALUES = {
    "invisible": (INVISIBLE, "only invisible characters"),
    "filler": (HANGUL_FILLER, "only invisible characters"),
    "override": (OVERRIDE, "text-direction characters"),
    "isolate": (ISOLATE, "text-direction characters"),
    "line break": (LINE_BREAK, "on one line"),
    "line separator": (SEPARATOR, "on one line"),
    "tab": ("Name\twith a tab", "control characters (U+0009)"),
}


def snapshot():
    return Submission.objects.count(), Page.objects.count()


def assert_refused(response, field, message, before):
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert message in " ".join(response.context["form"].errors[field])
    assert snapshot() == before


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize("field", ["title", "submitter_name", "submitter_organisation"])
def test_entry_form_refuses_bad_names(client, site_tree, terms, field, kind):  # noqa: F811
    value, message = BAD_VALUES[kind]
    before = snapshot()
    response = client.post("/directory/submit/", entry_data(terms, **{field: value}))
    assert_refused(response, field, message, before)


@pytest.mark.parametrize("kind", ["invisible", "override"])
def test_entry_form_checks_each_organisation_line(client, site_tree, terms, kind):  # noqa: F811
    value, message = BAD_VALUES[kind]
    before = snapshot()
    response = client.post("/directory/submit/", entry_data(terms, organisations=f"A Statistics Office\n{value}"))
    assert_refused(response, "organisations", "Line 2: ", before)
    assert message in " ".join(response.context["form"].errors["organisations"])


@pytest.mark.parametrize("kind", ["invisible", "override", "line break"])
@pytest.mark.parametrize("field", ["title", "organiser_text", "venue", "city"])
def test_event_form_refuses_bad_names(client, site_tree, field, kind):
    value, message = BAD_VALUES[kind]
    before = snapshot()
    response = client.post("/events/submit/", event_data(**{field: value}))
    assert_refused(response, field, message, before)


@pytest.mark.parametrize("kind", ["invisible", "override"])
@pytest.mark.parametrize("field", ["title", "acronym"])
def test_membership_form_refuses_bad_names(client, site_tree, field, kind):
    value, message = BAD_VALUES[kind]
    before = snapshot()
    response = client.post("/members/join/", application(**{field: value}))
    assert_refused(response, field, message, before)


@pytest.mark.parametrize(
    "title",
    [
        "Mobilité humaine après le séisme",
        "تنقل المهاجرين بعد الفيضانات",  # Arabic keeps its own direction without controls
        "\u200fتنقل\u200f (RLM marks are ordinary in Arabic text)",
        "Zürich–Genève: Facebook ads & Census",
    ],
)
def test_ordinary_titles_in_any_script_are_accepted(client, site_tree, terms, title):  # noqa: F811
    before_submissions = Submission.objects.count()
    response = client.post("/directory/submit/", entry_data(terms, title=title))
    assert response.status_code == 302, response.context["form"].errors
    assert Submission.objects.count() == before_submissions + 1
