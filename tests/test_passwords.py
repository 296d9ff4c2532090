"""Password validators on the admin's forms, and staff sessions that expire."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
import time_machine

pytestmark = pytest.mark.django_db

TOO_SHORT = "Abcdefgh12!"  # 11 characters
TOO_SHORT_MESSAGE = "This password is too short. It must contain at least 12 characters."
COMMON = "qwertyuiop123"
COMMON_MESSAGE = "This password is too common."
EIGHT_HOURS = 8 * 60 * 60


def create_user(client, password):
    return client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "new-editor",
            "email": "new-editor@example.org",
            "first_name": "New",
            "last_name": "Editor",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(("password", "message"), [(TOO_SHORT, TOO_SHORT_MESSAGE), (COMMON, COMMON_MESSAGE)])
def test_user_creation_refuses_a_weak_password(client, superuser, password, message):
    client.force_login(superuser)

    response = create_user(client, password)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="new-editor").exists()


def test_user_creation_accepts_a_long_uncommon_password(client, superuser):
    client.force_login(superuser)

    response = create_user(client, "river-lantern-mosaic-42")

    assert response.status_code == 302
    assert get_user_model().objects.filter(username="new-editor").exists()


@pytest.mark.parametrize(("password", "message"), [(TOO_SHORT, TOO_SHORT_MESSAGE), (COMMON, COMMON_MESSAGE)])
def test_changing_ones_own_password_refuses_a_weak_one(client, editor, password, message):
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_account"),
        {"password-old_password": "password", "password-new_password1": password, "password-new_password2": password},
    )

    assert message in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("password")


def sign_in(client, user, **extra):
    return client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": "password", "next": "/admin/", **extra}
    )


def test_the_session_cookie_lasts_eight_hours_by_default(client, editor):
    response = sign_in(client, editor, remember="on")

    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == EIGHT_HOURS


def test_a_staff_session_ends_after_eight_hours(client, editor):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert sign_in(client, editor).status_code == 302
        clock.shift(datetime.timedelta(hours=7, minutes=59))
        assert client.get("/admin/").status_code == 200

        clock.shift(datetime.timedelta(minutes=2))
        response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
