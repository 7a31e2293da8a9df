"""Rule 5: encouraging illegal copying, malware and hacking."""

import pytest

from briefing.rules import check

from .conftest import action_for

FIRES = [
    "MS오피스 크랙판 받을 사람",
    "한컴오피스 keygen 있어요",
    "와레즈 사이트에서 다 받음",
    "해킹툴 무료 배포 합니다",
    "디도스 툴 빌려드림 ddos tool 판매",
    "넷플릭스 계정 판매 합니다",
    "리니지 게임핵 팝니다",
    "최신 영화 토렌트 시드 공유합니다 불법다운로드 ㄱㄱ",
    "이거 받으세요 http://free-soft.xyz/install.apk",
    "밤토끼 주소 알려드림",
    "정품인증 우회 방법 공유",
    "랜섬웨어 제작 해드립니다",
]

DOES_NOT_FIRE = [
    "해킹 피해 예방 교육을 늘려주세요",
    "토렌트 불법 공유 단속은 필요합니다",
    "디도스 공격 대응 체계를 점검하세요",
    "불법복제 소프트웨어 단속 강화",
    "랜섬웨어 피해 기업 지원책이 필요합니다",
    "보안 취약점 신고 포상금 제도가 있나요",
    "계정 관리 잘 하세요",
    "도로에 크랙이 생겼던데요",
    "crack down on fraud please",
    "정품 소프트웨어 구매 지원 사업 좋네요",
]


@pytest.mark.parametrize("text", FIRES)
def test_piracy_and_hacking_offers_are_held(text):
    """Cracks, keygens, hacking tools, account sales and executables are held."""
    assert action_for(text, 5) == "hold"


@pytest.mark.parametrize("text", DOES_NOT_FIRE)
def test_security_policy_discussion_publishes(text):
    """Talking about piracy or hacking as a policy problem is fine."""
    assert 5 not in check(text).rules
