"""Two-factor authentication for staff (django-otp): TOTP devices and one-time recovery codes."""

import io
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.media_privacy import SUBMISSIONS_COLLECTION_NAME
from hub.accounts.two_factor import new_recovery_codes

pytestmark = pytest.mark.django_db

ENROL_URL = "/admin/two-factor/enrol/"
VERIFY_URL = "/admin/two-factor/verify/"
# An admin page, the page explorer, a chooser and the admin's JSON API.
ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/choose-page/", "/admin/api/main/pages/"]


@pytest.fixture
def required(settings):
    settings.HUB_REQUIRE_2FA = True


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device):
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


def enrolled_device(user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


def assert_redirected_to(response, url, next_url):
    assert response.status_code == 302, response.status_code
    assert response["Location"] == f"{url}?{urlencode({'next': next_url})}"


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_moderator_without_device_is_sent_to_enrolment_from_every_admin_url(client, moderator, required, url):
    client.force_login(moderator)

    assert_redirected_to(client.get(url), ENROL_URL, url)


def test_superuser_without_device_is_sent_to_enrolment(client, superuser, required):
    client.force_login(superuser)

    assert_redirected_to(client.get("/admin/"), ENROL_URL, "/admin/")


def test_admin_post_is_not_carried_out_before_enrolment(client, moderator, required, site_tree):
    client.force_login(moderator)
    home = site_tree["home"]
    response = client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(ENROL_URL)
    assert Page.objects.filter(pk=home.pk).exists()


def test_moderator_enrols_with_a_valid_code_and_then_reaches_the_admin(client, moderator, required):
    client.force_login(moderator)
    page = client.get(f"{ENROL_URL}?next=/admin/pages/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, inline
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    secret = html.split("data-secret>")[1].split("</code>")[0]
    assert secret.replace(" ", "") and len(secret.replace(" ", "")) == 32

    response = client.post(ENROL_URL, {"code": current_code(device), "next": "/admin/pages/"})

    assert response.status_code == 200
    assert "Your recovery codes" in response.content.decode()
    assert response.content.decode().count("<li><code>") == 10
    device.refresh_from_db()
    assert device.confirmed
    for url in ADMIN_URLS:
        assert client.get(url).status_code == 200, url


def test_a_wrong_code_is_refused_at_enrolment_with_a_message(client, moderator, required):
    client.force_login(moderator)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)

    response = client.post(ENROL_URL, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "That code does not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302


def test_a_user_with_a_device_must_give_a_code_after_the_password(client, editor):
    device = enrolled_device(editor)
    client.force_login(editor)

    assert_redirected_to(client.get("/admin/pages/"), VERIFY_URL, "/admin/pages/")

    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_is_refused_at_sign_in_with_a_message(client, moderator, required):
    device = enrolled_device(moderator)
    client.force_login(moderator)

    response = client.post(VERIFY_URL, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "That code is not valid" in response.content.decode()
    assert_redirected_to(client.get("/admin/"), VERIFY_URL, "/admin/")


def csrf_token_of(response):
    """The CSRF token inside the page's sign-in or code form, as a browser would post it."""
    form = response.content.decode().split('class="login-form"')[1].split("</form>")[0]
    return form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_signing_in_with_password_then_code_through_the_forms(moderator, required):
    browser = Client(enforce_csrf_checks=True)
    device = enrolled_device(moderator)
    login_page = browser.get("/admin/login/")
    signed_in = browser.post(
        "/admin/login/",
        {
            "username": moderator.username,
            "password": "password",
            "next": "/admin/pages/",
            "csrfmiddlewaretoken": csrf_token_of(login_page),
        },
    )
    assert signed_in.status_code == 302
    code_page = browser.get(signed_in["Location"], follow=True)
    assert code_page.redirect_chain[-1][0] == f"{VERIFY_URL}?{urlencode({'next': '/admin/pages/'})}"

    response = browser.post(
        VERIFY_URL,
        {"code": current_code(device), "next": "/admin/pages/", "csrfmiddlewaretoken": csrf_token_of(code_page)},
    )

    assert response.status_code == 302
    assert browser.get(response["Location"]).status_code == 200


def test_verify_does_not_redirect_off_site(client, editor):
    device = enrolled_device(editor)
    client.force_login(editor)

    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_a_recovery_code_works_once(client, moderator, required):
    enrolled_device(moderator)
    code = new_recovery_codes(user=moderator)[0]

    client.force_login(moderator)
    first = client.post(VERIFY_URL, {"code": code.upper(), "next": "/admin/"})
    assert first.status_code == 302
    assert client.get("/admin/").status_code == 200

    client.logout()
    client.force_login(moderator)
    second = client.post(VERIFY_URL, {"code": code})
    assert second.status_code == 200
    assert "That code is not valid, or it has already been used" in second.content.decode()
    assert client.get("/admin/").status_code == 302


def test_an_editor_without_a_device_reaches_the_admin(client, editor, required):
    client.force_login(editor)

    for url in ADMIN_URLS:
        assert client.get(url).status_code == 200, url


def test_with_the_setting_off_a_moderator_without_a_device_reaches_the_admin(client, moderator, settings):
    settings.HUB_REQUIRE_2FA = False
    client.force_login(moderator)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_the_account_page_offers_two_factor_authentication(client, editor):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_account")).content.decode()

    assert "Two-factor authentication" in html
    assert 'href="/admin/two-factor/"' in html


def test_an_editor_can_turn_two_factor_off_but_a_required_moderator_cannot(client, editor, moderator, required):
    for user in (editor, moderator):
        device = enrolled_device(user)
        client.force_login(user)
        client.post(VERIFY_URL, {"code": current_code(device)})
        assert client.get("/admin/two-factor/").status_code == 200
        client.post("/admin/two-factor/remove/")
        client.logout()

    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert TOTPDevice.objects.filter(user=moderator).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(ENROL_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_remove_two_factor_command_lets_a_user_who_lost_the_phone_enrol_again(client, moderator, required):
    enrolled_device(moderator)
    new_recovery_codes(user=moderator)

    call_command("remove_two_factor", moderator.username, stdout=io.StringIO())

    client.force_login(moderator)
    assert_redirected_to(client.get("/admin/"), ENROL_URL, "/admin/")


def test_a_password_alone_opens_no_private_file_outside_the_admin(client, moderator, required):
    private = Collection.objects.get(name=SUBMISSIONS_COLLECTION_NAME)
    document = get_document_model().objects.create(
        title="Data-sharing agreement",
        file=ContentFile(b"%PDF-1.4 agreement", name="agreement.pdf"),
        collection=private,
    )
    device = enrolled_device(moderator)
    client.force_login(moderator)
    served = client.get(document.url)
    assert served.status_code == 302 and "/login/" in served["Location"]
    assert client.get(document.file.url).status_code == 404

    assert client.post(VERIFY_URL, {"code": current_code(device), "next": "/admin/"}).status_code == 302
    assert client.get(document.url).status_code == 200
    assert client.get(document.file.url).status_code == 200
