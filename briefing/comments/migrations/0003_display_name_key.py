"""Display names compared as a reader sees them: a unique key instead of a lower() index."""

from django.db import migrations, models


def fill_keys(apps, schema_editor):
    from briefing.comments.name_characters import name_key

    Profile = apps.get_model("comments", "CitizenProfile")
    seen = set()
    for profile in Profile.objects.order_by("pk"):
        key = name_key(profile.display_name)
        if key in seen:  # two existing names that look alike: the later one keeps a marked key
            key = f"{key}#{profile.pk}"
        seen.add(key)
        profile.name_key = key
        profile.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderation_decisions")]

    operations = [
        migrations.RemoveConstraint(
            model_name="citizenprofile", name="comments_display_name_ci_unique"
        ),
        migrations.AddField(
            model_name="citizenprofile",
            name="name_key",
            field=models.CharField(editable=False, max_length=80, null=True),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="citizenprofile",
            name="name_key",
            field=models.CharField(editable=False, max_length=80, unique=True),
        ),
    ]
