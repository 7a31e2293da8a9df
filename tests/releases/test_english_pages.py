"""English pages of releases written only in Korean: they say so, mark the Korean as Korean, and
claim no English page to search engines; Korean comments are marked Korean; the wording slips."""

import re

import pytest
from django.utils import timezone

from briefing.comments.models import Comment
from tests.releases.test_views_support import SEED_SLUG, make_release

KOREAN_ONLY_NOTICE = "This release is available in Korean only."


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def korean_only(seed):
    """A published release with a photo caption, a contact and a figure, none of them in English."""
    release = make_release(1, title_en="", body_en="", subtitle_ko="부제목 한 줄")
    photo = seed.photos.first()
    photo.pk = None
    photo.release = release
    photo.caption_en = photo.alt_text_en = photo.credit_en = ""
    photo.save()
    release.contacts.create(
        department_ko="국제협력담당관실", name_ko="김성일", phone="042-724-6492"
    )
    release.statistics.create(label_ko="수출실적", value=7, unit_ko="개사", as_of_ko="2023년")
    return release


def element(html, pattern):
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(0)


@pytest.mark.django_db
def test_a_korean_only_release_says_so_on_its_english_page(client, korean_only):
    english = get(client, f"/en/briefing/press-releases/{korean_only.slug}/")
    korean = get(client, f"/ko/briefing/press-releases/{korean_only.slug}/")
    assert KOREAN_ONLY_NOTICE in english
    assert "한국어로만" not in korean and KOREAN_ONLY_NOTICE not in korean


@pytest.mark.django_db
def test_an_english_release_has_no_korean_only_notice(client, seed):
    english = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    assert KOREAN_ONLY_NOTICE not in english
    assert 'id="release-title" data-content>PPS widens' in english
    assert 'data-tts-lang="en-US"' in english


@pytest.mark.django_db
def test_the_korean_text_on_an_english_page_is_marked_korean(client, korean_only):
    """Title, subtitle, body, caption, credit, alt text, contact and figures carry lang="ko";
    the interface around them stays English (the page's own lang)."""
    html = get(client, f"/en/briefing/press-releases/{korean_only.slug}/")
    assert '<html lang="en">' in html
    korean_elements = [
        r'<h1 id="release-title" data-content lang="ko">시험 보도자료 1</h1>',
        r'<div class="subtitles" data-content lang="ko">\s*<p class="subtitle">- 부제목 한 줄',
        r'<div class="view-cont" data-content lang="ko">\s*<p>시험 본문 1',
        r'<img [^>]*alt="사진1_수출진흥협회 정기총회" lang="ko"',
        r'<figcaption lang="ko">▶ 임기근 조달청장이',
        r'<span class="credit" lang="ko">\(조달청 \(대체 이미지\)\)</span>',
        r'<span data-content lang="ko">국제협력담당관실 김성일',
        r'<th scope="row" data-content lang="ko">수출실적</th>',
        r'<td data-content lang="ko">2023년</td>',
    ]
    for pattern in korean_elements:
        element(html, pattern)
    # 본문듣기 reads the Korean body with a Korean voice.
    assert 'data-tts-lang="ko-KR"' in html
    # The ministry has its English name, so it is not marked.
    assert "<span data-content>Public Procurement Service</span>" in html


@pytest.mark.django_db
def test_the_english_list_marks_a_korean_only_title_korean_and_a_translated_one_not(
    client, korean_only
):
    html = get(client, "/en/briefing/press-releases/")
    element(html, r'<strong data-content lang="ko">시험 보도자료 1</strong>')
    element(html, r'<span class="lead" data-content lang="ko">시험 본문 1')
    assert "<strong data-content>PPS widens" in html


@pytest.mark.django_db
def test_the_sidebar_marks_korean_only_titles_and_alt_text_korean_on_english_pages(
    client, korean_only
):
    """최신뉴스 and 오늘의 사진 are built once per language for every page: the Korean that
    stands in for missing English is marked there too, and nothing on the Korean page."""
    html = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    sidebar = html[html.index('<aside class="as-side"') :]
    element(sidebar, r'<span data-content lang="ko">시험 보도자료 1</span>')
    element(sidebar, r'alt="사진1_수출진흥협회 정기총회" lang="ko"')
    assert "<span data-content>PPS widens" in sidebar
    korean = get(client, f"/ko/briefing/press-releases/{SEED_SLUG}/")
    assert 'lang="ko"' not in korean[korean.index('<aside class="as-side"') :]


@pytest.mark.django_db
def test_translated_parts_of_an_english_release_are_not_marked_korean(client, seed):
    html = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    main = html[html.index("<main") : html.index('<section class="comments"')]
    assert 'lang="ko"' not in main.replace('lang="ko" hreflang="ko">한국어', "")


@pytest.mark.django_db
def test_a_half_translated_photo_marks_only_its_korean_part(client, seed):
    photo = seed.photos.first()
    photo.caption_en = ""
    photo.save()
    html = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    element(html, r'<figcaption lang="ko">▶ 임기근 조달청장이[^<]*<span class="credit">\(Public')


@pytest.mark.django_db
def test_the_sitemap_lists_a_korean_only_release_in_korean_alone(client, seed, korean_only):
    sitemap = get(client, "/sitemap.xml")
    entries = re.findall(r"<url>.*?</url>", sitemap, re.S)
    korean_only_entries = [entry for entry in entries if korean_only.slug in entry]
    assert len(korean_only_entries) == 1
    (entry,) = korean_only_entries
    assert f"<loc>http://testserver/ko/briefing/press-releases/{korean_only.slug}/</loc>" in entry
    assert "/en/" not in entry and 'hreflang="en"' not in entry
    # The seed is in both languages: two entries, each naming both.
    seed_entries = [entry for entry in entries if SEED_SLUG in entry]
    assert len(seed_entries) == 2
    assert all('hreflang="en"' in entry and 'hreflang="ko"' in entry for entry in seed_entries)


@pytest.mark.django_db
def test_hreflang_and_canonical_name_only_the_languages_a_release_exists_in(client, korean_only):
    html = get(client, f"/en/briefing/press-releases/{korean_only.slug}/")
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)
    korean_url = f"http://testserver/ko/briefing/press-releases/{korean_only.slug}/"
    assert alternates == [("ko", korean_url)]
    assert f'<link rel="canonical" href="{korean_url}">' in html
    assert f'<meta property="og:url" content="{korean_url}">' in html
    assert '"inLanguage": "ko"' in html


@pytest.mark.django_db
def test_hreflang_names_both_languages_of_a_translated_release(client, seed):
    html = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
    assert alternates == ["ko", "en"]
    assert (
        f'<link rel="canonical" href="http://testserver/en/briefing/press-releases/{SEED_SLUG}/">'
        in html
    )


@pytest.mark.django_db
def test_korean_comments_are_marked_korean_on_english_pages(client, seed, citizen):
    for text in [
        "조달기업 수출 지원을 늘려 주세요.",
        "Great news for exporters!",
        "G-PASS 기업 화이팅 https://example.org",
    ]:
        Comment.objects.create(
            release=seed, author=citizen, text=text, status=Comment.Status.PUBLISHED
        )
    english = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    korean = get(client, f"/ko/briefing/press-releases/{SEED_SLUG}/")
    assert '<p class="comment-text" lang="ko">조달기업 수출 지원을 늘려 주세요.</p>' in english
    assert '<p class="comment-text" lang="ko">G-PASS 기업 화이팅' in english
    assert '<p class="comment-text">Great news for exporters!</p>' in english
    # On the Korean page the page's own lang already says it.
    assert '<p class="comment-text">조달기업 수출 지원을 늘려 주세요.</p>' in korean


@pytest.mark.django_db
def test_the_english_comment_section_is_titled_comments(client, seed, citizen):
    Comment.objects.create(
        release=seed, author=citizen, text="좋은 소식입니다.", status=Comment.Status.PUBLISHED
    )
    html = get(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    assert '<h2 id="comments-title">Comments</h2>' in html
    assert '<p class="comment-count">1 comment</p>' in html
    assert '<h2 id="comments-title">댓글</h2>' in get(
        client, f"/ko/briefing/press-releases/{SEED_SLUG}/"
    )


@pytest.mark.django_db
def test_as_of_times_read_month_first_in_english_and_portal_style_in_korean(client, seed):
    now = timezone.localtime()
    english = get(client, "/en/briefing/press-releases/")
    korean = get(client, "/ko/briefing/press-releases/")
    assert f'<p class="computed-at">as of {now:%b} {now.day}, ' in english
    assert f'<p class="computed-at">{now:%m.%d}. ' in korean
