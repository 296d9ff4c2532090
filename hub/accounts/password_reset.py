"""The admin's password reset form, limited per client address and per e-mail address.

Unthrottled, anyone could make the hub send an unbounded number of e-mails to
any address (and through its mail server's reputation). Past the per-address
limit the form answers 429; past the per-e-mail limit it shows the usual
neutral "if the address exists we sent a mail" page and sends nothing, so the
limit reveals nothing about whether the account exists.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from wagtail.admin.views.account import PasswordResetView

from home.caching import CacheUnavailable
from home.submissions import client_ip

logger = logging.getLogger(__name__)

# While the shared cache is down, count in this process rather than answer 500
# or drop the limit: the limit then holds per worker, which still bounds mail.
_fallback = LocMemCache("hub-password-reset-fallback", {})


def _count(key: str, window: int) -> int:
    """Add one to the counter at `key`, which starts when first counted and lasts `window` seconds."""
    try:
        return _count_in(cache, key, window)
    except CacheUnavailable:
        logger.warning("The shared cache is down: password resets are limited per process.")
        return _count_in(_fallback, key, window)


def _count_in(store, key, window):
    if store.add(key, 1, timeout=window):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=window)
        return 1


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        window = settings.HUB_PASSWORD_RESET_RATE_WINDOW
        if _count(f"hub:password-reset:ip:{client_ip(self.request)}", window) > settings.HUB_PASSWORD_RESET_RATE_LIMIT:
            return TemplateResponse(self.request, "accounts/password_reset_throttled.html", {}, status=429)
        # Hashed, so the cache holds no e-mail addresses.
        digest = hashlib.sha256(form.cleaned_data["email"].strip().lower().encode()).hexdigest()
        if _count(f"hub:password-reset:email:{digest}", window) > settings.HUB_PASSWORD_RESET_EMAIL_LIMIT:
            return redirect(self.get_success_url())
        return super().form_valid(form)
