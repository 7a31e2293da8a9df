"""Rule 8: offering crime, and threats (urgent)."""

import pytest

from briefing.rules import check

from .conftest import action_for

FIRES = [
    "작대기 아이스 팝니다 던지기",
    "떨팝니다 문의는 텔레",
    "히로뽕 구매 가능 직거래",
    "대마초 판매중 택배가능",
    "대포 통장 팝니다 고가매입",
    "대포폰 삽니다",
    "가짜 신분증 만들어 드립니다 판매합니다",
    "불법촬영물 팝니다",
    "청부 폭력 해결해드립니다",
    "엑스터시 팔아요 텔레그램 @xtc",
]
THREATS = [
    "청장 집 찾아가서 죽여버리겠다",
    "조달청 청사 폭파하겠다",
    "공무원들 다 죽이겠다",
    "폭탄을 설치했다 오늘 터진다",
    "담당자 칼로 찔러버린다",
    "I'm going to kill the commissioner",
    "가족까지 다 죽여 버릴 거다",
    "불 질러 버릴 거야",
    "총 들고 간다 기다려라",
    "you are dead",
]
PUBLISHED = [
    "마약 단속 강화하라",
    "불법촬영 처벌을 강화해야",
    "대포통장 근절 대책이 필요하다",
    "마약 판매 조직을 뿌리 뽑아야 합니다",
    "위조 신분증 적발 사례가 늘었대요",
    "힘들어 죽겠다 진짜",
    "맛이 죽여주네요",
    "살해 예고 글 처벌 강화 찬성",
    "폭탄 세일 말고 실질적 지원",
    "kill the bill!",
    "청부 입법이라는 비판이 있습니다",
]


@pytest.mark.parametrize("text", FIRES)
def test_offers_of_drugs_and_illegal_goods_are_held(text):
    """Selling drugs, fake IDs, illegal footage and violence is held."""
    assert action_for(text, 8) == "hold"


@pytest.mark.parametrize("text", THREATS)
def test_threats_are_held_and_urgent(text):
    """Threats of violence are held and marked urgent."""
    verdict = check(text)
    assert action_for(text, 8) == "hold"
    assert verdict.urgent


@pytest.mark.parametrize("text", PUBLISHED)
def test_crime_policy_discussion_and_idioms_publish(text):
    """Discussing crime policy, and idioms like 죽겠다, are fine."""
    verdict = check(text)
    assert 8 not in verdict.rules
    assert not verdict.urgent
