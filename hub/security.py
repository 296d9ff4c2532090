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

from dataclasses import asdict

from django.conf import settings
from django.urls import reverse

from csp.constants import HEADER, NONE, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy


def _admin_prefix():
    return reverse("wagtailadmin_home")


def _frame_ancestors(response):
    return [SELF] if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" else [NONE]


class HubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with a policy per audience: admin or public.

    Every response runs through it, pages served from the page cache too, and
    django-csp builds the header afresh each time (a deep copy of the policy,
    then the string): a quarter of what the fastest response costs. A response
    that neither a view's @csp decorator nor a nonce changes gets one of the
    few headers built once per process instead: the same string.
    """

    _CUSTOMISED = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")

    def __init__(self, get_response):
        super().__init__(get_response)
        self._headers = {}
        self._admin_path = None

    def _is_admin(self, request):
        if self._admin_path is None:
            self._admin_path = _admin_prefix()
        return request.path_info.startswith(self._admin_path)

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview by sending a dummy request for the
            # page's public URL through the whole middleware chain; the real
            # request to the admin's preview view sets the policy afterwards.
            return response
        plain = (
            not settings.DEBUG
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) or hasattr(response, name + "_ro") for name in self._CUSTOMISED)
        )
        if not plain:
            return super().process_response(request, response)
        policies = (id(settings.CONTENT_SECURITY_POLICY), id(settings.HUB_ADMIN_CONTENT_SECURITY_POLICY))
        audience = (self._is_admin(request), tuple(_frame_ancestors(response)), policies)
        header = self._headers.get(audience)
        if header is None:
            header = self._headers[audience] = build_policy(**asdict(self.get_policy_parts(request, response)))
        excluded = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
        if header and HEADER not in response and not request.path_info.startswith(tuple(excluded)):
            response[HEADER] = header
        # As django-csp does: a nonce asked for after this point cannot be in the header.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            # Report-only is not used here; a view's own @csp(...) decorator wins.
            return parts
        frame_ancestors = _frame_ancestors(response)
        if self._is_admin(request):
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
