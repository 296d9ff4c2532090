"""The text of the demo's "How we handle data" page: what the hub stores, for how
long and who sees it.

Every statement describes what this code does, with the figures read from the
settings when the demo is loaded (a second run after a settings change updates
the page). It says nothing about the alliance itself, which the reference data
would have to source.
"""

from django.conf import settings

from home.demo.pages import heading, paragraph

SLUG = "how-we-handle-data"


def _days(count):
    return "one day" if count == 1 else f"{count} days"


def _duration(seconds):
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "an hour" if hours == 1 else f"{hours} hours"
    minutes = max(1, seconds // 60)
    return "a minute" if minutes == 1 else f"{minutes} minutes"


def how_we_handle_data_page():
    retention = _days(settings.HUB_SUBMISSION_RETENTION_DAYS)
    link_days = _days(settings.HUB_CONFIRMATION_LINK_DAYS)
    rate_window = _duration(settings.HUB_SUBMISSION_RATE_WINDOW)
    session = _duration(settings.SESSION_COOKIE_AGE)
    return {
        "title": "How we handle data",
        "slug": SLUG,
        "intro": (
            "What this hub stores about the people who use it, for how long, and who can see it. It stores no "
            "personal data about migrants."
        ),
        "body": [
            heading("If you send us an entry, an event or an application"),
            paragraph(
                "<p>The forms for submitting a directory entry or an event and for applying to join ask for your "
                "name, e-mail address and organisation, and let you add a message to the moderators. We keep them "
                "with the draft your submission became, to contact you about it: we confirm that we received it "
                "and tell you when it is published.</p>"
                "<p>Only the hub's moderators see these details, in the site's administration. They are never "
                "shown on the site or included in search, feeds, the API or the open data exports.</p>"
                f"<p>They are erased automatically {retention} after a moderator publishes or rejects your "
                "submission; the published page, if any, stays. Moderators can erase them sooner at any time: ask "
                "in reply to our acknowledgement e-mail.</p>"
                "<p>A picture you send is stored re-encoded, without the metadata the file carried (such as the "
                "place and camera), and cannot be viewed until a moderator publishes the page that uses it.</p>"
                "<p>To stop automated spam, the hub counts the submissions sent from each network address over "
                f"{rate_window}: it keeps the address with its count for that time, and removes older ones as new "
                "submissions arrive.</p>"
            ),
            heading("Before anything is published"),
            paragraph(
                "<p>Every submission and every draft sent for review is scanned for text that looks like personal "
                "data: e-mail addresses, phone numbers, postal addresses, passport or identity numbers, precise "
                "coordinates and the names of private persons, in its text and in the metadata of the pictures "
                "sent with it, read before that metadata is removed. What the scan finds, with the matched text, "
                "is kept with the draft and shown only in the site's administration, to the staff who review or "
                "edit it; a draft cannot be approved until someone has checked each finding.</p>"
                "<p>A directory entry is reviewed by the hub's data stewards before the moderators approve it. The "
                "date of that review is shown on the entry as its last review.</p>"
            ),
            heading("If a draft entry credits your organisation"),
            paragraph(
                "<p>Before publishing a directory entry, a moderator may e-mail one of the organisations it credits "
                f"a link to the draft, valid for {link_days}, so that it can confirm the description or ask for a "
                "change. The e-mail address is used to send that message and is not kept. The answer and any "
                "comment are recorded in the entry's history, which the hub's staff see.</p>"
            ),
            heading("If you visit the site"),
            paragraph(
                "<p>Public pages use no analytics, no tracking cookies and no third-party scripts, fonts or "
                "trackers: everything is served by the hub itself. A page with a form sets one cookie, a security "
                "token that lets the form be sent.</p>"
                "<p>The application's server log records, for each request, the time, the address of the page "
                "without its query, the response's status, size and duration; not your network address, the page "
                "you came from or your browser. The web server or proxy in front of the hub may keep its own logs, "
                "under the rules of whoever runs it.</p>"
            ),
            heading("Staff accounts"),
            paragraph(
                "<p>The hub's staff sign in with an account holding a username, name, e-mail address and password "
                f"(stored only as a hash). A sign-in lasts at most {session}. Staff can protect their account with "
                "two-factor authentication, whose device settings the account keeps too; the hub can require it "
                "of moderators and administrators, and does so by default in production. Wrong passwords are "
                "counted per account and network address to slow down guessing; the count is cleared by a "
                "successful sign-in. Accounts last until an administrator removes them.</p>"
                "<p>The admin keeps the history of every page (who changed, submitted, approved or published it "
                "and when), which staff see.</p>"
            ),
        ],
    }
