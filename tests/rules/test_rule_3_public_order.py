"""Rule 3: adult and gambling content and links, sexual solicitation, unknown links."""

import pytest

from briefing.rules import check

from .conftest import action_for

FIRES = [
    ("국산야동 무료로 보는 곳", "hold"),
    ("성인 방송 bj 라이브", "hold"),
    ("즉석 만남 어플 추천", "hold"),
    ("hxxps://hotxxx-video[.]net 들어가봐", "hold"),
    ("www.best-casino7.com 가입하면 돈 줌", "hold"),
    ("여기 bet365kr.com 괜찮음", "hold"),
    ("조건 만남 20대 가능 텔레 @meetkr", "reject"),
    ("출장마사지 전지역 카톡 massage99", "reject"),
    ("폰섹 하실 분 open.kakao.com/o/abcd", "reject"),
    ("me2.do/xYz12 눌러보세요", "hold"),
    ("벗방 노출방송 보러오세요", "hold"),
]

DOES_NOT_FIRE = [
    "성매매 단속을 강화해야 합니다",
    "청소년 유해매체 차단 정책이 필요합니다",
    "조건이 너무 까다로워서 만남 자체가 어렵네요",
    "조달청 누리집 www.pps.go.kr 에 공고 있어요",
    "정책브리핑 https://www.korea.kr/news 참고",
    "미국 연방조달청 gsa.gov 사이트도 참고하세요",
    "정부24 www.gov.kr 에서 신청",
    "국가법령정보센터 law.go.kr 보세요",
    "카지노 산업 규제는 다른 부처 소관이죠",
    "A.I 기술로 조달 혁신",
    "U.S. market entry is hard",
]


@pytest.mark.parametrize(("text", "expected"), FIRES)
def test_obscene_content_and_links_are_held_or_rejected(text, expected, old_author):
    """Adult/gambling links hold; solicitation with contact details rejects."""
    assert action_for(text, 3, author=old_author) == expected


@pytest.mark.parametrize("text", DOES_NOT_FIRE)
def test_policy_talk_and_government_links_are_fine(text, new_author):
    """Discussing the policy, or linking a government site, is not rule 3."""
    assert 3 not in check(text, author=new_author).rules


def test_unknown_link_from_new_account_is_held(new_author):
    """A new account's link to an unknown site is held."""
    assert action_for("참고 example-blog.net/post/1", 3, author=new_author) == "hold"


def test_unknown_link_from_established_account_is_only_flagged(old_author):
    """An established account's link to an unknown site is published and flagged."""
    assert action_for("참고 example-blog.net/post/1", 3, author=old_author) == "flag"


def test_url_glued_to_hangul_is_found(new_author):
    """ "사이트는example.com이고" still contains a link."""
    assert action_for("사이트는example.com이고 좋아요", 3, author=new_author) == "hold"
