"""Replace citizens' login names in existing audit entries by the pseudonym audit.record now
writes ("citizen:<pk>"); staff names and automatic steps are left as they are.

The historical model's plain manager allows this one update; the app's own manager refuses every
change to an entry, as it should.
"""

from django.db import migrations
from django.db.models import Q


def pseudonymise(apps, schema_editor):
    AuditEntry = apps.get_model("moderation", "AuditEntry")
    by_citizens = AuditEntry.objects.filter(actor__isnull=False, actor__is_staff=False)
    for entry_id, actor_id in by_citizens.values_list("pk", "actor_id"):
        AuditEntry.objects.filter(pk=entry_id).update(actor_name=f"citizen:{actor_id}")
    # Appeals are only ever made by citizens; once the account is gone only its name was left.
    AuditEntry.objects.filter(
        Q(actor__isnull=True), action="appeal"
    ).exclude(actor_name__startswith="citizen").update(actor_name="citizen")


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_lift_suspension")]

    operations = [migrations.RunPython(pseudonymise, migrations.RunPython.noop)]
