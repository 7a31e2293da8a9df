"""Rule 10: unrelated comments are flagged, never held or rejected."""

import pytest

from briefing.rules import check

from .conftest import action_for

FLAGGED = [
    "구독하고 알림설정 부탁드려요",
    "맞팔 환영 선팔하면 바로 맞팔",
    "ㅋㅋㅋㅋㅋㅋ",
    "ㅎㅎㅎ",
    "선착순 50명 쿠폰 드림",
    "로또 1등 번호 알려드림",
    "같이 롤 하실분 구해요",
    "주말에 캠핑 가려는데 날씨가 어떨지 모르겠네요 강원도 쪽 괜찮은 캠핑장 아시는 분 계신가요",
    "고양이가 요즘 밥을 잘 안 먹어요 사료를 바꿔야 할까요 동물병원 가봐야 하나 걱정됩니다",
    "요새 야구 보는 재미로 삽니다 올해 한화 가을야구 갈 수 있을까요 다들 어느 팀 응원하세요",
]
NOT_FLAGGED = [
    "좋아요",
    "감사합니다",
    "ㅋㅋ 수출 최고",
    "세금 낭비 그만하고 민생이나 챙겨라 물가가 너무 올라서 살기가 힘들다",
    "정부는 청년 일자리 문제부터 해결하세요",
    "수출 실적이 늘었다니 다행입니다 앞으로도 중소기업 해외 진출을 꾸준히 지원해 주세요",
    "G-PASS 기업 지정 기준과 해외조달시장 정보 제공 방식을 더 자세히 알려주시면 좋겠습니다",
    "The headline is misleading, this policy is garbage and nobody asked for it",
    "표창 받은 기업들 축하드려요",
    "이 사업 신청은 어디서 하나요?",
]


@pytest.mark.parametrize("text", FLAGGED)
def test_chatter_and_unrelated_long_comments_are_flagged(text, release):
    """Chatter signals, or long text sharing nothing with the release, flag."""
    assert action_for(text, 10, release=release) == "flag"
    assert check(text, release=release).action == "flag"


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_short_or_related_comments_are_not_flagged(text, release):
    """Short comments, civic criticism and related text are not rule 10."""
    assert 10 not in check(text, release=release).rules


def test_without_a_release_rule_10_is_skipped():
    """Relatedness needs a release."""
    assert 10 not in check("구독 좋아요 부탁드려요").rules


def test_release_can_be_any_object_that_states_its_public_facts(release):
    """A model-like object offering public_facts() (the ReleaseFacts protocol) is accepted."""

    class Release:
        def public_facts(self):
            return {"text": release.text, "phones": release.phones, "people": release.people}

    assert action_for("맞팔해요 선팔 환영", 10, release=Release()) == "flag"
