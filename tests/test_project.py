"""The project's own health: system checks and migrations in step with the models."""

import io

from django.core.management import call_command

import pytest


@pytest.mark.django_db
def test_system_checks_are_clean():
    out = io.StringIO()
    call_command("check", fail_level="WARNING", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    # makemigrations --check exits non-zero (SystemExit) when a migration is missing.
    out = io.StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_refuse_to_start_without_a_secret_key(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("hub.settings.production", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("hub.settings.production")


def test_production_settings_forbid_demo_users(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    sys.modules.pop("hub.settings.production", None)
    production = importlib.import_module("hub.settings.production")
    assert production.HUB_ALLOW_DEMO_USERS is False
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_SECURE is True
