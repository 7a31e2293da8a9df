"""Rule 7: others' copyrighted articles and photos."""

import pytest

from briefing.rules import check

from .conftest import action_for

FIRES = [
    "<저작권자 ⓒ 연합뉴스, 무단 전재-재배포 금지>",
    "ⓒ 매일경제 & mk.co.kr",
    "(서울=연합뉴스) 박수현 기자 = 조달청은",
    "[세종=뉴시스] 기사 전문",
    "이데일리 김기자 = 정부가 발표했다",
    "https://www.hani.co.kr/arti/economy/123.html",
    "v.daum.net/v/20240221100000123 이 기사 보세요",
    "https://imgur.com/gallery/abc 사진",
    "All rights reserved. 기사 원문",
    "Copyright © The Guardian",
    "https://www.reuters.com/world/asia-pacific/korea-exports",
]

DOES_NOT_FIRE = [
    "기자분들도 수고하셨어요",
    "이 기사 잘 읽었습니다",
    "연합뉴스에서도 봤어요",
    "사진 잘 나왔네요",
    "저작권 교육 지원도 필요합니다",
    "보도자료 무단 인용 괜찮나요?",
    "임기근 청장은 '조달기업이 선두에 서서 수출을 확대'하자고 했죠",
    "해외시장 진출 유망기업 수 및 실적이 큰 폭으로 증가했다니 다행",
    "출처: 조달청 보도자료 https://www.pps.go.kr",
    "뉴스 보고 왔어요",
]


@pytest.mark.parametrize("text", FIRES)
def test_copied_articles_and_media_links_are_held(text):
    """Press footers, datelines, news and image links are held."""
    assert action_for(text, 7) == "hold"


@pytest.mark.parametrize("text", DOES_NOT_FIRE)
def test_mentions_and_quotes_of_the_release_publish(text, release):
    """Mentioning the press or quoting this release is fine."""
    assert 7 not in check(text, release=release).rules


def test_long_quote_of_the_release_itself_is_fine(release):
    """Quoting the release at length is allowed (공공누리 type 1)."""
    quote = release.text[400:1400]
    assert 7 not in check(quote, release=release).rules


def test_long_news_article_from_elsewhere_is_held(release):
    """A long news-style passage that is not this release is held."""
    article = (
        "산업통상자원부는 22일 반도체 수출이 전년 대비 크게 늘었다고 밝혔다. 관계자는 이번 증가가 "
        "메모리 가격 회복 덕분이라고 설명했다. 업계에 따르면 하반기에도 증가세가 이어질 것으로 "
        "알려졌다. 정부는 추가 지원책을 검토하고 있다고 전했다. " * 3
    )
    assert action_for(article, 7, release=release) == "hold"
