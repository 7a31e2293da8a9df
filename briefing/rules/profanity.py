"""Rule 4: profanity, vulgar slang and terms demeaning a race, gender, region or political view.

A tiered lexicon (data/profanity_*.tsv) matched after normalisation: an unambiguous entry rejects,
an ambiguous one (also an ordinary word, or a political label) holds. Politicians' names are never
entries, and sharp criticism of officials and policies is not profanity.
"""

import functools
import re

from django.utils.translation import gettext_lazy as _

from .lexicon import TermMatcher, allowlist, read_terms
from .verdict import HOLD, REJECT, Finding

RULE = 4
MESSAGE_REJECT = _(
    "운영원칙 제4항: 욕설·비속어나 특정 집단을 비하하는 표현은 게시할 수 없습니다. 해당 표현을 고쳐 다시 등록해 주세요."
)
MESSAGE_HOLD = _("운영원칙 제4항(욕설·비하 표현) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
VIEWS = ("joined", "leet", "phonetic", "keyboard")


def _folds_safely(term) -> bool:
    # Only unambiguous entries of two or more letters get sound-alike matching; folding a short or
    # ambiguous word (새끼 → 새기 "engrave") would invent hits in ordinary text.
    return term.field(0) == REJECT and len(term.text) >= 2 and not term.text.isascii()


@functools.cache
def matcher() -> TermMatcher:
    terms = read_terms("profanity_ko.tsv") + read_terms("profanity_en.tsv")
    return TermMatcher(terms, allow=allowlist(), views=VIEWS, phonetic_filter=_folds_safely)


def innocent_words(text) -> set[str]:
    """Ambiguous lexicon words the comment uses in their ordinary sense (새끼 beside 강아지): the
    learned score does not count them either."""
    allowed = {hit.term.text for hit in matcher().find(text, allowed=True)}
    return allowed | {
        hit.term.text
        for hit in matcher().find(text)
        if hit.term.field(0, HOLD) == HOLD and _innocent_context(hit.term, text.compact)
    }


def tiers_found(text) -> dict[str, set[str]]:
    """Categories found per tier, e.g. {"reject": {"general"}, "hold": {"politics"}}."""
    found: dict[str, set[str]] = {}
    for hit in matcher().find(text):
        tier = hit.term.field(0, HOLD)
        if tier == HOLD and _innocent_context(hit.term, text.compact):
            continue
        found.setdefault(tier, set()).add(hit.term.field(1, "general"))
    return found


@functools.lru_cache(maxsize=64)
def _context_pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _innocent_context(term, compact: str) -> bool:
    """An ambiguous word next to words of its ordinary sense (홍어 + 수출: the fish)."""
    pattern = term.field(2)
    return bool(pattern) and bool(_context_pattern(pattern).search(compact))


# A name for people ending in 충 ("bug"): 급식충, 틀딱충, 한남충, 맘충… Words that only end in 충
# are left alone (보충, 확충, 곤충, 기생충, 절충, 상충…).
_INSECT_NAME = re.compile(
    r"(?<![가-힣])([가-힣]{1,6})충(?:들|놈|새끼|년)?(?:이|은|는|아|을|의|도|이나|이랑)?(?![가-힣])"
)
_NOT_INSECT_NAMES = frozenset(
    "보 확 해 곤 기생 회 요 촌 유 성 선 모 충 구 살 방 완 절 상 자 익 내 병 송 갑 나 조 미 초 박 청 이해상 "
    "병해 민 태 진 충청 수 용 옥 복 동 담 이 삼 대 한 중 소 노 지".split()
)


def insect_names(text) -> bool:
    for match in _INSECT_NAME.finditer(text.joined):
        stem = match.group(1)
        if len(stem) >= 2 and stem not in _NOT_INSECT_NAMES and stem[-1:] not in _NOT_INSECT_NAMES:
            return True
    return False


def validate(text, ctx) -> list[Finding]:
    found = tiers_found(text)
    if insect_names(text) and REJECT not in found:
        found.setdefault(HOLD, set()).add("insect-name")
    if REJECT in found:
        return [
            Finding(
                RULE, REJECT, "profanity.reject", MESSAGE_REJECT, 1.0, detail=_detail(found[REJECT])
            )
        ]
    if HOLD in found:
        return [
            Finding(RULE, HOLD, "profanity.hold", MESSAGE_HOLD, 0.6, detail=_detail(found[HOLD]))
        ]
    return []


def _detail(categories: set[str]) -> str:
    return "lexicon categories: " + ",".join(sorted(categories))
