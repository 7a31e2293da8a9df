"""Checks and clean-up for files staff upload: photos and attachments.

A file's name says nothing about what it is, so both checks look at the content. Photos are
re-encoded: that is what drops GPS and all other EXIF metadata (a privacy promise of the site) and
what turns a camera's orientation tag into real pixels, since the tag is dropped with the rest.
"""

import io
import secrets
from pathlib import PurePath, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # about 8000×5000: a large camera frame, far from a pixel bomb
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# Magic numbers: HWP 5 is an OLE compound file, HWPX a ZIP package, PDF starts with %PDF.
ATTACHMENT_SIGNATURES = {
    "hwp": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "hwpx": b"PK\x03\x04",
    "pdf": b"%PDF-",
}


def clean_photo(upload):
    """Return the upload re-encoded without metadata, or raise ValidationError saying why."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("사진 파일은 10MB를 넘을 수 없습니다."), code="photo_too_large")
    from PIL import ImageOps

    image = _open_image(upload)
    fmt = image.format
    return _reencode(ImageOps.exif_transpose(image), fmt, upload.name)


def _open_image(upload):
    # Pillow loads on first use: the public pages never touch images, and the import costs every
    # web worker a few megabytes (bench/run.py's RSS figure).
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            fmt = probe.format
            if fmt not in PHOTO_FORMATS:
                raise ValidationError(
                    _("JPEG, PNG, WebP 형식의 사진만 올릴 수 있습니다."), code="photo_format"
                )
            if probe.width * probe.height > MAX_PHOTO_PIXELS:
                raise ValidationError(
                    _("사진의 화소 수가 너무 많습니다(최대 4천만 화소)."), code="photo_pixels"
                )
            probe.load()
            image = probe.copy()
            image.format = fmt
            return image
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("이미지 파일이 아니거나 손상된 파일입니다."), code="photo_invalid"
        ) from error


def _reencode(image, fmt, original_name):
    from PIL import Image

    buffer = io.BytesIO()
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # No exif= argument: Pillow then writes no EXIF block at all, GPS included.
    image.save(buffer, format=fmt, quality=88, optimize=True)
    name = f"{PurePath(original_name).stem[:80]}.{PHOTO_FORMATS[fmt]}"
    return InMemoryUploadedFile(
        buffer, "image", name, Image.MIME[fmt], buffer.getbuffer().nbytes, None
    )


def attachment_kind(upload):
    """The attachment's type judged by its content and its name, or a ValidationError."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("첨부파일은 50MB를 넘을 수 없습니다."), code="attachment_too_large")
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    signature = ATTACHMENT_SIGNATURES.get(extension)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if signature is None or not head.startswith(signature):
        raise ValidationError(
            _("HWP, HWPX, PDF 파일만 올릴 수 있습니다(파일 내용으로 확인합니다)."),
            code="attachment_type",
        )
    return extension


# --- where uploads are stored ------------------------------------------------------------------
# Random names: a path built from the original file name ("보도자료_최종.pdf") could be guessed,
# and a file must not be reachable before its release is (briefing/releases/media.py decides).


def _random_name(folder: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}{suffix}"


def photo_upload_to(instance, filename) -> str:
    return _random_name("releases/photos", filename)


def attachment_upload_to(instance, filename) -> str:
    return _random_name("releases/attachments", filename)
