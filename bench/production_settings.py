"""The load test's settings: production exactly, plus the minimal 20 KB view
(bench/urls.py) it is measured against in the same run."""

from hub.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
