"""Revisions of the whole release (issue 16): photos, statistics, contacts and attachments are
kept with every revision, compared readably, restored after a confirmation, and the 정정 labels
stay true afterwards. Everything goes through the admin with real POSTs."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from briefing.releases.models import Photo, Release, Revision
from briefing.releases.revisions import diff_revisions, snapshot_of
from tests.releases.test_workflow import make_user


class FormFields(HTMLParser):
    """The values the change form would submit as it is shown (file inputs left empty)."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value") or "on"
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, text):
        if self._textarea:
            self.data[self._textarea] += text


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def revisions_url(release, **query):
    url = reverse("admin:releases_release_revisions", args=[release.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def restore_url(release, number):
    return reverse("admin:releases_release_restore", args=[release.pk, number])


def save(client, release, **changes):
    """Open the change form, change some fields and save it, as an editor would."""
    response = client.get(change_url(release))
    parser = FormFields()
    parser.feed(response.content.decode())
    data = {key: value for key, value in parser.data.items() if not key.startswith("_")}
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(change_url(release), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    return response


def restore(client, release, number):
    """The confirmation page, then the restore it offers."""
    page = client.get(restore_url(release, number))
    assert page.status_code == 200
    response = client.post(
        restore_url(release, number), {"expected_version": page.context["release"].version}
    )
    assert response.status_code == 302
    return page


@pytest.fixture
def publisher(client, seed):
    client.force_login(make_user("publisher", "Publishers", first_name="발행"))
    return client


def open_form(client, release):
    parser = FormFields()
    parser.feed(client.get(change_url(release)).content.decode())
    return parser.data


def index_of(client, release, prefix, pk):
    data = open_form(client, release)
    return next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(pk)
    )


def test_a_statistic_change_shows_in_the_diff_with_its_label_and_figures(publisher, seed):
    """Before issue 16 this diff said the two versions were the same."""
    save(publisher, seed, change_note="첫 저장")
    statistic = seed.statistics.get(label_ko="G-PASS 기업 해외조달시장 수출실적")
    index = index_of(publisher, seed, "statistics", statistic.pk)
    save(publisher, seed, **{f"statistics-{index}-value": "1700000000", "change_note": "수치"})
    page = publisher.get(revisions_url(seed)).content.decode()
    assert "두 판의 내용이 같습니다" not in page
    assert "통계 &#x27;G-PASS 기업 해외조달시장 수출실적&#x27;: 값" in page
    assert "<del>1,630,000,000</del>" in page and "<ins>1,700,000,000</ins>" in page


def test_release_fields_are_labelled_in_words_with_their_language(publisher, seed):
    save(publisher, seed)
    save(publisher, seed, body_en="<p>New English body.</p>", title_ko="새 제목")
    page = publisher.get(revisions_url(seed)).content.decode()
    assert "본문 (영어)" in page and "제목 (한국어)" in page
    assert "body_en" not in page and "title_ko" not in page


def test_unchanged_saves_are_reported_the_same(publisher, seed):
    save(publisher, seed)
    save(publisher, seed)
    assert "두 판의 내용이 같습니다" in publisher.get(revisions_url(seed)).content.decode()


def test_a_deleted_photo_is_shown_then_restored_with_its_file_and_renditions(
    publisher, seed, settings
):
    """Delete photo 2 through the admin; the diff names it; restoring brings it back public."""
    save(publisher, seed)
    photo = seed.photos.get(order=2)
    image_name, caption = photo.image.name, photo.caption_ko
    old_renditions = [
        Path(settings.MEDIA_ROOT) / item["path"] for item in photo.renditions.values()
    ]
    index = index_of(publisher, seed, "photos", photo.pk)
    save(publisher, seed, **{f"photos-{index}-DELETE": "on", "change_note": "사진 삭제"})
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert (Path(settings.MEDIA_ROOT) / image_name).is_file(), "a revision still names it"
    assert not any(path.exists() for path in old_renditions)
    assert publisher.get("/media/" + image_name).status_code == 404, "no row names it now"

    page = publisher.get(revisions_url(seed)).content.decode()
    assert "사진 2 삭제" in page

    confirmation = restore(publisher, seed, 1).content.decode()
    assert "사진 2 추가" in confirmation
    assert "게시 상태, 게시 일시, 주소 이름" in confirmation
    restored = seed.photos.get(image=image_name)
    assert restored.caption_ko == caption and restored.pk == photo.pk
    assert set(restored.renditions) == {"thumb", "w480", "w800", "w1200", "og"}
    assert all(
        (Path(settings.MEDIA_ROOT) / item["path"]).is_file()
        for item in restored.renditions.values()
    )
    publisher.logout()
    html = publisher.get(seed.get_absolute_url()).content.decode()
    assert restored.alt_text_ko in html
    assert publisher.get(restored.image.url).status_code == 200


def test_a_replaced_attachment_downloads_again_after_a_restore(publisher, seed):
    save(
        publisher,
        seed,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile(
                "보도자료 원본.pdf", b"%PDF-1.7\n% original\n", "application/pdf"
            ),
            "attachments-0-name": "",
            "attachments-0-order": "1",
        },
    )
    attachment = seed.attachments.get()
    original_name = attachment.file.name
    save(
        publisher,
        seed,
        **{
            "attachments-0-file": SimpleUploadedFile(
                "보도자료 수정본.pdf", b"%PDF-1.7\n% replaced\n", "application/pdf"
            ),
            "attachments-0-name": "보도자료 수정본.pdf",
            "change_note": "첨부 교체",
        },
    )
    attachment.refresh_from_db()
    assert attachment.file.name != original_name
    page = publisher.get(revisions_url(seed)).content.decode()
    assert "파일 교체" in page
    number = seed.revisions.get(note="").number  # the save that added the original
    restore(publisher, seed, number)
    attachment.refresh_from_db()
    assert attachment.file.name == original_name and attachment.name == "보도자료 원본.pdf"
    publisher.logout()
    download = publisher.get(
        reverse("releases:attachment-download", args=[seed.slug, attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n% original\n"


def test_contacts_added_and_deleted_are_named(publisher, seed):
    save(publisher, seed)
    save(
        publisher,
        seed,
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-1-department_ko": "해외조달정보센터",
            "contacts-1-name_ko": "이영희",
            "contacts-1-phone": "042-724-0000",
            "contacts-1-order": "2",
        },
    )
    page = publisher.get(revisions_url(seed)).content.decode()
    assert "문의처 &#x27;해외조달정보센터 이영희&#x27; 추가" in page
    contact = seed.contacts.get(name_ko="김성일")
    index = index_of(publisher, seed, "contacts", contact.pk)
    save(publisher, seed, **{f"contacts-{index}-DELETE": "on"})
    page = publisher.get(revisions_url(seed)).content.decode()
    assert "문의처 &#x27;국제협력담당관실 김성일&#x27; 삭제" in page


def test_restoring_a_withdrawn_release_keeps_its_withdrawal(publisher, seed):
    save(publisher, seed, title_ko="철회 전 제목")
    notice_ko, notice_en = "사실관계 확인을 위해 게시를 철회합니다.", "Withdrawn to check facts."
    save(
        publisher,
        seed,
        status="withdrawn",
        withdrawal_notice_ko=notice_ko,
        withdrawal_notice_en=notice_en,
        title_ko="철회한 제목",
    )
    seed.refresh_from_db()
    withdrawn_at = seed.withdrawn_at
    restore(publisher, seed, 1)
    seed.refresh_from_db()
    assert seed.title_ko == "철회 전 제목"
    assert seed.status == "withdrawn" and seed.withdrawn_at == withdrawn_at
    assert (seed.withdrawal_notice_ko, seed.withdrawal_notice_en) == (notice_ko, notice_en)
    html = publisher.get(seed.get_absolute_url()).content.decode()
    assert "게시가 철회된 보도자료입니다" in html and notice_ko in html


def test_restore_on_a_live_release_needs_confirmation_and_leaves_no_stale_correction(
    publisher, seed
):
    """r2 corrects a figure; restoring r1 undoes it: r2's 정정 label leaves the page and the
    restore itself is the correction readers are told about."""
    save(publisher, seed, change_note="첫 저장")
    statistic = seed.statistics.get(order=2)
    index = index_of(publisher, seed, "statistics", statistic.pk)
    save(
        publisher,
        seed,
        **{
            f"statistics-{index}-value": "1700000000",
            "change_note": "수출실적 수치 정정",
            "is_correction": "on",
        },
    )
    assert "수출실적 수치 정정" in publisher.get(seed.get_absolute_url()).content.decode()

    assert publisher.post(restore_url(seed, 1)).status_code == 200  # a bare POST only asks
    statistic.refresh_from_db()
    assert statistic.value == 1_700_000_000
    confirmation = publisher.get(restore_url(seed, 1)).content.decode()
    assert "<del>1,700,000,000</del>" in confirmation and "<ins>1,630,000,000</ins>" in confirmation
    assert "정정" in confirmation
    assert 'name="csrfmiddlewaretoken"' in confirmation
    restore(publisher, seed, 1)
    statistic.refresh_from_db()
    assert statistic.value == 1_630_000_000

    correction = seed.revisions.get(number=2)
    restored = seed.revisions.get(number=3)
    assert correction.superseded_by == restored
    assert restored.is_correction and restored.note.startswith("r1 내용으로 되돌림")
    publisher.logout()
    html = publisher.get(seed.get_absolute_url()).content.decode()
    assert "수출실적 수치 정정" not in html
    assert "r1 내용으로 되돌림" in html
    assert timezone.localtime().strftime("%Y.%m.%d") in html


def test_a_correction_whose_change_survives_the_restore_keeps_its_label(publisher, seed):
    save(publisher, seed, change_note="첫 저장")
    save(publisher, seed, footnote_ko="각주 정정", change_note="각주 정정함", is_correction="on")
    save(publisher, seed, footnote_ko="각주 정정", title_ko="잘못 바꾼 제목")
    save(publisher, seed, footnote_ko="각주 정정", title_ko="잘못 바꾼 제목 2")
    restore(publisher, seed, 3)  # back to r3: the title changes, the footnote correction stays
    assert seed.revisions.get(number=2).superseded_by is None
    assert [c.note for c in Release.objects.get(pk=seed.pk).corrections][-1] == "각주 정정함"


def test_a_restore_needs_the_change_permission(client, seed):
    """An editor without the publish permission cannot restore a live release, GET or POST."""
    client.force_login(make_user("publisher", "Publishers"))
    save(client, seed)
    save(client, seed, title_ko="바뀐 제목")
    client.force_login(make_user("editor", "Editors"))
    assert client.get(restore_url(seed, 1)).status_code == 403
    assert client.post(restore_url(seed, 1), {"expected_version": "99"}).status_code == 403


def test_a_restore_after_someone_else_saved_asks_again(publisher, seed):
    save(publisher, seed)
    save(publisher, seed, title_ko="둘째 제목")
    version = publisher.get(restore_url(seed, 1)).context["release"].version
    save(publisher, seed, title_ko="셋째 제목")  # a colleague's save, after the page was shown
    response = publisher.post(restore_url(seed, 1), {"expected_version": version})
    assert response.status_code == 200 and response.context["stale"]
    seed.refresh_from_db()
    assert seed.title_ko == "셋째 제목"
    restore(publisher, seed, 1)
    seed.refresh_from_db()
    assert seed.title_ko != "셋째 제목" and seed.version == version + 2


def test_an_old_snapshot_without_parts_still_diffs_and_restores(publisher, seed):
    """Revisions from before issue 16 hold only the release's own fields."""
    parts = ("photos", "statistics", "contacts", "attachments")
    old = {key: value for key, value in snapshot_of(seed).items() if key not in parts}
    old["title_ko"] = "옛 형식의 제목"
    Revision.objects.create(release=seed, number=1, snapshot=old)
    save(publisher, seed)
    older, newer = seed.revisions.get(number=1), seed.revisions.get(number=2)
    labels = [change.field for change in diff_revisions(older, newer)]
    assert labels == ["제목 (한국어)"]
    page = publisher.get(revisions_url(seed)).content.decode()
    assert "제목 (한국어)" in page
    confirmation = restore(publisher, seed, 1).content.decode()
    assert "기록되어 있지 않아" in confirmation
    seed.refresh_from_db()
    assert seed.title_ko == "옛 형식의 제목"
    assert seed.photos.count() == 3 and seed.statistics.count() == 3


def test_files_go_with_the_release_when_nothing_names_them_any_more(publisher, seed, settings):
    save(publisher, seed)
    photo = seed.photos.first()
    path = Path(settings.MEDIA_ROOT) / photo.image.name
    index = index_of(publisher, seed, "photos", photo.pk)
    save(publisher, seed, **{f"photos-{index}-DELETE": "on"})
    assert path.is_file()
    Release.objects.get(pk=seed.pk).delete()
    assert not path.exists()
    assert not any(Path(settings.MEDIA_ROOT, "releases", "photos").rglob("*.jpg"))
