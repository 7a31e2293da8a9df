"""Rule 4 by the learned score: abusive language that no lexicon entry or pattern names.

Holds above the model's hold threshold and flags above its flag threshold; never rejects (a
score is not a finding the citizen can be told about precisely). The detail names the score and
the words that weighed most, which the moderator reads beside the comment.
"""

from django.utils.translation import gettext_lazy as _

from .lexicon import allowlist
from .profanity import innocent_words
from .verdict import FLAG, HOLD, Finding

RULE = 4
MESSAGE_HOLD = _("운영원칙 제4항(욕설·비하 표현) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_FLAG = _("운영원칙 제4항(욕설·비하 표현) 검토 대상으로 표시되었습니다.")


def validate(text, ctx) -> list[Finding]:
    model = ctx.model
    if model is None or not text.joined:
        return []
    joined = text.joined
    innocent = innocent_words(text)
    if innocent:
        # A word read in its ordinary sense is no evidence of abuse (새끼 beside 강아지).
        joined = " ".join(w for w in joined.split() if not any(term in w for term in innocent))
    for phrase in allowlist():
        # Nor is an idiom the lexicon's allow-list knows (미친 듯이 일하다, 수박씨 발라 먹듯).
        if phrase in joined:
            joined = joined.replace(phrase, " ")
    score, words = model.explain(joined, top=3)
    if score < model.flag_at:
        return []
    action, message = (HOLD, MESSAGE_HOLD) if score >= model.hold_at else (FLAG, MESSAGE_FLAG)
    detail = f"learned score {score:.2f}"
    if words:
        detail += "; weighed most: " + ", ".join(word for word, _weight in words)
    return [Finding(RULE, action, "abuse.score", message, round(score, 3), detail=detail)]
