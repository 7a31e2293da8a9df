"""The kinds of violation real comments are made of, each with look-alikes that must publish.

Every kind has at least ten comments that must fire (with the rule and the action named) and ten
honest look-alikes that must not: the check is built from the shape of the violation, so it must
catch new sentences of that shape and leave alone the ordinary sentences that share its words.
None of these sentences is in the evaluation files.
"""

import pytest

from briefing.rules import check, validate_display_name
from briefing.rules.evaluate import sample_release

RELEASE = sample_release()


def strongest(text, rule, **kwargs):
    verdict = check(text, release=RELEASE, **kwargs)
    actions = [f.action for f in verdict.findings if f.rule == rule]
    return max(actions, key=("publish", "flag", "hold", "reject").index, default="publish")


def stopped(text, **kwargs) -> bool:
    return check(text, release=RELEASE, **kwargs).action in ("hold", "reject")


# --- bidirectional controls ----------------------------------------------------------------------

RLO, PDF, LRO, RLE, RLI, PDI = "\u202e", "\u202c", "\u202d", "\u202b", "\u2067", "\u2069"

BIDI_FIRES = [
    f"연락처 {RLO}4321-8765-010{PDF}",  # the reader sees 010-5678-1234
    f"{RLO}0987-6543-010{PDF} 로 문자 주세요",
    f"제보 {RLO}moc.revan@gnoh{PDF}",  # hong@naver.com
    f"{RLO}발씨{PDF} 진짜",  # 씨발
    f"{RLI}{RLO}1234567-010101{PDF}{PDI}",  # an RRN seen in reading order
    f"{RLE}{RLO}8888-7777-010{PDF}{PDF} 연락",
    f"전화 {RLO}2222 1111 010{PDF}",
    f"{RLO}끼새개{PDF}들",
    f"문의 {RLO}moc.liamg@ecila{PDF} 로",
    f"{RLO}4433-2211-010{PDF}{RLO}{PDF}",
]
BIDI_LOOK_ALIKES = [
    f"{RLO}요해하축 록기 대역{PDF}",  # 역대 기록 축하해요 shown reversed: harmless
    f"{LRO}수출 실적 좋네요{PDF}",
    f"{RLI}G-PASS 기업 응원합니다{PDI}",
    "‏שלום 안녕하세요 해외조달 교육 신청합니다",  # a Hebrew greeting
    f"{RLO}2024.02.21{PDF} 발표 잘 봤습니다",
    f"{RLE}청장님 수고하셨습니다{PDF}",
    f"번호는 {RLO}0088-1588{PDF} 대표번호",  # 1588-8800, a representative number
    f"{RLO}!!다니습좋{PDF}",
    f"{LRO}16억 3천만불{PDF} 대단해요",
    f"{RLI}문의 042-724-6492{PDI}",  # the release's own number
]


@pytest.mark.parametrize("text", BIDI_FIRES)
def test_what_a_reader_sees_behind_bidi_controls_is_checked(text):
    """Text reordered by RLO and kin is checked in the order a browser shows it."""
    assert stopped(text)


@pytest.mark.parametrize("text", BIDI_LOOK_ALIKES)
def test_harmless_text_with_bidi_controls_publishes(text):
    """Reordered text that shows nothing forbidden is not a finding."""
    assert not stopped(text)


# --- threats -------------------------------------------------------------------------------------

THREATS = [
    "조달청 본청에 불 지르러 간다 오늘 밤",
    "과장 니 집 어딘지 알아냈다 퇴근길 조심해라",
    "청사 로비에 폭발물 갖다 놨다 오후 2시",
    "담당 공무원 애들 어린이집 다 안다 두고 보자",
    "주무관 놈 찾아가서 칼로 찔러 버릴 거다",
    "내일 정부청사 앞에서 피바다 만들어 주마",
    "청장 가족까지 가만 안 둔다 각오해라",
    "지방청 사무실 휘발유 뿌리고 불태워 버리겠다",
    "너 퇴근길에 기다린다 무사히 집에 갈 생각 마라",
    "조달청 건물 폭파 예고 3시 정각",
    "I will burn down your office tomorrow",
    "담당자 차 번호 다 안다 밤길 조심해",
]
THREAT_LOOK_ALIKES = [
    "이런 규제가 중소기업을 죽이는 겁니다",
    "수출 지원 예산이 폭탄 맞은 것처럼 줄었네요",
    "현장 기업들 가슴에 불 지르는 발표입니다",
    "죽도록 일해도 해외 입찰은 어렵네요",
    "담당자 답변 기다리겠습니다 연락 주세요",
    "가족들과 함께 지방청 설명회에 다녀왔습니다",
    "청사 앞에서 평화 집회를 신고하고 열겠습니다",
    "협박 전화한 사람은 엄벌해야 합니다",
    "결과는 두고 봐야 알 것 같아요",
    "아이들 학교 급식 조달도 신경 써 주세요",
    "폭파 수준으로 깎인 R&D 예산 복원하라",
]


@pytest.mark.parametrize("text", THREATS)
def test_threats_are_held_and_urgent_whatever_the_wording(text):
    """Violence announced against the agency, an official or their family is urgent."""
    verdict = check(text, release=RELEASE)
    assert verdict.action == "hold" and verdict.urgent, [f.code for f in verdict.findings]


@pytest.mark.parametrize("text", THREAT_LOOK_ALIKES)
def test_figures_of_speech_and_lawful_protest_are_not_threats(text):
    """Violent words about policies, waiting for an answer, a lawful rally: no threat."""
    assert not check(text, release=RELEASE).urgent


# --- crime without its trade word -------------------------------------------------------------------

CRIMES = [
    "통장 한 달만 빌려주시면 월 150 드립니다",
    "인증 완료된 토스 계정 구매합니다 개당 5만원",
    "체크카드랑 비번 넘겨주실 분 건당 30 드림",
    "재직증명서 원하는 회사로 만들어 드립니다",
    "운전면허증 제작 가능 진짜처럼 나옵니다",
    "이번 입찰 참여사끼리 단가 미리 맞춰서 들어가요 연락주세요",
    "심사위원 섭외해서 낙찰 밀어줍니다 수수료 협의",
    "탈의실 영상 보실 분 텔레 문의",
    "전 여친 몰래 찍은 거 공유합니다 쪽지",
    "진단서 병원 안 가도 발급 대행 당일 가능",
    "유심 양도해 주시면 현금 드려요",
]
CRIME_LOOK_ALIKES = [
    "통장 압류 해제 절차를 알려 주세요",
    "계정 잠금 풀려면 어디 문의하나요",
    "체크카드 결제도 되나요 설명회 등록비",
    "재직증명서 제출해야 하나요 교육 신청할 때",
    "입찰 담합은 엄벌해야 공정해집니다",
    "심사위원 명단 공개해 주세요 투명하게",
    "불법촬영 피해자 지원 예산도 늘려 주세요",
    "몰래 찍힌 사진 유출 피해 신고는 어디로 하나요",
    "진단서 발급 비용이 비싸요 지원 안 되나요",
    "가격 담합 의혹 조사 결과는 언제 나오나요",
]


@pytest.mark.parametrize("text", CRIMES)
def test_crimes_offered_without_a_trade_word_are_held_under_rule_8(text):
    """Mule accounts, forgery, tender rigging and illegal filming, offered in plain words."""
    assert strongest(text, 8) == "hold", [f.code for f in check(text).findings]


@pytest.mark.parametrize("text", CRIME_LOOK_ALIKES)
def test_talk_about_the_same_crimes_publishes(text):
    """Asking about them, or calling for enforcement, is not offering them."""
    assert not stopped(text)


# --- hacking ------------------------------------------------------------------------------------

HACKING = [
    "나라장터 접속 폭주시켜서 마비시키자 다들 F5 연타",
    "조달청 홈페이지 디도스로 터뜨립시다 주말에",
    "인스타 계정 비번 알아내 드립니다 1건 10만원",
    "남편 폰 위치추적 앱 몰래 깔아드립니다",
    "휴대폰 본인인증 우회하는 방법 알려드림 DM",
    "공동인증서 없이 나라장터 접속하는 툴 팝니다",
    "랜섬웨어 빌더 나눔합니다 필요하신 분",
    "카톡 대화 몰래 보는 스파이앱 판매",
    "웹쉘 올리는 법 공유 관리자 권한 얻기",
    "OTP 2단계 인증 무력화 프로그램 있음 연락",
    "봇넷 임대해 드립니다 원하는 사이트 다운",
]
HACKING_LOOK_ALIKES = [
    "나라장터 접속이 폭주해서 마감에 늦었어요 서버 증설해 주세요",
    "디도스 공격에 대비한 보안 대책을 세워 주세요",
    "해킹 당한 인스타 계정 복구는 어디 문의하나요",
    "위치추적 앱으로 아이 안전 지키는 제도 있나요",
    "본인인증이 자꾸 실패해서 가입을 못 하고 있어요",
    "공동인증서 갱신 절차 좀 간소화해 주세요",
    "랜섬웨어 피해 기업 복구 지원 사업 있나요",
    "스파이앱 피해 예방 교육이 필요합니다",
    "보안 강화를 위한 OTP 도입 환영합니다",
    "서버 점검 공지 좀 미리 해주세요",
]


@pytest.mark.parametrize("text", HACKING)
def test_calls_to_attack_tools_cracking_and_bypasses_are_held_under_rule_5(text):
    """Hacking is rule 5, held, however it is offered."""
    assert strongest(text, 5) == "hold", [f.code for f in check(text).findings]


@pytest.mark.parametrize("text", HACKING_LOOK_ALIKES)
def test_security_complaints_and_questions_publish(text):
    """The vocabulary of security, used by a citizen asking or complaining, is fine."""
    assert not stopped(text)


# --- impersonation ------------------------------------------------------------------------------

CLAIMS = [
    "[조달청 국제협력과] 설명회 신청은 이 댓글로 받습니다",
    "【정책브리핑 운영팀】 댓글 이벤트 안내",
    "조달청 사무관입니다만 보도 내용 일부 정정합니다",
    "임기근 청장입니다 성원에 감사드립니다",
    "강성공 회장입니다. 협회 회원사께 알립니다",
    "한국수출기업협회 회장으로서 한마디 하겠습니다",
    "(주)한빛테크 대표이사입니다 표창 감사합니다",
    "조 달 청 사 무 관 입 니 다 신청 받아요",
    "해외조달과 담당 주무관 드림",
    "산업통상부 장관 올림 여러분 고맙습니다",
    "정책브리핑 관리자입니다 이 글은 삭제됩니다",
]
CLAIM_LOOK_ALIKES = [
    "장관표창 받은 회사 다니는 직원입니다 자랑스러워요",
    "저는 조달기업 임원입니다 지원 덕분에 수출했어요",
    "[건의] 설명회를 지방에서도 열어 주세요",
    "[후기] G-PASS 교육 들어보니 유익했어요",
    "청장님 말씀처럼 현장 목소리 들어 주세요",
    "협회 회장님 인터뷰 기사도 보고 싶네요",
    "이 보도는 과장입니다 실제 체감은 다릅니다",
    "사무관님께 전화드렸더니 친절하게 알려 주셨어요",
    "우리 회사 대표님이 표창 받으셨어요",
    "관리자님 이 글 오타 좀 고쳐 주세요",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_claims_to_speak_as_an_official_or_a_named_body_are_held(text):
    """Brackets, prefixes, a name with a title, a named body's head, spaced letters."""
    assert strongest(text, 9) == "hold", [f.code for f in check(text, release=RELEASE).findings]


@pytest.mark.parametrize("text", CLAIM_LOOK_ALIKES)
def test_mentions_of_titles_and_generic_roles_are_not_claims(text):
    """A title inside a word, a generic role, addressing an official: no claim."""
    assert 9 not in check(text, release=RELEASE).rules


NAMES_ON_THIS_RELEASE = [
    "임기근",
    "임 기 근",
    "★임기근★",
    "임기근_공식",
    "강성공",
    "조달청",
    "조 달 청",
    "김성일",
    "ㅡ김성일ㅡ",
    "조달청 공식",
]
ORDINARY_NAMES = [
    "하늘바라기",
    "수출새내기",
    "동네주민",
    "임꺽정",
    "김성수",
    "조달기업인",
    "성공하자",
    "기근없는세상",
    "청자빛",
    "강물",
]


@pytest.mark.parametrize("name", NAMES_ON_THIS_RELEASE)
def test_a_display_name_passing_for_someone_this_release_names_is_held(name):
    """The head of the agency in the body, the association's head, the contact, the agency."""
    assert strongest("좋은 소식이네요", 9, author_name=name) == "hold"


@pytest.mark.parametrize("name", ORDINARY_NAMES)
def test_ordinary_display_names_post_as_usual(name):
    """Names sharing a syllable with them are someone else."""
    assert strongest("좋은 소식이네요", 9, author_name=name) == "publish"


@pytest.mark.parametrize("name", ["조달청", "조 달 청", "국★방★부", "기획재정부팬"])
def test_an_agencys_name_cannot_be_taken_at_sign_up(name):
    """validate_display_name refuses agencies' names it is given, however decorated."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_display_name(name, people=("조달청", "국방부", "기획재정부"))


# --- personal information -------------------------------------------------------------------------

PERSONAL = [
    "그 주무관 집이 한빛로 25 한빛아파트 102동 803호임",
    "과장 자택 대전 유성구 대학로 99 근처 산다더라",
    "담당 사무관 텔레그램 @kim_pps 다들 메시지 보내",
    "팀장님 카톡 아이디 teamlead01 입니다 직접 물어보세요",
    "그 사람 번호 010💢1234💢5678",
    "연락처 010 ㅡ 9876 ㅡ 5432 입니다 그 직원 거",
    "핸드폰 공일공에 팔팔팔팔에 칠칠칠칠",
    "번호 01O-12E4-5678",  # letters for digits
    "담당자 ０１０‧１２３４‧５６７８",
    "그 직원 번호 010/2468/1357 이래요",
]
PUBLIC_OR_HARMLESS = [
    "서울지방조달청 민원실 02-2250-3114 로 문의하세요",
    "조달청 고객지원센터 1588-0800 이 빨라요",
    "정부대전청사 3동 조달청에서 설명회 합니다",
    "세종시 한누리대로 2130 정부세종청사 가는 길 알려주세요",
    "우리 회사 대표번호 042-123-4567 로 연락 달라고 협회에 알렸어요",
    "행정복지센터 전화 031-555-1234 번으로 물어봤어요",
    "수출 실적 16억 3천만 달러 010% 아니고 8.3% 증가",
    "법률 제20230호 시행령 개정안",
    "2024년 2월 21일 오전 10시 30분 행사",
    "카톡 채널 조달청 추가하면 알림 받을 수 있어요",
]


@pytest.mark.parametrize("text", PERSONAL)
def test_addresses_handles_and_disguised_numbers_are_personal_information(text):
    """Home addresses, another person's messenger ID, numbers behind symbols or words."""
    assert strongest(text, 1) in ("hold", "reject"), [f.code for f in check(text).findings]


@pytest.mark.parametrize("text", PUBLIC_OR_HARMLESS)
def test_offices_numbers_and_addresses_are_public(text):
    """An office's number or address, amounts, dates and law numbers are not personal."""
    assert 1 not in check(text, release=RELEASE).rules


# --- advertising ----------------------------------------------------------------------------------

ADS = [
    "해외조달 전문 컨설팅 ✔️ 상담환영 globalbid.kr",
    "입찰 서류 대행해 드립니다 카톡 bidhelp 상담",
    "소상공인 대출 당일승인 텔레 @fastloan_kr",
    "🅑🅘🅓 대행 최저가 ｂｉｄｓｅｒｖｉｃｅ．ｃｏ．ｋｒ",
    "수출바우처 대행 전문업체 무료견적 www.voucherpro.co.kr",
    "나라장터 등록 대행 저렴하게 해드립니다 오픈채팅 조달도우미",
    "G-PASS 인증 받게 해드림 100% 보장 kakao: gpassok",
    "사무가구 최저가 납품 견적문의 office-mall.com",
    "정부지원금 받게 도와드립니다 무료상담 010-2222-3333",
    "무직자 대출 가능 24시간상담 ⓚⓐⓚⓐⓞ loan7",
]
AD_LOOK_ALIKES = [
    "해외조달 컨설팅 지원사업 경쟁률이 어떻게 되나요",
    "입찰 서류 작성 교육을 온라인으로도 열어 주세요",
    "소상공인 대출 금리 지원 정책 잘 봤습니다",
    "수출바우처 신청은 kotra.or.kr 에서 하면 되나요",
    "나라장터 등록 절차가 복잡해서 대행 업체를 쓰는 기업이 많아요",
    "G-PASS 인증 기준을 좀 더 공개해 주세요",
    "사무가구 납품 입찰 공고는 언제 나오나요",
    "정부지원금 사업 설명회 일정 알려 주세요",
    "조달청 누리집 pps.go.kr 에 자료 있어요",
    "무료 상담 창구가 지방청마다 있다고 들었어요",
]


@pytest.mark.parametrize("text", ADS)
def test_promotions_with_a_domain_or_messenger_id_are_advertising(text):
    """Consulting, shop and loan pitches with a way to reach them stop under rule 6."""
    assert strongest(text, 6) in ("hold", "reject"), [f.code for f in check(text).findings]


@pytest.mark.parametrize("text", AD_LOOK_ALIKES)
def test_talk_about_the_same_services_publishes(text):
    """Asking about or discussing those services is not advertising them."""
    assert 6 not in check(text, release=RELEASE).rules


# --- copyright ------------------------------------------------------------------------------------

COPIES = [
    "기사 전문 올립니다 ... 무 단 전 재  및  재 배 포  금 지",
    "퍼온 기사입니다 ⓒ 한 국 일 보",
    "관련 보도 ... <저 작 권 자 ⓒ 뉴시스>",
    "(서울=연합뉴스) 홍길동 기자 = 조달청은 21일 ... 무단전재",
    "다른 신문 기사 붙여넣기 ... Copyright © 경제신문 All rights reserved",
    "기사 통째로 가져옴 ... 무.단.전.재.및.재.배.포.금.지",
    "© 매 일 신 문 무단 복제 금지",
    "원문 그대로 ... 전재 및 재배포 금지 ⓒ 조선경제",
    "뉴스 캡처 옮김 ... 재배포금지",
    "아래 기사 전체 복사 ... (C) 한겨레신문사",
]
COPY_LOOK_ALIKES = [
    "보도자료 내용을 회사 보고서에 인용해도 되나요?",
    "무단 전재 금지라는 게 보도자료에도 적용되나요",
    "공공누리 1유형이면 출처만 밝히면 된다네요",
    "기사 출처 밝히고 블로그에 요약해도 괜찮을까요?",
    "신문 기사에서도 이 성과를 다뤘더라고요",
    "연합뉴스 기사 링크도 같이 올려 주시면 좋겠어요",
    "저작권 문제 없게 사진 출처 표기해 주세요",
    "kbc광주방송 뉴스에서도 봤습니다",
    "재배포 가능한 자료인지 궁금합니다",
    "기자님들이 보도해 주셔서 알게 됐습니다",
]


@pytest.mark.parametrize("text", COPIES)
def test_press_footers_spaced_out_or_not_are_held_under_rule_7(text):
    """A copied article's footer, however spaced or dotted, holds."""
    assert strongest(text, 7) == "hold", [f.code for f in check(text).findings]


@pytest.mark.parametrize("text", COPY_LOOK_ALIKES)
def test_questions_about_copying_and_mentions_of_the_press_publish(text):
    """Asking whether copying is allowed is honest."""
    assert 7 not in check(text, release=RELEASE).rules


# --- hate speech without a listed word ---------------------------------------------------------

STEREOTYPES = [
    "여자들은 하나같이 숫자에 약해서 회계 맡기면 안 됨",
    "남자들이란 원래 다 짐승이지",
    "게이들은 다 정신병자다",
    "베트남인들은 전부 돈 보고 결혼하는 사기꾼들",
    "늙은이들은 빨리 사라져야 젊은 사람들이 산다",
    "호남 사람들은 태생이 배신자",
    "무슬림 것들은 싹 다 입국 금지시켜야 함",
    "조선족들은 다 범죄자라서 채용하면 안 됨",
    "요즘 10대들은 하나같이 개념이 없다",
    "충청도 사람들은 원래 속을 알 수 없는 종특이 있다",
    "개신교인들은 전부 사기꾼이다",
    "장애인들은 사회에 쓸모없는 존재다",
]
GROUP_LOOK_ALIKES = [
    "여성 기업인 수출 지원도 확대해 주세요",
    "남성 육아휴직 늘어난 회사도 표창해 주세요",
    "성소수자 차별 없는 채용 기준이 필요합니다",
    "베트남 조달시장 진출 사례가 궁금합니다",
    "노인 일자리 사업과 연계하면 좋겠어요",
    "호남 지역 중소기업도 많이 참여했으면 합니다",
    "무슬림 국가 할랄 인증 지원도 부탁드립니다",
    "조선족 동포 고용 기업 지원은 없나요",
    "10대 청소년 창업 교육도 있나요",
    "충청도에서도 설명회 열어 주세요",
    "장애인 고용 기업 우대 제도 좋네요",
    "중국 시장 진출",
    "전라도 출장",
    "ㅊㅋ ㅇㅋ 좋아요",
]


@pytest.mark.parametrize("text", STEREOTYPES)
def test_demeaning_generalisations_about_groups_are_held(text):
    """A group said to be bad as a whole, wished away, or called names: rule 4."""
    assert strongest(text, 4) in ("hold", "reject"), [f.code for f in check(text).findings]


@pytest.mark.parametrize("text", GROUP_LOOK_ALIKES)
def test_naming_a_group_region_or_country_is_not_hate_speech(text):
    """Groups, regions and nations named in ordinary sentences; chat abbreviations."""
    assert 4 not in check(text, release=RELEASE).rules


# --- off-topic ------------------------------------------------------------------------------------

OFF_TOPIC = [
    "저녁 메뉴 추천 좀 해주세요 치킨 vs 피자",
    "내일 미세먼지 심하대요 마스크 꼭 쓰세요",
    "우리 강아지 산책시키다 넘어졌어요 ㅠㅠ",
    "어제 야구 경기 역전승 대박이었음",
    "이번 주말에 제주도 여행 가는데 맛집 추천",
    "다음 선거에서는 꼭 기호 3번 찍어 주십시오",
    "○○당을 지지합니다 이번에 꼭 뽑아 주세요",
    "새 갤럭시 카메라 성능 어때요?",
    "드라마 결말 진짜 허무하네요",
    "소개팅 나가는데 옷 뭐 입죠",
]
ON_TOPIC = [
    "날씨 추운데 설명회 준비하신 직원분들 고생하셨어요",
    "점심 먹고 기사 봤는데 좋은 소식이네요",
    "주말에도 신청 접수 되나요?",
    "선거 때만 중소기업 찾지 말고 평소에 챙겨 주세요",
    "정부 정책 홍보는 좋은데 결과도 공개해 주세요",
    "우리 회사도 해외 전시회 지원 받고 싶어요",
    "수출 실적 발표 잘 봤습니다",
    "조달청 유튜브 영상도 만들어 주세요",
    "여행업계 조달 참여 방안도 있나요",
    "이 정도 성과면 내년 예산 늘려도 되겠네요",
]


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_everyday_chatter_and_campaigning_are_flagged_not_held(text):
    """Rule 10 flags, and never holds."""
    verdict = check(text, release=RELEASE)
    assert strongest(text, 10) == "flag", [f.code for f in verdict.findings]
    assert verdict.action == "flag"


@pytest.mark.parametrize("text", ON_TOPIC)
def test_comments_on_the_release_and_its_services_are_on_topic(text):
    """Small talk around the news, and talk of government services, are not off-topic."""
    assert 10 not in check(text, release=RELEASE).rules
