"""Rule 1: personal information: phone numbers, e-mail and home addresses, resident registration
numbers, another person's messenger ID.

Numbers, e-mail addresses and RRNs are mechanical findings, so they reject: the citizen removes
them and posts again. They are found however they are written: any separators between the
digits (emoji and symbols included), digits spelled as Korean number words (공일공…), the letters
read in the order a browser shows them (normalize: bidi controls). Public numbers are not
personal: the release's own contacts, representative and toll-free numbers (1588-…, 110, 120…),
and an office's landline named as such (대표번호, 민원실, 콜센터…). A home address or another
person's messenger ID is held: a moderator tells them from an office's address or a shop's
handle. Findings never carry the data itself.
"""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from .context import digits_only, release_numbers
from .handles import handle_spans
from .verdict import HOLD, REJECT, Finding

RULE = 1
MESSAGE_PHONE = _(
    "운영원칙 제1항: 전화번호 같은 개인정보는 게시할 수 없습니다. 해당 부분을 지우고 다시 등록해 주세요."
)
MESSAGE_EMAIL = _(
    "운영원칙 제1항: 이메일 주소 같은 개인정보는 게시할 수 없습니다. 해당 부분을 지우고 다시 등록해 주세요."
)
MESSAGE_RRN = _(
    "운영원칙 제1항: 주민등록번호는 게시할 수 없습니다. 해당 부분을 지우고 다시 등록해 주세요."
)
MESSAGE_POSSIBLE = _("운영원칙 제1항: 개인정보로 보이는 내용이 있어 관리자 확인 후 게시됩니다.")
MESSAGE_ADDRESS = _(
    "운영원칙 제1항: 집 주소 같은 개인정보는 게시할 수 없습니다. 해당 부분을 지우고 다시 등록해 주세요."
)

# Up to three separators between any two digits: 010-1234-5678, 010 1234 5678, 0 1 0 1 2…, (02)…,
# and whatever else people put between them to slip past a filter: 010🔥1234★5678, 010ㅡ1234.
_S = r"(?:[^\w]|[_ㅡ])?(?:[^\w]|[_ㅡ])?(?:[^\w]|[_ㅡ])?"


def _digits(pattern: str) -> str:
    """Allow separators between the digit tokens of a compact pattern."""
    return _S.join(re.findall(r"\[[^\]]+\]|\\d|\d", pattern))


_NATIONAL_PREFIX = rf"(?:\+{_S}8{_S}2{_S}(?:\(?0\)?{_S})?|\(?0{_S})"
_SUBSCRIBER = rf"(?:{_S}\d){{7,8}}"
_AREAS = "|".join(
    [
        _digits("1[016789]"),  # mobile
        "2",  # Seoul
        _digits("3[1-3]"),
        _digits("4[1-4]"),
        _digits("5[1-5]"),
        _digits("6[1-4]"),
        _digits("70"),  # internet telephony
        _digits("50\\d"),  # personal (050x) numbers
    ]
)
PHONE = re.compile(rf"(?<![\d.,])({_NATIONAL_PREFIX}(?:{_AREAS}){_SUBSCRIBER})(?!{_S}?\d)")
#: Representative and toll-free numbers: public, but a contact signal for advertising.
SERVICE_NUMBER = re.compile(
    rf"(?<![\d.,])(?:1{_S}[5-8]{_S}\d{_S}\d|0{_S}8{_S}0{_S}\d(?:{_S}\d){{2}}){_S}\d{_S}\d{_S}\d{_S}\d(?!\d)"
)
#: Korean number words read as digits, for numbers spelled out (공일공 일이삼사 오육칠팔).
_NUMBER_WORDS = str.maketrans("공영일이삼사오육륙칠팔구", "001234566789")
# A run of three or more number syllables (digits mixed in: 공1공) standing on its own, not
# inside a word (이사오면), though a particle may follow it (공일공에 팔팔팔팔에).
_NUMBER_WORD_RUN = re.compile(
    r"(?<![가-힣])(?=\d*[공영일이삼사오육륙칠팔구])[공영일이삼사오육륙칠팔구\d]{3,}"
    r"(?P<particle>에|이요|요|은|는|이고|하고|이랑|이에요|입니다)?(?![가-힣])"
)
# Letters standing in for digits inside a number (01O-12E4-5678): only in tokens that are
# mostly digits already, so words are never read as numbers.
_DIGIT_LIKE = str.maketrans("OoIlZzEASsGTBgq", "001122345567899")
_NUMBERISH_TOKEN = re.compile(
    r"(?<![A-Za-z])(?=(?:[A-Za-z]*\d){2})[0-9OoIlZzEASsGTBgq]{3,5}(?![A-Za-z])"
)
# An office's landline named as such is public; a mobile number never is.
_PUBLIC_LINE = re.compile(
    r"대표\s*(?:번호|전화)|민원\s*(?:실|센터|전화|안내)|콜\s*센터|고객\s*센터|상담\s*(?:센터|실|전화)"
    r"|안내\s*(?:센터|전화|데스크)|주민\s*센터|행정\s*복지\s*센터|(?:시|구|군|도)청|청사|우체국"
    r"|보건소|경찰서|소방서|교육청|사무소|지원\s*센터|(?:부|처|청|원|위원회)\s*(?:대표|민원)"
)
_PUBLIC_LINE_WINDOW = 20

EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}"
    r"(?![A-Za-z])"
)
_WEBMAIL = (
    r"(?:gmail|naver|daum|hanmail|kakao|nate|yahoo|hotmail|outlook|icloud|korea|proton|live|msn)"
)
_AT_OBFUSCATIONS = (
    # (at), [at], {at}, 골뱅이, 앳: unambiguous stand-ins for @
    (re.compile(r"\s*(?:[(\[{]\s*(?:at|골뱅이|앳)\s*[)\]}]|골뱅이|＠)\s*", re.I), "@"),
    # a bare " at " only before a webmail provider, so "looked at data.go.kr" stays prose
    (re.compile(rf"(?<=[A-Za-z0-9])\s+at\s+(?={_WEBMAIL}\b)", re.I), "@"),
)
_DOT_OBFUSCATIONS = (
    (re.compile(r"\s*(?:닷|쩜|점|dot|\.)\s*(?:컴|com)(?![A-Za-z가-힣])", re.I), ".com"),
    (re.compile(r"\s*(?:닷|쩜|점|dot|\.)\s*(?:넷|net)(?![A-Za-z가-힣])", re.I), ".net"),
    (
        re.compile(
            r"(?<=[A-Za-z0-9])\s*(?:[(\[{]\s*(?:dot|닷|점)\s*[)\]}]|\s(?:dot|닷|쩜)\s)\s*(?=[A-Za-z])",
            re.I,
        ),
        ".",
    ),
)

# Addresses: a road or lot address with its number, or a flat's block and unit (101동 1203호).
_ROAD_ADDRESS = re.compile(
    r"[가-힣0-9]{1,15}(?:로|길)\s?\d{1,4}(?:-\d{1,4})?(?:\s?번길\s?\d{1,4})?(?!\d)"
)
_LOT_ADDRESS = re.compile(r"[가-힣]{1,10}(?:동|리|가)\s?\d{1,5}(?:-\d{1,5})?\s?번지")
_UNIT = re.compile(
    r"\d{1,4}\s?동\s?\d{1,5}\s?호|(?:아파트|빌라|오피스텔|맨션|원룸|주택)\s?\d{1,5}\s?호"
)
_RESIDENCE = re.compile(
    r"집|자택|사는\s?곳|산다|살고|거주|본가|아파트|빌라|오피스텔|맨션|원룸|주택|주소|동네"
)
# An office's address is public: the government complex, a community centre, a tower block.
_OFFICE = re.compile(
    r"(?:청사|사무소|사무실|센터|빌딩|타워|회관|본부|공사|공단|(?:시|구|군|도|교육)청|조달청|우체국"
    r"|학교|대학|병원|역\s|매장|지점|본점|공장|박람회|전시장|코엑스|킨텍스)(?![로길])"
)
# Whose: a handle next to a third person (담당자, 그 사람, 아내…) is someone else's.
_THIRD_PERSON = re.compile(
    r"(?:그|이|저)\s?(?:사람|분|놈|년|여자|남자|새끼|직원|공무원|양반)|담당자|주무관|사무관|서기관"
    r"|과장|국장|팀장|계장|실장|청장|차장|부장|대표님|사장|직원|아내|남편|와이프|딸|아들|여친|남친"
    r"|엄마|아빠|동생|누나|언니|오빠|형이|친구|[가-힣]{2,4}\s?(?:씨|님)(?:의|\s)"
)
_WHOSE_WINDOW = 20

_RRN = re.compile(
    r"(?<![\d\-])(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s{0,2}([-–—]?)\s{0,2}([1-8])(\d{6})(?![\d])"
)
_RRN_CONTEXT = re.compile(r"주민|신분증|생년월일|rrn", re.I)
_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def find_phones(display: str) -> list[str]:
    """Digit strings (national form, 0…) of personal-looking phone numbers in the text."""
    return [digits_only(m.group(1)) for m in PHONE.finditer(display)]


def read_number_words(display: str) -> str:
    """The text with runs of Korean number words read as digits (공일공 → 010), and letters
    standing in for digits inside numbers read as the digits (01O → 010)."""
    display = _NUMBER_WORD_RUN.sub(_read_run, display)
    return _NUMBERISH_TOKEN.sub(lambda m: m.group().translate(_DIGIT_LIKE), display)


def _read_run(match) -> str:
    digits = (
        match.group()[: match.start("particle") - match.start()]
        if match.group("particle")
        else match.group()
    )
    return digits.translate(_NUMBER_WORDS) + (" " if match.group("particle") else "")


def personal_phones(display: str) -> list[str]:
    """Phone numbers that may be a person's: every mobile number, and landlines not introduced
    as an office's (대표번호, 민원실…). Read in digits and in number words."""
    found = []
    for text in dict.fromkeys((display, read_number_words(display))):
        for match in PHONE.finditer(text):
            number = digits_only(match.group(1))
            if number.startswith("01") or not _named_public(text, match.start()):
                found.append(number)
    return list(dict.fromkeys(found))


def _named_public(text: str, start: int) -> bool:
    before = text[max(0, start - _PUBLIC_LINE_WINDOW) : start]
    return bool(_PUBLIC_LINE.search(before))


def find_service_numbers(display: str) -> list[str]:
    return [digits_only(m.group(0)) for m in SERVICE_NUMBER.finditer(display)]


def deobfuscate_email(display: str) -> str:
    text = display
    for pattern, replacement in _AT_OBFUSCATIONS + _DOT_OBFUSCATIONS:
        text = pattern.sub(replacement, text)
    return text


def find_emails(display: str) -> list[str]:
    found = EMAIL.findall(display)
    if not found and _looks_obfuscated(display):
        found = EMAIL.findall(deobfuscate_email(display))
    return [e.lower() for e in found]


def _looks_obfuscated(display: str) -> bool:
    lowered = display.lower()
    return any(word in lowered for word in ("at", "골뱅이", "앳", "＠", "@"))


def rrn_findings(display: str) -> list[str]:
    """ "sure" or "possible" for each date-plus-gender-digit number that may be an RRN."""
    results = []
    has_context = bool(_RRN_CONTEXT.search(display))
    for match in _RRN.finditer(display):
        yy, mm, dd, separator, gender, rest = match.groups()
        if not _real_birth_date(yy, mm, dd, gender):
            continue
        digits = yy + mm + dd + gender + rest
        sure = bool(separator) or has_context or _rrn_checksum_ok(digits)
        results.append("sure" if sure else "possible")
    return results


def _real_birth_date(yy: str, mm: str, dd: str, gender: str) -> bool:
    century = 1900 if gender in "1256" else 2000
    try:
        born = datetime.date(century + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    return born <= datetime.date.today()


def _rrn_checksum_ok(digits: str) -> bool:
    # Numbers issued since October 2020 have no check digit, so this only adds confidence.
    total = sum(int(d) * w for d, w in zip(digits[:12], _RRN_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == int(digits[12])


def address_kind(display: str) -> str | None:
    """ "home" for a dwelling's address, "possible" for an address said to be someone's, None
    for no address or an office's."""
    if _OFFICE.search(display):
        return None
    unit = _UNIT.search(display)
    address = _ROAD_ADDRESS.search(display) or _LOT_ADDRESS.search(display)
    if unit and (address or _RESIDENCE.search(display)):
        return "home"
    if address and _RESIDENCE.search(display):
        return "possible"
    return None


def someone_elses_handle(display: str) -> bool:
    """A messenger ID written beside a third person: theirs, not the writer's."""
    for start, end in handle_spans(display):
        near = display[max(0, start - _WHOSE_WINDOW) : end + _WHOSE_WINDOW]
        if _THIRD_PERSON.search(near):
            return True
    return False


def validate(text, ctx) -> list[Finding]:
    release = ctx.release
    public_numbers = release_numbers(release.phones) if release else frozenset()
    public_emails = {e.lower() for e in release.emails} if release else set()
    findings = []
    rrns = rrn_findings(text.display)
    if "sure" in rrns:
        findings.append(
            Finding(
                RULE, REJECT, "pii.rrn", MESSAGE_RRN, 1.0, detail="resident registration number"
            )
        )
    phones = [p for p in personal_phones(text.display) if p not in public_numbers]
    if phones:
        findings.append(
            Finding(RULE, REJECT, "pii.phone", MESSAGE_PHONE, 1.0, detail=_phone_kinds(phones))
        )
    emails = [e for e in find_emails(text.display) if e not in public_emails]
    if emails:
        findings.append(
            Finding(
                RULE, REJECT, "pii.email", MESSAGE_EMAIL, 1.0, detail=f"{len(emails)} address(es)"
            )
        )
    address = address_kind(text.display)
    if address == "home":
        findings.append(
            Finding(
                RULE, REJECT, "pii.address", MESSAGE_ADDRESS, 1.0, detail="a dwelling's address"
            )
        )
    elif address == "possible":
        findings.append(
            Finding(
                RULE,
                HOLD,
                "pii.address",
                MESSAGE_POSSIBLE,
                0.6,
                detail="an address said to be someone's",
            )
        )
    if someone_elses_handle(text.display):
        findings.append(
            Finding(
                RULE,
                HOLD,
                "pii.handle",
                MESSAGE_POSSIBLE,
                0.6,
                detail="another person's messenger ID",
            )
        )
    if not findings and "possible" in rrns:
        findings.append(
            Finding(
                RULE,
                HOLD,
                "pii.possible",
                MESSAGE_POSSIBLE,
                0.5,
                detail="unverified resident registration number",
            )
        )
    return findings


def _phone_kinds(phones: list[str]) -> str:
    kinds = sorted({"mobile" if p.startswith("01") else "landline" for p in phones})
    return f"{len(phones)} number(s): {', '.join(kinds)}"
