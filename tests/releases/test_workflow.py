"""The editorial desk: states and who may set them, embargo, revisions, locking, preview, images."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from briefing.releases.models import Ministry, Photo, Release

INLINE_PREFIXES = ("photos", "statistics", "contacts", "attachments")


#: The roles that handle releases of their own ministries only (briefing/releases/desks.py).
PRESS_OFFICES = ("Editors", "Publishers")


def make_user(username, group=None, *, ministries=("B00013",), **extra):
    user = get_user_model().objects.create_user(
        username, password="pw-" + username * 2, is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if group in PRESS_OFFICES:
        # Press officers work for a ministry: the seed announcement's, 조달청, unless told.
        user.desk_ministries.set(Ministry.objects.filter(code__in=ministries))
    return user


def form_data(release=None, **overrides):
    """What the change form posts for a release without inline rows."""
    release = release or Release()
    data = {
        "title_ko": release.title_ko or "예약 보도자료",
        "title_en": release.title_en or "",
        "subtitle_ko": release.subtitle_ko or "",
        "subtitle_en": "",
        "slug": release.slug or "scheduled-release",
        "ministry": release.ministry_id or Ministry.objects.get(code="B00013").pk,
        "status": release.status or "draft",
        "published_at_0": timezone.localtime(release.published_at or timezone.now()).strftime(
            "%Y-%m-%d"
        ),
        "published_at_1": timezone.localtime(release.published_at or timezone.now()).strftime(
            "%H:%M:%S"
        ),
        "withdrawal_notice_ko": release.withdrawal_notice_ko or "",
        "withdrawal_notice_en": "",
        "body_ko": release.body_ko or "<p>본문입니다.</p>",
        "body_en": release.body_en or "",
        "footnote_ko": "",
        "footnote_en": "",
        "attribution_ko": "",
        "attribution_en": "",
        "licence": "1",
        "change_note": "",
        "expected_version": release.version if release.pk else "",
        "news_item_id": "",
    }
    for prefix in INLINE_PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def editor(seed):
    return make_user("editor", "Editors")


@pytest.fixture
def publisher(seed):
    return make_user("publisher", "Publishers")


@pytest.fixture
def draft(seed):
    return Release.objects.create(
        title_ko="예약 보도자료", slug="scheduled-release", ministry=seed.ministry,
        body_ko="<p>본문입니다.</p>", status="draft",
    )  # fmt: skip


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def test_editor_can_submit_for_review_but_not_publish(client, editor, draft):
    """An editor is offered only 작성 중 and 검토 요청; a forged 게시 is refused with a reason
    and the release stays unpublished."""
    client.force_login(editor)
    page = client.get(change_url(draft)).content.decode()
    assert 'value="review"' in page and 'value="published"' not in page
    response = client.post(change_url(draft), form_data(draft, status="published"))
    assert "이 보도자료를 그 상태로 바꿀 수 없습니다" in response.content.decode()
    assert Release.objects.get(pk=draft.pk).status == "draft"
    response = client.post(change_url(draft), form_data(draft, status="review"))
    assert response.status_code == 302
    assert Release.objects.get(pk=draft.pk).status == "review"


def test_editor_cannot_change_a_published_release(client, editor, seed):
    """A live page changes only through someone who may publish: the editor gets read-only."""
    client.force_login(editor)
    page = client.get(change_url(seed)).content.decode()
    assert 'name="title_ko"' not in page
    assert (
        client.post(change_url(seed), form_data(seed, title_ko="몰래 고친 제목")).status_code == 403
    )


def test_publisher_schedules_a_release_for_a_future_time(client, publisher, draft):
    """A publisher sets a publish-at time; a time in the past is refused with a message."""
    client.force_login(publisher)
    past = timezone.localtime() - timedelta(hours=1)
    response = client.post(change_url(draft), form_data(draft, status="scheduled",
                           published_at_0=past.strftime("%Y-%m-%d"), published_at_1=past.strftime("%H:%M:%S")))  # fmt: skip
    assert "게시 예약 시각은 지금보다 뒤여야" in response.content.decode()
    future = timezone.localtime() + timedelta(days=1)
    response = client.post(change_url(draft), form_data(draft, status="scheduled",
                           published_at_0=future.strftime("%Y-%m-%d"), published_at_1=future.strftime("%H:%M:%S")))  # fmt: skip
    assert response.status_code == 302
    assert Release.objects.get(pk=draft.pk).status == "scheduled"


def test_embargo_lifts_at_the_second_without_any_job(client, draft):
    """A scheduled release is invisible one second before its time and public one second after."""
    publish_at = timezone.now() + timedelta(hours=2)
    Release.objects.filter(pk=draft.pk).update(status="scheduled", published_at=publish_at)
    detail = reverse("releases:detail", kwargs={"slug": draft.slug})
    listing = reverse("releases:list")
    with mock.patch("django.utils.timezone.now", return_value=publish_at - timedelta(seconds=1)):
        assert not Release.objects.published().filter(pk=draft.pk).exists()
        assert client.get(detail).status_code == 404
        assert "예약 보도자료" not in client.get(listing).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=publish_at + timedelta(seconds=1)):
        assert Release.objects.published().filter(pk=draft.pk).exists()
        assert client.get(detail).status_code == 200
        assert "예약 보도자료" in client.get(listing).content.decode()


def test_withdrawal_needs_a_public_notice_and_keeps_the_url_alive(client, publisher, seed):
    """Withdrawing asks for a notice; the release's URL then shows it instead of a 404."""
    client.force_login(publisher)
    response = client.post(change_url(seed), form_data(seed, status="withdrawn"))
    assert "철회 안내문" in response.content.decode()
    notice = "사실관계 확인을 위해 게시를 철회합니다."
    response = client.post(
        change_url(seed), form_data(seed, status="withdrawn", withdrawal_notice_ko=notice)
    )
    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.withdrawn_at is not None
    assert not Release.objects.published().filter(pk=seed.pk).exists()
    assert Release.objects.viewable().filter(pk=seed.pk).exists()


def test_every_save_keeps_a_revision_that_can_be_compared_and_restored(client, publisher, seed):
    """Two saves make two revisions; the diff shows the change; restoring brings the old text back."""
    client.force_login(publisher)
    original_title = seed.title_ko
    client.post(change_url(seed), form_data(seed, change_note="첫 저장"))
    seed.refresh_from_db()
    client.post(
        change_url(seed),
        form_data(seed, title_ko="수정된 제목입니다", change_note="제목 정정", is_correction="on"),
    )
    seed.refresh_from_db()
    assert seed.title_ko == "수정된 제목입니다"
    assert [r.note for r in seed.revisions.all()] == ["제목 정정", "첫 저장"]
    assert seed.corrections[0].note == "제목 정정"
    page = client.get(reverse("admin:releases_release_revisions", args=[seed.pk])).content.decode()
    assert "<ins>수정된 제목입니다</ins>" in page or "<ins>수정된" in page
    assert "<del>" in page
    restore = reverse("admin:releases_release_restore", args=[seed.pk, 1])
    assert client.post(restore).status_code == 200  # no one-click restore: confirm first
    seed.refresh_from_db()
    assert seed.title_ko == "수정된 제목입니다"
    confirmation = client.get(restore).context
    client.post(restore, {"expected_version": confirmation["release"].version})
    seed.refresh_from_db()
    assert seed.title_ko == original_title
    assert seed.revisions.count() == 3


def test_saving_over_a_colleagues_newer_save_is_refused(client, publisher, seed):
    """Optimistic locking: the second of two editors who opened version N cannot overwrite N+1."""
    other = make_user("other", "Publishers", first_name="영희")
    client.force_login(other)
    stale = form_data(seed)  # both opened the same version
    assert (
        client.post(change_url(seed), form_data(seed, title_ko="먼저 저장한 제목")).status_code
        == 302
    )
    client.force_login(publisher)
    response = client.post(change_url(seed), {**stale, "title_ko": "나중에 저장한 제목"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "먼저 저장했습니다" in page and "영희" in page
    seed.refresh_from_db()
    assert seed.title_ko == "먼저 저장한 제목"


def test_second_editor_is_told_who_else_is_editing(client, publisher, seed):
    """Opening a release someone else has open shows their name."""
    other = make_user("other", "Publishers", first_name="철수")
    client.force_login(other)
    client.get(change_url(seed))
    client.force_login(publisher)
    page = client.get(change_url(seed)).content.decode()
    assert "철수님이" in page and "편집하고 있습니다" in page


def test_preview_shows_a_draft_to_staff_only_never_cached_or_indexed(client, publisher, draft):
    """Staff see the draft as the public page will render it; citizens are turned away."""
    url = reverse("admin:releases_release_preview", args=[draft.pk])
    citizen = get_user_model().objects.create_user("citizen", password="pw-citizen-123")
    client.force_login(citizen)
    assert client.get(url).status_code == 302
    client.force_login(publisher)
    response = client.get(url, {"lang": "ko"})
    assert response.status_code == 200
    assert "예약 보도자료" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_admin_list_shows_and_filters_releases_without_english(client, publisher, seed, draft):
    """The translation status column and filter find releases that lack English."""
    client.force_login(publisher)
    url = reverse("admin:releases_release_changelist")
    missing = client.get(url, {"english": "missing"}).content.decode()
    assert "예약 보도자료" in missing and "‘한국 수출 지도’" not in missing
    present = client.get(url, {"english": "present"}).content.decode()
    assert "‘한국 수출 지도’" in present


def png_bytes(size):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def test_decompression_bomb_is_refused_before_it_is_decoded():
    """A small PNG that decodes to 100 megapixels is refused with a clear message."""
    from django.core.exceptions import ValidationError

    from briefing.releases.uploads import clean_photo

    bomb = SimpleUploadedFile("bomb.png", png_bytes((10_000, 10_000)), "image/png")
    assert bomb.size < 100_000
    with pytest.raises(ValidationError) as error:
        clean_photo(bomb)
    assert error.value.code == "photo_pixels"


def test_oversized_photo_file_is_refused():
    """A file over 10 MB is refused before Pillow reads it."""
    from django.core.exceptions import ValidationError

    from briefing.releases.uploads import clean_photo

    huge = SimpleUploadedFile("huge.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024), "image/jpeg")
    with pytest.raises(ValidationError) as error:
        clean_photo(huge)
    assert error.value.code == "photo_too_large"


def test_exif_orientation_is_applied_before_the_metadata_is_dropped():
    """A portrait photo tagged 'rotate 90' is stored upright, without the tag."""
    from briefing.releases.uploads import clean_photo

    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(buffer, "JPEG", exif=exif)
    cleaned = clean_photo(SimpleUploadedFile("tilted.jpg", buffer.getvalue(), "image/jpeg"))
    with Image.open(cleaned) as stored:
        assert stored.size == (200, 400)
        assert not stored.getexif()


def test_renditions_are_made_once_and_deleted_with_the_photo(seed, settings):
    """Loading the seed makes each photo's sizes; deleting a photo removes every file."""
    from pathlib import Path

    photo = seed.photos.first()
    assert set(photo.renditions) == {"thumb", "w480", "w800", "w1200", "og"}
    assert photo.renditions["og"]["width"] == 1200 and photo.renditions["og"]["height"] == 630
    assert "480w" in photo.srcset and "1200w" in photo.srcset
    files = [Path(settings.MEDIA_ROOT) / r["path"] for r in photo.renditions.values()]
    files.append(Path(photo.image.path))
    assert all(path.is_file() for path in files)
    Photo.objects.get(pk=photo.pk).delete()
    assert not any(path.exists() for path in files)


def test_a_withdrawn_release_shows_its_notice_at_its_url_and_nowhere_else(client, seed):
    """The URL stays alive with the notice; the list and the feed no longer carry the release."""
    Release.objects.filter(pk=seed.pk).update(
        status="withdrawn", withdrawal_notice_ko="사실관계 확인을 위해 게시를 철회합니다.",
        withdrawn_at=timezone.now(),
    )  # fmt: skip
    page = client.get(seed.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "게시가 철회된 보도자료입니다" in html and "사실관계 확인을 위해" in html
    assert "임기근 조달청장은" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "‘한국 수출 지도’" not in client.get(reverse("releases:list")).content.decode()


def test_a_correction_is_shown_on_the_public_page_with_its_date(client, publisher, seed):
    """A save marked as a correction puts 정정 and its date above the release."""
    client.force_login(publisher)
    client.post(
        change_url(seed), form_data(seed, change_note="수출실적 수치 정정", is_correction="on")
    )
    client.logout()
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "정정" in html and "수출실적 수치 정정" in html
    assert timezone.localtime().strftime("%Y.%m.%d") in html


def test_preview_renders_the_english_page_for_a_draft(client, publisher, draft):
    """The English preview uses the English interface and the release's English text."""
    Release.objects.filter(pk=draft.pk).update(title_en="Scheduled release in English")
    client.force_login(publisher)
    response = client.get(
        reverse("admin:releases_release_preview", args=[draft.pk]), {"lang": "en"}
    )
    html = response.content.decode()
    assert "Scheduled release in English" in html
    assert 'lang="en"' in html
