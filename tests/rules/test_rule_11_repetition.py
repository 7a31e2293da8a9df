"""Rule 11: repeated or lightly edited comments."""

import pytest

from briefing.rules import check

from .conftest import action_for

BASE = "나라장터 시스템 오류로 입찰 기회를 잃은 기업들에 대한 보상 계획을 밝혀 주십시오"

SAME_AUTHOR_REPEATS = [
    BASE,
    BASE + "!!",
    "(재등록) " + BASE,
    BASE.replace("밝혀 주십시오", "밝혀주세요"),
    BASE.replace(" ", "  "),
    BASE.replace("기업들에", "업체들에"),
    "ＮＡＲＡ " + BASE,
    BASE.replace("나라장터", "나라 장터"),
    BASE + " ㅠㅠ",
    BASE.rstrip("십시오") + "세요.",
]
DIFFERENT = [
    "수출 성과 축하드립니다",
    "G-PASS 지정 기준이 궁금합니다",
    "나라장터 접속이 오늘은 잘 되네요",
    "입찰 공고는 어디서 보나요",
    "보상 계획 발표 언제쯤 하나요?",
    "기업 지원 예산 공개해 주세요",
    "시스템 개선 감사합니다",
    "해외조달 교육 일정 알려주세요",
    "서울지방조달청 행사 잘 봤습니다",
    "청년 인력양성 줄이지 마세요",
]


@pytest.mark.parametrize("text", SAME_AUTHOR_REPEATS)
def test_same_author_near_duplicates_are_rejected(text, old_author):
    """The same text, or the same with parts changed, by the same author rejects."""
    assert action_for(text, 11, author=old_author, recent_texts=[BASE]) == "reject"


@pytest.mark.parametrize("text", DIFFERENT)
def test_different_comments_by_the_same_author_publish(text, old_author):
    """New comments on the same subject are not repeats."""
    assert 11 not in check(text, author=old_author, recent_texts=[BASE]).rules


def test_campaign_by_many_accounts_is_held():
    """Three or more near-copies from other accounts in the window hold."""
    flood = [BASE, BASE + "!", "[펌] " + BASE]
    assert action_for(BASE, 11, flood_texts=flood) == "hold"


def test_two_copies_by_others_are_not_a_campaign():
    """Two similar comments by others are a coincidence, not a flood."""
    assert 11 not in check(BASE, flood_texts=[BASE, BASE]).rules


def test_short_repeats_are_flagged_then_held():
    """ "좋아요" again is only flagged; the fourth time it is held."""
    assert action_for("좋아요", 11, recent_texts=["좋아요"]) == "flag"
    assert action_for("좋아요", 11, recent_texts=["좋아요"] * 3) == "hold"
