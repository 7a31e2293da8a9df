"""A press release's page: the portal's order, its tools, files, photos, neighbours and speed."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from briefing.releases.models import Attachment, Photo, Release, Statistic
from tests.releases.test_views_support import SEED_SLUG, make_release

DETAIL = f"/ko/briefing/press-releases/{SEED_SLUG}/"
TINY_JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00C\x00"
    + bytes(range(1, 65))
    + b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00\xff\xc4\x00\x14\x00\x01"
    + b"\x00" * 15
    + b"\x03\xff\xda\x00\x08\x01\x01\x00\x00?\x00\x07\xff\xd9"
)


def page(client, url=DETAIL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def body_of(html):
    """The page from <main> on, so the <head>'s title and meta tags do not count."""
    return html[html.index("<main") :]


@pytest.mark.django_db
def test_the_detail_shows_the_parts_in_the_portals_order(client, seed):
    """Title, date and ministry, tools, subtitles, body, contact, attribution, KOGL, rules."""
    html = body_of(page(client))
    order = [
        '<h1 id="release-title" data-content>조달청 해외조달시장',
        "2024.02.21",
        "본문듣기 시작",
        "최대크게",
        "목록",
        '<p class="subtitle">- 2023년 해외진출 유망 조달기업 수',
        "임기근 조달청장은 21일",
        "* 문의:",
        "이 자료는 조달청의 보도자료를 전재하여 제공함을 알려드립니다.",
        "공공누리 제1유형(출처표시)의 조건",
        "게시물 운영원칙",
        'id="comments"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_the_page_title_follows_the_portal_pattern(client, seed):
    """{제목} - 보도자료 | 브리핑룸 | 대한민국 정책브리핑."""
    assert (
        "<title>조달청 해외조달시장 진출 지원 역대 최대 성과로 ‘한국 수출 지도’ 넓혔다 - 보도자료 | "
        "브리핑룸 | 대한민국 정책브리핑</title>"
    ) in page(client)


@pytest.mark.django_db
def test_the_contact_phone_is_a_tel_link(client, seed):
    """The 문의 line reads as printed and its phone number can be dialled."""
    html = page(client)
    assert re.search(
        r'\* 문의: <span data-content>국제협력담당관실 김성일 사무관</span>\(<a href="tel:\+82427246492">'
        r"042-724-6492</a>\)",
        html,
    )


@pytest.mark.django_db
def test_photos_stand_after_their_paragraph_with_caption_and_alt_text(client, seed):
    """The three photos follow the first paragraph, each with ▶ caption and its alt text."""
    html = body_of(page(client))
    first_paragraph = html.index("올해 해외수출 지원 사업에 대해 설명하였다.")
    second_paragraph = html.index("조달청은 공공조달 구매자 초청상담회")
    for photo in seed.photos.all():
        position = html.index(f'alt="{photo.alt_text}"')
        assert first_paragraph < position < second_paragraph
        assert f"▶ {escape(photo.caption_text)}" in html


@pytest.mark.django_db
def test_the_footnote_follows_the_paragraph_with_its_marker(client, seed):
    """The G-PASS footnote comes right after the 'G-PASS기업*' paragraph."""
    html = page(client)
    marker = html.index("G-PASS기업*")
    footnote = html.index('<p class="footnote">')
    next_paragraph = html.index("이러한 수출증가의 원인은")
    assert marker < footnote < next_paragraph


@pytest.mark.django_db
def test_the_ministry_links_to_the_list_filtered_to_it(client, seed):
    """The ministry name leads to the list of that ministry's releases."""
    assert 'href="/ko/briefing/press-releases/?ministry=B00013"' in page(client)


@pytest.mark.django_db
def test_the_statistics_are_a_server_drawn_chart_and_a_table(client, seed):
    """A chart labelled for screen readers and a table with the same figures."""
    html = page(client)
    assert '<div class="stats-chart" role="img" aria-labelledby="stats-chart-title">' in html
    table = html[html.index('<table class="stats-table">') :]
    for figure in ("1,263개사", "16억 3천만불", "7개사", "▲13.4%", "역대 최고"):
        assert figure in table


@pytest.mark.django_db
def test_the_posting_rules_block_lists_the_thirteen_rules(client, seed):
    """The 운영원칙 block shows the registry's preamble and all 13 rules."""
    from briefing.rules import RULES

    html = page(client)
    block = html[html.index('class="posting-rules"') :]
    assert "정책브리핑 게시물 운영원칙에 따라" in block
    assert all(rule.text_ko in block for rule in RULES)
    assert block.count('<span class="rule-number">') == 13


@pytest.mark.django_db
def test_metadata_for_search_engines_and_sharing(client, seed):
    """Canonical, hreflang, Open Graph with the first photo, Twitter card and NewsArticle."""
    html = page(client)
    assert f'<link rel="canonical" href="http://testserver{DETAIL}">' in html
    assert f'hreflang="en" href="http://testserver/en/briefing/press-releases/{SEED_SLUG}/"' in html
    first_photo = seed.photos.first()
    assert f'<meta property="og:image" content="http://testserver{first_photo.image.url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    article = json.loads(json_ld)
    assert article["@type"] == "NewsArticle"
    assert article["author"]["name"] == "조달청"
    assert article["datePublished"].startswith("2024-02-21T")


@pytest.mark.django_db
def test_the_page_has_no_inline_scripts_or_event_handlers(client, seed):
    """Only external scripts and JSON-LD, so a strict CSP can be added later."""
    html = page(client)
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in attributes or "ld+json" in attributes for attributes in scripts)
    assert not re.search(r"\son[a-z]+=", html)


@pytest.mark.django_db
def test_an_unknown_release_is_a_404_in_the_sites_layout(client, seed):
    """A wrong slug gives the site's 404 page with its header, footer and a way back."""
    response = client.get("/ko/briefing/press-releases/no-such-release/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'id="header"' in html and 'id="footer"' in html
    assert "페이지를 찾을 수 없습니다" in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Release.Status.DRAFT, Release.Status.REVIEW])
def test_an_unpublished_release_is_a_404(client, seed, status):
    """Drafts and releases under review are not public."""
    release = make_release(1, status=status)
    assert client.get(release.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_release_scheduled_for_later_is_a_404_until_its_time(client, seed):
    """A release whose time has not come is not visible."""
    release = make_release(1, days_ago=-1)
    assert client.get(release.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_previous_and_next_follow_the_active_filter(client, seed):
    """이전기사/다음기사 name their titles and stay within the reader's ministry filter."""
    from briefing.releases.models import Ministry

    older_same = make_release(1, days_ago=2000)
    make_release(2, days_ago=1000, ministry=Ministry.objects.get(code="A00005"))
    newer_same = make_release(3, days_ago=1)
    html = page(client, ministry="B00013")
    navigation = html.split('class="area-page"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{older_same.get_absolute_url()}?ministry=B00013"' in navigation
    assert f'href="{newer_same.get_absolute_url()}?ministry=B00013"' in navigation
    assert "시험 보도자료 1" in navigation and "시험 보도자료 3" in navigation
    assert "시험 보도자료 2" not in navigation


@pytest.mark.django_db
def test_the_list_button_returns_to_the_same_filtered_page(client, seed):
    """목록 carries the keyword, ministry and page the reader came from."""
    html = page(client, q="조달", ministry="B00013", page="2")
    assert (
        'href="/ko/briefing/press-releases/?q=%EC%A1%B0%EB%8B%AC&amp;ministry=B00013&amp;page=2"'
        in html
    )


@pytest.mark.django_db
def test_the_language_switch_keeps_the_reader_on_the_same_release(client, seed):
    """한국어/English link to this release (and its filters) in the other language."""
    html = page(client, ministry="B00013")
    assert f'href="/en/briefing/press-releases/{SEED_SLUG}/?ministry=B00013" lang="en"' in html
    english = page(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    assert '<html lang="en">' in english
    assert "PPS widens Korea" in english


def attach(release, name, kind, content=b"%PDF-1.4 test"):
    attachment = Attachment(release=release, name=name, kind=kind, size=len(content))
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.mark.django_db
def test_attachments_are_listed_above_the_body_and_downloads_are_counted(client, seed):
    """The 첨부파일 box precedes the body; 내려받기 serves the file and counts it."""
    attachment = attach(seed, "240221 보도자료.hwpx", Attachment.Kind.HWPX, b"PK\x03\x04 hwpx")
    html = body_of(page(client))
    assert html.index("첨부파일") < html.index("임기근 조달청장은 21일")
    assert "바로보기" not in html.split('class="filedown"')[1].split("</ul>")[0]
    url = f"/ko/briefing/press-releases/{SEED_SLUG}/files/{attachment.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"PK\x03\x04 hwpx"
    client.get(url)
    attachment.refresh_from_db()
    assert attachment.download_count == 2


@pytest.mark.django_db
def test_a_pdf_can_be_viewed_in_the_browser(client, seed):
    """바로보기 serves a PDF inline; a HWP has no viewer."""
    pdf = attach(seed, "보도자료.pdf", Attachment.Kind.PDF)
    hwp = attach(seed, "보도자료.hwp", Attachment.Kind.HWP, b"HWP Document File")
    assert "바로보기" in page(client)
    response = client.get(f"/ko/briefing/press-releases/{SEED_SLUG}/files/{pdf.pk}/view/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert (
        client.get(f"/ko/briefing/press-releases/{SEED_SLUG}/files/{hwp.pk}/view/").status_code
        == 404
    )


@pytest.mark.django_db
def test_attachments_of_unpublished_releases_are_not_served(client, seed):
    """A draft's file is a 404 and its count does not move."""
    draft = make_release(1, status=Release.Status.DRAFT)
    attachment = attach(draft, "draft.pdf", Attachment.Kind.PDF)
    assert (
        client.get(f"/ko/briefing/press-releases/{draft.slug}/files/{attachment.pk}/").status_code
        == 404
    )
    attachment.refresh_from_db()
    assert attachment.download_count == 0


@pytest.mark.django_db
def test_the_photo_page_shows_every_photo_with_its_caption(client, seed):
    """The photos page has each photo at full size with its ▶ caption."""
    html = page(client, f"/ko/briefing/press-releases/{SEED_SLUG}/photos/")
    for photo in seed.photos.all():
        assert f'id="photo-{photo.pk}"' in html
        assert f"▶ {escape(photo.caption_text)}" in html


def detail_queries(client, url, *, shells=False):
    """Queries of an anonymous detail request rendered by the view (never a whole cached page):
    from scratch, or, with shells, around the cached page shell."""
    with override_settings(BRIEFING_PAGE_CACHE=False, BRIEFING_FRAGMENT_CACHE=shells):
        client.get(url)  # warms the sidebar (and the shell) and counts this visitor for today
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_detail_runs_a_fixed_number_of_queries_whatever_its_photos_and_figures(client, seed):
    """Three photos and three figures, or fifty of each: the same number of queries."""
    before = detail_queries(client, DETAIL)
    for number in range(50):
        photo = Photo(
            release=seed, caption=f"▶ 사진 {number}", alt_text=f"사진 {number}", after_block=2
        )
        photo.image.save(f"p{number}.jpg", ContentFile(TINY_JPEG), save=False)
        photo.save()
        Statistic.objects.create(release=seed, label=f"항목 {number}", value=number, unit="건")
    assert detail_queries(client, DETAIL) == before
    assert before <= 12
    assert detail_queries(client, DETAIL, shells=True) <= 4


@pytest.mark.django_db
def test_the_detail_runs_the_same_queries_with_0_and_500_comments(client, seed):
    """Five hundred comments cost no more queries than none."""
    comments = pytest.importorskip("briefing.comments.models")
    if not hasattr(comments, "Comment"):
        pytest.skip("the comments model does not exist yet")
    from django.contrib.auth import get_user_model

    before = detail_queries(client, DETAIL)
    around_shell = detail_queries(client, DETAIL, shells=True)
    author = get_user_model().objects.create_user("citizen", password="a-long-password-1")
    comments.Comment.objects.bulk_create(
        comments.Comment(release=seed, author=author, text=f"의견 {number}")
        for number in range(500)
    )
    assert detail_queries(client, DETAIL) == before
    assert detail_queries(client, DETAIL, shells=True) == around_shell <= 4


@pytest.mark.django_db
def test_the_500_page_renders_without_the_database(django_assert_num_queries):
    """The server-error page is static: no queries, no request context."""
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "일시적인 오류가 발생했습니다" in html
