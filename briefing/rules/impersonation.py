"""Rule 9: impersonating officials, operators or the people in a release.

Three places:
- display names, refused at sign-up or rename by ``validate_display_name``: role words, an
  agency's own name, look-alike letters, spacing and decorations;
- the author's display name on a release: held when it passes for a person the release names
  (its contacts, and the people in its text, such as the head of the agency) or for the agency;
- comment text claiming an identity, held because only a moderator can tell a claim from a joke
  or a quotation. A claim has many shapes: "저는 조달청장입니다", a role in brackets
  ("[조달청 해외조달과]"), a role or a name and title before the message ("김성일 과장입니다", "조달청
  주무관입니다만", "장관 드림"), the head of a named company or association speaking for it
  ("(주)웰템 대표이사로서"), letters spaced out ("조 달 청 장 입 니 다"). A title inside an ordinary
  word is not a claim ("장관상 수상기업 직원입니다"), nor is a generic one ("중소기업 대표입니다").
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .hangul import from_keyboard, to_jamo
from .normalize import clean
from .verdict import HOLD, Finding

RULE = 9
MESSAGE_TEXT = _("운영원칙 제9항(사칭) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_NAME = _(
    "운영원칙 제9항: 공무원·운영자 또는 보도자료 속 인물로 오인될 수 있는 이름은 사용할 수 없습니다."
)

# Roles that only officials or operators hold. Two-syllable roles must end the name (or be followed
# by 님/실/팀) to count, so 장관동 주민, 장관리, 청장년 stay usable.
LONG_ROLES_KO = (
    "대변인",
    "관리자",
    "운영자",
    "운영진",
    "운영팀",
    "관리팀",
    "정책브리핑",
    "대통령",
    "대통령실",
    "국무총리",
    "부총리",
    "사무관",
    "주무관",
    "청와대",
)
SHORT_ROLES_KO = ("청장", "장관", "차관", "총리")
ROLES_EN = (
    "admin",
    "administrator",
    "moderator",
    "official",
    "staff",
    "operator",
    "minister",
    "president",
    "spokesperson",
    "sysop",
    "webmaster",
    "koreakr",
    "govkr",
)
_NO_FUZZY_EN = {"staff"}
_SHORT_ROLE_SUFFIXES = ("님", "실", "팀", "직무대행", "대행", "본인", "공식")
# Cyrillic and Greek letters that look like Latin ones, plus digits and signs used as letters.
_HOMOGLYPHS = str.maketrans(
    dict(
        zip(
            "аеорсухіјѕԁԛԝɑαβεηικνορτυχАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ0134578@$!|",
            "aeopcyxijsdqwaabeniknoptuxabekmhopctxijsabezhikmnoptyxoieastbasil",
            strict=True,
        )
    )
)

_FIRST_PERSON = r"(?<![가-힣])(?:저는|전|제가|나는|난|본인은)\s*"
_GOV_ROLE = r"[가-힣]{0,8}(?:청장|장관|차관|대변인|사무관|주무관|총리|대통령|비서관|행정관)"
_SITE_ROLE = (
    r"(?:(?:이|이곳|여기|본|이\s*사이트|사이트|게시판|정책브리핑|홈페이지|누리집)\s*)?"
    r"(?:관리자|운영자|운영진|운영팀|관리팀|담당자)"
)
_COPULA = r"(?:님)?\s*(?:입니다|이에요|예요|이고요|임|이다|으로서|로서|올림|드림)"
_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
_TEXT_PATTERNS = (
    # "저는 조달청장입니다", "제가 바로 이 사이트 관리자입니다"
    re.compile(rf"{_FIRST_PERSON}(?:\S+\s+){{0,2}}?{_GOV_ROLE}{_COPULA}"),
    re.compile(rf"{_FIRST_PERSON}(?:바로\s*)?{_SITE_ROLE}{_COPULA}"),
    # "저는 이 사업 담당자입니다": the official in charge of the release's programme
    re.compile(
        rf"{_FIRST_PERSON}(?:이|본|해당|이번)\s*(?:사업|업무|정책|보도자료|공고)\s*(?:의\s*)?담당(?:자|공무원){_COPULA}"
    ),
    # "조달청장 임기근입니다", "대변인 김OO 드림"
    re.compile(rf"{_GOV_ROLE}\s*[{_SURNAMES}][가-힣]{{1,2}}\s*(?:입니다|이에요|예요|올림|드림)"),
    # a message opening with an operator's voice: "관리자입니다. 공지…"
    re.compile(rf"(?:^|[.!?\n]\s*|안녕하세요[.,!~\s]*){_SITE_ROLE}{_COPULA}"),
)
_TEXT_PATTERNS_EN = re.compile(
    r"(?<![a-z])(?:i\s+am|i'm|im|this\s+is)\s+(?:the\s+|a\s+|an\s+)?(?:site\s+|board\s+|korea\.kr\s+)?"
    r"(?:administrator|admin|moderator|minister|vice\s+minister|commissioner|spokesperson|webmaster|operator)(?![a-z])"
    r"|(?<![a-z])(?:i\s+am|i'm)\s+(?:an?\s+)?(?:government\s+)?official(?![a-z])",
    re.I,
)
# Not a claim: "저는 장관이 아닙니다", "제가 청장이라면".
_DISCLAIMERS = re.compile(
    r"\s*(?:아닙니다|아니지만|아니고|아니라|아닌데|였으면|이라면|라면|처럼|같은|라도|만\s)"
)


_AGENCY = r"(?:[가-힣]{1,12}(?:부|처|청|위원회|공사|공단|진흥원|지방청)|정부|대통령실|청와대|정책브리핑|국회)"
_OFFICE_WORDS = (
    r"(?:청장|차장|장관|차관|국장|과장|팀장|계장|실장|부장|담당관|본부장|사무관|주무관|서기관|비서관|행정관"
    r"|대변인|비서실|대변인실|직원|공무원|관리팀|운영팀|관리자|운영자|운영진|홍보팀|홍보실|[가-힣]{1,8}과|[가-힣]{1,8}국|[가-힣]{1,8}팀"
    r"|회장|부회장|이사장|대표이사|사무총장)"
)
# A role or a department in brackets opening the message: [조달청 해외조달과], 〈조달청 공식〉.
_BRACKETED = re.compile(
    rf"^\s*[\[(〈<【「『《]\s*(?:{_AGENCY}|정책브리핑|운영|관리)\s*[^\])〉>】」』》]{{0,20}}[\])〉>】」』》]"
)
_SPEAKS_AS = r"(?:입니다만|입니다|이에요|예요|인데요|이고요|으로서|로서|드림|올림|에서\s*(?:알려|안내|공지)\s*드립니다|에서\s*알립니다)"
# An agency and an office, or a name and a title, introducing the writer: "조달청 주무관입니다만",
# "김성일 국장입니다", "임기근 청장 비서실입니다", "기획재정부 장관 드림", "조달청장입니다".
# A name is three syllables starting with a surname (two-syllable ones are too often ordinary
# words: 이건, 정말); 과장 also means "an exaggeration", so it needs an agency or a department.
_OPENING = r"(?:^|[.!?\n]\s*|안녕하세요[.,!~\s]*)"
_INTRODUCES = re.compile(
    rf"{_OPENING}{_AGENCY}\s*(?:[가-힣]{{2,4}}\s*)?(?:{_OFFICE_WORDS}\s*){{1,2}}{_SPEAKS_AS}"
    rf"|{_OPENING}[김이박최정강조윤장임한오서신권황안송류홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉][가-힣]{{2}}\s+(?!과장)(?:{_OFFICE_WORDS}\s*){{1,2}}{_SPEAKS_AS}"
    rf"|{_OPENING}(?:[가-힣]{{0,8}}청장|장관|차관|총리|대통령|대변인|관리자|운영자)\s*(?:{_SPEAKS_AS})"
    # a department's official signing: "해외조달과 담당 주무관 드림"
    rf"|{_OPENING}(?:{_AGENCY}\s*)?[가-힣]{{1,8}}(?:과|국|팀|실)\s*(?:담당\s*)?(?:{_OFFICE_WORDS}\s*){{1,2}}{_SPEAKS_AS}"
)
# The head of a named company or association speaking for it.
_NAMED_BODY = r"(?:\(주\)\s*[가-힣A-Za-z]{1,15}|㈜\s*[가-힣A-Za-z]{1,15}|주식회사\s*[가-힣A-Za-z]{1,15}|[가-힣A-Za-z()\s]{1,30}?(?:협회|연합회|조합|재단|협의회|학회|총연합|연맹))"
_HEAD_SPEAKS = re.compile(
    rf"{_NAMED_BODY}\s*(?:의\s*)?(?:회장|대표이사|대표|이사장|사무총장|사무국장|이사|회장단)\s*(?:[가-힣]{{2,4}}\s*)?{_SPEAKS_AS}"
)


def claims_office(text, people=()) -> bool:
    for view in dict.fromkeys((text.display, _spaced_out(text))):
        for pattern in _TEXT_PATTERNS:
            for match in pattern.finditer(view):
                if not _DISCLAIMERS.match(view, match.end(), match.end() + 8):
                    return True
        if _BRACKETED.search(view) or _INTRODUCES.search(view) or _HEAD_SPEAKS.search(view):
            return True
        if _claims_to_be(view, people):
            return True
    return bool(_TEXT_PATTERNS_EN.search(text.display))


def _spaced_out(text) -> str:
    """The text with runs of one-letter words joined ("조 달 청 장 입 니 다" → "조달청장입니다"),
    keeping its case and punctuation between words (the joined view drops them)."""
    words = text.display.split(" ")
    out, run = [], []
    for word in words + [""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if word:
            out.append(word)
    return " ".join(out)


def _claims_to_be(display: str, people) -> bool:
    """A person the release names, introducing themselves (with or without their title)."""
    for name in people:
        if name and re.search(
            rf"(?:^|[.!?\n]\s*|저는\s*|제가\s*|본인은\s*){re.escape(name)}\s*(?:{_OFFICE_WORDS}\s*)?{_COPULA}",
            display,
        ):
            return True
    return False


def validate(text, ctx) -> list[Finding]:
    release = ctx.release
    people = release.people if release else ()
    findings = []
    if claims_office(text, people):
        findings.append(
            Finding(
                RULE,
                HOLD,
                "impersonation.claim",
                MESSAGE_TEXT,
                0.7,
                detail="claims an office or identity",
            )
        )
    names = tuple(people) + (tuple(release.organisations) if release else ())
    if ctx.author_name and names and _passes_for(ctx.author_name, names):
        findings.append(
            Finding(
                RULE,
                HOLD,
                "impersonation.name",
                MESSAGE_TEXT,
                0.7,
                detail="display name passes for a person or body the release names",
            )
        )
    return findings


def _passes_for(name: str, names) -> bool:
    skeleton = name_skeleton(name)
    return bool(skeleton) and any(
        other and len(name_skeleton(other)) >= 2 and name_skeleton(other) in skeleton
        for other in names
    )


# --- display names -------------------------------------------------------------------------------


def name_skeleton(name: str) -> str:
    """Letters only, homoglyphs folded, casefolded: "Ａ d m і n" → "admin", "관 리 자" → "관리자"."""
    cleaned = clean(str(name)).translate(_HOMOGLYPHS).casefold()
    return "".join(c for c in cleaned if c.isalpha() and unicodedata.category(c) != "Lm")


def _latin_words(name: str) -> list[str]:
    cleaned = clean(str(name)).translate(_HOMOGLYPHS).casefold()
    words = re.findall(r"[a-z]+", cleaned)
    joined = "".join(words) if all(len(w) == 1 for w in words) else ""
    return words + ([joined] if joined else [])


def _korean_role_in(skeleton: str) -> bool:
    if any(role in skeleton for role in LONG_ROLES_KO):
        return True
    for role in SHORT_ROLES_KO:
        for match in re.finditer(role, skeleton):
            rest = skeleton[match.end() :]
            if not rest or rest.startswith(_SHORT_ROLE_SUFFIXES):
                return True
    return _near_long_role(skeleton)


def _near_long_role(skeleton: str) -> bool:
    """관리쟈, 대퉁령, 운영쟈: one letter off a three-syllable role (compared letter by letter)."""
    for role in LONG_ROLES_KO:
        size = len(role)
        role_jamo = to_jamo(role)
        for start in range(max(1, len(skeleton) - size + 1)):
            window = to_jamo(skeleton[start : start + size])
            if (
                len(window) >= len(role_jamo) - 1
                and _levenshtein().normalized_distance(window, role_jamo) <= 0.15
            ):
                return True
    return False


def _latin_role_in(name: str) -> bool:
    return any(_latin_word_is_role(word, role) for word in _latin_words(name) for role in ROLES_EN)


def _latin_word_is_role(word: str, role: str) -> bool:
    if word == role or (word.startswith(role) and len(role) >= 5 and len(word) - len(role) <= 3):
        return True
    if role in _NO_FUZZY_EN or len(word) < 5:
        return False
    return _osa().distance(word, role) <= (1 if len(role) <= 8 else 2)


def _typed_on_korean_keyboard(name: str) -> str:
    words = re.findall(r"[A-Za-z]+", clean(str(name)))
    return "".join(from_keyboard(w) or "" for w in words)


def impersonates(name: str, people=()) -> bool:
    """Whether a display name could pass for an official, an operator, an agency (``people``
    may hold agencies' names too) or a person in a release."""
    skeleton = name_skeleton(name)
    if not skeleton:
        return False
    hangul = skeleton + _typed_on_korean_keyboard(name)
    if _korean_role_in(hangul) or _latin_role_in(name):
        return True
    return _passes_for(name, people)


def validate_display_name(name, *, people=()) -> None:
    """Raise ValidationError (code "impersonation", rule 9) for names posing as officials.
    ``people``: names no citizen may take (agencies' names, say), however spaced or decorated."""
    try:
        refused = impersonates(name, people)
    except Exception:  # noqa: BLE001 - a name we cannot read is not evidence of impersonation
        refused = False
    if refused:
        raise ValidationError(MESSAGE_NAME, code="impersonation", params={"rule": RULE})


# rapidfuzz is imported on first use: every web worker loads this module (display names are
# checked in forms), but only workers that check text need the library's few megabytes.
def _levenshtein():
    from rapidfuzz.distance import Levenshtein

    return Levenshtein


def _osa():
    from rapidfuzz.distance import OSA

    return OSA
