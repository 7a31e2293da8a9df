"""The editorial roles as groups: least privilege, created with the database."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ("release", "photo", "statistic", "contact", "attachment")
EDITOR_CODENAMES = [
    f"{action}_{model}" for model in CONTENT_MODELS for action in ("add", "change", "view")
] + ["delete_photo", "delete_statistic", "delete_contact", "delete_attachment", "view_ministry", "view_revision"]
PUBLISHER_CODENAMES = EDITOR_CODENAMES + ["publish_release", "delete_release"]
GROUPS = {"Editors": EDITOR_CODENAMES, "Publishers": PUBLISHER_CODENAMES}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="releases", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0002_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
