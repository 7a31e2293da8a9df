"""The account's authenticator (a TOTP device) and its recovery codes (a static device)."""

import re

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up, made once so a reload shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def normalise_code(text: str) -> str:
    """What people type for "123 456" or "abcd-efgh": spaces, hyphens and case do not matter."""
    return re.sub(r"[\s\-]", "", text).lower()


def matching_device(user, code: str):
    """The confirmed device that accepts ``code`` (which it then never accepts again), or None."""
    kind = TOTPDevice if code.isdigit() else StaticDevice
    for device in kind.objects.filter(user=user, confirmed=True):
        with transaction.atomic():
            if device.verify_token(code):
                return device
    return None


def is_throttled(user) -> bool:
    """Wrong codes make django-otp wait 1, 2, 4… seconds before it checks another."""
    devices = [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]
    return any(not device.verify_is_allowed()[0] for device in devices)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes by fresh ones; the codes are shown only now."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def remove_devices(user) -> int:
    """Forget the account's authenticator and recovery codes; it enrols again at next sign-in."""
    devices = [TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)]
    removed = sum(queryset.count() for queryset in devices)
    for queryset in devices:
        queryset.delete()
    return removed
