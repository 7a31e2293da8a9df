"""The 13 posting rules (게시물 운영원칙): the single source of truth.

The public rules block, form errors, report choices and moderator forms all read this module, so
the wording a citizen sees and the rule a validator enforces cannot drift apart. The Korean text is
the official wording, reproduced exactly; a test compares it with the seed page.
"""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PUBLISH = "publish"
FLAG = "flag"
HOLD = "hold"
REJECT = "reject"
#: Actions from weakest to strongest; the strongest finding decides a verdict.
ACTIONS = (PUBLISH, FLAG, HOLD, REJECT)

PREAMBLE_KO = (
    "정책브리핑 게시물 운영원칙에 따라 다음과 같은 게시물은 삭제 또는 계정이 차단 될 수 있습니다."
)
PREAMBLE_EN = (
    "Under the Korea.kr posting rules, the following posts may be deleted or the account may be "
    "blocked."
)


@dataclass(frozen=True)
class Rule:
    number: int
    code: str
    title: str  # lazy, Korean source
    text_ko: str
    text_en: str
    automated: bool
    strongest_action: str
    #: Applied only by recording an investigative agency's official request (rule 13): a citizen
    #: cannot report a comment under it, nor a moderator remove one citing it.
    agency_only: bool = False
    #: A removal under this rule must name the law the comment breaks (rule 12).
    law_must_be_named: bool = False

    @property
    def text(self) -> str:
        """The full rule text in the active language (Korean unless English is active)."""
        return self.text_en if _is_english() else self.text_ko

    @property
    def label(self) -> "RuleLabel":
        """ "제N항 title", translated when rendered (safe in module-level form choices)."""
        return RuleLabel(self)

    def __str__(self) -> str:
        return str(self.label)


class RuleLabel:
    """A lazily translated "제N항 title" label; compares equal to its rendered string."""

    __slots__ = ("rule",)

    def __init__(self, rule: Rule):
        self.rule = rule

    def __str__(self) -> str:
        return _("제%(number)d항 %(title)s") % {
            "number": self.rule.number,
            "title": self.rule.title,
        }

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.rule.number)

    def __repr__(self) -> str:
        return f"<RuleLabel {self}>"


def _is_english() -> bool:
    return (get_language() or "ko").lower().startswith("en")


def preamble() -> str:
    """The sentence introducing the rules, in the active language."""
    return PREAMBLE_EN if _is_english() else PREAMBLE_KO


RULES = (
    Rule(
        1,
        "personal-info",
        _("개인정보 게재"),
        "타인의 메일주소, 전화번호, 주민등록번호 등의 개인정보 또는 해당 정보를 게재하는 경우",
        "Posting another person's personal information, such as an email address, phone number "
        "or resident registration number.",
        True,
        REJECT,
    ),
    Rule(
        2,
        "defamation",
        _("명예훼손"),
        "확인되지 않은 내용으로 타인의 명예를 훼손시키는 경우",
        "Damaging another person's reputation with unverified claims.",
        False,
        PUBLISH,
    ),
    Rule(
        3,
        "public-order",
        _("공공질서·미풍양속 위반"),
        "공공질서 및 미풍양속에 위반되는 내용을 유포하거나 링크시키는 경우",
        "Spreading or linking to content that violates public order or morals.",
        True,
        REJECT,
    ),
    Rule(
        4,
        "profanity",
        _("욕설·비하 표현"),
        "욕설 및 비속어의 사용 및 특정 인종, 성별, 지역 또는 특정한 정치적 견해를 비하하는 용어를 게시하는 경우",
        "Using profanity or vulgar slang, or terms that demean a particular race, gender, region "
        "or political view.",
        True,
        REJECT,
    ),
    Rule(
        5,
        "illegal-copying",
        _("불법복제·바이러스·해킹 조장"),
        "불법복제, 바이러스, 해킹 등을 조장하는 내용인 경우",
        "Content that encourages illegal copying, viruses, hacking and the like.",
        True,
        HOLD,
    ),
    Rule(
        6,
        "advertising",
        _("상업적 광고·홍보"),
        "영리를 목적으로 하는 광고 또는 특정 개인(단체)의 홍보성 글인 경우",
        "Advertising for profit, or posts promoting a particular person or organisation.",
        True,
        REJECT,
    ),
    Rule(
        7,
        "copyright",
        _("저작권 침해"),
        "타인의 저작물(기사, 사진 등 링크)을 무단으로 게시하여 저작권 침해에 해당하는 글",
        "Posts that infringe copyright by publishing another person's work (articles, photos, "
        "links to them) without permission.",
        True,
        HOLD,
    ),
    Rule(
        8,
        "crime",
        _("범죄 관련·유도"),
        "범죄와 관련있거나 범죄를 유도하는 행위 및 관련 내용을 게시한 경우",
        "Posting content related to crime, or acts and content that induce crime.",
        True,
        HOLD,
    ),
    Rule(
        9,
        "impersonation",
        _("사칭"),
        "공인이나 특정이슈와 관련된 당사자 및 당사자의 주변인, 지인 등을 가장 또는 사칭하여 글을 게시하는 경우",
        "Posting while posing as, or impersonating, a public figure, a party to a particular "
        "issue, or the people around them or their acquaintances.",
        True,
        HOLD,
    ),
    Rule(
        10,
        "off-topic",
        _("기사와 관련 없는 내용"),
        "해당 기사나 게시글의 내용과 관련없는 특정 의견, 주장, 정보 등을 게시하는 경우",
        "Posting opinions, claims or information unrelated to the content of the article or post.",
        True,
        FLAG,
    ),
    Rule(
        11,
        "repetition",
        _("반복 게시"),
        "동일한 제목, 내용의 글 또는 일부분만 변경해서 글을 반복 게재하는 경우",
        "Repeatedly posting the same title or content, or the same post with only parts changed.",
        True,
        REJECT,
    ),
    Rule(
        12,
        "other-law",
        _("기타 법령 위반"),
        "기타 관계법령에 위배된다고 판단되는 경우",
        "Posts judged to violate other applicable laws.",
        False,
        PUBLISH,
        law_must_be_named=True,
    ),
    Rule(
        13,
        "agency-request",
        _("수사기관 등의 요청"),
        "수사기관 등의 공식적인 요청이 있는 경우",
        "When an investigative agency or similar body makes an official request.",
        False,
        PUBLISH,
        agency_only=True,
    ),
)

_BY_NUMBER = {rule.number: rule for rule in RULES}

#: The rules a citizen may report a comment under and a moderator may remove one under.
CITABLE_RULES = tuple(rule.number for rule in RULES if not rule.agency_only)


def get_rule(number: int) -> Rule:
    """Return the rule with this number (1–13); raise LookupError otherwise."""
    try:
        return _BY_NUMBER[int(number)]
    except (KeyError, TypeError, ValueError):
        raise LookupError(f"No posting rule number {number!r}") from None


def rule_choices(numbers=None) -> list[tuple[int, str]]:
    """(number, "제N항 title") pairs for form choice fields, optionally limited to some rules."""
    wanted = set(numbers) if numbers is not None else None
    return [(r.number, r.label) for r in RULES if wanted is None or r.number in wanted]


def choose_citable_rule_message() -> str:
    """What a citizen or moderator reads when the rule they chose cannot be cited."""
    return _("운영원칙 제%(first)d항부터 제%(last)d항 가운데 하나를 고르세요.") % {
        "first": CITABLE_RULES[0],
        "last": CITABLE_RULES[-1],
    }


def name_the_law_message(rule: Rule) -> str:
    """What a moderator reads when a removal under ``rule`` does not name the law it breaks."""
    return _("제%(number)d항(%(title)s)으로 삭제할 때는 위반한 법령을 적어 주세요.") % {
        "number": rule.number,
        "title": rule.title,
    }


#: Every code a check can give a finding (verdict.Finding.code), in words for moderators: the
#: desk and the audit trail show these, never the code. tests/moderation_desk/test_desk_words.py
#: reads every Finding(...) the checks build and fails on a code missing here.
FINDING_LABELS = {
    "pii.rrn": _("주민등록번호"),
    "pii.phone": _("개인 전화번호"),
    "pii.email": _("개인 이메일 주소"),
    "pii.address": _("개인의 주소로 보이는 내용"),
    "pii.handle": _("다른 사람의 메신저 아이디"),
    "pii.possible": _("주민등록번호로 보이는 숫자"),
    "obscene.solicitation": _("연락처를 붙인 음란·선정적 권유"),
    "obscene.content": _("음란·선정적 내용"),
    "link.unknown": _("확인되지 않은 외부 링크"),
    "profanity.reject": _("명백한 욕설·비속어"),
    "profanity.hold": _("욕설·비속어로 보이는 표현"),
    "profanity.stereotype": _("특정 집단 전체를 비하하는 표현"),
    "abuse.score": _("학습 모델이 본 욕설·비하 가능성"),
    "piracy.score": _("불법복제·해킹을 부추기는 표현"),
    "ad.unambiguous": _("연락처를 붙인 광고"),
    "ad.score": _("광고·홍보로 보이는 표현"),
    "copyright.press-footer": _("언론사 저작권 표시나 기사 머리말"),
    "copyright.news-link": _("뉴스 기사 링크"),
    "copyright.image-link": _("이미지 공유 사이트 링크"),
    "copyright.long-copy": _("기사를 옮겨 온 듯한 긴 글"),
    "crime.threat": _("폭력 위협"),
    "crime.trade": _("불법 물품·서비스 거래 제안"),
    "crime.offer": _("범죄로 보이는 제안"),
    "impersonation.claim": _("직책이나 신분을 내세운 글"),
    "impersonation.name": _("보도자료 속 인물·기관으로 오인될 수 있는 이름"),
    "off-topic.chatter": _("잡담"),
    "off-topic.campaign": _("선거 운동"),
    "off-topic.everyday": _("보도자료와 관련 없는 일상 이야기"),
    "off-topic.unrelated": _("보도자료와 관련 없는 내용"),
    "repeat.same-author": _("같은 작성자의 반복 게시"),
    "repeat.short": _("짧은 글의 반복"),
    "repeat.flood": _("여러 계정이 올린 같은 글"),
    "engine.error": _("자동 검사 오류(관리자 확인 필요)"),
}


def finding_label(code: str) -> str:
    """A finding's reason in words; a code no check gives any more (an old row) stays as it is."""
    return FINDING_LABELS.get(code, code)
