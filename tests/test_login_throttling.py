"""Login throttling (django-axes) at /admin/login/ and the throttled password reset form."""

import datetime
import socket

from django.core import mail
from django.urls import reverse

import pytest
import time_machine

from tests.factories import staff_user

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
RESET_URL = "/admin/password_reset/"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _axes_on(settings):
    # Test settings switch axes off for the test client's login(); here it runs for real.
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)


@pytest.fixture
def account():
    return staff_user("throttled-editor", group="Editors")


def sign_in(client, password, *, address=ATTACKER, **headers):
    return client.post(
        LOGIN_URL,
        {"username": "throttled-editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_until_locked(client, *, address=ATTACKER, **headers):
    responses = [sign_in(client, "wrong-guess", address=address, **headers) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    return responses[-1]


def test_repeated_wrong_passwords_lock_the_account_out_for_that_address(client, account):
    locked = fail_until_locked(client)

    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many sign-in attempts" in page
    assert "Try again in 30 minutes" in page
    assert locked["Retry-After"] == "1800"


def test_the_right_password_is_refused_until_the_cool_off_has_passed(client, account):
    with time_machine.travel(NOW, tick=False) as clock:
        fail_until_locked(client)

        clock.shift(datetime.timedelta(minutes=10))
        refused = sign_in(client, "password")
        assert refused.status_code == 429
        assert "_auth_user_id" not in client.session

        clock.shift(datetime.timedelta(minutes=31))
        accepted = sign_in(client, "password")
        assert accepted.status_code == 302
        assert accepted["Location"] == "/admin/"
        assert client.session["_auth_user_id"] == str(account.pk)


def test_another_address_can_still_sign_in_to_the_locked_account(client, account):
    fail_until_locked(client, address=ATTACKER)

    response = sign_in(client, "password", address=COLLEAGUE)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_trusted(client, account, settings):
    settings.HUB_TRUST_X_FORWARDED_FOR = False
    # An attacker rotating a forged header is still one address (REMOTE_ADDR).
    for number in range(4):
        assert sign_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}").status_code == 200
    assert sign_in(client, "wrong", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_counts_alone(client, account, settings):
    settings.HUB_TRUST_X_FORWARDED_FOR = True
    proxy = "10.0.0.2"
    locked = fail_until_locked(client, address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert locked.status_code == 429

    # Another client behind the same proxy is not locked out.
    response = sign_in(client, "password", address=proxy, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert response.status_code == 302


def test_the_lockout_counts_each_account_separately(client, account):
    staff_user("other-editor", group="Editors")
    fail_until_locked(client)

    response = client.post(
        LOGIN_URL, {"username": "other-editor", "password": "password", "next": "/admin/"}, REMOTE_ADDR=ATTACKER
    )
    assert response.status_code == 302


def request_reset(client, email, *, address=ATTACKER):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_password_reset_sends_at_most_the_limit_of_mails_per_email_address(client, account, settings):
    settings.HUB_PASSWORD_RESET_EMAIL_LIMIT = 3
    # From 15 different clients, so only the per-e-mail limit applies.
    responses = [request_reset(client, "Throttled-Editor@example.org", address=f"203.0.113.{n}") for n in range(15)]

    assert len(mail.outbox) == 3
    # Past the limit the form shows the same neutral page as before, and sends nothing.
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {reverse("wagtailadmin_password_reset_done")}


def test_password_reset_from_one_client_is_limited_across_addresses(client, settings):
    settings.HUB_PASSWORD_RESET_RATE_LIMIT = 5
    for number in range(8):
        staff_user(f"staff-{number}", group="Editors")
    responses = [request_reset(client, f"staff-{number}@example.org") for number in range(8)]

    assert len(mail.outbox) == 5
    assert [r.status_code for r in responses] == [302] * 5 + [429] * 3
    assert "Too many password reset requests" in responses[-1].content.decode()
    # Another client is not held back by the first one's requests.
    assert request_reset(client, "staff-7@example.org", address=COLLEAGUE).status_code == 302
    assert len(mail.outbox) == 6


def test_password_reset_answers_and_stays_limited_while_the_cache_is_down(client, settings):
    with socket.socket() as sock:  # a port nothing listens on: Redis unreachable for real
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = {
        "BACKEND": "home.caching.backends.FailSafeRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 60},
    }
    settings.CACHES = {"default": down, "pages": {**down, "KEY_PREFIX": "pages"}}
    settings.HUB_PASSWORD_RESET_RATE_LIMIT = 2
    staff_user("staff-down", group="Editors")
    responses = [request_reset(client, "staff-down@example.org", address="198.51.100.9") for _ in range(4)]
    assert [r.status_code for r in responses] == [302, 302, 429, 429]
    assert len(mail.outbox) == 2
