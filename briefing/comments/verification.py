"""Confirming a citizen's e-mail address before their first comment, and the account e-mails.

The link carries a token from Django's PasswordResetTokenGenerator pattern (HMAC of the account's
state and a timestamp, no table): its hash covers the address and ``email_verified_at``, so a link
stops working once used or once the address changes, and after PASSWORD_RESET_TIMEOUT.
Links are absolute and built from SITE_URL (briefing/site.py), never from the request's Host.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from briefing.comments.models import CitizenProfile
from briefing.site import absolute_url


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "briefing.comments.verification.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        profile = getattr(user, "citizen_profile", None)
        verified_at = profile.email_verified_at if profile else None
        return f"{user.pk}{user.email}{verified_at}{timestamp}"


email_verification_tokens = EmailVerificationTokenGenerator()
logger = logging.getLogger(__name__)


def needs_verification(user) -> bool:
    profile = getattr(user, "citizen_profile", None)
    return profile is not None and not profile.is_verified


def send_verification_email(user) -> bool:
    """Mail the link that confirms ``user``'s address, in the language of the current request;
    False when the mail server failed (the account stands, and the link can be sent again)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_tokens.make_token(user)
    context = {
        "site_name": settings.SITE_NAME,
        "link": absolute_url(reverse("verify_email", args=[uid, token])),
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = render_to_string("registration/verify_email_subject.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            render_to_string("registration/verify_email_email.txt", context),
            None,  # DEFAULT_FROM_EMAIL
            [user.email],
        )
    except Exception as error:  # noqa: BLE001 - any mail failure: the citizen can ask again
        logger.warning("A confirmation e-mail could not be sent (%s).", type(error).__name__)
        return False
    return True


def user_for_link(uidb64, token):
    """The account a verification link belongs to, or None if the link is wrong or stale."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = get_user_model().objects.select_related("citizen_profile").get(pk=pk)
    except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
        return None
    if not needs_verification(user) or not email_verification_tokens.check_token(user, token):
        return None
    return user


def mark_verified(user, now=None) -> None:
    CitizenProfile.objects.filter(user=user, email_verified_at__isnull=True).update(
        email_verified_at=now or timezone.now()
    )
