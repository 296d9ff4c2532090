"""Security headers a browser receives: an enforcing Content-Security-Policy,
strict for the public site and only as loose as Wagtail needs in the admin,
framing rules that agree with X-Frame-Options, and a Permissions-Policy."""

import os
import subprocess
import sys

from django.urls import reverse

import pytest

from tests.factories import entry_page
from tests.html import soup_of
from tests.utils import editor_form_data

# One site tree for the whole module (tests/conftest.py): no test here needs the database without it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_site_tree")]

PUBLIC_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_of(response):
    """The Content-Security-Policy header as {directive: [sources]}; only one may be sent."""
    assert "Content-Security-Policy-Report-Only" not in response
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice in {header}"
        directives[name] = sources
    return directives


def assert_public_policy(response):
    policy = policy_of(response)
    for directive, sources in PUBLIC_DIRECTIVES.items():
        assert sorted(policy[directive]) == sorted(sources), (directive, policy)
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert response["X-Frame-Options"] == "DENY"


def assert_permissions_policy(response):
    features = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "interest-cohort", "browsing-topics"):
        assert features[feature] == "()"


@pytest.fixture
def entry(site_tree):
    return entry_page(site_tree["directory_index"], title="Mobile phone data after the earthquake", slug="quake")


def test_public_page_has_a_strict_enforcing_policy(client, entry):
    response = client.get("/directory/quake/")
    assert response.status_code == 200
    assert_public_policy(response)
    assert_permissions_policy(response)


def test_public_page_holds_no_inline_script_style_or_handler_the_policy_would_block(client, entry, site_tree):
    for path in ("/", "/directory/quake/", "/directory/", "/search/?q=phone"):
        response = client.get(path)
        assert response.status_code == 200
        soup = soup_of(response)
        for script in soup.find_all("script"):
            # JSON-LD is a data block: browsers do not execute it, so CSP leaves it alone.
            assert script.get("src") or script.get("type") == "application/ld+json", (path, str(script)[:200])
        assert soup.find_all("style") == [], path
        assert soup.select("[style]") == [], path
        handlers = [(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]
        assert handlers == [], path
        # A data: URI in a link or image would be blocked by img-src 'self'.
        assert not soup.select('[href^="data:"], [src^="data:"]'), path


def test_not_found_page_has_the_public_policy(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_public_policy(response)
    assert_permissions_policy(response)


def test_api_has_the_public_policy(client, entry):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert_public_policy(response)
    assert_permissions_policy(response)


def test_a_cached_page_keeps_the_headers(client, entry, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    client.get("/directory/quake/")
    response = client.get("/directory/quake/")
    assert response["X-Page-Cache"] == "hit"
    assert_public_policy(response)
    assert_permissions_policy(response)


def test_admin_login_has_the_admin_policy_and_may_not_be_framed(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = policy_of(response)
    # Only Wagtail's own inline scripts and styles are allowed, never eval or other origins.
    assert sorted(policy["script-src"]) == ["'self'", "'unsafe-inline'"]
    assert sorted(policy["style-src"]) == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert_permissions_policy(response)


def test_admin_preview_may_be_framed_by_the_admin_only(client, superuser, site_tree):
    about = site_tree["home"].add_child(instance=_standard_page())
    client.force_login(superuser)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[about.pk])
    # As the editor's preview panel does: post the form, then load the preview in the iframe.
    data = editor_form_data(client, reverse("wagtailadmin_pages:edit", args=[about.pk]), title="About us, in preview")
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url + "?in_preview_panel=true")
    assert response.status_code == 200
    assert b"About us, in preview" in response.content
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = policy_of(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_admin_pages_load_no_gravatar_and_do_not_check_for_wagtail_releases(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"gravatar.com" not in response.content
    # The upgrade notice is what would fetch releases.wagtail.org from the browser.
    assert b'data-controller="w-upgrade' not in response.content


@pytest.mark.parametrize(
    ("env", "origins"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.org"}, ["https://media.example.org"]),
        ({"AWS_S3_ENDPOINT_URL": "https://s3.example.net/"}, ["https://s3.example.net"]),
        (
            {"AWS_S3_REGION_NAME": "eu-west-1"},
            ["https://hub-media.s3.amazonaws.com", "https://hub-media.s3.eu-west-1.amazonaws.com"],
        ),
    ],
)
def test_images_from_the_s3_bucket_are_allowed_by_the_public_policy(env, origins):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    clean = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "hub.settings.test", "AWS_STORAGE_BUCKET_NAME": "hub-media", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["'self'", *origins]


def _standard_page():
    from home.models import StandardPage

    return StandardPage(title="About the alliance", slug="about", intro="Who we are.")
