"""The portal-wide editors' group, and publication times that tell the truth.

Until now a release's publication time defaulted to the moment its form was opened, so drafts
carried a time nobody chose: drafts and requests for review lose it (they have not been
published). What was published keeps its time, and the approval time starts equal to it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import F

EDITOR_CODENAMES = [
    f"{action}_{model}"
    for model in ("release", "photo", "statistic", "contact", "attachment")
    for action in ("add", "change", "view")
] + ["delete_photo", "delete_statistic", "delete_contact", "delete_attachment", "view_ministry", "view_revision"]  # fmt: skip
PORTAL_EDITOR_CODENAMES = [*EDITOR_CODENAMES, "handle_all_ministries"]


def forward(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Portal editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="releases", codename__in=PORTAL_EDITOR_CODENAMES
        )
    )
    Release = apps.get_model("releases", "Release")
    Release.objects.filter(status__in=("draft", "review")).update(published_at=None)
    Release.objects.exclude(status__in=("draft", "review")).update(approved_at=F("published_at"))


def backward(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Portal editors").delete()


class Migration(migrations.Migration):
    dependencies = [("releases", "0009_publication_record_and_ministry_desks")]

    operations = [migrations.RunPython(forward, backward)]
