"""Receivers that keep files and rows in step."""

from pathlib import Path

from django.core.files import File
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from briefing.releases.models import Attachment, Photo

SEED_MEDIA = Path(__file__).parent / "fixtures" / "seed_media"


@receiver(post_save, sender=Photo, dispatch_uid="restore_fixture_media")
def restore_fixture_media(sender, instance, raw, **kwargs):
    """`loaddata seed` brings its photographs along: a fixture row names a file the media folder
    may not have yet (a fresh clone), so it is copied from the fixture's own media folder."""
    if not raw or not instance.image:
        return
    storage = instance.image.storage
    source = SEED_MEDIA / instance.image.name
    if source.is_file() and not storage.exists(instance.image.name):
        with source.open("rb") as handle:
            storage.save(instance.image.name, File(handle))


@receiver(post_delete, sender=Photo, dispatch_uid="delete_photo_file")
@receiver(post_delete, sender=Attachment, dispatch_uid="delete_attachment_file")
def delete_stored_file(sender, instance, **kwargs):
    """A deleted photo or attachment takes its file with it: nothing orphaned stays public."""
    field = instance.image if sender is Photo else instance.file
    if field:
        field.storage.delete(field.name)
