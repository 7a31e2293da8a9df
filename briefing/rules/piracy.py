"""Rule 5: encouraging illegal copying, malware and hacking.

A score, because the words are also the vocabulary of policy debate ("토렌트 단속", "해킹 피해 대책"):
offers and tools score high, discussion words lower the score, executables and piracy sites add.
"""

import re

from django.utils.translation import gettext_lazy as _

from .contacts import links
from .lexicon import matcher_for, weighted_terms
from .links import mentions_executable
from .verdict import HOLD, Finding

RULE = 5
MESSAGE = _(
    "운영원칙 제5항(불법복제·바이러스·해킹 조장) 해당 여부를 관리자가 확인한 뒤 게시됩니다."
)
HOLD_SCORE = 3.0
DISCUSSION = re.compile(
    r"처벌|단속|예방|근절|보안|대응|수사|차단|조심|주의|피해|신고|경고|방지|엄벌|규제|대책|막아|막아야"
)


def score(text, ctx) -> float:
    total = sum(weighted_terms(matcher_for("piracy.tsv"), text).values())
    for link in links(text, ctx):
        total += 3 if link.executable or link.kind == "piracy" else 0
    if mentions_executable(text.display):
        total += 2
    if total and DISCUSSION.search(text.compact):
        total -= 1
    return total


def validate(text, ctx) -> list[Finding]:
    value = score(text, ctx)
    if value >= HOLD_SCORE:
        return [
            Finding(RULE, HOLD, "piracy.score", MESSAGE, value, detail="piracy/malware signals")
        ]
    return []
