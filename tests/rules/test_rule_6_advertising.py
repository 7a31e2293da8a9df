"""Rule 6: commercial advertising as an additive score."""

import pytest

from briefing.rules import check

from .conftest import action_for

REJECTED = [
    "💰고수익 보장💰 재택 부업 일당 20만원 카톡 job777 문의주세요",
    "바카라 첫충 30% 매충 가입코드 win7 텔레 @bcr_vip",
    "코인리딩방 수익보장 무료체험 open.kakao.com/o/coin",
    "무직자대출 당일대출 가능 텔레그램 @loan_fast 상담",
    "주식리딩 급등주 종목추천 카톡 id: stock9 문의하세요",
    "사설토토 먹튀검증 완료 가입코드 777 bit.ly/ttk",
    "재택알바 모집합니다 관심있으면 연락주세요 t.me/jobs_kr",
]
HELD = [
    "저희 쇼핑몰 최저가 할인 이벤트 smartstore.naver.com/mystore",
    "비아그라 정품 구매대행 합니다",
    "부업 하실분 하루 10만원 가능 카톡 주세요",
]
PUBLISHED = [
    "대출 규제 완화가 필요합니다",
    "중소기업 수출 상담회 좋네요",
    "할인 행사 말고 실질적 지원을",
    "카지노 산업 말고 제조업 지원해라",
    "부업하는 소상공인도 지원되나요",
    "상담 전화 1588-0800 친절했어요",
    "고수익 기업만 지원하는 건 아니죠?",
    "클릭 몇 번이면 신청되게 해주세요",
    "이벤트성 지원 말고 장기 지원을",
    "선착순 지원이면 지방 기업은 불리해요",
    "저희 회사도 해외 전시회 지원 받았어요 감사합니다",
]


@pytest.mark.parametrize("text", REJECTED)
def test_unambiguous_spam_is_rejected(text):
    """Several promotion terms plus contact details reject."""
    assert action_for(text, 6) == "reject"


@pytest.mark.parametrize("text", HELD)
def test_likely_ads_are_held(text):
    """A likely ad is held for a moderator."""
    assert action_for(text, 6) == "hold"


@pytest.mark.parametrize("text", PUBLISHED)
def test_one_ad_word_in_an_honest_comment_publishes(text):
    """A single ad-ish word never reaches the threshold."""
    assert 6 not in check(text).rules


def test_new_account_adds_to_the_score(new_author, old_author):
    """The same borderline text is held from a new account but not an old one."""
    text = "부업 문의주세요 카톡"
    assert action_for("할인 이벤트 쿠폰 www.deal-town.net", 6, author=new_author) == "hold"
    assert action_for("할인 이벤트 쿠폰 www.deal-town.net", 6, author=old_author) == "hold"
    assert action_for(text, 6, author=old_author) == "publish"
