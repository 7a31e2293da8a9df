"""Rule 8: content related to or inducing crime, and threats (urgent).

Selling is what makes drug or fake-ID talk a crime post; naming the crime is how citizens debate
policy ("마약 단속 강화하라"). So a good (필로폰, 대포통장…) must come with an offer (팝니다, 구매
문의…) or dealers' slang; discussion words then require contact details too. Threats are held and
marked urgent so a moderator sees them first.
"""

import re

from django.utils.translation import gettext_lazy as _

from .contacts import contact_evidence
from .lexicon import matcher_for, outermost
from .verdict import HOLD, Finding

RULE = 8
MESSAGE = _("운영원칙 제8항(범죄 관련·유도) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_THREAT = _("운영원칙 제8항: 위협으로 보이는 표현이 있어 관리자가 확인한 뒤 게시됩니다.")

_NOT_REPORTED = r"(?!\s*(?:다는|다던|다고|단|겠다는|겠다던|겠다고))"
_THREATS = re.compile(
    r"죽여\s*(?:버리|버릴|버린|놓겠|놓을)"
    r"|죽이(?:겠|러\s*(?:간|갈|가)|고\s*말|고\s*싶|고\s*야\s*말)"
    + _NOT_REPORTED
    + r"|죽일\s*(?:거|것|꺼|테|께)(?:야|다|니|임|에요|예요|라)"
    r"|찔러\s*(?:버리|버릴|죽|주겠)|칼로\s*찌르|칼로\s*찔러|칼\s*들고\s*(?:찾아|간다|갈)|흉기\s*들고"
    r"|폭탄\s*(?:을|를)?\s*(?:설치|터뜨|터트|던지|들고|심어)|폭파\s*(?:하겠|시키겠|할\s*거|할\s*것|시킨다|해\s*버리)"
    r"|불\s*(?:을)?\s*질러\s*(?:버리|버릴|버린|주겠|놓겠)|불\s*지르겠|방화\s*하겠|테러\s*(?:하겠|할\s*거|할\s*것|를\s*하겠)"
    r"|총\s*(?:으로|들고)\s*(?:쏘|쏴|갈|간다)|쏴\s*(?:죽|버리|버릴)|묻어\s*버리|묻어\s*버릴"
    r"|(?:패|때려)\s*죽이|목을\s*(?:따|조르|졸라)\s*(?:버리|버릴|주겠|겠)|찾아가서\s*(?:죽|패|찌|없애)"
    r"|가족\s*(?:까지|도|들)?\s*(?:다\s*)?(?:죽|없애)|살해\s*(?:하겠|할\s*거|할\s*것|해\s*버리)",
)
_THREATS_EN = re.compile(
    r"(?<![a-z])(?:i(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+gonna)|gonna|going\s+to)\s+"
    r"(?:kill|shoot|stab|bomb|murder|hurt|blow\s+up)(?![a-z])"
    r"|(?<![a-z])kill\s+(?:you|him|her|them|all\s+of)(?![a-z])|(?<![a-z])you(?:'re|\s+are)\s+(?:dead|next)(?![a-z])"
    r"|(?<![a-z])(?:plant|place)\s+a\s+bomb(?![a-z])|(?<![a-z])shoot\s+up\s+the(?![a-z])",
    re.I,
)
_DISCUSSION = re.compile(
    r"단속|처벌|근절|수사|검거|강화|엄벌|예방|대책|막아|막아야|뿌리\s*뽑|조직|피해|정책|법안|규제"
)


def is_threat(text) -> bool:
    return bool(
        _THREATS.search(text.lower)
        or _THREATS.search(text.joined)
        or _THREATS_EN.search(text.lower)
    )


def trade_signals(text) -> dict[str, float]:
    """Strongest weight per kind (good, offer, slang) among the crime terms found."""
    strongest: dict[str, float] = {}
    for hit in outermost(matcher_for("crime.tsv").find(text)):
        kind, weight = hit.term.field(0), float(hit.term.field(1, "1"))
        strongest[kind] = strongest.get(kind, 0) + weight
    return strongest


def offers_crime(text, ctx) -> bool:
    signals = trade_signals(text)
    good, offer, slang = signals.get("good", 0), signals.get("offer", 0), signals.get("slang", 0)
    if slang >= 3:
        return True
    if not (good or slang):
        return False
    if _DISCUSSION.search(text.compact):
        return bool(contact_evidence(text, ctx)) and offer >= 1
    return offer >= 2 or (offer >= 1 and bool(contact_evidence(text, ctx)))


def validate(text, ctx) -> list[Finding]:
    findings = []
    if is_threat(text):
        findings.append(
            Finding(
                RULE,
                HOLD,
                "crime.threat",
                MESSAGE_THREAT,
                1.0,
                urgent=True,
                detail="threat of violence",
            )
        )
    if offers_crime(text, ctx):
        findings.append(
            Finding(
                RULE, HOLD, "crime.trade", MESSAGE, 0.8, detail="illegal goods or services offered"
            )
        )
    return findings
