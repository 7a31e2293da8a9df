"""GET /api/press-releases/: the portal API's shape, its errors, embargo, paging and cost."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import timezone

from briefing.releases.models import Contact, Release
from tests.opendata.conftest import SEOUL

URL = "/api/press-releases/"
MARCH = {"startDate": "20240301", "endDate": "20240331"}
PORTAL_FIELDS = [
    "NewsItemId", "ContentsStatus", "ModifyId", "ModifyDate", "ApproveDate", "ApproverName",
    "EmbargoDate", "GroupingCode", "Title", "SubTitle1", "SubTitle2", "SubTitle3",
    "DataContents", "MinisterCode", "OriginalUrl",
]  # fmt: skip
EXTENSION_FIELDS = ["NewsItemSource", "KoglType", "Withdrawn", "WithdrawnDate"]


def get_xml(client, **params):
    response = client.get(URL, params)
    return response, fromstring(response.content)


def get_json(client, **params):
    response = client.get(URL, params | {"type": "json"})
    return response, json.loads(response.content)["response"]


def titles(root):
    return [item.findtext("Title") for item in root.iterfind("body/NewsItem")]


def test_feed_answers_in_the_portal_xml_shape(client, make_release, attach):
    """A release comes back as a NewsItem with the portal's fields, order and date format."""
    release = make_release(subtitle_ko="첫 부제\n둘째 부제", news_item_id=156472565)
    attach(release, "240304 보도자료.hwpx")
    response, root = get_xml(client, **MARCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert root.findtext("header/resultCode") == "0"
    assert root.findtext("header/resultMsg") == "NORMAL_SERVICE"
    item = root.find("body/NewsItem")
    assert [child.tag for child in item] == [
        *PORTAL_FIELDS, "FileName", "FileUrl", *EXTENSION_FIELDS
    ]  # fmt: skip
    assert item.findtext("NewsItemId") == "156472565"
    assert item.findtext("ContentsStatus") == "I"
    assert item.findtext("ApproveDate") == "03/04/2024 10:00:00"
    assert item.findtext("GroupingCode") == "brief"
    assert item.findtext("SubTitle2") == "둘째 부제"
    assert item.findtext("MinisterCode") == "조달청"
    assert item.findtext("OriginalUrl").endswith(f"/ko/briefing/press-releases/{release.slug}/")
    assert item.findtext("FileName") == "240304 보도자료.hwpx"
    assert client.get(item.findtext("FileUrl")).status_code == 200
    assert b"<Title><![CDATA[" in response.content


def test_dates_are_given_in_seoul_time(client, make_release):
    """A release published at 00:30 UTC is dated 09:30 the same day, as the portal dates it."""
    make_release(published_at=datetime(2024, 3, 4, 0, 30, tzinfo=UTC))
    _response, root = get_xml(client, **MARCH)
    assert root.findtext("body/NewsItem/ApproveDate") == "03/04/2024 09:30:00"


def test_json_gives_the_same_data_as_xml(client, make_release, attach):
    """type=json answers with the same fields and values, attachments as parallel lists."""
    attach(make_release(), "a.hwpx")
    _response, root = get_xml(client, **MARCH)
    response, data = get_json(client, **MARCH)
    assert response["Content-Type"] == "application/json"
    item = data["body"]["NewsItem"][0]
    xml_item = root.find("body/NewsItem")
    assert {name: item[name] for name in PORTAL_FIELDS} == {
        name: xml_item.findtext(name) for name in PORTAL_FIELDS
    }
    assert item["FileName"] == ["a.hwpx"]
    assert len(item["FileUrl"]) == 1
    assert data["body"]["totalCount"] == 1


def test_english_is_given_with_lang_en(client, make_release):
    """lang=en gives the English title and ministry name and links to the English page."""
    make_release(title_en="Record exports")
    _response, root = get_xml(client, **MARCH, lang="en")
    assert titles(root) == ["Record exports"]
    assert root.findtext("body/NewsItem/MinisterCode") == "Public Procurement Service"
    assert "/en/briefing/" in root.findtext("body/NewsItem/OriginalUrl")


@pytest.mark.parametrize("params", [{}, {"startDate": "20240301"}, {"endDate": "20240301"}])
def test_a_missing_date_gets_the_portals_code_11(client, db, params):
    """Leaving out startDate or endDate answers 400 NO_MANDATORY_REQUEST_PARAMETERS_ERROR."""
    response, root = get_xml(client, **params)
    assert response.status_code == 400
    assert root.findtext("header/resultCode") == "11"
    assert root.findtext("header/resultMsg") == "NO_MANDATORY_REQUEST_PARAMETERS_ERROR"


@pytest.mark.parametrize(
    "params",
    [
        {"startDate": "2024-03-01", "endDate": "20240331"},
        {"startDate": "20240231", "endDate": "20240331"},
        {"startDate": "20240331", "endDate": "20240301"},
        {"startDate": "20230101", "endDate": "20240331"},
        MARCH | {"numOfRows": "101"},
        MARCH | {"pageNo": "0"},
        MARCH | {"pageNo": "x"},
        MARCH | {"lang": "fr"},
    ],
)
def test_an_invalid_parameter_gets_the_portals_code_10(client, db, params):
    """Bad dates, reversed or over-long windows and out-of-range paging answer 400 code 10."""
    response, root = get_xml(client, **params)
    assert response.status_code == 400
    assert root.findtext("header/resultCode") == "10"
    assert root.findtext("header/resultMsg") == "INVALID_REQUEST_PARAMETER_ERROR"
    assert root.findtext("header/resultDetail")


def test_errors_answer_in_json_when_json_was_asked_for(client, db):
    """An error to a type=json request is JSON with the same code."""
    response, data = get_json(client, startDate="20240301")
    assert response.status_code == 400
    assert data["header"]["resultCode"] == "11"


def test_a_year_long_window_is_allowed(client, make_release):
    """Unlike the portal's three days, a window of 366 days is answered."""
    make_release()
    response, root = get_xml(client, startDate="20230405", endDate="20240404")
    assert response.status_code == 200
    assert root.findtext("body/totalCount") == "1"


def test_only_releases_in_the_window_are_listed(client, make_release):
    """A release approved outside the dates is left out; one changed inside them is listed."""
    make_release(title_ko="삼월")
    make_release(title_ko="이월", published_at=datetime(2024, 2, 10, tzinfo=SEOUL))
    changed = make_release(
        title_ko="이월에 내고 삼월에 고침", published_at=datetime(2024, 2, 1, tzinfo=SEOUL)
    )
    Release.objects.filter(pk=changed.pk).update(updated_at=datetime(2024, 3, 5, tzinfo=SEOUL))
    _response, root = get_xml(client, **MARCH)
    assert sorted(titles(root)) == sorted(["삼월", "이월에 내고 삼월에 고침"])


def test_unpublished_and_embargoed_releases_stay_out_until_their_time(client, make_release):
    """Drafts never appear; a scheduled release appears only once its time has come."""
    now = timezone.now()
    window = {
        "startDate": f"{now - timedelta(days=2):%Y%m%d}",
        "endDate": f"{now + timedelta(days=2):%Y%m%d}",
    }
    make_release(
        title_ko="초안", status=Release.Status.DRAFT, published_at=now - timedelta(hours=1)
    )
    held = make_release(
        title_ko="엠바고", status=Release.Status.SCHEDULED, published_at=now + timedelta(hours=1)
    )
    _response, root = get_xml(client, **window)
    assert titles(root) == []
    lifted = now - timedelta(minutes=5)
    Release.objects.filter(pk=held.pk).update(
        published_at=lifted, updated_at=lifted - timedelta(days=1)
    )
    _response, root = get_xml(client, **window)
    assert titles(root) == ["엠바고"]
    assert root.findtext("body/NewsItem/EmbargoDate") == lifted.astimezone(SEOUL).strftime(
        "%m/%d/%Y %H:%M:%S"
    )


def test_pages_split_the_results_without_overlap(client, make_release):
    """pageNo and numOfRows page through every release exactly once, with totalCount."""
    for day in range(1, 26):
        make_release(published_at=datetime(2024, 3, day, 9, tzinfo=SEOUL))
    seen = []
    for page in (1, 2, 3):
        _response, root = get_xml(client, **MARCH, numOfRows="10", pageNo=str(page))
        assert root.findtext("body/totalCount") == "25"
        assert root.findtext("body/pageNo") == str(page)
        seen += [item.findtext("NewsItemId") for item in root.iterfind("body/NewsItem")]
    assert len(seen) == 25 == len(set(seen))
    _response, root = get_xml(client, **MARCH, numOfRows="10", pageNo="4")
    assert titles(root) == []


def test_a_release_changed_after_publication_is_an_update(client, make_release):
    """ContentsStatus turns U and ModifyId 2 once the release is saved after publication."""
    release = make_release(published_at=datetime(2024, 3, 4, tzinfo=SEOUL))
    Release.objects.filter(pk=release.pk).update(updated_at=datetime(2024, 3, 6, tzinfo=SEOUL))
    _response, root = get_xml(client, **MARCH)
    item = root.find("body/NewsItem")
    assert item.findtext("ContentsStatus") == "U"
    assert item.findtext("ModifyId") == "2"
    assert item.findtext("ModifyDate") == "03/06/2024 00:00:00"


def test_modify_id_counts_the_revisions_kept_after_publication(client, make_release):
    """Two revisions recorded after publication make ModifyId 3."""
    from briefing.releases.services import record_revision

    published = timezone.now() - timedelta(days=10)
    release = make_release(published_at=published)
    record_revision(release, note="first fix")
    record_revision(release, note="second fix")
    window = {"startDate": f"{published:%Y%m%d}", "endDate": f"{timezone.now():%Y%m%d}"}
    _response, root = get_xml(client, **window)
    assert root.findtext("body/NewsItem/ModifyId") == "3"


def test_data_contents_carries_contacts_footnote_and_attribution(client, make_release):
    """The HTML shows the footnote, the * 문의: line and the attribution after the body."""
    release = make_release(
        footnote_ko="* 각주",
        attribution_ko="이 자료는 조달청의 보도자료를 전재하여 제공함을 알려드립니다.",
    )
    Contact.objects.create(
        release=release,
        department_ko="국제협력담당관실",
        name_ko="김성일",
        position_ko="사무관",
        phone="042-724-6492",
    )
    _response, root = get_xml(client, **MARCH)
    html = root.findtext("body/NewsItem/DataContents")
    assert (
        html.index("본문")
        < html.index("* 각주")
        < html.index("* 문의: 국제협력담당관실 김성일 사무관(042-724-6492)")
    )
    assert html.rstrip().endswith(
        "“이 자료는 조달청의 보도자료를 전재하여 제공함을 알려드립니다.”</p>"
    )


def test_a_page_costs_the_same_queries_however_many_releases_it_holds(
    client, make_release, attach, django_assert_num_queries
):
    """Five releases or twenty, with attachments and contacts: the same fixed query count."""

    def page_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, MARCH | {"numOfRows": "20"}).status_code == 200
        return len(queries)

    for _ in range(5):
        attach(make_release())
    few = page_queries()
    for _ in range(15):
        release = make_release()
        attach(release)
        Contact.objects.create(release=release, department_ko="과", name_ko="이름", phone="02-1")
    many = page_queries()
    assert few == many == 8  # version check, count, releases, 5 prefetches
    with django_assert_num_queries(1):  # cached: only the check that nothing changed
        client.get(URL, MARCH | {"numOfRows": "20"})


def test_a_cached_page_is_refreshed_when_a_release_changes(client, make_release):
    """Editing a release shows in the very next answer despite the cache."""
    release = make_release(title_ko="처음 제목")
    assert titles(get_xml(client, **MARCH)[1]) == ["처음 제목"]
    release.title_ko = "고친 제목"
    release.save()
    assert titles(get_xml(client, **MARCH)[1]) == ["고친 제목"]


def test_a_cached_page_is_refreshed_when_a_contact_changes(client, make_release):
    """Changing only a contact row also reaches the next answer."""
    release = make_release()
    get_xml(client, **MARCH)
    Contact.objects.create(release=release, department_ko="새부서", name_ko="이름", phone="02-1")
    html = get_xml(client, **MARCH)[1].findtext("body/NewsItem/DataContents")
    assert "새부서" in html


def test_the_english_contact_line_is_translated(client, make_release):
    """With lang=en the contact line's label and names are English."""
    release = make_release()
    Contact.objects.create(
        release=release, department_ko="과", department_en="Division", name_ko="김", name_en="Kim",
        phone="02-1",
    )  # fmt: skip
    html = get_xml(client, **MARCH, lang="en")[1].findtext("body/NewsItem/DataContents")
    assert ": Division Kim(02-1)" in html
    assert "문의" not in html
