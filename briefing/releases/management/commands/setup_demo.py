"""Prepares a local demo: the announcement, and accounts whose passwords it prints.

Only for a developer's machine: it refuses to run with DEBUG off, so a production database never
gets accounts with printed passwords.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError, call_command

from briefing.releases.models import Release
from briefing.releases.signals import demo_prepared

DEMO_ACCOUNTS = [
    # username, password, is_staff, is_superuser, what it is for
    ("staff", "briefing-staff-demo", True, True, "staff (admin: every release, every setting)"),
]


class Command(BaseCommand):
    help = "Load the seed announcement (once) and create the demo accounts, printing them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("setup_demo is for local development only (set DEBUG=1).")
        release = Release.objects.filter(slug="pps-overseas-procurement-record-2024").first()
        if release is None:
            call_command("loaddata", "seed", verbosity=0)
            release = Release.objects.get(slug="pps-overseas-procurement-record-2024")
            self.stdout.write("Loaded the 2024-02-21 Public Procurement Service announcement.")
        self.stdout.write("Demo accounts (local demo only):")
        for username, password, is_staff, is_superuser, purpose in DEMO_ACCOUNTS:
            self._ensure_account(username, password, is_staff, is_superuser)
            self.stdout.write(f"  {purpose:<50} {username} / {password}")
        # The demo's other roles and content come from the apps that own them, in the order
        # of INSTALLED_APPS (citizens and their comments before the moderators' queue).
        for _receiver, accounts in demo_prepared.send(sender=Release, release=release):
            for purpose, username, password in accounts:
                self.stdout.write(f"  {purpose:<50} {username} / {password}")
        self.stdout.write(
            "Site: http://127.0.0.1:8000/ko/briefing/press-releases/ (admin: /admin/, moderation: /ko/moderation/)"
        )

    def _ensure_account(self, username, password, is_staff, is_superuser):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff, user.is_superuser = is_staff, is_superuser
        user.set_password(password)
        user.save()
        return user
