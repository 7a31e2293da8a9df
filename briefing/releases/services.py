"""Multi-step writes on releases, each one keyword-only function: revisions and photo renditions.

Views, the admin and importers call these; nothing here hides in save() or in a signal.
"""

import difflib
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from briefing.releases.models import Release, Revision

TRANSLATED_FIELDS = ("title", "subtitle", "body", "footnote", "attribution", "withdrawal_notice")
PLAIN_FIELDS = ("slug", "status", "licence", "ministry_id")


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


def snapshot_of(release: Release) -> dict:
    """The release's own fields as JSON: what a revision keeps and a restore writes back."""
    data = {
        f"{field}_{code}": getattr(release, f"{field}_{code}") or ""
        for field in TRANSLATED_FIELDS
        for code in _language_codes()
    }
    data.update({field: getattr(release, field) for field in PLAIN_FIELDS})
    data["published_at"] = release.published_at.isoformat() if release.published_at else None
    return data


@transaction.atomic
def record_revision(release: Release, *, user=None, note: str = "", is_correction=False):
    """Keep a snapshot of the release as it now is in the database."""
    last = release.revisions.aggregate(last=Max("number"))["last"] or 0
    return Revision.objects.create(
        release=release,
        number=last + 1,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        note=note[:300],
        is_correction=is_correction,
        snapshot=snapshot_of(release),
    )


@transaction.atomic
def restore_revision(revision: Revision, *, user) -> Revision:
    """Write an earlier revision's text back and record the restore as a revision of its own."""
    release = Release.objects.select_for_update().get(pk=revision.release_id)
    for key, value in revision.snapshot.items():
        if key == "published_at":
            continue  # restoring text never moves a publication time
        if key in PLAIN_FIELDS and key != "ministry_id":
            continue  # nor a workflow state, slug or licence: those are decisions, not text
        setattr(release, key, value)
    release.version += 1
    release.save()
    return record_revision(release, user=user, note=f"r{revision.number} 복원 / restored")


@dataclass(frozen=True)
class FieldDiff:
    field: str
    html: str


def diff_revisions(older: Revision, newer: Revision) -> list[FieldDiff]:
    """A readable word-level diff of every field that changed between two revisions."""
    changes = []
    for key in sorted(set(older.snapshot) | set(newer.snapshot)):
        before, after = str(older.snapshot.get(key) or ""), str(newer.snapshot.get(key) or "")
        if before != after:
            changes.append(FieldDiff(key, _word_diff_html(before, after)))
    return changes


def _word_diff_html(before: str, after: str) -> str:
    old_words, new_words = before.split(" "), after.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece of text above is escaped


# --- Photo renditions --------------------------------------------------------------------------

#: name -> (width, height or None to keep the aspect ratio). og is the Open Graph card size.
RENDITIONS = {
    "thumb": (320, None),
    "w480": (480, None),
    "w800": (800, None),
    "w1200": (1200, None),
    "og": (1200, 630),
}
SRCSET_NAMES = ("w480", "w800", "w1200")


def generate_renditions(photo, *, force=False):
    """Resize the photo once for every use and remember where the copies are."""
    if photo.renditions and not force:
        return photo.renditions
    # Pillow loads on first use: the public pages never touch images, and the import costs every
    # web worker a few megabytes (bench/run.py's RSS figure).
    from PIL import Image, ImageOps

    storage = photo.image.storage
    with storage.open(photo.image.name, "rb") as handle, Image.open(handle) as original:
        original.load()
        source = ImageOps.exif_transpose(original).convert("RGB")
    stem = PurePosixPath(photo.image.name).stem
    _delete_rendition_files(photo)
    renditions = {}
    for name, (width, height) in RENDITIONS.items():
        image = _resized(source, width, height)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        target = f"releases/renditions/{photo.pk}/{stem}-{name}.jpg"
        storage.delete(target)  # a stale copy from an earlier load would get a suffixed twin
        path = storage.save(target, ContentFile(buffer.getvalue()))
        renditions[name] = {"path": path, "width": image.width, "height": image.height}
    photo.renditions = renditions
    type(photo).objects.filter(pk=photo.pk).update(renditions=renditions)
    return renditions


def _resized(source, width, height):
    from PIL import Image, ImageOps

    if height:
        return ImageOps.fit(source, (width, height), Image.Resampling.LANCZOS)
    if source.width <= width:
        return source.copy()
    ratio = width / source.width
    return source.resize((width, round(source.height * ratio)), Image.Resampling.LANCZOS)


def _delete_rendition_files(photo):
    for rendition in (photo.renditions or {}).values():
        photo.image.storage.delete(rendition["path"])


def delete_photo_files(photo):
    """The photo's file and all its renditions: nothing orphaned stays public."""
    _delete_rendition_files(photo)
    if photo.image:
        photo.image.storage.delete(photo.image.name)


def stamp_withdrawal(release: Release):
    """A release entering the withdrawn state remembers when it was withdrawn."""
    if release.status == Release.Status.WITHDRAWN and not release.withdrawn_at:
        release.withdrawn_at = timezone.now()
