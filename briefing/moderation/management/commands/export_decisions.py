"""manage.py export_decisions: moderators' decided comments as JSON lines, for retraining."""

import json
import sys

from django.core.management import BaseCommand

from briefing.moderation.decisions import export_rows


class Command(BaseCommand):
    help = (
        "Write moderators' decided comments (text, rule, decision, day; no personal data) as "
        "JSON lines, the data retrain_rules learns from."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="a file to write (standard output by default)")

    def handle(self, *args, output=None, **options):
        rows = list(export_rows())
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(lines)
            self.stderr.write(f"{len(rows)} decided comments written to {output}.")
        else:
            sys.stdout.write(lines)
