"""Rule 1: personal information (phone numbers, email addresses, resident registration numbers).

Mechanical findings, so they reject: the citizen removes the number and posts again. Numbers in
the release's own contact block and representative numbers (1588-…, 110, 120…) are public, not
personal, and are never findings here. Findings never carry the number itself.
"""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from .context import digits_only, release_numbers
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

# Up to three separators between any two digits: 010-1234-5678, 010 1234 5678, 0 1 0 1 2…, (02)…
_S = r"[\s.\-‐‑–—·/()]{0,3}"


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
_HANGUL_DIGITS = "공영일이삼사오육륙칠팔구"
_HANGUL_PHONE = re.compile(
    rf"(?<![가-힣])[공영][\s.\-]*일[\s.\-]*[공영](?:[\s.\-]*[{_HANGUL_DIGITS}]){{7,8}}(?![가-힣])"
)

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

_RRN = re.compile(
    r"(?<![\d\-])(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\s{0,2}([-–—]?)\s{0,2}([1-8])(\d{6})(?![\d])"
)
_RRN_CONTEXT = re.compile(r"주민|신분증|생년월일|rrn", re.I)
_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def find_phones(display: str) -> list[str]:
    """Digit strings (national form, 0…) of personal-looking phone numbers in the text."""
    return [digits_only(m.group(1)) for m in PHONE.finditer(display)]


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
    phones = [p for p in find_phones(text.display) if p not in public_numbers]
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
    if not findings and ("possible" in rrns or _HANGUL_PHONE.search(text.display)):
        findings.append(
            Finding(
                RULE,
                HOLD,
                "pii.possible",
                MESSAGE_POSSIBLE,
                0.5,
                detail="number spelled out or unverified",
            )
        )
    return findings


def _phone_kinds(phones: list[str]) -> str:
    kinds = sorted({"mobile" if p.startswith("01") else "landline" for p in phones})
    return f"{len(phones)} number(s): {', '.join(kinds)}"
