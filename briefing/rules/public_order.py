"""Rule 3: content or links against public order and morals (adult, gambling, solicitation).

Held for a moderator; refused only when the comment both solicits and gives a way to make contact,
which leaves no innocent reading. Links to government sites are always fine. Other unknown links
are held from new accounts (a common spam pattern) and only flagged from established ones.
"""

from django.utils.translation import gettext_lazy as _

from .contacts import contact_evidence, links
from .lexicon import matcher_for, weighted_terms
from .verdict import FLAG, HOLD, REJECT, Finding

RULE = 3
MESSAGE_REJECT = _(
    "운영원칙 제3항: 음란·선정적인 만남이나 영상을 권유하는 내용은 게시할 수 없습니다."
)
MESSAGE_HOLD = _("운영원칙 제3항(공공질서·미풍양속) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_LINK = _("운영원칙 제3항: 외부 링크가 포함되어 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_LINK_FLAG = _("운영원칙 제3항: 외부 링크가 포함되어 관리자 검토 대상으로 표시되었습니다.")

_BLOCKED_KINDS = {"adult", "gambling"}
#: Kinds another rule already judges (piracy → 5, shops and messengers → 6, news and images → 7).
_JUDGED_ELSEWHERE = {"gov", "reference", "piracy", "shop", "messenger", "news", "image"}


def validate(text, ctx) -> list[Finding]:
    found = links(text, ctx)
    solicitation = weighted_terms(matcher_for("solicitation.tsv"), text)
    strength = max(solicitation.values(), default=0)
    blocked = [link for link in found if link.kind in _BLOCKED_KINDS]
    if (strength >= 3 or blocked and solicitation) and contact_evidence(text, ctx):
        return [
            Finding(
                RULE,
                REJECT,
                "obscene.solicitation",
                MESSAGE_REJECT,
                1.0,
                detail="solicitation with contact",
            )
        ]
    if strength >= 2 or blocked:
        detail = (
            "blocked link: " + ",".join(sorted({link.kind for link in blocked}))
            if blocked
            else "solicitation terms"
        )
        return [Finding(RULE, HOLD, "obscene.content", MESSAGE_HOLD, 0.8, detail=detail)]
    return _unknown_link_findings(found, ctx)


def _unknown_link_findings(found, ctx) -> list[Finding]:
    unknown = [link for link in found if link.kind not in _JUDGED_ELSEWHERE and not link.executable]
    if not unknown:
        return []
    if ctx.new_account or any(link.kind == "shortener" for link in unknown):
        return [Finding(RULE, HOLD, "link.unknown", MESSAGE_LINK, 0.5, detail=_kinds(unknown))]
    return [Finding(RULE, FLAG, "link.unknown", MESSAGE_LINK_FLAG, 0.3, detail=_kinds(unknown))]


def _kinds(found) -> str:
    return f"{len(found)} link(s): " + ",".join(sorted({link.kind for link in found}))
