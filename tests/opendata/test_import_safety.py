"""import_press_releases never destroys: sources, conflicts, photos, revisions, dry runs, files."""

import sys
import types
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from briefing.opendata.models import ImportedAttachmentLink, ImportRecord
from briefing.releases.models import Attachment, Release
from briefing.releases.revisions import restore_revision
from tests.opendata.test_import import item, portal_file, run

PORTAL_ID = 156472565


def extended(text, **elements):
    """An item with the feed's extension elements (NewsItemSource, KoglType, Withdrawn…)."""
    extra = "".join(f"<{name}>{value}</{name}>" for name, value in elements.items())
    return text.replace("</NewsItem>", f"{extra}</NewsItem>")


def photo_item(id=PORTAL_ID, modify=1, photos=(), title="사진이 있는 보도자료", source=None):
    """An item whose DataContents shows stored images: (media name, caption) pairs."""
    figures = "".join(
        f'<p><img src="{settings.MEDIA_URL}{name}" alt="{caption}"></p><p>▶ {caption}</p>'
        for name, caption in photos
    )
    text = (
        item(id=id, modify=modify, title=title)
        .replace("<p>둘째 문단</p>", f"<p>둘째 문단</p>{figures}")
        .replace(
            '<p><img src="https://www.korea.kr/images/photo1.jpg" alt="사진1"></p>\n'
            "<p>▶ 청장이 축사를 하고 있다.</p>\n",
            "",
        )
    )
    return extended(text, NewsItemSource=source) if source else text


def media_files():
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def as_imported(release, source="korea.kr", news_item_id=PORTAL_ID, modify_id=1):
    """The release as an earlier import from that source left it."""
    Release.objects.filter(pk=release.pk).update(news_item_source=source, news_item_id=news_item_id)
    release.refresh_from_db()
    ImportRecord.objects.create(
        release=release,
        modify_id=modify_id,
        imported_at=timezone.now(),
        release_version=release.version,
    )
    return release


def test_an_update_from_the_portal_keeps_the_releases_three_photos_and_their_files(seed, xml_file):
    """The issue's case: the portal's update names none of the photos; all three stay, files
    and all, and the summary says they were kept."""
    release = as_imported(seed)
    files = [photo.image.name for photo in release.photos.all()]
    out, _err = run(xml_file(portal_file(item(id=PORTAL_ID, modify=2, title="고친 제목"))))
    release.refresh_from_db()
    assert release.title_ko == "고친 제목"
    assert [photo.image.name for photo in release.photos.all()] == files
    assert all(default_storage.exists(name) for name in files)
    assert "3 photo(s) not in the item kept" in out


def test_a_release_made_here_with_the_same_source_and_id_is_a_conflict(seed, xml_file):
    """No import record: it is local content, reported with its slug and left alone."""
    Release.objects.filter(pk=seed.pk).update(news_item_source="korea.kr", news_item_id=PORTAL_ID)
    out, _err = run(xml_file(portal_file(item(id=PORTAL_ID, title="덮어쓸 제목"))))
    seed.refresh_from_db()
    assert seed.title_ko != "덮어쓸 제목"
    assert Release.objects.count() == 1
    assert (
        "skipped: conflicts with a release made here (slug pps-overseas-procurement-record-2024);"
        " use --overwrite to replace it" in out
    )


def test_overwrite_replaces_it_keeping_photos_and_a_revision_a_restore_brings_back(seed, xml_file):
    """--overwrite writes the item, but the photos stay and the state before is restorable."""
    Release.objects.filter(pk=seed.pk).update(news_item_source="korea.kr", news_item_id=PORTAL_ID)
    seed.refresh_from_db()
    title, body = seed.title_ko, seed.body_ko
    out, _err = run(xml_file(portal_file(item(id=PORTAL_ID, title="덮어쓴 제목"))), overwrite=True)
    seed.refresh_from_db()
    assert seed.title_ko == "덮어쓴 제목"
    assert seed.photos.count() == 3
    assert "updated: Title, SubTitle, DataContents" in out
    before, after = seed.revisions.order_by("number")
    assert before.note == "가져오기 전 상태 / before an import"
    assert after.note == "정책브리핑 ModifyId 1 가져오기 / import from korea.kr"
    restore_revision(before, user=None)
    seed.refresh_from_db()
    assert (seed.title_ko, seed.body_ko, seed.photos.count()) == (title, body, 3)


def test_a_release_edited_here_since_its_import_is_not_overwritten_unasked(ministry, xml_file):
    """Someone here changed the imported release: the next import skips it and says why."""
    run(xml_file(portal_file(item())))
    release = Release.objects.get()
    release.title_ko, release.version = "여기서 고친 제목", release.version + 1
    release.save()
    update = xml_file(portal_file(item(modify=2, title="포털의 새 제목")), "u.xml")
    out, _err = run(update)
    release.refresh_from_db()
    assert release.title_ko == "여기서 고친 제목"
    assert "skipped: edited here since it was imported" in out
    assert "use --overwrite to replace the edits" in out
    run(update, overwrite=True)
    release.refresh_from_db()
    assert release.title_ko == "포털의 새 제목"


def test_reimporting_this_sites_own_items_is_a_no_op(make_release, ministry, xml_file):
    """Items whose NewsItemSource is this site are ours: never created, never changed."""
    ours = make_release()
    own = settings.OPENDATA_SOURCE
    items = [
        extended(item(id=ours.news_item_id, modify=5, title="바뀐 제목"), NewsItemSource=own),
        extended(item(id=123, title="없는 우리 자료"), NewsItemSource=own),
        item(id=PORTAL_ID),
    ]
    out, _err = run(xml_file(portal_file(*items)))
    ours.refresh_from_db()
    assert ours.title_ko.startswith("보도자료")
    assert Release.objects.count() == 2
    assert Release.objects.filter(news_item_source="korea.kr", news_item_id=PORTAL_ID).exists()
    assert "created 1, updated 0, unchanged 2, skipped 0" in out
    assert "unchanged 2: this site's own release" in out


def test_the_same_id_from_two_sources_is_two_releases(ministry, xml_file):
    """Ids match on (source, id): another instance's id 7 is not the portal's id 7."""
    run(xml_file(portal_file(item(id=7, title="포털 7"))))
    run(xml_file(portal_file(item(id=7, title="다른 누리집 7")), "b.xml"), source="other.example")
    mirrored = extended(
        item(id=7, modify=2, title="다른 누리집 7 고침"), NewsItemSource="other.example"
    )
    run(xml_file(portal_file(mirrored), "c.xml"))
    titles = dict(Release.objects.values_list("news_item_source", "title_ko"))
    assert titles == {"korea.kr": "포털 7", "other.example": "다른 누리집 7 고침"}


def test_an_invalid_source_option_is_refused(ministry, xml_file):
    with pytest.raises(CommandError, match="--source: NewsItemSource 'a b' is not a site's name"):
        run(xml_file(portal_file(item())), source="a b")


def test_photos_match_by_file_update_in_place_add_new_ones_and_keep_the_rest(seed, xml_file):
    """A later item re-captions a photo it showed before (the same row), adds one, and the
    photo it no longer shows stays."""
    first, second, third = (photo.image.name for photo in seed.photos.all())
    run(xml_file(portal_file(photo_item(photos=[(first, "첫 사진"), (second, "둘째 사진")]))))
    release = Release.objects.get(news_item_source="korea.kr")
    ids = list(release.photos.values_list("pk", flat=True))
    assert len(ids) == 2
    update = photo_item(modify=2, photos=[(first, "첫 사진 고침"), (third, "셋째 사진")])
    out, _err = run(xml_file(portal_file(update), "u.xml"))
    photos = list(release.photos.order_by("pk"))
    assert [photo.pk for photo in photos[:2]] == ids
    assert [photo.caption_ko for photo in photos] == [
        "▶ 첫 사진 고침",
        "▶ 둘째 사진",
        "▶ 셋째 사진",
    ]
    assert "updated: photos +1, photos edited 1" in out
    assert "1 photo(s) not in the item kept" in out


def test_links_follow_the_source_but_one_fetched_here_stays(ministry, xml_file, attach):
    """A link the source dropped goes, unless its file was fetched here; local files stay."""
    run(xml_file(portal_file(item())))
    release = Release.objects.get()
    local = attach(release, "여기서 올린 자료.hwpx")
    fetched = release.imported_attachment_links.get(name="240221 보도자료.pdf")
    fetched.attachment = attach(release, "240221 보도자료.pdf")
    fetched.save()
    text = item(modify=2).replace(
        "<FileName>240221 보도자료.hwpx</FileName><FileUrl>https://www.korea.kr/common/download.do?fileId=1</FileUrl>\n"
        "<FileName>240221 보도자료.pdf</FileName><FileUrl>https://www.korea.kr/common/download.do?fileId=2</FileUrl>",
        "<FileName>붙임.pdf</FileName><FileUrl>https://www.korea.kr/common/download.do?fileId=3</FileUrl>",
    )
    out, _err = run(xml_file(portal_file(text), "u.xml"))
    assert list(release.imported_attachment_links.values_list("name", flat=True)) == [
        "붙임.pdf",
        "240221 보도자료.pdf",
    ]
    assert Attachment.objects.filter(pk=local.pk).exists()
    assert "links +1, links -1" in out
    assert "link '240221 보도자료.pdf' kept: its file was fetched here" in out


def test_a_withdrawal_at_the_source_withdraws_the_release_keeping_its_body(
    ministry, xml_file, client
):
    """Withdrawn=Y: the release shows the source's notice from the source's time; body kept."""
    run(xml_file(portal_file(item())))
    release = Release.objects.get()
    body = release.body_ko
    withdrawal = extended(
        item(modify=2).replace(
            item().split("<DataContents>")[1].split("</DataContents>")[0],
            "<![CDATA[<p>이 보도자료는 사실과 달라 철회합니다.</p><p>다시 알려드립니다.</p>]]>",
        ),
        Withdrawn="Y",
        WithdrawnDate="03/01/2024 09:30:00",
    )
    out, _err = run(xml_file(portal_file(withdrawal), "w.xml"))
    release.refresh_from_db()
    assert release.status == Release.Status.WITHDRAWN
    assert (
        release.withdrawal_notice_ko == "이 보도자료는 사실과 달라 철회합니다.\n다시 알려드립니다."
    )
    assert release.withdrawn_at.isoformat() == "2024-03-01T00:30:00+00:00"
    assert release.body_ko == body
    assert "updated: Withdrawn" in out
    page = client.get(release.get_absolute_url())
    assert "사실과 달라 철회합니다" in page.content.decode()


def test_a_withdrawn_item_never_imported_is_skipped(ministry, xml_file):
    out, _err = run(xml_file(portal_file(extended(item(), Withdrawn="Y"))))
    assert not Release.objects.exists()
    assert "skipped: withdrawn at the source; not imported" in out


def test_the_kogl_type_and_the_approver_are_kept(ministry, xml_file):
    """KoglType sets the release's 공공누리 type; ApproverName stays with the import record."""
    run(xml_file(portal_file(extended(item(), KoglType="3"))))
    release = Release.objects.get()
    assert release.licence == Release.Licence.TYPE_3
    assert release.import_record.approver_name == "홍길동"


def test_a_dry_run_saves_nothing_writes_no_file_and_says_what_would_change(seed, xml_file):
    """Everything is done and rolled back: the database and media storage stay as they were."""
    first, second, _third = (photo.image.name for photo in seed.photos.all())
    run(xml_file(portal_file(photo_item(photos=[(first, "첫 사진")]))))
    release = Release.objects.get(news_item_source="korea.kr")
    files, revisions = media_files(), release.revisions.count()
    update = photo_item(modify=2, title="새 제목", photos=[(first, "첫 사진"), (second, "새 사진")])
    new = item(id=99, title="새 보도자료")
    out, _err = run(xml_file(portal_file(update, new), "u.xml"), dry_run=True)
    release.refresh_from_db()
    assert release.title_ko == "사진이 있는 보도자료"
    assert release.photos.count() == 1 and release.revisions.count() == revisions
    assert Release.objects.count() == 2
    assert media_files() == files
    assert "u.xml: dry run, nothing saved: created 1, updated 1, unchanged 0, skipped 0" in out
    assert f"item 1 (NewsItemId {PORTAL_ID}): updated: Title, photos +1" in out
    assert "item 2 (NewsItemId 99): created" in out


def test_a_file_failing_unexpectedly_rolls_back_alone_and_the_others_run(
    ministry, xml_file, monkeypatch
):
    """Any exception fails its file only, reported by type and item, no traceback; the
    summaries of the other files are printed and the run exits non-zero."""
    real_save = Release.save

    def save(self, *args, **kwargs):
        if self.title_ko == "고장":
            raise RuntimeError("disk on fire")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Release, "save", save)
    first = xml_file(portal_file(item(id=1)), "a.xml")
    broken = xml_file(portal_file(item(id=2), item(id=3, title="고장")), "b.xml")
    last = xml_file(portal_file(item(id=4)), "c.xml")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 file\\(s\\) imported nothing: b.xml"):
        call_command(
            "import_press_releases", *map(str, (first, broken, last)), stdout=out, stderr=err
        )
    assert sorted(Release.objects.values_list("news_item_id", flat=True)) == [1, 4]
    assert "a.xml: created 1" in out.getvalue() and "c.xml: created 1" in out.getvalue()
    assert (
        "b.xml: failed, nothing imported: item 2 (NewsItemId 3): RuntimeError: disk on fire"
        in err.getvalue()
    )
    assert "Traceback" not in err.getvalue() + out.getvalue()
    assert "Total: created 2, updated 0, unchanged 0, skipped 0, failed files 1" in out.getvalue()


def test_every_item_of_a_file_is_accounted_for_exactly_once(ministry, xml_file):
    """Created, updated, unchanged or skipped: the counts add up to the file's items."""
    run(xml_file(portal_file(item(id=1), item(id=2)), "first.xml"))
    items = [
        item(id=1),  # unchanged
        item(id=2, modify=2, title="고침"),  # updated
        item(id=3),  # created
        item(id=4, ministry="없는부"),  # skipped
        extended(item(id=5), Withdrawn="Y"),  # skipped
        item(id="12345678901234567890"),  # skipped
    ]
    out, _err = run(xml_file(portal_file(*items)), verbosity=2)
    assert "created 1, updated 1, unchanged 1, skipped 3" in out
    for number in range(1, 7):
        assert out.count(f"  item {number} (NewsItemId ") == 1


def test_fetch_attachments_calls_the_fetcher_for_each_new_web_link(
    ministry, xml_file, monkeypatch, attach
):
    """--fetch-attachments hands every new http(s) link to attachments.fetch_link; a refusal is
    a note, and the link stays a link."""
    calls = []

    class FetchRefused(Exception):
        pass

    def fetch_link(link):
        calls.append(link.url)
        if link.name.endswith(".pdf"):
            raise FetchRefused("not a PDF after all")
        return attach(link.release, link.name)

    fake = types.ModuleType("briefing.opendata.attachments")
    fake.fetch_link, fake.FetchRefused = fetch_link, FetchRefused
    monkeypatch.setitem(sys.modules, "briefing.opendata.attachments", fake)
    out, _err = run(xml_file(portal_file(item())), fetch_attachments=True)
    assert calls == [
        "https://www.korea.kr/common/download.do?fileId=1",
        "https://www.korea.kr/common/download.do?fileId=2",
    ]
    links = ImportedAttachmentLink.objects.order_by("order")
    assert [link.attachment_id is not None for link in links] == [True, False]
    assert "attachment '240221 보도자료.pdf' not fetched: not a PDF after all" in out


def test_no_attachment_is_fetched_without_the_option(ministry, xml_file, monkeypatch):
    fake = types.ModuleType("briefing.opendata.attachments")
    fake.fetch_link = lambda link: pytest.fail("fetched without --fetch-attachments")
    fake.FetchRefused = Exception
    monkeypatch.setitem(sys.modules, "briefing.opendata.attachments", fake)
    run(xml_file(portal_file(item())))
    assert ImportedAttachmentLink.objects.filter(attachment__isnull=True).count() == 2
