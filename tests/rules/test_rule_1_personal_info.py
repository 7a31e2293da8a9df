"""Rule 1: phone numbers, email addresses and resident registration numbers."""

import pytest

from briefing.rules import ReleaseContext, check

from .conftest import action_for

FIRES = [
    "과장님 폰번호 010-2345-6789 공개합니다",
    "연락은01077778888로",
    "번호 010 4321 8765",
    "010.5678.1234 로 전화주세요",
    "０１０－８８７７－６６５５",
    "집 전화 02-765-4321",
    "031-456-7890 여기가 그 사람 집",
    "인터넷전화 070 1234 5678",
    "+82 10-9999-0000",
    "0 1 0 9 8 7 6 5 4 3 2",
    "메일 minsu.kim@gmail.com로 보내",
    "kim_jh@naver.com입니다",
    "주소는 leeyh(at)daum(dot)net",
    "ｈｏｎｇ＠ｎａｖｅｒ．ｃｏｍ",
    "주민번호 880808-1234567",
    "주민 8808081234567",
]

DOES_NOT_FIRE = [
    "수출실적 16억 3천만불 달성",
    "2023년 실적이 1,263개사로 늘었다",
    "증가율 13.4%와 8.3%",
    "문의 042-724-6492 로 하면 됩니다",
    "콜센터 1588-0800에 물어보세요",
    "1577 1234 대표번호",
    "급하면 112나 119, 관광안내는 1330",
    "정부민원 110 번",
    "2024.02.21 발표",
    "법률 제12345호 개정",
    "3@5개 정도",
    "예산 1,234,567원",
    "조달청 korea.kr 기사",
]


@pytest.mark.parametrize("text", FIRES)
def test_personal_information_is_rejected(text, release):
    """Phones, emails and RRNs, however written, reject with rule 1."""
    assert action_for(text, 1, release=release) == "reject"


@pytest.mark.parametrize("text", DOES_NOT_FIRE)
def test_public_numbers_amounts_and_dates_are_not_personal_information(text, release):
    """The release's own number, representative numbers and statistics are fine."""
    assert 1 not in check(text, release=release).rules


def test_a_number_spelled_in_korean_words_is_read_as_digits():
    """공일공 일이삼사… is a mobile number once read aloud, and rejects like one."""
    assert action_for("연락처 공일공 일이삼사 오육칠팔", 1) == "reject"


def test_release_contacts_are_public_even_in_another_format():
    """+82 42 724 6492 is the release's contact number too."""
    release = ReleaseContext(phones=("042-724-6492",), emails=("intl@korea.kr",))
    assert check("+82 42 724 6492 / intl@korea.kr", release=release).rules == frozenset()


def test_post_2020_rrn_without_check_digit_is_still_caught():
    """Numbers issued since October 2020 have no valid check digit but are still RRNs."""
    assert action_for("201101-3829461", 1) == "reject"


def test_findings_never_contain_the_number():
    """Messages and details describe the kind of data, never the data."""
    verdict = check("010-2345-6789 / hong@naver.com")
    for finding in verdict.findings:
        assert "2345" not in str(finding.message) + finding.detail
        assert "hong" not in str(finding.message) + finding.detail
