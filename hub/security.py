"""Security headers that Django does not set by itself.

Content-Security-Policy comes from django-csp; the subclass below only picks
which of two policies a response gets. The public policy
(CONTENT_SECURITY_POLICY) covers every page a visitor sees. The admin policy
(HUB_ADMIN_CONTENT_SECURITY_POLICY) covers everything under the admin's URL,
previews included (Wagtail renders its preview error page and block previews
with admin templates), and carries the few relaxations Wagtail's own screens
need, so they never widen what a public page may run.

frame-ancestors follows X-Frame-Options, which Django's XFrameOptionsMiddleware
and Wagtail's preview views have already set by the time this middleware sees
the response: DENY everywhere except the previews the page editor shows in an
iframe (SAMEORIGIN). One decision, two headers that cannot disagree.
"""

from django.conf import settings
from django.urls import reverse

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts


def _admin_prefix():
    return reverse("wagtailadmin_home")


def _frame_ancestors(response):
    return [SELF] if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" else [NONE]


class HubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with a policy per audience: admin or public."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview by sending a dummy request for the
            # page's public URL through the whole middleware chain; the real
            # request to the admin's preview view sets the policy afterwards.
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            # Report-only is not used here; a view's own @csp(...) decorator wins.
            return parts
        frame_ancestors = _frame_ancestors(response)
        if request.path_info.startswith(_admin_prefix()):
            parts.config = dict(settings.HUB_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        parts.replace = {"frame-ancestors": frame_ancestors, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Sets Permissions-Policy from HUB_PERMISSIONS_POLICY: feature -> allowlist.

    An empty allowlist, `feature=()`, turns the feature off for the page and
    every frame in it; the hub uses no camera, microphone, location or payment.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowlist)})" for feature, allowlist in settings.HUB_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
