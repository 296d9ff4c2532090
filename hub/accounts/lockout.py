"""The page django-axes answers with once an account is locked out for a client address."""

from django.template.response import TemplateResponse

from axes.helpers import get_cool_off


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response = TemplateResponse(request, "accounts/login_locked_out.html", {"cool_off_minutes": minutes}, status=429)
    # The same pause applies to every retry, so a client may as well wait before the next one.
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()
