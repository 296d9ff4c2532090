"""Local development: the embedded default with debugging on."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]
