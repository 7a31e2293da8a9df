"""manage.py import_press_releases: portal files in, releases out, hostile files refused."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from briefing.opendata.models import ImportedAttachmentLink
from briefing.releases.models import Ministry, Release

PORTAL_ITEM = """<NewsItem>
<NewsItemId>{id}</NewsItemId><ContentsStatus>{status}</ContentsStatus><ModifyId>{modify}</ModifyId>
<ModifyDate>02/21/2024 10:00:00</ModifyDate><ApproveDate>02/21/2024 09:00:00</ApproveDate>
<ApproverName>홍길동</ApproverName><EmbargoDate></EmbargoDate><GroupingCode>brief</GroupingCode>
<Title><![CDATA[{title}]]></Title>
<SubTitle1><![CDATA[- 첫 부제]]></SubTitle1><SubTitle2><![CDATA[]]></SubTitle2><SubTitle3></SubTitle3>
<DataContents><![CDATA[<div><p>첫 문단 <script>alert(1)</script><b onclick="x()">굵게</b></p>
<p><img src="https://www.korea.kr/images/photo1.jpg" alt="사진1"></p>
<p>▶ 청장이 축사를 하고 있다.</p>
<p>둘째 문단</p>
<p>※ 참고: 붙임 자료</p>
<p>* 문의: 운영지원과 정미숙 서기관(042-724-7023)</p></div>]]></DataContents>
<MinisterCode>{ministry}</MinisterCode>
<OriginalUrl>https://www.korea.kr/briefing/pressReleaseView.do?newsId={id}</OriginalUrl>
<FileName>240221 보도자료.hwpx</FileName><FileUrl>https://www.korea.kr/common/download.do?fileId=1</FileUrl>
<FileName>240221 보도자료.pdf</FileName><FileUrl>https://www.korea.kr/common/download.do?fileId=2</FileUrl>
</NewsItem>"""


def portal_file(*items):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<response><header><resultCode>0</resultCode>'
        "<resultMsg>NORMAL_SERVICE</resultMsg></header><body>\n"
        + "\n".join(items)
        + "\n</body></response>"
    )


def item(id=156472565, status="I", modify=1, title="조달청 개청 77주년", ministry="조달청"):
    return PORTAL_ITEM.format(id=id, status=status, modify=modify, title=title, ministry=ministry)


def run(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("import_press_releases", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_failing(*paths):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_press_releases", *map(str, paths), stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_a_portal_file_creates_a_published_release(ministry, xml_file):
    """An item becomes a public release with its title, subtitle, body, date and ministry."""
    out, _err = run(xml_file(portal_file(item())))
    release = Release.objects.published().get(news_item_id=156472565)
    assert release.slug == "news-156472565"
    assert release.title_ko == "조달청 개청 77주년"
    assert release.subtitle_ko == "첫 부제"
    assert release.ministry == ministry
    assert release.published_at.isoformat() == "2024-02-21T00:00:00+00:00"
    assert "created 1, updated 0, unchanged 0, skipped 0" in out


def test_imported_html_is_sanitised(ministry, xml_file):
    """Scripts and event handlers in DataContents never reach the stored body."""
    run(xml_file(portal_file(item())))
    body = Release.objects.get().body_ko
    assert "<b>굵게</b>" in body
    assert "script" not in body and "onclick" not in body and "alert" not in body


def test_contact_line_and_notes_are_split_into_their_places(ministry, xml_file):
    """The * 문의: line becomes a Contact and the closing ※ note the footnote."""
    run(xml_file(portal_file(item())))
    release = Release.objects.get()
    contact = release.contacts.get()
    assert (contact.department_ko, contact.name_ko, contact.position_ko, contact.phone) == (
        "운영지원과",
        "정미숙",
        "서기관",
        "042-724-7023",
    )
    assert release.footnote_ko == "※ 참고: 붙임 자료"
    assert "문의" not in release.body_ko and "참고" not in release.body_ko
    assert release.attribution_ko == "이 자료는 조달청의 보도자료를 전재하여 제공함을 알려드립니다."


def test_a_caption_whose_image_cannot_be_fetched_stays_a_paragraph(ministry, xml_file):
    """An image on another site is not downloaded: its caption stays in the body, reported."""
    out, _err = run(xml_file(portal_file(item())))
    release = Release.objects.get()
    assert release.photos.count() == 0
    assert [block for block in release.body_blocks if "▶ 청장이 축사를" in block]
    assert "photo caption kept as a paragraph" in out


def test_attachments_are_recorded_by_name_and_url(ministry, xml_file, client):
    """FileName/FileUrl pairs are kept as links and served again in the feed."""
    run(xml_file(portal_file(item())))
    links = list(ImportedAttachmentLink.objects.values_list("name", "url"))
    assert links == [
        ("240221 보도자료.hwpx", "https://www.korea.kr/common/download.do?fileId=1"),
        ("240221 보도자료.pdf", "https://www.korea.kr/common/download.do?fileId=2"),
    ]
    feed = client.get("/api/press-releases/", {"startDate": "20240221", "endDate": "20240221"})
    assert (
        b"<FileName>240221 \xeb\xb3\xb4\xeb\x8f\x84\xec\x9e\x90\xeb\xa3\x8c.pdf</FileName>"
        in feed.content
    )


def test_an_update_item_changes_the_release_and_keeps_a_revision(ministry, xml_file):
    """A U item with a higher ModifyId updates the same release; the import that created it and
    this one each recorded a revision, so the second's diff shows what it changed."""
    run(xml_file(portal_file(item())))
    out, _err = run(xml_file(portal_file(item(status="U", modify=2, title="고친 제목")), "u.xml"))
    release = Release.objects.get()
    assert release.title_ko == "고친 제목"
    assert [r.note for r in release.revisions.order_by("number")] == [
        "정책브리핑 ModifyId 1 가져오기 / import from korea.kr",
        "정책브리핑 ModifyId 2 가져오기 / import from korea.kr",
    ]
    assert "created 0, updated 1" in out
    assert "item 1 (NewsItemId 156472565): updated: Title" in out


def test_an_item_already_imported_is_unchanged_with_its_reason(ministry, xml_file):
    """Importing the same file twice changes nothing the second time and says why."""
    path = xml_file(portal_file(item()))
    run(path)
    out, _err = run(path)
    assert Release.objects.count() == 1
    assert "created 0, updated 0, unchanged 1, skipped 0" in out
    assert "unchanged 1: already imported (ModifyId 1)" in out


def test_unknown_ministries_are_skipped_and_former_names_are_mapped(ministry, xml_file):
    """An unknown MinisterCode is skipped with its name; a pre-2025 name finds today's ministry."""
    Ministry.objects.create(code="A00015", name_ko="산업통상부", group="ministry")
    path = xml_file(
        portal_file(item(id=1, ministry="없는부"), item(id=2, ministry="산업통상자원부"))
    )
    out, _err = run(path)
    assert Release.objects.get().ministry.code == "A00015"
    assert "item 1 (NewsItemId 1): skipped: unknown ministry '없는부'" in out


def test_a_malformed_file_imports_nothing_and_names_the_line(ministry, xml_file):
    """A file broken after two good items imports neither and reports the failing line."""
    text = portal_file(item(id=1), item(id=2)).replace("</body>", "<broken></body>")
    broken_line = text[: text.index("</body>")].count("\n") + 1
    err = run_failing(xml_file(text))
    assert Release.objects.count() == 0
    assert f"line {broken_line}: not well-formed XML" in err


def test_each_file_is_its_own_transaction(ministry, xml_file):
    """A good file imports even when another file in the same run is broken."""
    good = xml_file(portal_file(item(id=1)), "good.xml")
    bad = xml_file("<response><body>", "bad.xml")
    err = run_failing(good, bad)
    assert Release.objects.count() == 1
    assert "bad.xml" in err


HOSTILE = {
    "billion laughs": """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<response><body><NewsItem><NewsItemId>1</NewsItemId><Title>&lol3;</Title>
<MinisterCode>조달청</MinisterCode></NewsItem></body></response>""",
    "external entity": """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<response><body><NewsItem><NewsItemId>1</NewsItemId><Title>&xxe;</Title>
<MinisterCode>조달청</MinisterCode></NewsItem></body></response>""",
    "DTD retrieval": """<?xml version="1.0"?>
<!DOCTYPE response SYSTEM "http://127.0.0.1:9/evil.dtd">
<response><body><NewsItem><NewsItemId>1</NewsItemId><Title>x</Title>
<MinisterCode>조달청</MinisterCode></NewsItem></body></response>""",
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_xml_is_refused_and_nothing_is_imported(ministry, xml_file, kind):
    """Entity bombs, external entities and remote DTDs are refused with a clear message."""
    err = run_failing(xml_file(HOSTILE[kind]))
    assert Release.objects.count() == 0
    assert "line 2: refused: the file declares a DTD or entities" in err
    assert "root:" not in err  # nothing of /etc/passwd leaks into the report


def test_an_embargoed_item_waits_for_its_time(ministry, xml_file):
    """An item whose EmbargoDate lies ahead is scheduled: not public until then."""
    text = portal_file(item()).replace(
        "<EmbargoDate></EmbargoDate>", "<EmbargoDate>01/01/2099 00:00:00</EmbargoDate>"
    )
    run(xml_file(text))
    assert Release.objects.count() == 1
    assert not Release.objects.published().exists()


def test_progress_bar_is_drawn_on_stderr_when_asked(ministry, xml_file):
    """--progress draws a bar with the item count on stderr; stdout keeps only the summary."""
    out, err = run(xml_file(portal_file(item(id=1), item(id=2))), progress=True)
    assert "[##############################] 2/2" in err
    assert "#" not in out


def test_exporting_the_seed_and_importing_it_into_an_empty_database_gives_the_same_release(
    seed, xml_file, settings
):
    """The announcement survives the round trip: text, photos, footnote, contact and ministry."""
    feed = Client().get("/api/press-releases/", {"startDate": "20240221", "endDate": "20240221"})
    original = snapshot(seed)
    # The new database starts empty but the media folder moves with the site.
    media_copy = settings.MEDIA_ROOT.parent / "media-copy"
    shutil.copytree(settings.MEDIA_ROOT, media_copy)
    Release.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.copytree(media_copy, settings.MEDIA_ROOT)

    # …and is another site: one that took this feed's items as its own would import none.
    settings.OPENDATA_SOURCE = "mirror.example"
    out, _err = run(xml_file(feed.content.decode()))
    imported = Release.objects.get()
    assert snapshot(imported) == original
    assert "note:" not in out


def snapshot(release):
    return {
        "slug": release.slug,
        "title": release.title_ko,
        "subtitle": release.subtitle_ko,
        "body": list(release.body_blocks),
        "footnote": release.footnote_ko,
        "attribution": release.attribution_ko,
        "ministry": release.ministry.code,
        "published_at": release.published_at,
        "photos": [
            (p.caption_ko, p.alt_text_ko, p.after_block, p.image.read())
            for p in release.photos.all()
        ],
        "contacts": list(
            release.contacts.values_list(
                "department_ko", "name_ko", "position_ko", "phone", "email"
            )
        ),
    }
