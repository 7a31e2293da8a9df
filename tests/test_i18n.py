"""English pages speak English: no Korean interface string outside the content itself."""

import re

import pytest
from django.utils import translation

SEED = "/en/briefing/press-releases/pps-overseas-procurement-record-2024/"
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")


def interface_text(html: str) -> str:
    """The page with content elements (data-content) and the 한국어 switch link removed."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    # The comment section belongs to the comments app, whose own tests check its English.
    html = re.sub(r'<section class="comments".*?</section>', "", html, flags=re.S)
    html = re.sub(r'<a [^>]*lang="ko"[^>]*>한국어</a>', "", html)
    for tag in ("strong", "span", "h1", "div", "p", "th", "td", "a", "figcaption", "li"):
        html = _strip_content(html, tag)
    # Photos' alt text is content too (the release's own words when no English was written).
    return re.sub(r'alt="[^"]*"', "", html)


def _strip_content(html, tag):
    pattern = re.compile(rf"<{tag}\b[^>]*\bdata-content\b[^>]*>")
    while match := pattern.search(html):
        end = _closing(html, tag, match.end())
        html = html[: match.start()] + html[end:]
    return html


def _closing(html, tag, position):
    depth = 1
    for found in re.finditer(rf"<(/?){tag}\b[^>]*>", html[position:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return position + found.end()
    return len(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/briefing/press-releases/",
        "/en/briefing/press-releases/?q=procurement&ministry=B00013&period=1y",
        "/en/briefing/press-releases/?ministry=NOPE&period=custom&start=2024-03-01&end=2024-01-01",
        SEED,
        SEED + "photos/",
        "/en/briefing/policies/",
        "/en/briefing/press-releases/no-such-release/",
    ],
)
def test_english_pages_show_no_korean_interface_strings(client, seed, url):
    """Hangul on an English page only appears inside content fields and the 한국어 link."""
    html = client.get(url).content.decode()
    leftovers = HANGUL.findall(interface_text(html))
    assert leftovers == [], leftovers[:20]


def test_the_locale_files_translate_a_known_string_each_way():
    """One known interface string, in Korean and in English."""
    with translation.override("ko"):
        assert translation.gettext("본문 바로가기") == "본문 바로가기"
    with translation.override("en"):
        assert translation.gettext("본문 바로가기") == "Skip to content"
        assert translation.gettext("이 누리집은 대한민국 공식 전자정부 누리집입니다.") == (
            "This is an official e-government website of the Republic of Korea."
        )
