"""manage.py evaluate: the posting rules measured on labelled comments (briefing/rules/evaluate.py)."""

from django.core.management import BaseCommand, CommandError

from briefing.rules import evaluate


class Command(BaseCommand):
    help = (
        "Precision and recall per rule on our labelled portal comments, and the share of each "
        "label stopped on the public corpora (UnSmile, kocohub)."
    )

    def add_arguments(self, parser):
        evaluate.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            self.stdout.write(evaluate.run_with(**options))
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
