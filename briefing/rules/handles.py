"""Messenger handles (카톡 아이디, 텔레그램 @…): how people are reached outside the site.

Rule 1 asks whose handle it is (another person's is personal information); rules 3, 6 and 8 ask
what it is offered for (a shop, a dealer). Both read the same patterns here.
"""

import re

_ID = r"[:：]?\s*@?[A-Za-z][A-Za-z0-9_.\-]{2,31}"
_HANDLES = {
    "kakao": re.compile(
        rf"(?:카톡|카카오\s*톡|카카오|kakao\s*talk|kakao|katalk|ㅋㅌ|오픈\s*채팅|오픈\s*톡)\s*(?:아이디|아디|id)?\s*{_ID}",
        re.I,
    ),
    "telegram": re.compile(
        rf"(?:텔레그램|텔레|텔그|telegram|ㅌㄹ|tg)\s*(?:아이디|아디|id)?\s*{_ID}", re.I
    ),
    "line": re.compile(rf"(?:라인|line)\s*(?:아이디|아디|id)\s*{_ID}", re.I),
    "id": re.compile(
        r"(?<![A-Za-z가-힣])(?:아이디|아디|id)\s*[:：]\s*@?[A-Za-z][A-Za-z0-9_.\-]{2,31}", re.I
    ),
    "at-handle": re.compile(r"(?<![A-Za-z0-9._%+\-])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_@.])"),
}


def find_handles(display: str) -> set[str]:
    """Kinds of messenger handles in the text (never the handles themselves)."""
    return {kind for kind, pattern in _HANDLES.items() if pattern.search(display)}


def handle_spans(display: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in _HANDLES.values() for m in pattern.finditer(display)]
