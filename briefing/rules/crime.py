"""Rule 8: content related to or inducing crime, and threats (urgent).

Selling is what makes drug or fake-ID talk a crime post; naming the crime is how citizens debate
policy ("마약 단속 강화하라"). So a good (필로폰, 대포통장…) must come with an offer (팝니다, 구매
문의…) or dealers' slang; discussion words then require contact details too.

Crimes offered without their trade word are recognised by their shape: renting out, buying or
handing over accounts and bank cards for money; forging documents; rigging a tender (prices
agreed in advance, a judge "arranged"); offering illegal filming. Each needs the thing, the deed
and the offer together, and none fires beside words of enforcement (적발, 처벌, 근절…).

Threats (threats.py) are held and marked urgent so a moderator sees them first.
"""

import re

from django.utils.translation import gettext_lazy as _

from .contacts import contact_evidence
from .lexicon import matcher_for, outermost
from .threats import is_threat, is_threat_in_english
from .verdict import HOLD, Finding

RULE = 8
MESSAGE = _("운영원칙 제8항(범죄 관련·유도) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
MESSAGE_THREAT = _("운영원칙 제8항: 위협으로 보이는 표현이 있어 관리자가 확인한 뒤 게시됩니다.")

_DISCUSSION = re.compile(
    r"단속|처벌|근절|수사|검거|강화|엄벌|예방|대책|막아|막아야|뿌리\s*뽑|조직|피해|정책|법안|규제"
)


_OFFER = (
    r"(?:드립니다|드려요|드림|드릴게|해드|해\s*드|해줌|해\s*줍니다|가능|팝니다|판매|삽니다|구합니다|구해요"
    r"|문의|연락|쪽지|텔레|카톡|디엠|dm|원하시는|원하는\s*분|필요하신|보실\s*분|있음|받습니다|의뢰"
    r"|발송|배송|택배|당일|안\s*가도|없이도|없이\s*(?:발급|가능)|됨(?=\s|$|[.!])"
    r"|구매합니다|매입합니다|개당|건당|줍니다|협의|가능합니다)"
)
_SHAPES = {
    # Accounts and cards for money: mule accounts, bought or rented logins.
    "accounts": re.compile(
        r"(?:통장|계좌|체크\s*카드|신용\s*카드|현금\s*카드|카드|계정|아이디|유심|대포|명의|인증서|otp)"
        r"(?:\s*(?:을|를|만|이랑|랑|하고|과|와)?\s*[가-힣]{0,4}){0,2}?\s*"
        r"(?:빌려\s*(?:주|드)|빌려주실|대여|임대|양도|매입|매매|팝니다|팔아요|삽니다|사요|구합니다|구해요|넘기|넘겨|판매|구매)"
    ),
    # Forging documents.
    "forgery": re.compile(
        r"(?:신분증|주민등록증|운전면허증|면허증|여권|졸업\s*증명서|성적\s*증명서|재직\s*증명서|경력\s*증명서"
        r"|사업자\s*등록증|등본|초본|인감|진단서|소견서|처방전|자격증|세금\s*계산서|영수증|계약서|직인|도장|학위)"
        r"[가-힣\s]{0,12}?(?:위조|변조|만들어\s*(?:드|줌|줍|줄)|제작\s*(?:해\s*)?(?:드|가능|문의|합니다)|발급\s*대행"
        r"|대리\s*발급|대신\s*발급|정품처럼|진짜처럼|감쪽같|당일\s*(?:발송|제작))"
    ),
    # Rigging a tender: prices agreed in advance, judges arranged, bribes.
    "collusion": re.compile(
        r"(?:입찰|낙찰|투찰|견적|단가|가격|심사)[가-힣\s]{0,14}?(?:미리\s*맞춰|맞춰서\s*들어|짜고|담합\s*(?:하|합)"
        r"|들러리|나눠\s*먹|순번|밀어\s*주|섭외|로비|뒷돈|리베이트|커미션|수수료\s*\d+\s*%|봐\s*주)"
        r"|(?:심사\s*위원|평가\s*위원|담당\s*공무원)[가-힣\s]{0,8}?(?:섭외|매수|로비|뒷돈|떡값|인맥)"
    ),
    # Offering illegal filming.
    "filming": re.compile(
        r"몰래\s*(?:찍|촬영)|몰카|도촬|불법\s*촬영|(?:화장실|탈의실|샤워실|찜질방|기숙사)\s*(?:영상|사진|몰카|캠)"
        r"|치마\s*속|업스커트|리벤지\s*(?:포르노|영상)|유출\s*영상|지인\s*능욕|딥\s*페이크\s*(?:제작|해\s*드)"
    ),
}
_SHAPE_OFFER = re.compile(_OFFER)
_ENFORCEMENT = re.compile(
    r"적발|처벌|엄벌|근절|단속|수사|조사|신고|고발|막아|막을|예방|의혹|규제|강화|처벌받|구속|금지|피해\s*(?:자|를|가)"
)


def crime_shapes(text) -> set[str]:
    """Crimes offered in so many words (without a trade term): accounts, forgery, tender rigging,
    illegal filming."""
    view = text.lower
    if _ENFORCEMENT.search(view) or not _SHAPE_OFFER.search(view):
        return set()
    return {kind for kind, pattern in _SHAPES.items() if pattern.search(view)}


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
    if is_threat(text) or is_threat_in_english(text):
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
    elif shapes := crime_shapes(text):
        findings.append(
            Finding(
                RULE,
                HOLD,
                "crime.offer",
                MESSAGE,
                0.7,
                detail="offers: " + ", ".join(sorted(shapes)),
            )
        )
    return findings
