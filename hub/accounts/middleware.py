"""Keeps staff who owe a second factor out of every admin URL, pages and JSON alike."""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import has_two_factor, two_factor_required

# Admin URLs a signed-in user reaches before the second factor: signing in and
# out, resetting a password, the admin's JavaScript translations, and the
# two-factor screens themselves (which check the user's state on their own).
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "hub_admin_password_reset",
    "hub_two_factor",
    "hub_two_factor_enrol",
    "hub_two_factor_verify",
    "hub_two_factor_recovery_codes",
    "hub_two_factor_remove",
}


def redirect_with_next(url_name, request):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: a user with a device who signed in with a
    password only is sent to verify a code; a user who must have a device and has
    none is sent to enrol. Either way, no admin view runs until then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name in OPEN_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            # Outside the admin, staff who owe a factor are visitors: a password
            # alone must not open private documents, submitted files or previews.
            if has_two_factor(user) or two_factor_required(user):
                request.user = AnonymousUser()
            return None
        if has_two_factor(user):
            return redirect_with_next("hub_two_factor_verify", request)
        if two_factor_required(user):
            return redirect_with_next("hub_two_factor_enrol", request)
        return None
