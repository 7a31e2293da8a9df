"""python manage.py createstaff --role editor|publisher|portal-editor|moderator USERNAME
    [--ministry B00013 ...] [--name "홍 길동"] [--email E] [--password P]

Editors and publishers belong to at least one ministry (--ministry, repeatable, by code) and
handle only its releases; portal editors handle every ministry's.

Without --password the password is asked for twice (not echoed); --no-input then fails.
"""

import getpass

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from briefing.moderation.roles import ROLE_GROUPS, RoleError, create_staff


class Command(BaseCommand):
    help = "Create a staff account in one role: editor, publisher or moderator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=", ".join(sorted(ROLE_GROUPS)))
        parser.add_argument(
            "--ministry",
            action="append",
            default=[],
            dest="ministries",
            metavar="CODE",
            help="a ministry's code, e.g. B00013 (repeat for several)",
        )
        parser.add_argument("--name", default="", help="the full name the API shows as approver")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="omit to be prompted (safer: not in shell history)")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, username, role, email, password, interactive, **options):
        if password is None:
            password = self._ask_password(interactive)
        try:
            user = create_staff(
                role=role,
                username=username,
                password=password,
                email=email,
                ministries=options["ministries"],
                full_name=options["name"],
            )
        except RoleError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        codes = ", ".join(m.code for m in user.desk_ministries.order_by("code"))
        scope = f"; {codes}" if codes else ""
        self.stdout.write(f"Created {role.lower()} {user.get_username()!r} (staff{scope}).")

    def _ask_password(self, interactive):
        if not interactive:
            raise CommandError("--password is required with --no-input.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
