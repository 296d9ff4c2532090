"""Scheduled publishing end to end, with a frozen clock: approval respects the
go-live date, `manage.py publish_scheduled` publishes and expires on time."""

import datetime

from django.core.management import call_command

from wagtail.models import PageLogEntry

import pytest
import time_machine

from home.models import NewsPage
from tests.utils import add_page, edit_page, workflow_action

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC)


def test_approved_page_goes_live_at_its_scheduled_time(client, site_tree, editor, moderator):
    with time_machine.travel(NOW, tick=False) as clock:
        client.force_login(editor)
        add_page(
            client,
            site_tree["news_index"],
            "home.NewsPage",
            title="Embargoed",
            slug="embargoed",
            date="2030-03-02",
            intro="Out tomorrow.",
            go_live_at="2030-03-02 09:00",
        )
        page = NewsPage.objects.get(slug="embargoed")
        edit_page(client, page, action="submit")
        client.force_login(moderator)
        workflow_action(client, page, "approve")

        page.refresh_from_db()
        assert not page.live, "approved but scheduled: not live before its time"
        assert page.get_latest_revision().approved_go_live_at == datetime.datetime(
            2030, 3, 2, 9, 0, tzinfo=datetime.UTC
        )
        client.logout()
        assert client.get("/news/embargoed/").status_code == 404

        call_command("publish_scheduled")
        page.refresh_from_db()
        assert not page.live, "running the command early changes nothing"

        clock.move_to(NOW + datetime.timedelta(days=1, minutes=1))
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live
        assert client.get("/news/embargoed/").status_code == 200
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()


def test_published_page_expires_at_its_expiry_time(client, site_tree, editor, moderator):
    with time_machine.travel(NOW, tick=False) as clock:
        client.force_login(editor)
        add_page(
            client,
            site_tree["news_index"],
            "home.NewsPage",
            title="Short-lived",
            slug="short-lived",
            date="2030-03-01",
            intro="Only for a week.",
            expire_at="2030-03-08 09:00",
        )
        page = NewsPage.objects.get(slug="short-lived")
        edit_page(client, page, action="submit")
        client.force_login(moderator)
        workflow_action(client, page, "approve")
        page.refresh_from_db()
        assert page.live and not page.expired

        clock.move_to(NOW + datetime.timedelta(days=6))
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live

        clock.move_to(NOW + datetime.timedelta(days=7, minutes=1))
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert not page.live and page.expired
        assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").exists()
        client.logout()
        assert client.get("/news/short-lived/").status_code == 404
