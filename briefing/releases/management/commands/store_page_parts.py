"""Store the page parts of every release that has no current copy (releases/page_parts.py).

Not needed for correctness: a page without a current copy reads its parts' tables and stores
one. It spares the first reader of each release that work after a bulk load, so that a crawler
walking the archive once finds every page as fast as the second reader would.
"""

from django.core.management.base import BaseCommand

from briefing.releases.page_parts import store_all


class Command(BaseCommand):
    help = "Store the release pages' parts with each release that has no current copy."

    def handle(self, *args, **options):
        count = store_all()
        if options["verbosity"]:
            self.stdout.write(f"Checked the stored page parts of {count:,} releases.")
