"""Checks and clean-up for files staff upload: photos and attachments.

A file's name says nothing about what it is, so both checks look at the content. Photos are
re-encoded: that is what drops GPS and all other EXIF metadata (a privacy promise of the site) and
what turns a camera's orientation tag into real pixels, since the tag is dropped with the rest.
"""

import io
import secrets
import unicodedata
import zipfile
from pathlib import PurePath, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # about 8000×5000: a large camera frame, far from a pixel bomb
MAX_PHOTO_SIDE = 16_384
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# What a ministry publishes, and how each is recognised by its content (a name says nothing):
# HWP 5 is an OLE compound file; HWPX, DOCX, XLSX and PPTX are ZIP packages told apart by the
# entries inside; PDF, JPEG and PNG by their first bytes; CSV is text.
ATTACHMENT_SIGNATURES = {
    "hwp": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "hwpx": b"PK\x03\x04",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "pptx": b"PK\x03\x04",
    "zip": b"PK\x03\x04",
    "pdf": b"%PDF-",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
    "csv": b"",
}
#: The entry a package of each kind must contain (HWPX: Contents/, DOCX: word/…).
PACKAGE_MARKERS = {"hwpx": "Contents/", "docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
MAX_NAME_LENGTH = 200


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
            if max(probe.width, probe.height) > MAX_PHOTO_SIDE:
                # A 70000×1 strip passes the pixel count, and JPEG cannot hold a side over 65,500.
                raise ValidationError(
                    _("사진의 가로와 세로는 %(limit)s픽셀을 넘을 수 없습니다.")
                    % {"limit": f"{MAX_PHOTO_SIDE:,}"},
                    code="photo_side",
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
    clean_attachment_name(upload.name)
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    kind = kind_of_name(upload.name)
    if kind is None or not _content_is(extension, upload):
        raise ValidationError(
            _(
                "HWP, HWPX, PDF, DOCX, XLSX, PPTX, ZIP, CSV, JPG, PNG 파일만 올릴 수 있고, "
                "파일 내용이 확장자와 맞아야 합니다."
            ),
            code="attachment_type",
        )
    return kind


def kind_of_name(name: str) -> str | None:
    """The attachment type a file name claims (its extension), or None for one not published
    here. Only a claim: attachment_kind checks the content before anything is stored."""
    extension = PurePath(str(name or "")).suffix.lower().lstrip(".")
    if extension not in ATTACHMENT_SIGNATURES:
        return None
    return "jpg" if extension == "jpeg" else extension


def clean_attachment_name(name: str) -> str:
    """A file name readers can trust: no control or direction characters (report\u202efdp.exe
    would read as report…exe.pdf), and not too long."""
    name = str(name or "").strip()
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise ValidationError(
            _("파일 이름에 보이지 않는 문자나 글자 방향을 바꾸는 문자를 쓸 수 없습니다."),
            code="attachment_name",
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("파일 이름은 %(limit)d자까지 쓸 수 있습니다.") % {"limit": MAX_NAME_LENGTH},
            code="attachment_name",
        )
    return name


def _content_is(extension: str, upload) -> bool:
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if extension == "csv":
        return b"\x00" not in head and _decodes(head)
    if not head.startswith(ATTACHMENT_SIGNATURES[extension]):
        return False
    marker = PACKAGE_MARKERS.get(extension)
    if marker is None and extension != "zip":
        return True
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return extension == "zip" or any(entry.startswith(marker) for entry in names)


def _decodes(head: bytes) -> bool:
    """Text in UTF-8 or CP949 (a character may be cut at the end of the 4 KB read)."""
    for text in (head, head[:-3]):
        for encoding in ("utf-8-sig", "cp949"):
            try:
                text.decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


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
