"""Forget a staff member's lost authenticator and recovery codes; they set up a new one at their
next sign-in (after signing in with their password, as always)."""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from briefing.two_factor.devices import remove_devices

logger = logging.getLogger("briefing.two_factor")


class Command(BaseCommand):
    help = "Remove an account's authenticator and recovery codes so it can set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the login name of the staff member")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        removed = remove_devices(user)
        # Resets are rare and sensitive: the log keeps one line (the account number, no name).
        logger.warning("Second factor reset for account %s (%d devices).", user.pk, removed)
        self.stdout.write(
            f"Removed {removed} device(s) of {username}; they set up a new authenticator at "
            "their next sign-in."
        )
