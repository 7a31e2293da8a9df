"""Characters a display name may not contain, names reserved by the site, and the key that tells
two names apart the way a reader would.

A display name is shown beside every comment, inline with other text, so characters that are
invisible or that reorder what follows them are refused: a right-to-left override (U+202E) can
make "nimda" read as "admin" or flip the line after it. The categories refused are control
characters (Cc), format characters (Cf: bidi controls, zero-width joiners and spaces), private-use
(Co), surrogates (Cs) and unassigned code points (Cn); Korean, Latin and every other script's
letters, digits, punctuation and emoji are untouched.
"""

import functools
import json
import unicodedata
from importlib import resources

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}
#: Letters that draw nothing: Hangul fillers and the blank braille pattern (category Lo/So, so
#: the categories above miss them).
INVISIBLE_LETTERS = {"\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u17b4", "\u17b5"}
#: Shown for the shared account of deleted citizens (account_deletion.py), in both languages.
RESERVED_NAMES = ("탈퇴한 회원", "Former member")


def name_key(name: str) -> str:
    """What a reader sees of a name, as a key: NFKC, case folded, spaces squeezed, and every
    letter replaced by one representative of the letters it cannot be told from (Unicode's
    confusables: Cyrillic а and Latin a, the KELVIN SIGN and K, l, I and 1). Two names with one key
    look alike on the page; the database keeps keys unique."""
    representatives = _representatives()
    text = " ".join(unicodedata.normalize("NFKC", str(name)).split())
    # Before and after case folding: Cyrillic К joins Latin K among capitals, while к has no
    # Latin twin among small letters.
    text = "".join(representatives.get(c, c) for c in text).casefold()
    return "".join(representatives.get(c, c) for c in text)


@functools.cache
def _representatives() -> dict[str, str]:
    """Each confusable character's representative: the groups of confusable_homoglyphs' data
    joined (union-find), each represented by its ASCII member or else its first code point.
    Built on first use (a sign-up or a rename), never by pages."""
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    parent: dict[str, str] = {}

    def root(c):
        while parent.get(c, c) != c:
            parent[c] = parent.get(parent[c], parent[c])
            c = parent[c]
        return c

    for key, homoglyphs in data.items():
        for item in homoglyphs:
            glyph = item["c"].strip("\u200e")
            if len(key) == 1 and len(glyph) == 1:
                a, b = root(key), root(glyph)
                if a != b:
                    parent[max(a, b, key=_rank)] = min(a, b, key=_rank)
    return {c: root(c) for c in parent if root(c) != c}


def _rank(c: str) -> tuple:
    return (not c.isascii(), not c.isalpha(), ord(c))


def validate_display_name_characters(name: str) -> None:
    refused = sorted(
        {c for c in name if unicodedata.category(c) in REFUSED_CATEGORIES or c in INVISIBLE_LETTERS}
    )
    if refused:
        raise ValidationError(
            _(
                "표시 이름에는 보이지 않는 제어 문자나 글자 방향을 바꾸는 문자를 쓸 수 없습니다"
                "(%(codes)s). 글자와 숫자로 다시 입력하세요."
            ),
            code="control_characters",
            params={"codes": ", ".join(f"U+{ord(c):04X}" for c in refused[:5])},
        )
    if not any(c.isalnum() for c in unicodedata.normalize("NFKC", name)):
        raise ValidationError(
            _("표시 이름에는 글자나 숫자가 하나 이상 있어야 합니다."), code="no_letters"
        )
    squeezed = name_key("".join(name.split()))
    if any(squeezed == name_key("".join(reserved.split())) for reserved in RESERVED_NAMES):
        raise ValidationError(
            _("'%(name)s'은(는) 탈퇴한 회원의 댓글에 쓰는 이름이라 쓸 수 없습니다."),
            code="reserved",
            params={"name": name},
        )
