"""Test runs: the base settings, only made faster."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".test-media"))
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Serve static files straight from the apps: no collectstatic before a test run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests read each response's template context, which a cached page has not
# got; tests/test_page_cache.py turns the page cache on for itself.
HUB_PAGE_CACHE_SECONDS = 0
# Shared by a test process and the browser tests' gunicorn workers it starts;
# one per pytest-xdist worker, so parallel runs do not empty each other's caches.
HUB_CONTENT_VERSION_FILE = Path(
    os.environ.get(
        "HUB_CONTENT_VERSION_FILE",
        BASE_DIR / "var" / f"test-content-version-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}",
    )
)
# django-axes refuses authenticate() calls without a request, and the test
# client's login() makes exactly those; tests/test_login_throttling.py turns it
# back on and signs in through the admin's form.
AXES_ENABLED = False
# Whatever the environment says: tests/test_two_factor.py turns it on where it tests it.
HUB_REQUIRE_2FA = False
