"""Receivers that make cached feed pages stale when what they show changes (see cache.py)."""

from django.db.models.signals import post_delete, post_save

from briefing.opendata.cache import bump_generation
from briefing.opendata.models import ImportedAttachmentLink, ImportRecord
from briefing.releases.models import Attachment, Contact, Ministry, Photo, Release

SHOWN_IN_FEED = (
    Release,
    Photo,
    Contact,
    Attachment,
    Ministry,
    ImportRecord,
    ImportedAttachmentLink,
)


def feed_content_changed(sender, **kwargs):
    bump_generation()


def connect():
    for model in SHOWN_IN_FEED:
        uid = f"opendata_feed_{model._meta.label_lower}"
        post_save.connect(feed_content_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(feed_content_changed, sender=model, dispatch_uid=uid + "_delete")
