"""The editorial life cycle in a real browser: an editor writes and submits an
event, a moderator approves it from the dashboard, and a visitor sees it."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from home.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SITE_ROOT = "Big Data for Migration Alliance"


def _log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")


def _log_out(page, base_url, display_name):
    # The account menu at the foot of the admin sidebar holds "Log out".
    page.get_by_role("button", name=display_name, exact=True).click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(re.escape(base_url + "/admin/login/")))


def _field(page, label, role="textbox"):
    """A form control by its label; Wagtail appends "*" to required fields' labels."""
    return page.get_by_role(role, name=re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def _fill_date_time(page, label, value):
    # Wagtail's date-time picker accepts typed input; Tab leaves the field so the
    # picker closes and does not cover the next one.
    field = _field(page, label)
    field.fill(value)
    field.press("Tab")
    expect(field).to_have_value(value)


def _upcoming_events(page):
    return page.get_by_role("region", name="Upcoming events")


def test_editor_submits_an_event_and_moderator_approval_publishes_it(demo_server, page_at):
    title = f"Browser test workshop {uuid.uuid4().hex[:8]}"
    page = page_at(1280)

    # The editor finds the Events index through the page explorer and adds an event.
    _log_in(page, demo_server, "editor")
    page.goto(demo_server + "/admin/pages/")
    # The French and Spanish home pages share the title: the row marked English.
    english = page.get_by_role("row").filter(has_text="English")
    english.get_by_role("link", name=f"Explore child pages of '{SITE_ROOT}'").click()
    page.get_by_role("link", name="Explore child pages of 'Events'").click()
    page.get_by_role("link", name="Add child page").click()
    # Events hold only event pages, so Wagtail goes straight to the form.
    page.wait_for_url(re.compile(r"/admin/pages/add/events/eventpage/\d+/$"))

    expect(page.get_by_role("tab", name="Content")).to_have_attribute("aria-selected", "true")
    _field(page, "Title").fill(title)
    _fill_date_time(page, "Start", "2030-05-01 10:00")
    _fill_date_time(page, "End", "2030-05-01 17:00")
    _field(page, "Event type", role="combobox").select_option(label="Workshop")
    _field(page, "Introduction").fill("A hands-on day written and approved in a real browser.")

    # "Submit to Moderation" sits in the footer's action menu, behind "More actions".
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderation").click()
    expect(page.get_by_text(f"Page '{title}' created and submitted for moderation.")).to_be_visible()
    _log_out(page, demo_server, "Editor")

    # Nothing reaches the public before a moderator approves it.
    visitor = page_at(1280)
    visitor.goto(demo_server + "/events/")
    expect(_upcoming_events(visitor)).to_be_visible()
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # The moderator finds the event in the dashboard's review panel and approves it.
    _log_in(page, demo_server, "moderator")
    review = page.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Editor")
    row.get_by_role("button", name="Actions").click()
    # Plain "Approve" posts at once; only "Approve with comment" opens a modal.
    row.get_by_role("button", name="Approve", exact=True).click()
    # The dashboard reloads once the task is done, without the event awaiting review.
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    _log_out(page, demo_server, "Moderator")

    # The visitor now sees the event among the upcoming events and can open it.
    visitor.goto(demo_server + "/events/")
    link = _upcoming_events(visitor).get_by_role("link", name=title, exact=True)
    expect(link).to_be_visible()
    link.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
