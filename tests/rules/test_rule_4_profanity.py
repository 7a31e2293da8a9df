"""Rule 4: profanity and demeaning terms (tiered lexicon after normalisation)."""

import pytest

from briefing.rules import check

from .conftest import action_for

REJECTED = [
    "씨~발 진짜",
    "시-발 이게 뭐냐",
    "ㅆ ㅂ",
    "씨8 또 이러네",
    "tlqkf",
    "이런 qudtls 행정",
    "븅신들",
    "병 신 같은",
    "개1새끼",
    "게새끼들",
    "존1나 웃기네",
    "ㅈㄴ 답답",
    "좆도 모르면서",
    "지 랄",
    "쪽바리 같은 짓",
    "전라디언 특징",
    "맘충 때문에",
    "급식충들",
    "한남충",
    "개독들",
    "shit policy",
    "f*ck this",
    "Fuuuck",
    "윤석열 개새끼",
    "ㅅㅣㅂㅏㄹ",
]

HELD = [
    "좌빨 소리 듣겠네",
    "대깨문들",
    "토착왜구 정권",
    "홍어들이 또",
    "강아지도 아니고 개 새끼냐",
    "닥쳐라 좀",
    "wtf is this",
]

PUBLISHED = [
    "출발 시 발점 확인하세요",
    "시발점이 어디였나요",
    "시발역에서 출발",
    "수박씨 발라 먹기",
    "병신년 새해 복 많이 받으세요",
    "18세 이상 신청 가능",
    "18일 마감",
    "십팔번 노래",
    "시바견 키워요",
    "강아지 새끼 세 마리가 태어났어요",
    "박정희 이명박 문재인 윤석열 이재명 박근혜 정부 모두",
    "청장은 무능하다",
    "탁상행정의 전형",
    "세금 낭비",
    "정신 차려라",
    "이게 나라냐",
    "headline is misleading, this policy is garbage",
    "Scunthorpe assessment class therapist cockpit",
    "예산 3조까지 확대",
    "등신대 세워놓고 사진 찍더라",
    "한남동 주민입니다",
    "홍어삼합 수출도 지원해주세요",
    "미친 듯이 일해도 안 됨",
    "다시 발표해 주세요",
]


@pytest.mark.parametrize("text", REJECTED)
def test_unambiguous_profanity_is_rejected_however_disguised(text):
    """Spacing, digits, jamo, keyboard typing and sound-alikes still reject."""
    assert action_for(text, 4) == "reject"


@pytest.mark.parametrize("text", HELD)
def test_ambiguous_words_and_political_labels_are_held(text):
    """Words with an innocent sense, and political labels, go to a moderator."""
    assert action_for(text, 4) == "hold"


@pytest.mark.parametrize("text", PUBLISHED)
def test_innocent_look_alikes_and_sharp_criticism_publish(text):
    """Allow-listed words, politicians' names and criticism are not profanity."""
    assert 4 not in check(text).rules


def test_reason_does_not_repeat_the_word():
    """The message cites the rule, not the offending word."""
    verdict = check("씨발")
    assert "씨발" not in " ".join(str(r) for r in verdict.reasons)
    assert "제4항" in str(verdict.reasons[0])
