"""Staff edit releases in the admin: one page with translation tabs and inlines."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from briefing.releases.models import Release

ADD_URL = reverse("admin:releases_release_add")


def jpeg_bytes(size=(640, 480), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#256ef4").save(buffer, "JPEG", exif=exif or Image.Exif())
    return buffer.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 58.0), 3: "E", 4: (126.0, 58.0, 40.0)}  # GPS IFD
    return jpeg_bytes(exif=exif)


def inline_management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def release_post(ministry, **overrides):
    data = {
        "title_ko": "조달청, 혁신제품 구매 1조원 돌파",
        "title_en": "PPS purchases of innovative products pass KRW 1 trillion",
        "subtitle_ko": "- 혁신제품 구매 확대\n- 중소기업 판로 지원",
        "subtitle_en": "",
        "slug": "innovation-procurement-1-trillion",
        "ministry": ministry.pk,
        "published_at_0": "2024-03-01",
        "published_at_1": "09:00:00",
        "status": "published",
        "body_ko": "<p>첫 문단입니다.</p><p>둘째 문단<script>alert(1)</script>입니다.</p>",
        "body_en": "<p>First paragraph.</p>",
        "footnote_ko": "",
        "footnote_en": "",
        "attribution_ko": "이 자료는 조달청의 보도자료를 전재하여 제공함을 알려드립니다.",
        "attribution_en": "",
        "licence": "1",
        "news_item_id": "",
        **inline_management("photos", 1),
        "photos-0-image": SimpleUploadedFile("event.jpg", jpeg_with_gps(), "image/jpeg"),
        "photos-0-caption_ko": "▶ 행사 모습",
        "photos-0-caption_en": "▶ The event",
        "photos-0-alt_text_ko": "연단에서 발언하는 조달청장",
        "photos-0-alt_text_en": "",
        "photos-0-credit_ko": "",
        "photos-0-credit_en": "",
        "photos-0-after_block": "1",
        "photos-0-order": "1",
        **inline_management("statistics", 1),
        "statistics-0-label_ko": "혁신제품 구매액",
        "statistics-0-label_en": "Purchases of innovative products",
        "statistics-0-value": "1000000000000",
        "statistics-0-unit_ko": "원",
        "statistics-0-unit_en": "KRW",
        "statistics-0-value_text_ko": "1조원",
        "statistics-0-value_text_en": "",
        "statistics-0-as_of_ko": "2023년",
        "statistics-0-as_of_en": "",
        "statistics-0-change_percent": "12.5",
        "statistics-0-note_ko": "",
        "statistics-0-note_en": "",
        "statistics-0-order": "1",
        **inline_management("contacts", 1),
        "contacts-0-department_ko": "혁신조달기획과",
        "contacts-0-department_en": "",
        "contacts-0-name_ko": "홍길동",
        "contacts-0-name_en": "",
        "contacts-0-position_ko": "사무관",
        "contacts-0-position_en": "",
        "contacts-0-phone": "042-724-0000",
        "contacts-0-email": "",
        "contacts-0-order": "1",
        **inline_management("attachments", 1),
        "attachments-0-file": SimpleUploadedFile(
            "240301 보도자료.pdf", b"%PDF-1.7\n% test\n", "application/pdf"
        ),
        "attachments-0-name": "",
        "attachments-0-order": "1",
    }
    data.update(overrides)
    return data


def test_staff_adds_a_release_with_photo_statistic_contact_and_attachment(staff_client, pps):
    """One admin POST creates the release and all its parts, with the uploaded image stored."""
    response = staff_client.post(ADD_URL, release_post(pps))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    release = Release.objects.get(slug="innovation-procurement-1-trillion")
    assert release.photos.get().image.width == 640
    assert release.statistics.get().value == 1_000_000_000_000
    assert release.contacts.get().name_ko == "홍길동"
    attachment = release.attachments.get()
    assert (attachment.kind, attachment.name) == ("pdf", "240301 보도자료.pdf")
    assert attachment.size == len(b"%PDF-1.7\n% test\n")
    assert release.subtitle_lines == ["혁신제품 구매 확대", "중소기업 판로 지원"]


def test_uploaded_photo_loses_its_gps_and_camera_metadata(staff_client, pps):
    """Privacy: an uploaded photograph is stored without EXIF, so no GPS position leaks."""
    staff_client.post(ADD_URL, release_post(pps))
    photo = Release.objects.get(slug="innovation-procurement-1-trillion").photos.get()
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()


def test_body_markup_is_sanitised_when_saved(staff_client, pps):
    """Script tags in the body never reach the database, whatever the editor pasted."""
    staff_client.post(ADD_URL, release_post(pps))
    release = Release.objects.get(slug="innovation-procurement-1-trillion")
    assert "<script" not in release.body_ko
    assert release.body_ko == "<p>첫 문단입니다.</p><p>둘째 문단입니다.</p>"


def test_photo_without_alternative_text_is_refused_with_a_clear_message(staff_client, pps):
    """A photo must describe itself for screen readers; the admin says so and keeps the input."""
    response = staff_client.post(ADD_URL, release_post(pps, **{"photos-0-alt_text_ko": ""}))
    assert response.status_code == 200
    assert "사진마다 대체 텍스트를 입력하세요" in response.content.decode()
    assert "조달청, 혁신제품 구매 1조원 돌파" in response.content.decode()
    assert not Release.objects.filter(slug="innovation-procurement-1-trillion").exists()


def test_statistic_without_a_unit_is_refused_with_a_clear_message(staff_client, pps):
    """A number without its unit means nothing to a reader; the admin refuses it."""
    response = staff_client.post(ADD_URL, release_post(pps, **{"statistics-0-unit_ko": ""}))
    assert "통계마다 단위를 입력하세요" in response.content.decode()


def test_a_text_file_named_jpg_is_refused(staff_client, pps):
    """The admin judges an upload by its content, not its name."""
    fake = SimpleUploadedFile("photo.jpg", b"this is not an image", "image/jpeg")
    response = staff_client.post(ADD_URL, release_post(pps, **{"photos-0-image": fake}))
    assert response.status_code == 200
    assert not Release.objects.filter(slug="innovation-procurement-1-trillion").exists()


def test_an_attachment_that_is_not_hwp_hwpx_or_pdf_is_refused(staff_client, pps):
    """A file called .pdf that is not a PDF is refused with a message naming the allowed types."""
    fake = SimpleUploadedFile("notice.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    response = staff_client.post(ADD_URL, release_post(pps, **{"attachments-0-file": fake}))
    assert "파일 내용이 확장자와 맞아야 합니다" in response.content.decode()


def test_change_page_shows_translation_tabs_inlines_and_view_on_site(staff_client, seed):
    """The edit page has both languages, the four inlines, photo previews and 'view on site'."""
    response = staff_client.get(reverse("admin:releases_release_change", args=[seed.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("id_title_ko", "id_title_en", "id_body_ko", "id_body_en"):
        assert field in html
    for prefix in ("photos-0-", "statistics-0-", "contacts-0-", "attachments-"):
        assert prefix in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "ajax.googleapis.com" not in html
    assert html.count('<img src="/media/releases/photos/2024/02/') == 3
    assert (
        reverse(
            "admin:view_on_site",
            args=[
                __import__("django.contrib.contenttypes.models", fromlist=["ContentType"])
                .ContentType.objects.get_for_model(Release)
                .pk,
                seed.pk,
            ],
        )
        in html
    )


def test_change_list_filters_and_searches(staff_client, seed):
    """The release list filters by ministry and status and searches titles and bodies."""
    url = reverse("admin:releases_release_changelist")
    assert "‘한국 수출 지도’" in staff_client.get(url, {"q": "G-PASS"}).content.decode()
    assert "0 보도자료" in staff_client.get(url, {"q": "없는검색어"}).content.decode()
    filtered = staff_client.get(
        url, {"ministry__id__exact": seed.ministry_id, "status__exact": "published"}
    )
    assert "‘한국 수출 지도’" in filtered.content.decode()


def test_a_citizen_account_cannot_reach_the_admin(client, db):
    """Only staff see the admin: a logged-in non-staff user is sent to the admin login."""
    citizen = get_user_model().objects.create_user("citizen", password="pw-citizen-1234")
    client.force_login(citizen)
    response = client.get(ADD_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
