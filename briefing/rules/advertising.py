"""Rule 6: commercial advertising, as an additive score.

One ad-ish word in an honest comment ("대출 규제 완화", "수출 상담회") scores 1–2 and publishes. Spam
stacks promotion words with a way to make contact (messenger ID, shop or short link, phone, or any
unknown domain given beside a pitch); that passes the hold threshold, and a very high score with
contact details is refused outright. Letters dressed up to dodge a filter (ⓚⓐⓚⓐⓞ, 🅢🅗🅞🅟,
ｗｗｗ．…) are read plain by the normaliser first.
"""

import re

from django.utils.translation import gettext_lazy as _

from .contacts import contact_evidence, handles, links, phones, service_numbers
from .lexicon import matcher_for, weighted_terms
from .verdict import HOLD, REJECT, Finding

RULE = 6
MESSAGE_REJECT = _("운영원칙 제6항: 영리 목적의 광고·홍보 글은 게시할 수 없습니다.")
MESSAGE_HOLD = _("운영원칙 제6항(상업적 광고·홍보) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
HOLD_SCORE = 4.0
REJECT_SCORE = 8.0
_LINK_WEIGHTS = {"shop": 3, "messenger": 3, "gambling": 3, "shortener": 2, "other": 1}
_EARNINGS = re.compile(
    r"(?:하루|일|주|월|매일|매달)\s*(?:최소\s*)?\d{1,4}\s*(?:만\s*원|만|천|씩|이상|버|벌)|\d{1,3}\s*%\s*(?:수익|보장)|월\s*천"
)


def score(text, ctx) -> tuple[float, int]:
    """(score, number of distinct promotion terms)."""
    terms = weighted_terms(matcher_for("advertising.tsv"), text)
    total = sum(terms.values()) + 3 * len(handles(text, ctx))
    # An unknown domain beside a sales pitch is the shop's address, not a reference.
    weights = {**_LINK_WEIGHTS, "other": 3} if terms else _LINK_WEIGHTS
    total += sum(weights.get(link.kind, 0) for link in links(text, ctx))
    total += 2 if phones(text, ctx) or service_numbers(text, ctx) else 0
    total += 2 if _EARNINGS.search(text.display) else 0
    if total and ctx.new_account:
        total += 1
    return total, len(terms)


def validate(text, ctx) -> list[Finding]:
    value, promotion_terms = score(text, ctx)
    if value >= REJECT_SCORE and promotion_terms >= 2 and contact_evidence(text, ctx):
        return [
            Finding(
                RULE,
                REJECT,
                "ad.unambiguous",
                MESSAGE_REJECT,
                value,
                detail="promotion with contact details",
            )
        ]
    if value >= HOLD_SCORE:
        return [Finding(RULE, HOLD, "ad.score", MESSAGE_HOLD, value, detail="advertising signals")]
    return []
