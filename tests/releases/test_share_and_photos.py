"""The seed's stand-in photos, the share image every release offers, and the share box's links."""

import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from PIL import Image, ImageDraw

from briefing.releases.fixtures import placeholders
from tests.releases.test_views_support import SEED_SLUG, make_release

DETAIL = f"/ko/briefing/press-releases/{SEED_SLUG}/"
# The captions and alt texts as the portal published them (2024-02-21, 조달청).
PUBLISHED_PHOTOS = [
    (
        "사진1_수출진흥협회 정기총회",
        "임기근 조달청장이 21일 서울지방조달청에서 개최된 '(사)한국 지패스(G-PASS)기업 "
        "수출진흥협회 정기총회'에서 축사를 하고 있다.",
    ),
    (
        "사진2 수출진흥협회 정기총회",
        "임기근 조달청장(왼쪽 네 번째)이 21일 서울지방조달청에서 열린 '(사)한국 지패스(G-PASS)기업 "
        "수출진흥협회 정기총회'에서 조달청장 표창을 수여하고 수상자들과 기념촬영을 하고 있다.",
    ),
    (
        "사진3_수출진흥협회 정기총회",
        "임기근 조달청장(앞열 왼쪽 다섯 번째)이 21일 서울지방조달청에서 열린 '(사)한국 "
        "지패스(G-PASS)기업 수출진흥협회 정기총회' 행사 후 참석자들과 기념촬영을 하고 있다.",
    ),
]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)">', html)
    assert match, prop
    return unescape(match.group(1))


def test_the_stand_in_photos_draw_digits_and_no_words(monkeypatch):
    """Whatever the stand-ins print is the photo's number: no Latin or Hangul word shows on a
    page in either language."""
    printed = []
    original = ImageDraw.ImageDraw.text

    def recording_text(self, xy, text, *args, **kwargs):
        printed.append(text)
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", recording_text)
    for number in (1, 2, 3):
        placeholders.draw_placeholder(number)
    placeholders.draw_site_image()
    assert printed == ["1 / 3", "2 / 3", "3 / 3"]
    assert not any(re.search(r"[^\d /]", text) for text in printed)


@pytest.mark.parametrize("number", [1, 2, 3])
def test_the_committed_stand_ins_are_what_the_drawing_code_draws(number):
    """The fixture's files are the current drawings (not the old English-lettered ones)."""
    committed = Image.open(placeholders.PHOTO_FOLDER / f"pps-2024-02-21-photo-{number}.jpg")
    drawn = Image.open(_as_jpeg(placeholders.draw_placeholder(number)))
    assert committed.size == drawn.size == (1200, 800)
    assert committed.convert("L").tobytes() == drawn.convert("L").tobytes()


def _as_jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    buffer.seek(0)
    return buffer


def test_the_site_share_image_is_a_png_of_the_preview_size():
    image = Image.open(Path(placeholders.SITE_IMAGE))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_photos_keep_the_published_captions_and_alt_texts(client, seed, language):
    """Both pages and the photo page: the portal's own captions and alt texts (the English
    page its translation), and a credit that says the picture stands in."""
    for url in (DETAIL, DETAIL + "photos/"):
        html = unescape(get(client, url.replace("/ko/", f"/{language}/")))
        if language == "ko":
            for alt, caption in PUBLISHED_PHOTOS:
                assert f'alt="{alt}"' in html
                assert f"▶ {caption}" in html
            assert "(조달청 (대체 이미지))" in html
        else:
            assert 'alt="Photo 1: Export Promotion Association general meeting"' in html
            assert "▶ Lim Ki-keun, Administrator of the Public Procurement Service, gives" in html
            assert "(Public Procurement Service (placeholder image))" in html


@pytest.mark.django_db
def test_a_release_with_photos_shares_its_first_photo(client, seed):
    html = get(client, DETAIL)
    image = meta(html, "og:image")
    assert image == f"http://testserver{seed.photos.first().image.url}"
    assert meta(html, "twitter:image") == image
    assert '"image": ["http://testserver/media/' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_release_without_photos_shares_the_site_image(client, seed, language, settings):
    settings.SITE_URL = "https://briefing.example.go.kr"
    release = make_release(1)
    html = get(client, f"/{language}/briefing/press-releases/{release.slug}/")
    image = meta(html, "og:image")
    assert urlsplit(image).scheme == "https"
    assert urlsplit(image).netloc == "briefing.example.go.kr"
    assert re.fullmatch(r"/static/img/og-default(\.[0-9a-f]+)?\.png", urlsplit(image).path)
    assert meta(html, "twitter:card") == "summary_large_image"
    # The site image is no picture of the release: the article's data names none.
    assert '"image"' not in re.search(r"ld\+json\">(.*?)</script>", html, re.S).group(1)


def share_links(html):
    """The share box's markup, and its links by network: {"facebook": href, …}."""
    box = re.search(r'<section class="share".*?</section>', html, re.S).group(0)
    links = re.findall(r'<a class="share-btn sns (\S+)" href="([^"]+)"', box)
    return {name: unescape(href) for name, href in links}, box


@pytest.mark.django_db
def test_the_share_links_carry_the_address_and_title_encoded(client, seed):
    release = make_release(
        1, title_ko='수출 & 조달 "역대 최대" #1 ?', slug="share-test", title_en="", body_en=""
    )
    html = get(client, f"/ko/briefing/press-releases/{release.slug}/")
    links, box = share_links(html)
    url = "http://testserver/ko/briefing/press-releases/share-test/"
    title = '수출 & 조달 "역대 최대" #1 ?'
    assert set(links) == {"facebook", "x", "band", "kakaostory"}
    kakao = urlsplit(links["kakaostory"])
    assert (kakao.scheme, kakao.netloc, kakao.path) == ("https", "story.kakao.com", "/share")
    assert parse_qs(kakao.query) == {"url": [url]}
    assert f"url={quote(url, safe='')}" in links["kakaostory"]
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [url]}
    assert parse_qs(urlsplit(links["x"]).query) == {"url": [url], "text": [title]}
    band = parse_qs(urlsplit(links["band"]).query)
    assert band == {"body": [f"{title}\n{url}"], "route": [url]}
    # Every link opens in a new window and says so.
    assert box.count('target="_blank" rel="noopener" title="새창열림"') == 4


@pytest.mark.django_db
def test_the_bookmark_button_carries_its_shortcut_hints(client, seed):
    _links, box = share_links(get(client, DETAIL))
    button = re.search(r"<button[^>]*data-bookmark[^>]*>[^<]*</button>", box).group(0)
    assert ">즐겨찾기</button>" in button
    assert "Ctrl+D를 누르면" in button and "⌘(Command)+D를 누르면" in button
    # Without JavaScript it would do nothing, so it starts hidden (site.js shows it).
    assert " hidden>" in button
    assert 'role="status"' in box
    english_box = share_links(get(client, DETAIL.replace("/ko/", "/en/")))[1]
    assert (
        ">Bookmark</button>" in english_box and "Press Ctrl+D to bookmark this page." in english_box
    )
