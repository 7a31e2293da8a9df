"""A second factor for the staff who publish, moderate and administer.

Who must use one (``needs_second_factor``): superusers and the members of
``STAFF_TWO_FACTOR_GROUPS`` (publishers, portal editors, moderators), whenever ``STAFF_TWO_FACTOR`` is on (by
default whenever DEBUG is off). Signing in with the password is the first step; until the session
is verified with a code from an authenticator app (TOTP) or a one-time recovery code, every page
but the second-factor pages and sign-out sends such an account there (middleware.py). Devices,
codes, replay protection and the back-off after wrong codes are django-otp's (a well-kept library
whose TOTP and throttling we should not write again); the pages around it are ours.
"""

from django.conf import settings


def needs_second_factor(user) -> bool:
    if not settings.STAFF_TWO_FACTOR or not user.is_authenticated or not user.is_staff:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.STAFF_TWO_FACTOR_GROUPS).exists()
