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

    assert "파일 내용이 확장자와 맞아야 합니다" in refusal(response)
    assert not Attachment.objects.filter(release__slug=SLUG).exists()
    assert not Release.objects.filter(slug=SLUG).exists()


def package(*entries) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in entries:
            archive.writestr(name, "x")
    return buffer.getvalue()


PUBLISHABLE = [
    ("계획.docx", package("[Content_Types].xml", "word/document.xml"), "docx"),
    ("통계표.xlsx", package("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
    ("발표.pptx", package("[Content_Types].xml", "ppt/presentation.xml"), "pptx"),
    ("보도자료.hwpx", package("mimetype", "Contents/section0.xml"), "hwpx"),
    ("사진모음.zip", package("a.jpg"), "zip"),
    ("실적.csv", "기업,실적\n웰템,10\n".encode("cp949"), "csv"),
    ("현장.jpg", jpeg_bytes(), "jpg"),
]
REFUSED = [
    ("계획.docx", package("payload.exe")),  # a ZIP, but not a document
    ("계획.docx", b"MZ\x90\x00 not a document"),
    ("setup.exe", b"MZ\x90\x00"),
    ("실적.csv", b"\x00\x01\x02 binary"),
    ("현장.png", jpeg_bytes()),  # a JPEG named as a PNG
    ("report\u202efdp.exe", b"%PDF-1.4"),  # reads as "reportexe.pdf"
]


@pytest.mark.parametrize(("name", "content", "kind"), PUBLISHABLE)
def test_the_file_types_a_ministry_publishes_are_accepted_by_content(
    publisher_client, pps, name, content, kind
):
    """Office documents, tables, slides, archives, CSV and images, each checked inside."""
    data = release_post(pps)
    data["attachments-0-file"] = SimpleUploadedFile(name, content, "application/octet-stream")
    response = publisher_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    attachment = Attachment.objects.get(release__slug=SLUG)
    assert attachment.kind == kind
    assert attachment.name == name


@pytest.mark.parametrize(("name", "content"), REFUSED)
def test_other_types_mismatched_contents_and_direction_tricks_are_refused(
    publisher_client, pps, name, content
):
    """A clear error, and no release saved with a file it should not have."""
    data = release_post(pps)
    data["attachments-0-file"] = SimpleUploadedFile("upload.bin", content, "application/pdf")
    response = post_with_raw_filenames(publisher_client, data, {"upload.bin": name})
    assert response.status_code == 200
    assert not Release.objects.filter(slug=SLUG).exists()


def test_an_attachment_display_name_with_a_direction_override_is_refused(publisher_client, pps):
    """The name shown to readers cannot hide its extension either."""
    data = release_post(pps)
    data["attachments-0-name"] = "보도자료\u202efdp.exe"
    response = publisher_client.post(ADD_URL, data)
    assert "글자 방향을 바꾸는 문자" in response.content.decode()
    assert not Release.objects.filter(slug=SLUG).exists()


def test_a_photo_too_long_for_jpeg_is_refused_and_leaves_no_file(publisher_client, pps, settings):
    """A 70,000×1 strip passes the pixel count; it is refused with a message, nothing stored."""
    buffer = io.BytesIO()
    Image.new("RGB", (70_000, 1), "white").save(buffer, "PNG")
    data = release_post(pps)
    data["photos-0-image"] = SimpleUploadedFile("strip.png", buffer.getvalue(), "image/png")
    media = Path(settings.MEDIA_ROOT)
    before = sorted(media.rglob("*"))

    response = publisher_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "16,384픽셀을 넘을 수 없습니다" in response.content.decode()
    assert not Photo.objects.filter(release__slug=SLUG).exists()
    assert sorted(media.rglob("*")) == before
