"""import_press_releases reads what government files really are, and names what it refuses."""

import codecs

import pytest

from briefing.opendata.models import ImportedAttachmentLink
from briefing.releases.models import Release
from tests.opendata.test_import import item, portal_file, run, run_failing

#: "똠" and "햏" are CP949's own (EUC-KR lacks them): files declared EUC-KR really carry them.
TITLE = "조달청 똠방각하 햏 - 해외조달 실적 1.6조 원"


def korean_file(tmp_path, encoding, *, declared=None, bom=b"", name="items.xml"):
    text = portal_file(item(title=TITLE))
    if declared is None:
        text = text.split("\n", 1)[1]  # no XML declaration at all
    else:
        text = text.replace('encoding="UTF-8"', f'encoding="{declared}"')
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


ENCODINGS = {
    "EUC-KR declared, CP949 bytes": ("cp949", "EUC-KR", b""),
    "CP949 declared": ("cp949", "CP949", b""),
    "KS_C_5601-1987 declared": ("cp949", "KS_C_5601-1987", b""),
    "undeclared CP949": ("cp949", None, b""),
    "UTF-8 declared": ("utf-8", "UTF-8", b""),
    "undeclared UTF-8": ("utf-8", None, b""),
    "UTF-8 with BOM": ("utf-8", "UTF-8", codecs.BOM_UTF8),
    "UTF-16 LE with BOM": ("utf-16-le", "UTF-16", codecs.BOM_UTF16_LE),
    "UTF-16 BE with BOM": ("utf-16-be", "UTF-16", codecs.BOM_UTF16_BE),
    "UTF-16 LE without BOM": ("utf-16-le", "UTF-16", b""),
    "UTF-16 BE undeclared, no BOM": ("utf-16-be", None, b""),
}


@pytest.mark.parametrize("case", ENCODINGS)
def test_korean_text_round_trips_from_every_encoding(ministry, tmp_path, case):
    encoding, declared, bom = ENCODINGS[case]
    out, _err = run(korean_file(tmp_path, encoding, declared=declared, bom=bom))
    release = Release.objects.get()
    assert release.title_ko == TITLE
    assert release.contacts.get().name_ko == "정미숙"
    assert "created 1" in out


def test_an_undecodable_file_is_refused_naming_the_line_and_the_encoding(ministry, tmp_path):
    """Bytes that are not UTF-8, in a file declared UTF-8: refused, nothing imported."""
    text = portal_file(item(id=1), item(id=2)).encode("utf-8")
    lines = text.split(b"\n")
    lines[6] = lines[6].replace("조달청".encode(), "조달청".encode("cp949"))
    path = tmp_path / "bad.xml"
    path.write_bytes(b"\n".join(lines))
    err = run_failing(path)
    assert "bad.xml: failed, line 7: cannot be decoded as UTF-8 (declared UTF-8)" in err
    assert not Release.objects.exists()


def test_a_file_neither_utf8_nor_cp949_is_refused_saying_what_was_tried(ministry, tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(b"<response>\n<body>\x80\xff</body></response>")
    err = run_failing(path)
    assert "line 2: cannot be decoded as UTF-8 or CP949 (no encoding declared)" in err


def test_an_unknown_declared_encoding_is_refused(ministry, tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="X-NOTHING"?>\n<response/>')
    err = run_failing(path)
    assert "line 1: the XML declaration names an unknown encoding 'X-NOTHING'" in err


def test_a_dtd_is_still_refused_in_a_korean_encoded_file(ministry, tmp_path):
    text = (
        '<?xml version="1.0" encoding="EUC-KR"?>\n<!DOCTYPE r [<!ENTITY x "조달청">]>\n<response/>'
    )
    path = tmp_path / "dtd.xml"
    path.write_bytes(text.encode("cp949"))
    err = run_failing(path)
    assert "line 2: refused: the file declares a DTD or entities" in err


def with_field(name, value, text=None):
    text = text or item()
    start, end = text.index(f"<{name}>"), text.index(f"</{name}>") + len(name) + 3
    return text[:start] + f"<{name}>{value}</{name}>" + text[end:]


LONG_URL = "https://www.korea.kr/" + "a" * 500
INVALID_ITEMS = {
    "20-digit id": (
        item(id="12345678901234567890"),
        "item 1 (NewsItemId 12345678901234567890): skipped: NewsItemId has 20 digits; at most 18",
    ),
    "id not a number": (item(id="12ab"), "skipped: NewsItemId '12ab' is not a number"),
    "ModifyId too long": (
        item(modify="12345678901"),
        "skipped: ModifyId has 11 digits; at most 9",
    ),
    "title too long": (
        item(title="가" * 301),
        "item 1 (NewsItemId 156472565): skipped: Title has 301 characters; at most 300",
    ),
    "empty title": (item(title=" "), "skipped: no Title"),
    "OriginalUrl too long": (
        with_field("OriginalUrl", LONG_URL),
        "skipped: OriginalUrl has 521 characters; at most 500",
    ),
    "OriginalUrl not http": (
        with_field("OriginalUrl", "javascript:alert(1)"),
        "skipped: OriginalUrl is not an http(s) address",
    ),
    "MinisterCode too long": (
        item(ministry="부" * 101),
        "skipped: MinisterCode has 101 characters; at most 100",
    ),
    "source too long": (
        item().replace("</NewsItem>", f"<NewsItemSource>{'a' * 101}</NewsItemSource></NewsItem>"),
        "skipped: NewsItemSource has 101 characters; at most 100",
    ),
    "source with spaces": (
        item().replace("</NewsItem>", "<NewsItemSource>a b</NewsItemSource></NewsItem>"),
        "skipped: NewsItemSource 'a b' is not a site's name",
    ),
    "year 0001": (
        with_field("ApproveDate", "01/01/0001 00:00:00"),
        "skipped: ApproveDate 01/01/0001 00:00:00 lies outside 1990-01-01..2100-12-31",
    ),
    "year 9999": (
        with_field("EmbargoDate", "12/31/9999 23:59:59"),
        "skipped: EmbargoDate 12/31/9999 23:59:59 lies outside 1990-01-01..2100-12-31",
    ),
    "date not in the portal's format": (
        with_field("ModifyDate", "2024-02-21"),
        "skipped: ModifyDate '2024-02-21' is not MM/DD/YYYY HH24:MI:SS",
    ),
    "unknown KoglType": (
        item().replace("</NewsItem>", "<KoglType>7</KoglType></NewsItem>"),
        "skipped: KoglType '7' is not 1-4: the licence it grants is unknown",
    ),
    "Withdrawn neither Y nor N": (
        item().replace("</NewsItem>", "<Withdrawn>maybe</Withdrawn></NewsItem>"),
        "skipped: Withdrawn 'maybe' is not Y or N",
    ),
}


@pytest.mark.parametrize("case", INVALID_ITEMS)
def test_an_invalid_item_is_skipped_with_a_message_naming_it(ministry, xml_file, case):
    """Nothing crashes, nothing is cut: the item is skipped, the next one still imports."""
    text, message = INVALID_ITEMS[case]
    out, _err = run(xml_file(portal_file(text, item(id=2))))
    assert message in out
    assert list(Release.objects.values_list("news_item_id", flat=True)) == [2]
    assert "created 1, updated 0, unchanged 0, skipped 1" in out


def test_a_javascript_file_url_is_not_stored_but_the_item_is(ministry, xml_file):
    """A link that is not http(s), or too long to store, is left out with a note."""
    text = item().replace(
        "https://www.korea.kr/common/download.do?fileId=1", "javascript:alert(document.cookie)"
    )
    text = text.replace("240221 보도자료.pdf", "가" * 256)
    out, _err = run(xml_file(portal_file(text)))
    assert Release.objects.count() == 1
    assert not ImportedAttachmentLink.objects.exists()
    assert (
        "link 1 (240221 보도자료.hwpx) left out: FileUrl is not an http(s) address (javascript)"
        in out
    )
    assert "left out: FileName longer than 255 characters" in out


def test_addresses_that_are_not_even_urls_do_not_fail_the_file(ministry, xml_file):
    """`http://[` cannot be split into a host at all (urlsplit raises): the link is left out, the
    image is not a photo of ours, and the item and the file are still imported."""
    text = item().replace("https://www.korea.kr/common/download.do?fileId=1", "http://[oops")
    text = text.replace("https://www.korea.kr/images/photo1.jpg", "https://[::1")
    out, _err = run(xml_file(portal_file(text)))
    assert "created 1" in out and "http(s) address" in out
    release = Release.objects.get(news_item_id=156472565)
    assert list(release.imported_attachment_links.values_list("name", flat=True)) == [
        "240221 보도자료.pdf"
    ]
    assert not release.photos.exists()
