"""Uploads through the admin: names and contents are untrusted, and refusals are clean."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image

from briefing.releases.models import Attachment, Photo, Release
from tests.releases.test_admin import ADD_URL, jpeg_bytes, release_post

from .conftest import client_for, make_staff

SLUG = "innovation-procurement-1-trillion"
# The pixel bomb is meant to trip Pillow's alarm; the test checks that it is refused.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


@pytest.fixture
def publisher_client(seed):
    return client_for(make_staff("publisher", "Publishers"))


@pytest.fixture
def pps(seed):
    from briefing.releases.models import Ministry

    return Ministry.objects.get(code="B00013")


def post_with_raw_filenames(client, data, renames):
    """Post multipart data whose file names are exactly as given (the test client would strip
    directories from a name, as a browser does; an attacker's tool does not)."""
    body = encode_multipart(BOUNDARY, data)
    for safe, raw in renames.items():
        body = body.replace(f'filename="{safe}"'.encode(), f'filename="{raw}"'.encode())
    return client.generic("POST", ADD_URL, body, content_type=MULTIPART_CONTENT)


def refusal(response) -> str:
    assert response.status_code == 200, "the form should come back with an error"
    return response.content.decode()


@pytest.mark.parametrize(
    "raw_name", ["../../etc/passwd.jpg", "..\\..\\windows\\win.ini.jpg", "/etc/passwd.jpg"]
)
def test_a_path_traversal_photo_name_is_stored_inside_the_upload_folder(
    publisher_client, pps, settings, raw_name
):
    """Directories in a file name are dropped: the photo lands under releases/photos/."""
    data = release_post(pps)
    data["photos-0-image"] = SimpleUploadedFile("passwd.jpg", jpeg_bytes(), "image/jpeg")

    response = post_with_raw_filenames(publisher_client, data, {"passwd.jpg": raw_name})

    assert response.status_code == 302
    stored = Photo.objects.get(release__slug=SLUG).image
    assert stored.name.startswith("releases/photos/") and ".." not in stored.name
    assert Path(stored.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_a_path_traversal_attachment_name_is_stored_inside_the_upload_folder(
    publisher_client, pps, settings
):
    """The same holds for attachments."""
    data = release_post(pps)
    data["attachments-0-file"] = SimpleUploadedFile("evil.pdf", b"%PDF-1.7\n", "application/pdf")

    response = post_with_raw_filenames(publisher_client, data, {"evil.pdf": "../../../evil.pdf"})

    assert response.status_code == 302
    stored = Attachment.objects.get(release__slug=SLUG).file
    assert stored.name.startswith("releases/attachments/") and ".." not in stored.name
    assert Path(stored.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def png_bytes(size):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("photo.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg"),
            "올바른 이미지를 업로드하세요",
        ),
        (
            SimpleUploadedFile("photo.png", b"%PDF-1.7\n" + b"0" * 1000, "image/png"),
            "올바른 이미지를 업로드하세요",
        ),
        (SimpleUploadedFile("bomb.png", png_bytes((10_000, 10_000)), "image/png"), "화소 수"),
        (
            # A real JPEG followed by 11 MB: readable as an image, refused for its size.
            SimpleUploadedFile("huge.jpg", jpeg_bytes() + bytes(11 * 1024 * 1024), "image/jpeg"),
            "10MB",
        ),
    ],
    ids=["script-named-jpg", "pdf-named-png", "decompression-bomb", "11-megabytes"],
)
def test_bad_photos_are_refused_with_a_message_and_nothing_is_saved(
    publisher_client, pps, upload, message
):
    """Non-images, pixel bombs and oversized files come back as form errors, never a 500."""
    photos = Photo.objects.count()

    response = publisher_client.post(ADD_URL, release_post(pps, **{"photos-0-image": upload}))

    assert message in refusal(response)
    assert not Release.objects.filter(slug=SLUG).exists()
    assert Photo.objects.count() == photos


def test_an_executable_named_as_a_pdf_is_refused(publisher_client, pps):
    """Attachments are judged by their first bytes, not their name."""
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")

    response = publisher_client.post(ADD_URL, release_post(pps, **{"attachments-0-file": fake}))

    assert "HWP, HWPX, PDF 파일만 올릴 수 있습니다" in refusal(response)
    assert not Attachment.objects.filter(release__slug=SLUG).exists()
    assert not Release.objects.filter(slug=SLUG).exists()
