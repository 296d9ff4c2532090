"""Security settings shared by every environment: the Content-Security-Policy
and Permissions-Policy of every response, and staff accounts (passwords,
sessions, login throttling, two-factor authentication). Imported by base.py."""

import os
from datetime import timedelta

from csp.constants import NONE, SELF, UNSAFE_INLINE

from .environment import env_bool

# Content-Security-Policy (django-csp, enforcing), chosen per response by
# hub.security.HubCSPMiddleware. Public pages run only the hub's own static
# scripts and styles: no inline script, no inline style, no eval. JSON-LD
# blocks need no nonce: browsers never execute a data block, so CSP does not
# apply to it. frame-ancestors is set per response from X-Frame-Options.
_MEDIA_ORIGINS = []
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        _MEDIA_ORIGINS = [f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"]
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        _MEDIA_ORIGINS = [os.environ["AWS_S3_ENDPOINT_URL"].rstrip("/")]
    else:
        _MEDIA_ORIGINS = [f"https://{os.environ['AWS_STORAGE_BUCKET_NAME']}.s3.amazonaws.com"]
        if os.environ.get("AWS_S3_REGION_NAME"):
            _MEDIA_ORIGINS.append(
                f"https://{os.environ['AWS_STORAGE_BUCKET_NAME']}.s3.{os.environ['AWS_S3_REGION_NAME']}.amazonaws.com"
            )
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *_MEDIA_ORIGINS],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin: the public policy plus only what Wagtail 8's own screens were
# seen to need in Chromium (tests/browser/test_csp.py), each with its reason.
HUB_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail 8 still writes inline <script> blocks without a nonce (the
        # date and time pickers, InlinePanel, MultipleChooserPanel, workflow
        # init) and its chooser modals insert the scripts of their HTML with
        # jQuery; a nonce would make browsers ignore 'unsafe-inline', so none.
        "script-src": [SELF, UNSAFE_INLINE],
        # Its JavaScript (Draftail, tooltips, the preview panel) adds <style>
        # elements and style attributes at run time.
        "style-src": [SELF, UNSAFE_INLINE],
    }
}
# The admin would otherwise fetch avatars from gravatar.com (sending a hash of
# each staff member's e-mail address) and check releases.wagtail.org on every
# dashboard visit: both third parties that the CSP keeps out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Features no page of the hub uses, off for every page and any frame in it.
HUB_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
}

# Staff accounts (hub.accounts; README, "Staff accounts").
# Sessions end after SESSION_COOKIE_AGE seconds (8 hours) even when "Remember me"
# is ticked; without it the cookie also ends with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
# A page restricted to logged-in users or groups sends visitors to the one sign-in
# the hub has, the admin's (Django's default, /accounts/login/, is no page here).
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# Login throttling (django-axes): after HUB_LOGIN_FAILURE_LIMIT wrong passwords
# for one account from one client address, that pair is refused with a 429
# page for HUB_LOGIN_COOLOFF_MINUTES (every further try restarts the pause).
# Counting the pair, not the account alone, means an attacker cannot lock a
# colleague out from elsewhere. The cool-off is at least a minute: axes locks
# out for good without one. Attempts are kept in the database, which all app
# servers share; the client address is read as for public submissions.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("HUB_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=max(1, int(os.environ.get("HUB_LOGIN_COOLOFF_MINUTES", "30"))))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "home.submissions.client_ip"
AXES_LOCKOUT_CALLABLE = "hub.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Failed attempts are enough; a row per successful login would be one more
# record of staff addresses to keep and purge.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# The admin's password reset form: e-mails per client address, and per e-mail
# address, per window (hub.accounts.password_reset).
HUB_PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("HUB_PASSWORD_RESET_RATE_LIMIT", "5"))
HUB_PASSWORD_RESET_EMAIL_LIMIT = int(os.environ.get("HUB_PASSWORD_RESET_EMAIL_LIMIT", "3"))
HUB_PASSWORD_RESET_RATE_WINDOW = int(os.environ.get("HUB_PASSWORD_RESET_RATE_WINDOW", "3600"))
# Two-factor authentication (django-otp): an authenticator app (TOTP) and
# one-time recovery codes. With HUB_REQUIRE_2FA on (production's default),
# Moderators and superusers must enrol before any admin page; editors may.
HUB_REQUIRE_2FA = env_bool("HUB_REQUIRE_2FA", False)
