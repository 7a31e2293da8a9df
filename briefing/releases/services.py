"""Multi-step writes on releases, each one keyword-only function: revisions and photo renditions.

Views, the admin and importers call these; nothing here hides in save() or in a signal. The
revisions themselves live in revisions.py; their entry points are named here too, where the
importer and older callers look for them.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.utils import timezone

from briefing.releases.models import Release
from briefing.releases.revisions import (  # noqa: F401 - this module's public names
    diff_revisions,
    record_revision,
    restore_revision,
    snapshot_of,
)

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


def delete_photo_files(photo, *, keep_image=False):
    """The photo's file and all its renditions: nothing orphaned stays public. keep_image keeps
    the photo itself (a revision still names it); renditions can always be made again."""
    _delete_rendition_files(photo)
    if photo.image and not keep_image:
        photo.image.storage.delete(photo.image.name)


def stamp_withdrawal(release: Release):
    """A release entering the withdrawn state remembers when it was withdrawn."""
    if release.status == Release.Status.WITHDRAWN and not release.withdrawn_at:
        release.withdrawn_at = timezone.now()
