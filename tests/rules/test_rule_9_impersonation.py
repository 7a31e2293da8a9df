"""Rule 9: impersonation in display names and in comment text."""

import pytest
from django.core.exceptions import ValidationError

from briefing.rules import check, validate_display_name

from .conftest import action_for

REFUSED_NAMES = [
    "조달청장",
    "기재부장관",
    "차관님",
    "대변인",
    "관리자",
    "운 영 자",
    "운영진",
    "정책브리핑",
    "대통령",
    "국무총리",
    "관리쟈",
    "대퉁령",
    "ａｄｍｉｎ",
    "Аdmin",  # Cyrillic А
    "αdministrator",  # Greek alpha
    "m0derator",
    "a.d.m.i.n",
    "Official_Kim",
    "staff",
    "운영자\u200b",
    "dnsdudwk",  # 운영자 typed on a Korean keyboard
]
ALLOWED_NAMES = [
    "김민수",
    "행정학도",
    "장관동 주민",
    "장관리",
    "청장년",
    "badminton",
    "Amin",
    "stuff",
    "대한민국 국민",
    "수출기업 직원",
    "관리비 아끼자",
    "운영위원 아님",
]


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_names_posing_as_officials_are_refused(name):
    """Role words, look-alike letters and near-spellings raise a rule 9 error."""
    with pytest.raises(ValidationError) as caught:
        validate_display_name(name)
    assert caught.value.code == "impersonation"
    assert caught.value.params == {"rule": 9}


@pytest.mark.parametrize("name", ALLOWED_NAMES)
def test_ordinary_names_are_allowed(name):
    """Ordinary names, including ones containing role syllables, pass."""
    validate_display_name(name)


def test_names_of_people_in_the_release_can_be_refused():
    """With people=, the release's contact person's name is refused."""
    with pytest.raises(ValidationError):
        validate_display_name("김 성 일", people=("김성일",))
    validate_display_name("김성민", people=("김성일",))


CLAIMS = [
    "저는 조달청장입니다",
    "조달청장 임기근입니다. 감사합니다",
    "관리자입니다. 댓글 정리합니다",
    "안녕하세요, 운영팀입니다",
    "I am the administrator",
    "this is the moderator speaking",
    "제가 산업부 차관입니다",
    "저는 이 사업 담당자입니다",
    "본인은 대변인으로서 밝힙니다",
    "I'm an official of the ministry",
]
NOT_CLAIMS = [
    "청장은 사퇴하라",
    "책임자는 청장입니다",
    "저는 장관이 아닙니다만 한마디 하자면",
    "제가 장관이라면 이렇게 안 합니다",
    "관리자님 확인 부탁드립니다",
    "저는 조달기업 대표입니다",
    "대변인 브리핑 잘 봤습니다",
    "I am a small business owner",
    "this is the official position?",
    "운영자분께 건의드립니다",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_claims_to_be_an_official_in_comments_are_held(text, release):
    """A comment speaking as an official or operator is held."""
    assert action_for(text, 9, release=release) == "hold"


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_talking_about_officials_is_not_impersonation(text, release):
    """Addressing or criticising officials is not a claim to be one."""
    assert 9 not in check(text, release=release).rules
