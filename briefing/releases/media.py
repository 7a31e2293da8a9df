"""Uploaded files are served only while a reader may see the release they belong to.

Every file under MEDIA_ROOT is a release's photo, one of a photo's resized copies, or an
attachment. ``/media/<path>`` finds the release the path belongs to and answers only if the
release is public now (published, or scheduled and past its embargo) or the reader is staff
allowed to change releases; anything else (a draft's photo, an embargoed attachment, a withdrawn
release's file, a path no row names) is a 404, the same answer as for a file that does not exist,
so nothing is learned by guessing. Stored names are random (uploads.photo_upload_to and
attachment_upload_to), so paths cannot be guessed from the original file names either.

Django decides; the bytes may be sent by the web server in front. With ``MEDIA_SENDFILE=nginx``
the answer is an empty response with ``X-Accel-Redirect: <MEDIA_INTERNAL_URL><path>``, which
nginx serves from an ``internal`` location (README, deployment); with ``MEDIA_SENDFILE=apache``
it is ``X-Sendfile: <absolute path>``. Without it Django streams the file itself.
"""

import mimetypes

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from briefing.releases.models import Attachment, Photo, Release

RENDITIONS_DIR = "releases/renditions/"
PUBLIC_SECONDS = 300


def release_of(path: str) -> int | None:
    """The id of the release a stored file belongs to, or None for a path no row names."""
    if path.startswith(RENDITIONS_DIR):
        photo_id = path[len(RENDITIONS_DIR) :].split("/", 1)[0]
        if not photo_id.isdigit():
            return None
        photo = Photo.objects.filter(pk=int(photo_id)).values("release_id", "renditions").first()
        renditions = (photo or {}).get("renditions") or {}
        if any(item.get("path") == path for item in renditions.values()):
            return photo["release_id"]
        return None
    for model, field in ((Photo, "image"), (Attachment, "file")):
        release_id = model.objects.filter(**{field: path}).values_list("release_id", flat=True)
        found = release_id.first()
        if found is not None:
            return found
    return None


def may_see(user, release_id: int) -> bool:
    if user.is_authenticated and user.has_perm("releases.change_release"):
        return True
    return Release.objects.published().filter(pk=release_id).exists()


@require_safe
def serve_media(request, path):
    release_id = release_of(path)
    if release_id is None or not may_see(request.user, release_id):
        raise Http404("no such file")
    if not default_storage.exists(path):
        raise Http404("no such file")
    response = _send(path)
    if Release.objects.published().filter(pk=release_id).exists():
        # Public while the release is: short enough that a withdrawal is soon felt downstream.
        patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _send(path: str):
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    mode = settings.MEDIA_SENDFILE
    if mode == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_INTERNAL_URL + path
        return response
    if mode == "apache":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = default_storage.path(path)
        return response
    return FileResponse(default_storage.open(path, "rb"), content_type=content_type)
