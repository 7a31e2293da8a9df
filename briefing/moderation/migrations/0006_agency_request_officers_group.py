"""Rule 13 is recorded by officers named for it, not by every moderator: the Agency request
officers group moderates and may record agency requests; the Moderators group no longer adds
them. Superusers keep every permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "Agency request officers"
OFFICER_PERMISSIONS = ["moderate_comment", "record_agency_request", "add_agencyrequest"]


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderation = Permission.objects.filter(content_type__app_label="moderation")
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(*moderation.filter(codename__in=OFFICER_PERMISSIONS))
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(*moderation.filter(codename="add_agencyrequest"))


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=OFFICERS).delete()
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="moderation", codename="add_agencyrequest"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0005_temporary_measure_lifecycle")]

    operations = [migrations.RunPython(create_group, remove_group)]
