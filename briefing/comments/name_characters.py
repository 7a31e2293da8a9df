"""Characters a display name may not contain, and names reserved by the site.

A display name is shown beside every comment, inline with other text, so characters that are
invisible or that reorder what follows them are refused: a right-to-left override (U+202E) can
make "nimda" read as "admin" or flip the line after it. The categories refused are control
characters (Cc), format characters (Cf: bidi controls, zero-width joiners and spaces), private-use
(Co), surrogates (Cs) and unassigned code points (Cn); Korean, Latin and every other script's
letters, digits, punctuation and emoji are untouched.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}
#: Shown for the shared account of deleted citizens (account_deletion.py), in both languages.
RESERVED_NAMES = {"탈퇴한회원", "formermember"}


def validate_display_name_characters(name: str) -> None:
    refused = sorted({c for c in name if unicodedata.category(c) in REFUSED_CATEGORIES})
    if refused:
        raise ValidationError(
            _(
                "표시 이름에는 보이지 않는 제어 문자나 글자 방향을 바꾸는 문자를 쓸 수 없습니다"
                "(%(codes)s). 글자와 숫자로 다시 입력하세요."
            ),
            code="control_characters",
            params={"codes": ", ".join(f"U+{ord(c):04X}" for c in refused[:5])},
        )
    if "".join(name.split()).casefold() in RESERVED_NAMES:
        raise ValidationError(
            _("'%(name)s'은(는) 탈퇴한 회원의 댓글에 쓰는 이름이라 쓸 수 없습니다."),
            code="reserved",
            params={"name": name},
        )
