from django.conf import settings


def client_ip(request) -> str:
    """The client's address; behind a trusted proxy, the last hop it recorded."""
    if getattr(settings, "HUB_TRUST_X_FORWARDED_FOR", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "unknown")
