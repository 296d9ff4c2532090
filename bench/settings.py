"""Benchmark settings: the embedded default (or DATABASE_URL), not debugging,
plus one extra URL serving a fixed 20 KB page as the yardstick."""

from hub.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
