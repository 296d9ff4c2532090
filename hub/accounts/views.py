"""Two-factor screens in the Wagtail admin's sign-in layout."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import require_admin_access

from django_otp import login as otp_login

from . import two_factor
from .forms import CodeForm


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _show_recovery_codes(request, codes):
    return TemplateResponse(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@require_admin_access
def overview(request):
    """The account menu's entry: the state of the user's second factor and what to do with it."""
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("hub_two_factor_enrol")
    if not user.is_verified():
        return redirect("hub_two_factor_verify")
    return TemplateResponse(
        request,
        "accounts/two_factor.html",
        {
            "remaining_codes": two_factor.remaining_recovery_codes(user),
            "can_remove": not two_factor.two_factor_required(user),
        },
    )


@require_admin_access
def enrol(request):
    user = request.user
    if two_factor.has_two_factor(user):
        return redirect("hub_two_factor" if user.is_verified() else "hub_two_factor_verify")
    device = two_factor.pending_totp_device(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if two_factor.confirm_totp_device(device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            return _show_recovery_codes(request, two_factor.new_recovery_codes(user=user))
        form.add_error(
            "code",
            _("That code does not match. Type the 6 digits your app shows now; check that the phone's clock is right."),
        )
    return TemplateResponse(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.readable_secret(device),
            "required": two_factor.two_factor_required(user),
            "next": _next_url(request),
        },
    )


@require_admin_access
def verify(request):
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("hub_two_factor_enrol")
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        check = two_factor.check_code(user=user, code=form.cleaned_data["code"])
        if check.device is not None:
            otp_login(request, check.device)
            return redirect(_next_url(request))
        if check.throttled:
            form.add_error("code", _("Too many wrong codes in a row. Wait a minute, then try again."))
        else:
            form.add_error("code", _("That code is not valid, or it has already been used."))
    return TemplateResponse(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@require_admin_access
@require_POST
def recovery_codes(request):
    if not (two_factor.has_two_factor(request.user) and request.user.is_verified()):
        return redirect("hub_two_factor_verify")
    return _show_recovery_codes(request, two_factor.new_recovery_codes(user=request.user))


@require_admin_access
@require_POST
def remove(request):
    user = request.user
    if not (two_factor.has_two_factor(user) and user.is_verified()):
        return redirect("hub_two_factor_verify")
    if two_factor.two_factor_required(user):
        messages.error(request, _("Your role requires two-factor authentication: it cannot be turned off."))
        return redirect("hub_two_factor")
    two_factor.remove_two_factor(user=user)
    messages.success(request, _("Two-factor authentication is off for your account."))
    return redirect("wagtailadmin_account")
