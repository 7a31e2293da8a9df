"""The signal this app sends, and the receivers that keep files and rows in step."""

from pathlib import Path

from django.core.files import File
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from briefing.releases.identifiers import own_news_item_id
from briefing.releases.models import Attachment, Contact, Photo, Release, Revision, Statistic
from briefing.releases.page_parts import forget
from briefing.releases.revisions import delete_files_of_revision, file_in_use
from briefing.releases.search import refresh_derived_text
from briefing.releases.services import delete_photo_files, generate_renditions
from briefing.releases.text import clean_text_fields

SEED_MEDIA = Path(__file__).parent / "fixtures" / "seed_media"

#: A reader saw a published release's page (rendered, or served from a cache). kwargs: request,
#: release_id. The pageviews app counts it; this app does not know who listens.
release_viewed = Signal()
#: setup_demo has loaded the demo announcement (kwargs: release); each app that adds to the demo
#: returns the accounts it made, as (purpose, username, password) rows for the command to print.
demo_prepared = Signal()


@receiver(post_save, sender=Release, dispatch_uid="give_own_news_item_id")
def give_own_news_item_id(sender, instance, **kwargs):
    """A release made here (fixtures included) takes its public id from this instance's range
    the first time it is saved; an imported release arrives with its source's id."""
    if instance.news_item_id is None:
        instance.news_item_id = own_news_item_id(instance.pk)
        Release.objects.filter(pk=instance.pk).update(news_item_id=instance.news_item_id)


@receiver(post_save, sender=Photo, dispatch_uid="restore_fixture_media")
def restore_fixture_media(sender, instance, raw, **kwargs):
    """`loaddata seed` brings its photographs along: a fixture row names a file the media folder
    may not have yet (a fresh clone), so it is copied from the fixture's own media folder and
    its renditions are made, as an upload through the admin would have them."""
    if not raw or not instance.image:
        return
    storage = instance.image.storage
    source = SEED_MEDIA / instance.image.name
    if source.is_file() and not storage.exists(instance.image.name):
        with source.open("rb") as handle:
            storage.save(instance.image.name, File(handle))
    if storage.exists(instance.image.name):
        generate_renditions(instance, force=True)


@receiver(post_delete, sender=Photo, dispatch_uid="delete_photo_files")
def delete_photo_files_with_row(sender, instance, **kwargs):
    """A deleted photo takes its renditions with it, and its file unless a revision of the
    release still names it (so a restore can bring it back). A kept file is not public:
    media.py serves only files a row names."""
    keep = bool(instance.image) and file_in_use(instance.image.name, release_id=instance.release_id)
    delete_photo_files(instance, keep_image=keep)


@receiver(post_delete, sender=Attachment, dispatch_uid="delete_attachment_file")
def delete_attachment_file_with_row(sender, instance, **kwargs):
    """The same for an attachment's file: kept while a revision names it."""
    if instance.file and not file_in_use(instance.file.name, release_id=instance.release_id):
        instance.file.storage.delete(instance.file.name)


@receiver(post_delete, sender=Revision, dispatch_uid="delete_files_of_revision")
def delete_files_no_revision_names(sender, instance, **kwargs):
    """When the last revision naming a file goes (with its release, at the latest), so does the
    file, unless a row still names it."""
    delete_files_of_revision(instance)


@receiver(pre_save, dispatch_uid="clean_release_text_fields")
def clean_text_fields_on_save(sender, instance, raw, **kwargs):
    """Every text field of this app's models, cleaned of control characters (text.py)."""
    if sender._meta.app_label == "releases":
        clean_text_fields(instance)


@receiver(pre_save, sender=Release, dispatch_uid="refresh_search_text")
def refresh_search_text(sender, instance, raw, **kwargs):
    """Lists and search read stored plain-text columns instead of the HTML ones."""
    refresh_derived_text(instance)


def forget_stored_page_parts(sender, instance, origin=None, **kwargs):
    """A part of the release page changed: its stored copy (page_parts.py) is no longer used.
    Nothing to forget when the release itself is being deleted, its stored copy with it."""
    if isinstance(origin, Release) or getattr(origin, "model", None) is Release:
        return
    forget(instance.release_id)


for _part in (Photo, Statistic, Contact, Attachment, Revision):
    for _signal, _when in ((post_save, "save"), (post_delete, "delete")):
        _signal.connect(
            forget_stored_page_parts,
            sender=_part,
            dispatch_uid=f"forget-page-parts-{_part._meta.model_name}-{_when}",
        )
