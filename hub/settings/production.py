"""Production: the base settings, tightened. Secrets must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_BACKEND, STORAGES, env_bool

DEBUG = False
HUB_ALLOW_DEMO_USERS = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer probes the health check over plain HTTP, without TLS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# Off unless the domain's owner opts in: they bind every subdomain, and the
# preload list for years (see README, Production).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Moderators and superusers enrol a second factor before using the admin.
HUB_REQUIRE_2FA = env_bool("HUB_REQUIRE_2FA", True)

# Without a mail server, e-mail is dropped and only counted in the log: the
# console backend of the embedded default would print submitters' names and
# addresses into the server log. A backend that writes messages out whole is
# refused for the same reason.
if not os.environ.get("EMAIL_BACKEND") and not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "hub.email_backends.UnconfiguredEmailBackend"
if EMAIL_BACKEND in {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND={EMAIL_BACKEND} would write submitters' names and e-mail addresses "
        "into the server's output; set EMAIL_HOST (SMTP) or another sending backend in production."
    )

# Hashed, compressed static files served by whitenoise.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
