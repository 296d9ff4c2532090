"""The admin's password reset form, limited per client address and per e-mail address.

Unthrottled, anyone could make the hub send an unbounded number of e-mails to
any address (and through its mail server's reputation). Past the per-address
limit the form answers 429; past the per-e-mail limit it shows the usual
neutral "if the address exists we sent a mail" page and sends nothing, so the
limit reveals nothing about whether the account exists.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from wagtail.admin.views.account import PasswordResetView

from home.submissions import client_ip


def _count(key: str, window: int) -> int:
    """Add one to the counter at `key`, which starts when first counted and lasts `window` seconds."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
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
