"""Rule 11: the same or a lightly edited comment posted again.

Same author, recent comment, near-identical (rapidfuzz ratio ≥ 90 on the compact text, or
character-bigram Jaccard ≥ 0.6): a mechanical finding, so it rejects. Short texts (under 10
letters: "좋아요", "감사합니다") are what many honest people write on many releases, so an exact
short repeat is only flagged, and held once it reaches three. The same text from three or more
other accounts within the flood window is a campaign: held, since any one of them may be sincere.
The third copy is held when it comes from a new account, the fourth otherwise.
"""

import functools

from django.utils.translation import gettext_lazy as _

from .normalize import compact_text
from .verdict import FLAG, HOLD, REJECT, Finding

RULE = 11
MESSAGE_REJECT = _("운영원칙 제11항: 같은 내용이나 일부만 바꾼 글을 반복해서 게시할 수 없습니다.")
MESSAGE_HOLD = _("운영원칙 제11항(반복 게시) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_FLAG = _("운영원칙 제11항(반복 게시) 검토 대상으로 표시되었습니다.")
SHORT_CHARS = 10
SIMILAR_RATIO = 90
SIMILAR_JACCARD = 0.6
FLOOD_COUNT = 3
NEW_ACCOUNT_FLOOD_COUNT = 2
_MAX_COMPARED_CHARS = 2000
_MAX_HISTORY = 200


def _compact(text) -> str:
    return compact_text(text)[:_MAX_COMPARED_CHARS]


@functools.lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def near_duplicate(a: str, b: str) -> bool:
    """Whether two compact texts are the same comment with only parts changed."""
    if a == b:
        return True
    if min(len(a), len(b)) < SHORT_CHARS or max(len(a), len(b)) > 2 * min(len(a), len(b)):
        return False
    from rapidfuzz import fuzz  # on first use: see impersonation._levenshtein

    if fuzz.ratio(a, b, score_cutoff=SIMILAR_RATIO):
        return True
    left, right = _bigrams(a), _bigrams(b)
    return len(left & right) / len(left | right) >= SIMILAR_JACCARD


def validate(text, ctx) -> list[Finding]:
    mine = text.compact[:_MAX_COMPARED_CHARS]
    if not mine:
        return []
    return _same_author(mine, ctx.recent_texts) + _flood(mine, ctx.flood_texts, ctx.new_account)


def _same_author(mine: str, recent) -> list[Finding]:
    repeats = sum(near_duplicate(mine, _compact(t)) for t in list(recent)[:_MAX_HISTORY])
    if not repeats:
        return []
    if len(mine) >= SHORT_CHARS:
        return [
            Finding(
                RULE,
                REJECT,
                "repeat.same-author",
                MESSAGE_REJECT,
                1.0,
                detail=f"{repeats} recent repeat(s)",
            )
        ]
    action = HOLD if repeats >= FLOOD_COUNT else FLAG
    message = MESSAGE_HOLD if action == HOLD else MESSAGE_FLAG
    return [
        Finding(RULE, action, "repeat.short", message, 0.5, detail=f"{repeats} short repeat(s)")
    ]


def _flood(mine: str, flood, new_account: bool) -> list[Finding]:
    if len(mine) < SHORT_CHARS:
        return []
    copies = sum(near_duplicate(mine, _compact(t)) for t in list(flood)[:_MAX_HISTORY])
    # From a new account the third copy is already a campaign; from an old one, the fourth.
    if copies >= (NEW_ACCOUNT_FLOOD_COUNT if new_account else FLOOD_COUNT):
        return [
            Finding(
                RULE,
                HOLD,
                "repeat.flood",
                MESSAGE_HOLD,
                float(copies),
                detail=f"{copies} copies by other accounts",
            )
        ]
    return []
