"""Business actions for events: record an event submitted by the public."""

from wagtail.models import Page

from events.models import EventPage
from home.models import Submission
from home.submissions.services import record_submission


def record_event_submission(*, parent: Page, data: dict, submitter: dict, image: dict | None) -> Submission:
    """A draft EventPage under `parent` from the public form, in moderation."""
    page = EventPage(
        title=data["title"],
        start=data["start"],
        end=data["end"],
        time_zone=data["time_zone"],
        event_type=data["event_type"],
        series=data.get("series"),
        intro=data["intro"],
        organiser_text=data["organiser_text"],
        venue=data.get("venue", ""),
        city=data.get("city", ""),
        country=data.get("country") or "",
        is_online=bool(data.get("is_online")),
        online_url=data.get("online_url", ""),
        registration_url=data.get("registration_url", ""),
    )
    return record_submission(
        kind=Submission.Kind.EVENT,
        parent=parent,
        page=page,
        image=image,
        relations={"topics": list(data.get("topics") or [])},
        **submitter,
    )
