"""What a mirror reads in each NewsItem: whose id it is, its licence, who approved it, and
whether it was withdrawn (a withdrawn release stays listed for a while instead of vanishing)."""

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from briefing.opendata.models import ImportedAttachmentLink, ImportRecord
from briefing.releases import workflow
from briefing.releases.models import Contact, Photo, Release
from briefing.releases.revisions import record_revision
from tests.opendata.conftest import SEOUL
from tests.opendata.test_feed import EXTENSION_FIELDS, PORTAL_FIELDS, URL, get_json, get_xml

NOTICE = "통계 오류로 게시를 철회합니다.\n바로잡은 자료를 다시 게시하겠습니다."


def around(moment, days=2):
    """A window of a few days around a moment, as the API's parameters."""
    return {
        "startDate": f"{(moment - timedelta(days=days)).astimezone(SEOUL):%Y%m%d}",
        "endDate": f"{(moment + timedelta(days=days)).astimezone(SEOUL):%Y%m%d}",
    }


def portal_date(moment):
    return moment.astimezone(SEOUL).strftime("%m/%d/%Y %H:%M:%S")


def items(root):
    return {item.findtext("Title"): item for item in root.iterfind("body/NewsItem")}


@pytest.fixture
def publisher(db):
    return get_user_model().objects.create_user("publisher", first_name="김승인", is_staff=True)


@pytest.fixture
def withdraw(publisher):
    """Withdraws a release the way the desk does: the move, its record, a save, a revision."""

    def withdraw(release, notice=NOTICE):
        previous = release.status
        release.status = Release.Status.WITHDRAWN
        release.withdrawal_notice_ko = notice
        workflow.record_publication(release, previous, user=publisher)
        release.save()
        record_revision(release, user=publisher, note="철회")
        return release

    return withdraw


@pytest.fixture
def recent(make_release):
    """A release published ten days ago, never changed since."""

    def make(**fields):
        return make_release(published_at=timezone.now() - timedelta(days=10), **fields)

    return make


# --- Extension elements -------------------------------------------------------------------


def test_extension_elements_follow_the_portals_fields_and_files(client, make_release, attach):
    """XML: the portal's fields, then the file pairs, then the four extension elements."""
    attach(make_release())
    _response, root = get_xml(client, startDate="20240301", endDate="20240331")
    item = root.find("body/NewsItem")
    assert [child.tag for child in item] == [
        *PORTAL_FIELDS, "FileName", "FileUrl", *EXTENSION_FIELDS
    ]  # fmt: skip
    assert item.findtext("NewsItemSource") == "testserver"
    assert item.findtext("KoglType") == "1"
    assert item.findtext("Withdrawn") == "N"
    assert item.findtext("WithdrawnDate") == ""


def test_json_carries_the_extension_elements_as_keys(client, make_release):
    """JSON: the same four values, as keys of each item."""
    make_release(licence=Release.Licence.TYPE_3)
    _response, data = get_json(client, startDate="20240301", endDate="20240331")
    item = data["body"]["NewsItem"][0]
    assert {name: item[name] for name in EXTENSION_FIELDS} == {
        "NewsItemSource": "testserver",
        "KoglType": "3",
        "Withdrawn": "N",
        "WithdrawnDate": "",
    }


def test_kogl_type_is_each_releases_own_licence(client, make_release):
    """Releases under different 공공누리 types say so one by one."""
    for licence in Release.Licence:
        make_release(title_ko=f"유형 {licence.value}", licence=licence)
    _response, root = get_xml(client, startDate="20240301", endDate="20240331")
    assert {title: item.findtext("KoglType") for title, item in items(root).items()} == {
        "유형 1": "1", "유형 2": "2", "유형 3": "3", "유형 4": "4"
    }  # fmt: skip


def test_news_item_source_names_who_gave_the_id(client, make_release, settings):
    """Our releases carry OPENDATA_SOURCE with an id of our range; imported ones their source's."""
    settings.OPENDATA_SOURCE = "briefing.example.kr"
    own = make_release(title_ko="우리 자료")
    imported = make_release(
        title_ko="가져온 자료", news_item_source="korea.kr", news_item_id=156472565
    )
    ImportRecord.objects.create(release=imported, imported_at=imported.published_at)
    _response, root = get_xml(client, startDate="20240301", endDate="20240331")
    listed = items(root)
    assert listed["우리 자료"].findtext("NewsItemSource") == "briefing.example.kr"
    assert listed["우리 자료"].findtext("NewsItemId") == str(own.news_item_id)
    assert own.news_item_id > 9_000_000_000
    assert listed["가져온 자료"].findtext("NewsItemSource") == "korea.kr"
    assert listed["가져온 자료"].findtext("NewsItemId") == "156472565"


# --- ApproverName ---------------------------------------------------------------------------


def test_approver_name_is_the_publisher_not_the_author(client, make_release, publisher):
    """A release written by one person and approved by another names the approver."""
    author = get_user_model().objects.create_user("author", first_name="이작성", is_staff=True)
    make_release(created_by=author, published_by=publisher)
    _response, root = get_xml(client, startDate="20240301", endDate="20240331")
    assert root.findtext("body/NewsItem/ApproverName") == "김승인"


def test_an_imported_release_republishes_the_sources_approver(client, make_release, publisher):
    """Nobody here approved an imported release: its ApproverName is the one it came with."""
    release = make_release(news_item_source="korea.kr", news_item_id=156000001)
    ImportRecord.objects.create(
        release=release, approver_name="홍길동", imported_at=release.published_at
    )
    _response, root = get_xml(client, startDate="20240301", endDate="20240331")
    assert root.findtext("body/NewsItem/ApproverName") == "홍길동"


# --- Withdrawn releases ------------------------------------------------------------------


def test_a_withdrawn_release_stays_in_the_feed_with_its_withdrawal(
    client, recent, withdraw, attach
):
    """Title kept, the notice as paragraphs, no body, photos, contacts or files, status U,
    ModifyId up by one, ModifyDate and WithdrawnDate the withdrawal time."""
    release = recent(title_ko="철회될 자료", subtitle_ko="부제", body_ko="<p>틀린 통계</p>")
    attach(release)
    Contact.objects.create(release=release, department_ko="통계과", name_ko="박", phone="02-1")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "JPEG")
    Photo.objects.create(
        release=release, image=ContentFile(buffer.getvalue(), name="x.jpg"), caption_ko="사진 설명"
    )
    window = around(release.published_at, days=15)
    before = items(get_xml(client, **window)[1])["철회될 자료"]
    assert before.findtext("ModifyId") == "1"
    assert "사진 설명" in before.findtext("DataContents")

    withdraw(release)
    release.refresh_from_db()
    _response, root = get_xml(client, **window)
    item = items(root)["철회될 자료"]
    assert item.findtext("NewsItemId") == before.findtext("NewsItemId")
    assert item.findtext("Withdrawn") == "Y"
    assert item.findtext("WithdrawnDate") == portal_date(release.withdrawn_at)
    assert item.findtext("ModifyDate") == portal_date(release.withdrawn_at)
    assert item.findtext("ContentsStatus") == "U"
    assert item.findtext("ModifyId") == "2"
    assert item.findtext("DataContents") == (
        "<p>통계 오류로 게시를 철회합니다.</p>\n<p>바로잡은 자료를 다시 게시하겠습니다.</p>"
    )
    assert item.findtext("SubTitle1") == ""
    assert item.find("FileName") is None and item.find("FileUrl") is None


def test_a_withdrawal_is_listed_in_the_window_that_holds_it(client, make_release, withdraw):
    """A release published last year and withdrawn today is listed for today's window."""
    release = make_release(published_at=timezone.now() - timedelta(days=300))
    withdraw(release)
    Release.objects.filter(pk=release.pk).update(updated_at=release.published_at)
    today = {
        "startDate": f"{timezone.localdate():%Y%m%d}",
        "endDate": f"{timezone.localdate():%Y%m%d}",
    }
    _response, root = get_xml(client, **today)
    assert [item.findtext("Withdrawn") for item in root.iterfind("body/NewsItem")] == ["Y"]


def test_a_withdrawal_older_than_the_period_drops_out(client, make_release, withdraw, settings):
    """Past OPENDATA_WITHDRAWN_DAYS a withdrawn release is no longer listed."""
    settings.OPENDATA_WITHDRAWN_DAYS = 30
    kept = withdraw(
        make_release(title_ko="최근 철회", published_at=timezone.now() - timedelta(days=60))
    )
    gone = withdraw(
        make_release(title_ko="오래된 철회", published_at=timezone.now() - timedelta(days=60))
    )
    Release.objects.filter(pk=kept.pk).update(withdrawn_at=timezone.now() - timedelta(days=29))
    Release.objects.filter(pk=gone.pk).update(withdrawn_at=timezone.now() - timedelta(days=31))
    window = around(timezone.now() - timedelta(days=45), days=30)
    _response, root = get_xml(client, **window)
    assert sorted(items(root)) == ["최근 철회"]


def test_the_withdrawal_reaches_a_page_already_cached(client, recent, withdraw):
    """The cached page of the window is refreshed by the withdrawal at once."""
    release = recent(title_ko="캐시된 자료")
    window = around(release.published_at, days=15)
    assert items(get_xml(client, **window)[1])["캐시된 자료"].findtext("Withdrawn") == "N"
    withdraw(release)
    assert items(get_xml(client, **window)[1])["캐시된 자료"].findtext("Withdrawn") == "Y"


def test_a_withdrawal_ageing_out_refreshes_the_cached_page(client, recent, withdraw, settings):
    """Nothing is saved when a withdrawal's period ends; the cached page still drops it."""
    settings.OPENDATA_WITHDRAWN_DAYS = 30
    release = withdraw(recent(title_ko="곧 빠질 자료"))
    window = around(release.published_at, days=15)
    assert list(items(get_xml(client, **window)[1])) == ["곧 빠질 자료"]
    settings.OPENDATA_WITHDRAWN_DAYS = 0  # the period is over, with no save to signal it
    assert list(items(get_xml(client, **window)[1])) == []


def test_a_later_edit_of_the_notice_is_one_more_change(client, recent, withdraw, publisher):
    """Correcting the notice after the withdrawal raises ModifyId again, so mirrors take it."""
    release = withdraw(recent(title_ko="안내문 고침"))
    later = timezone.now() + timedelta(minutes=5)
    release.withdrawal_notice_ko = "고친 안내문"
    release.save()
    revision = record_revision(release, user=publisher, note="안내문")
    type(revision).objects.filter(pk=revision.pk).update(created_at=later)
    item = items(get_xml(client, **around(release.published_at, days=15))[1])["안내문 고침"]
    assert item.findtext("ModifyId") == "3"
    assert item.findtext("DataContents") == "<p>고친 안내문</p>"


def test_a_release_withdrawn_and_republished_is_listed_as_an_update(
    client, recent, withdraw, publisher
):
    """Put back, it is a normal item again (Withdrawn N), with a higher ModifyId than ever."""
    release = withdraw(recent(title_ko="되살린 자료"))
    window = around(release.published_at, days=15)
    withdrawn_id = int(items(get_xml(client, **window)[1])["되살린 자료"].findtext("ModifyId"))
    release.status = Release.Status.PUBLISHED
    workflow.record_publication(release, Release.Status.WITHDRAWN, user=publisher)
    release.save()
    revision = record_revision(release, user=publisher, note="재게시")
    type(revision).objects.filter(pk=revision.pk).update(
        created_at=timezone.now() + timedelta(minutes=5)
    )
    item = items(get_xml(client, **window)[1])["되살린 자료"]
    assert item.findtext("Withdrawn") == "N"
    assert int(item.findtext("ModifyId")) > withdrawn_id
    assert "본문" in item.findtext("DataContents")


def test_withdrawn_releases_cost_no_more_queries(client, recent, withdraw, attach):
    """A page with withdrawn releases among published ones costs the same fixed count."""

    def page_queries(params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params | {"numOfRows": "20"}).status_code == 200
        return len(queries)

    releases = [recent() for _ in range(6)]
    window = around(releases[0].published_at, days=15)
    for release in releases:
        attach(release)
    few = page_queries(window)
    for release in releases[:3]:
        withdraw(release)
    for _ in range(10):
        withdraw(recent())
    assert page_queries(window) == few == 8
    root = get_xml(client, **window | {"numOfRows": "20"})[1]
    assert [item.findtext("Withdrawn") for item in root.iterfind("body/NewsItem")].count("Y") == 13


# --- Imported attachment links ------------------------------------------------------------


def test_only_web_links_are_republished_and_a_fetched_file_once(client, make_release, attach):
    """A javascript: link stored long ago is not passed on; a link whose file was fetched is
    listed once, as our file."""
    release = make_release()
    fetched = attach(release, "가져온 파일.pdf")
    ImportedAttachmentLink.objects.create(
        release=release,
        name="가져온 파일.pdf",
        url="https://www.korea.kr/a.pdf",
        attachment=fetched,
    )
    ImportedAttachmentLink.objects.create(
        release=release, name="링크.hwpx", url="http://www.korea.kr/b.hwpx"
    )
    ImportedAttachmentLink.objects.create(
        release=release, name="나쁜.pdf", url="javascript:alert(1)"
    )
    _response, data = get_json(client, startDate="20240301", endDate="20240331")
    item = data["body"]["NewsItem"][0]
    assert item["FileName"] == ["가져온 파일.pdf", "링크.hwpx"]
    assert item["FileUrl"][1] == "http://www.korea.kr/b.hwpx"
    assert "/briefing/press-releases/" in item["FileUrl"][0]
    assert json.dumps(item).count("javascript:") == 0


def test_a_withdrawal_without_a_notice_still_says_so_in_english(client, recent, withdraw):
    """No notice written: a plain sentence, translated with lang=en."""
    release = withdraw(recent(), notice="")
    window = around(release.published_at, days=15)
    root = get_xml(client, **window, lang="en")[1]
    assert root.findtext("body/NewsItem/DataContents") == (
        "<p>This press release has been withdrawn</p>"
    )
