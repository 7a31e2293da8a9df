"""manage.py send_measure_notices: the e-mails temporary measures owe as time passes."""

from django.core.management import BaseCommand

from briefing.moderation.lapses import send_due_notices


class Command(BaseCommand):
    help = (
        "Tell posters and rule-2 reporters of temporary measures that ran out, and moderators of "
        "those ending within three days. Safe to run as often as wanted (hourly from a scheduler): "
        "each notice is sent once, as the audit trail records."
    )

    def handle(self, *args, **options):
        sent = send_due_notices()
        self.stdout.write(
            f"{sent['lapsed']} lapsed measure(s) notified, {sent['reminded']} reminder(s) sent."
        )
