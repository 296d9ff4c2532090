"""Production settings: what an operator and a load balancer observe.

Values are read from hub/settings/production.py itself (loaded afresh with the
environment each test gives), so a test fails if that module loses them.
Whole-process behaviour (e-mail, `check --deploy`) runs in a subprocess.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "k" * 20 + "-production-settings-test-" + "q7Z" * 8
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": "hub.example.org",
    "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
}
# Warnings of `check --deploy` that README.md justifies under "Production".
JUSTIFIED_DEPLOY_WARNINGS = {"security.W005", "security.W021"}
SUBMITTER_NAME = "Amina Testperson"
SUBMITTER_EMAIL = "amina.testperson@example.net"
MODERATOR_EMAIL = "moderation-desk@example.org"


def _production_module(monkeypatch, **env):
    """hub.settings.production executed afresh under `env`, without replacing the loaded settings."""
    for name, value in {"SECRET_KEY": SECRET_KEY, **env}.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "hub.settings.production", ROOT / "hub" / "settings" / "production.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_under_production(code, **env):
    """Run Python code in a fresh process with production settings and `env`; no mail server variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("EMAIL_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **PRODUCTION_ENV, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_https(settings, monkeypatch):
    """The test settings with production's HTTPS redirect, its exemptions and proxy header."""
    production = _production_module(monkeypatch)
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT
    settings.SECURE_PROXY_SSL_HEADER = production.SECURE_PROXY_SSL_HEADER
    return production


@pytest.mark.django_db
def test_healthz_answers_over_plain_http_while_pages_redirect_to_https(client, production_https):
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"

    page = client.get("/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/"


@pytest.mark.django_db
def test_only_the_health_check_is_exempt_from_the_https_redirect(client, production_https):
    for path in ("/healthz/", "/healthz-old", "/admin/login/", "/api/v2/pages/", "/x/healthz"):
        assert client.get(path).status_code == 301, path
    # Behind the proxy, a request that came over HTTPS is served.
    assert client.get("/healthz", headers={"X-Forwarded-Proto": "https"}).status_code == 200


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "hub.email_backends.UnconfiguredEmailBackend"),
        ({"EMAIL_HOST": "smtp.example.org"}, "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_production_sends_by_smtp_only_when_a_mail_server_is_set(env, backend):
    result = _run_under_production(
        "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)", **env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


SEND_SUBMISSION_NOTICE = f"""
import django
django.setup()
from django.conf import settings
from django.core.mail import EmailMessage
sent = EmailMessage(
    subject="New entry submitted by {SUBMITTER_NAME}",
    body="{SUBMITTER_NAME} <{SUBMITTER_EMAIL}> of Example Research sent an entry.",
    to=["{MODERATOR_EMAIL}"],
    reply_to=["{SUBMITTER_NAME} <{SUBMITTER_EMAIL}>"],
).send()
print("backend", settings.EMAIL_BACKEND, "sent", sent)
"""


def test_production_without_a_mail_server_logs_no_submitter_name_or_address():
    result = _run_under_production(SEND_SUBMISSION_NOTICE)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "backend hub.email_backends.UnconfiguredEmailBackend sent 0" in output
    # The operator learns that mail is not going out, and nothing about whom it was for.
    assert "1 e-mail(s) to 1 recipient(s) not sent: no EMAIL_HOST is configured." in output
    for personal in (SUBMITTER_NAME, "Amina", SUBMITTER_EMAIL, "testperson", MODERATOR_EMAIL, "Example Research"):
        assert personal not in output


@pytest.mark.parametrize("backend", ["console", "filebased"])
def test_production_refuses_a_backend_that_writes_messages_out(backend):
    result = _run_under_production(
        "import django; django.setup()",
        EMAIL_BACKEND=f"django.core.mail.backends.{backend}.EmailBackend",
        EMAIL_FILE_PATH="/tmp/hub-mail-never-written",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "set EMAIL_HOST" in result.stderr


def test_check_deploy_warns_only_of_what_the_readme_justifies():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env={
            **{key: value for key, value in os.environ.items() if not key.startswith(("EMAIL_", "SECURE_"))},
            **PRODUCTION_ENV,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = set(re.findall(r"\(([\w.]+\.[WE]\d+)\)", output))
    assert warnings <= JUSTIFIED_DEPLOY_WARNINGS, output
    readme = (ROOT / "README.md").read_text()
    production_section = readme[readme.index("## Production") :]
    for warning_id in JUSTIFIED_DEPLOY_WARNINGS:
        assert warning_id in production_section
