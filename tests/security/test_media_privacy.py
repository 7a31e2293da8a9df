"""Files of drafts, embargoed and withdrawn releases are not public; names cannot be guessed."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from briefing.releases.models import Attachment, Photo, Release
from briefing.releases.services import generate_renditions

from .conftest import client_for, make_staff


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def release_with_files(seed):
    """A release with a photo (and its renditions) and a PDF, in whatever state a test sets."""
    release = Release.objects.create(
        title_ko="엠바고 보도자료",
        slug="embargoed",
        ministry=seed.ministry,
        body_ko="<p>본문</p>",
        status=Release.Status.DRAFT,
    )
    photo = Photo(release=release, caption_ko="▶ 사진", alt_text_ko="사진")
    photo.image.save("현장사진_최종.jpg", ContentFile(jpeg()), save=True)
    generate_renditions(photo)
    attachment = Attachment(release=release, name="보도자료_최종.pdf", kind="pdf")
    attachment.file.save("보도자료_최종.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return release, photo, attachment


def media_urls(photo, attachment) -> list[str]:
    photo.refresh_from_db()
    return [photo.image.url, attachment.file.url] + [
        "/media/" + rendition["path"] for rendition in photo.renditions.values()
    ]


def set_state(release, status, published_at=None):
    release.status = status
    release.published_at = published_at or timezone.now() - timedelta(minutes=1)
    release.save()


def test_a_drafts_files_are_not_public_but_staff_see_them(release_with_files):
    """Anonymous readers get 404 for every file of a draft; an editor gets each of them."""
    release, photo, attachment = release_with_files
    editor = make_staff("editor-kim", group="Editors")

    for url in media_urls(photo, attachment):
        assert Client().get(url).status_code == 404, url
        staff = client_for(editor).get(url)
        assert staff.status_code == 200, url
        assert "no-store" in staff["Cache-Control"]


def test_an_embargoed_releases_files_appear_the_second_the_embargo_lifts(release_with_files):
    """Scheduled for later: 404 until the publication time, public from then on."""
    release, photo, attachment = release_with_files
    publish_at = timezone.now() + timedelta(hours=2)
    set_state(release, Release.Status.SCHEDULED, publish_at)
    urls = media_urls(photo, attachment)

    assert all(Client().get(url).status_code == 404 for url in urls)
    with mock.patch("django.utils.timezone.now", return_value=publish_at + timedelta(seconds=1)):
        answers = [Client().get(url) for url in urls]
    assert all(answer.status_code == 200 for answer in answers)
    assert all("public" in answer["Cache-Control"] for answer in answers)


def test_a_withdrawn_releases_files_stop_being_served(release_with_files):
    """Published, then withdrawn: the files go with it."""
    release, photo, attachment = release_with_files
    set_state(release, Release.Status.PUBLISHED)
    urls = media_urls(photo, attachment)
    assert all(Client().get(url).status_code == 200 for url in urls)

    release.status = Release.Status.WITHDRAWN
    release.save()

    assert all(Client().get(url).status_code == 404 for url in urls)


def test_stored_names_cannot_be_guessed_from_the_uploaded_ones(release_with_files):
    """The original name is kept for the download's file name, not in the path."""
    _release, photo, attachment = release_with_files
    assert "현장사진" not in photo.image.name and "최종" not in attachment.file.name
    assert photo.image.name.endswith(".jpg") and attachment.file.name.endswith(".pdf")
    assert len(photo.image.name.rsplit("/", 1)[-1]) >= 24


@pytest.mark.parametrize(
    "path",
    ["../briefing/settings.py", "releases/photos/nothing.jpg", "releases/renditions/1/x.jpg", ""],
)
def test_paths_no_release_owns_are_not_found(seed, path):
    """Unknown files, traversal attempts and stray renditions answer 404."""
    assert Client().get("/media/" + path).status_code == 404


def test_behind_nginx_django_decides_and_nginx_sends_the_bytes(release_with_files, settings):
    """MEDIA_SENDFILE=nginx answers with X-Accel-Redirect into the internal location."""
    settings.MEDIA_SENDFILE = "nginx"
    release, photo, _attachment = release_with_files
    set_state(release, Release.Status.PUBLISHED)

    response = Client().get(photo.image.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + photo.image.name
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"


def test_the_seed_announcements_photos_are_public(seed):
    """A published release's photos are served to anyone."""
    photo = seed.photos.first()
    response = Client().get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
