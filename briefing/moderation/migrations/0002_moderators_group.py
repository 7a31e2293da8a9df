"""The Moderators role as a group: comments, reports, suspensions and the audit trail; no releases.

Moderators may record a rule-13 agency request but not read one back (view_agencyrequest stays
with superusers), and may delete nothing: a decision is a status and an audit entry, never a
deleted row.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = {
    "comments": [
        "view_comment",
        "change_comment",
        "view_report",
        "change_report",
        "view_suspension",
        "add_suspension",
        "change_suspension",
        "view_citizenprofile",
        "view_appeal",
    ],
    "moderation": ["view_auditentry", "add_agencyrequest", "moderate_comment"],
}


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codenames in MODERATOR_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("comments", "0002_moderation_decisions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
