"""A black-box probe of the site running as in production (issue 9, "Done when").

gunicorn serves `hub.settings.production` with the demo content, a draft, a
private page and a fresh public submission with a photo. The probe speaks
HTTP only, as an outsider would: security headers, the HTTPS redirect and
the plain-HTTP health check, login throttling, hostile inputs, and every
public channel searched for the draft, the private page and the submission
(its title, its image, its submitter's name and address).
"""

import json
import re
import secrets
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.factories import image_upload
from tests.servers import Database, Server, manage, server_env

HOST = "hub.example.org"
DRAFT = "Unreleased draft on mobile money flows"
PRIVATE = "Members-only briefing on call records"
SUBMITTED = "Satellite nowcasting of displacement in the Sahel"
SUBMITTER_NAME = "Probe Submitter"
SUBMITTER_EMAIL = "probe.submitter@example.net"
SECRETS = (DRAFT, PRIVATE, SUBMITTED, SUBMITTER_NAME, SUBMITTER_EMAIL)

SETUP = f"""
from wagtail.models import PageViewRestriction
from home.models import StandardPage
from directory.models import DirectoryIndexPage
home = StandardPage.objects.get(slug="about", locale__language_code="en").get_parent()
draft = home.add_child(instance=StandardPage(title={DRAFT!r}, slug="unreleased-draft", live=False))
draft.save_revision()
private = home.add_child(instance=StandardPage(title={PRIVATE!r}, slug="members-briefing"))
private.save_revision().publish()
PageViewRestriction.objects.create(page=private, restriction_type="password", password="a-long-pass-phrase")
from django.contrib.auth import get_user_model
get_user_model().objects.create_user("probe-moderator", "mod@example.org", "correct horse battery staple")
"""


class Probe:
    """HTTP as an outsider sends it, through the proxy that terminates TLS."""

    def __init__(self, base):
        self.base = base
        # The cookies are Secure: a cookie jar would not send them to the proxy's plain-HTTP hop.
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, *, data=None, https=True, headers=None, content_type=None):
        all_headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
        if content_type:
            all_headers["Content-Type"] = content_type
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(self.base + path, data=data, headers=all_headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return self._read(response, response.status)
        except urllib.error.HTTPError as error:
            return self._read(error, error.code)

    def _read(self, response, status):
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return status, dict(response.headers), response.read().decode("utf-8", "replace")

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post_form(self, path, fields, files=None):
        """A browser's POST: the CSRF cookie and token the form page gave, multipart when files go along."""
        status, _headers, html = self.get(path)
        assert status == 200, (path, status)
        fields = {**fields, "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]}
        token = re.search(r'name="form_token" value="([^"]*)"', html)
        if token:
            fields.setdefault("form_token", token[1])
        boundary = secrets.token_hex(16)
        body = b""
        for name, values in fields.items():
            for value in values if isinstance(values, list) else [values]:
                body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, (filename, content, mime) in (files or {}).items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {mime}\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        return self.request(
            path,
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
            headers={"Referer": f"https://{HOST}{path}", "Origin": f"https://{HOST}"},
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def production_site(tmp_path_factory, django_db_setup, django_db_blocker):
    workdir = tmp_path_factory.mktemp("production-site")
    database = Database("probe", workdir)
    env = server_env(
        database,
        workdir,
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        WAGTAILADMIN_BASE_URL=f"https://{HOST}",
        STATIC_ROOT=str(workdir / "static"),
        SERVE_MEDIA="1",
        HUB_LOGIN_FAILURE_LIMIT="3",
    )
    # The schema is the same whatever the settings: the copy of the migrated test database.
    database.prepare(django_db_blocker, env)
    try:
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "shell", "-c", SETUP)
        with Server(env, workdir, health_headers={"Host": HOST}) as server:
            yield Probe(server.url), workdir
    finally:
        database.drop()


@pytest.fixture(scope="module")
def submitted(production_site):
    probe, _workdir = production_site
    status, headers, _body = probe.post_form(
        "/directory/submit/",
        {
            "title": SUBMITTED,
            "summary": "Night-time lights estimate displacement after floods.",
            "organisations": "A Statistics Office",
            "status": "ongoing",
            "submitter_name": SUBMITTER_NAME,
            "submitter_email": SUBMITTER_EMAIL,
            "image_alt": "A flooded town seen from orbit",
        },
        files={"image": ("sahel.jpg", image_upload().read(), "image/jpeg")},
    )
    assert status == 302 and headers["Location"].endswith("/directory/submit/thanks/"), status
    return probe


def test_security_headers_on_public_pages_the_admin_and_the_api(production_site):
    probe, _workdir = production_site
    for path in ("/", "/directory/", "/api/v2/pages/", "/admin/login/"):
        status, headers, _body = probe.get(path)
        assert status == 200, path
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy and "base-uri 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        if not path.startswith("/admin/"):
            script_src = re.search(r"script-src ([^;]+)", policy)[1]
            assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src


def test_plain_http_is_redirected_except_the_health_check(production_site):
    probe, _workdir = production_site
    status, headers, _body = probe.get("/directory/", https=False)
    assert status == 301 and headers["Location"] == f"https://{HOST}/directory/"
    status, _headers, body = probe.get("/healthz", https=False)
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_repeated_wrong_passwords_lock_the_account_out(production_site):
    probe, _workdir = production_site
    statuses = [
        probe.post_form("/admin/login/", {"username": "probe-moderator", "password": f"wrong-{n}"})[0] for n in range(4)
    ]
    # HUB_LOGIN_FAILURE_LIMIT=3: the third failure locks the account out for this address.
    assert statuses == [200, 200, 429, 429]
    status, _headers, body = probe.post_form(
        "/admin/login/", {"username": "probe-moderator", "password": "correct horse battery staple"}
    )
    assert status == 429 and "Too many" in body


HOSTILE = [
    "/directory/?q=%00",
    "/directory/?page=999999999999999999999",
    "/directory/?year=abc&country=ZZZ&sort=%27;--",
    "/directory/?q=" + "a" * 10_000,
    "/search/?q=%00%ff",
    "/search/?q=" + "%E2%80%AE" * 200,
    "/events/?when=%00",
    "/members/?sector=<script>",
    "/api/v2/pages/?search=a&search_operator=xor",
    "/api/v2/pages/?fields=*&limit=-1",
    "/api/v2/pages/?offset=99999999999999999999",
    "/api/v2/pages/find/?html_path=%00",
    "/api/v2/images/?search=%00",
    "/directory/export.csv?year=%00",
    "/events/%00/event.ics",
    "/media/original_images/..%2f..%2fmanage.py",
    "/documents/999999/x.pdf",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_inputs_never_answer_5xx(production_site, path):
    probe, _workdir = production_site
    status, _headers, body = probe.get(path)
    assert status < 500, (path, status)
    assert "Traceback" not in body


def _channels(probe):
    """Everything the public can read, by name."""
    paths = {
        "home": "/",
        "directory": "/directory/",
        "directory search": "/directory/?" + urlencode({"q": "satellite nowcasting Sahel"}),
        "site search": "/search/?" + urlencode({"q": "satellite nowcasting Sahel"}),
        "site search draft": "/search/?" + urlencode({"q": "mobile money flows"}),
        "site search private": "/search/?" + urlencode({"q": "briefing call records"}),
        "sitemap": "/sitemap.xml",
        "rss": "/news/feed/",
        "atom": "/news/atom/",
        "ical": "/events/feed.ics",
        "csv": "/directory/export.csv",
        "json": "/directory/export.json",
        "api pages": "/api/v2/pages/?fields=*&limit=100",
        "api search": "/api/v2/pages/?" + urlencode({"search": "Sahel nowcasting", "fields": "*"}),
        "api images": "/api/v2/images/?limit=100&fields=*",
        "api image search": "/api/v2/images/?" + urlencode({"search": "Sahel"}),
        "entry": "/directory/satellite-nowcasting-of-displacement-in-the-sahel/",
        "draft": "/unreleased-draft/",
        "members": "/members/",
        "events": "/events/",
    }
    return {name: probe.get(path) for name, path in paths.items()}


def test_no_draft_private_page_or_submission_reaches_any_public_channel(submitted, production_site):
    _probe, workdir = production_site
    answers = _channels(submitted)
    for name, (status, _headers, body) in answers.items():
        assert status < 500, name
        for secret in SECRETS:
            assert secret not in body, (name, secret)
    assert answers["entry"][0] == 404 and answers["draft"][0] == 404
    # The submitted photo is stored, but no public URL serves it.
    originals = list((workdir / "media").rglob("original_images/submission-*"))
    assert len(originals) == 1
    for original in originals:
        relative = original.relative_to(workdir / "media").as_posix()
        assert submitted.get(f"/media/{relative}")[0] == 404, relative


def test_the_private_page_asks_for_its_password(production_site):
    probe, _workdir = production_site
    status, _headers, body = probe.get("/members-briefing/")
    assert status == 200 and PRIVATE not in body and 'name="password"' in body


def test_the_server_log_holds_no_submitter_details(submitted, production_site):
    _probe, workdir = production_site
    log = (workdir / "server.log").read_text()
    assert SUBMITTER_EMAIL not in log and SUBMITTER_NAME not in log
    assert "Traceback" not in log
