"""Rule 9: impersonating officials, operators or the people in a release.

Two places: display names (refused at sign-up or rename by ``validate_display_name``) and comment
text ("저는 조달청장입니다", "관리자입니다": held, because only a moderator can tell a claim from a
joke or a quotation).
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


def claims_office(text, people=()) -> bool:
    display = text.display
    for pattern in _TEXT_PATTERNS:
        for match in pattern.finditer(display):
            if not _DISCLAIMERS.match(display, match.end(), match.end() + 8):
                return True
    return bool(_TEXT_PATTERNS_EN.search(display)) or _claims_to_be(display, people)


def _claims_to_be(display: str, people) -> bool:
    for name in people:
        if name and re.search(
            rf"(?:^|[.!?\n]\s*|저는\s*|제가\s*|본인은\s*){re.escape(name)}{_COPULA}", display
        ):
            return True
    return False


def validate(text, ctx) -> list[Finding]:
    people = ctx.release.people if ctx.release else ()
    if claims_office(text, people):
        return [
            Finding(
                RULE,
                HOLD,
                "impersonation.claim",
                MESSAGE_TEXT,
                0.7,
                detail="claims an office or identity",
            )
        ]
    return []


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
    """Whether a display name could pass for an official, an operator, or a person in the release."""
    skeleton = name_skeleton(name)
    if not skeleton:
        return False
    hangul = skeleton + _typed_on_korean_keyboard(name)
    if _korean_role_in(hangul) or _latin_role_in(name):
        return True
    return any(person and name_skeleton(person) in skeleton for person in people)


def validate_display_name(name, *, people=()) -> None:
    """Raise ValidationError (code "impersonation", rule 9) for names posing as officials."""
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
