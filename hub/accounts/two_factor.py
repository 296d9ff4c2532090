"""Who needs a second factor, enrolling a TOTP device, and one-time recovery codes."""

from base64 import b32encode
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

import segno
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

REQUIRED_GROUP = "Moderators"
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


class CodeCheck(NamedTuple):
    device: Device | None
    throttled: bool


def two_factor_required(user) -> bool:
    """Moderators approve what the public sees and superusers manage accounts: with
    HUB_REQUIRE_2FA on, a password alone is not enough for them."""
    if not getattr(settings, "HUB_REQUIRE_2FA", False) or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=REQUIRED_GROUP).exists()


def has_two_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_totp_device(*, user) -> TOTPDevice:
    """The device being enrolled: the same secret until it is confirmed, so that
    reloading the page does not invalidate what the app has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def confirm_totp_device(*, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Older unconfirmed attempts hold secrets nobody will use.
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def new_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; each works once."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check_code(*, user, code: str) -> CodeCheck:
    """Try `code` on the user's confirmed devices of the matching kind.

    Digits go to the authenticator app, anything else to the recovery codes,
    so a mistyped recovery code does not throttle the app and the other way round.
    """
    model = TOTPDevice if code.isdigit() else StaticDevice
    throttled = False
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                return CodeCheck(device, False)
    return CodeCheck(None, throttled)


def remove_two_factor(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def readable_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    # segno draws only paths from the otpauth URL; nothing in it is markup. A white
    # background keeps it scannable in the admin's dark theme.
    return mark_safe(
        segno.make(device.config_url, error="m").svg_inline(
            scale=5, border=2, dark="#000", light="#fff", title=_("QR code to scan with an authenticator app")
        )
    )  # noqa: S308
