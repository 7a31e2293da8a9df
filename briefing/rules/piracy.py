"""Rule 5: encouraging illegal copying, malware and hacking.

A score, because the words are also the vocabulary of policy debate ("토렌트 단속", "해킹 피해 대책"):
offers and tools score high, discussion words lower the score, executables and piracy sites add.

Hacking is recognised by its shapes as well as its trade names: a call to bring a site down
(서버 디도스로 내려버리자, 새로고침 연타해서 터뜨립시다), attack tools and spyware named beside an
offer or a how-to (키로거, 스파이앱, 메타스플로잇…), account-cracking services (비번 털어드립니다),
and getting round authentication (본인인증 우회, 인증서 없이 로그인).
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
    r"처벌|단속|예방|근절|보안\s*(?:강화|교육|점검|대책|수준)|대응|수사|차단|조심|주의|피해|신고|경고|방지"
    r"|엄벌|규제|대책|막아|막아야|교육"
)
_SITE = r"(?:사이트|서버|홈페이지|누리집|나라장터|조달청|시스템|전산망|전산|홈피|웹사이트|dns|망)"
_SHAPES = (
    # A call to bring a site down.
    (
        3,
        re.compile(
            _SITE
            + r"[가-힣a-z\s]{0,12}?(?:디도스|ddos|새로\s*고침\s*연타|f5\s*연타|트래픽\s*폭탄|마비\s*시키"
            r"|터뜨리|터트리|터뜨립|다운\s*시키|내려\s*버리|내려버|공격\s*하자|공격\s*합시다|뚫자|뚫어\s*버리)"
            r"|(?:디도스|ddos)\s*(?:로|공격으로)?\s*(?:내려|터뜨|마비|다운|공격\s*하자|갑시다|합시다)"
        ),
    ),
    # Attack tools and spyware (an offer or a how-to is still needed to reach the threshold).
    (
        2,
        re.compile(
            r"키로거|keylogger|랜섬\s*웨어|ransomware|악성\s*코드|트로이\s*목마|백도어|backdoor|웹\s*쉘|webshell"
            r"|메타\s*스플로잇|metasploit|코발트\s*스트라이크|cobalt\s*strike|익스플로잇|exploit|제로\s*데이|봇넷"
            r"|botnet|sql\s*인젝션|sql\s*injection|크리덴셜\s*스터핑|무차별\s*대입|스파이\s*앱|스파이\s*웨어|spyware"
            r"|감시\s*앱|위치\s*추적\s*앱|몰래\s*(?:보는|엿보는)\s*앱|해킹\s*앱|도청\s*앱|스토커\s*웨어"
        ),
    ),
    # Cracking someone's account as a service.
    (
        3,
        re.compile(
            r"(?:비번|비밀\s*번호|패스워드|계정|카톡|인스타|페북|메일|아이디)\s*(?:을|를)?\s*"
            r"(?:털어|뚫어|해킹\s*해|알아내\s*드|따\s*드|빼\s*오|빼내|훔쳐)"
        ),
    ),
    # Getting round authentication.
    (
        3,
        re.compile(
            r"(?:본인\s*인증|휴대폰\s*인증|실명\s*인증|공인\s*인증서|공동\s*인증서|인증서|otp|2단계\s*인증|이중\s*인증"
            r"|보안\s*프로그램|캡차|캡챠|보안\s*모듈)\s*(?:을|를|이|가)?\s*(?:[가-힣]+\s*){0,2}?"
            r"(?:우회|뚫|없이\s*(?:[가-힣]+\s*){0,2}?(?:로그인|접속|가입|들어)|안\s*해도|무력화|크랙|해제\s*(?:하는|방법|툴))"
        ),
    ),
    # Breaking in, told as an achievement or a recipe.
    (
        2,
        re.compile(
            r"(?:관리자\s*페이지|관리자\s*계정|어드민|db|데이터베이스|서버)\s*(?:에)?\s*(?:들어가짐|뚫었|뚫림|털었|접속함)"
        ),
    ),
)
_HOW_TO_OR_OFFER = re.compile(
    r"방법|알려\s*(?:드|줌|줄|준다)|공유|나눔|배포|팝니다|판매|드립니다|드려요|설치해\s*(?:드|줌)|공개|뿌림|뿌린다"
    r"|필요하면|필요하신|연락|문의|있음|가능|쓰는\s*법|하는\s*법|툴"
)
# Asking for something easier is not offering a way round it.
_WISH = re.compile(
    r"좋겠|해\s*주세요|해\s*주면|해\s*줬으면|없나요|있나요|있을까요|했으면|바랍니다|건의|개선|불편"
)
_EXPLICIT_OFFER = re.compile(
    r"알려\s*(?:드|줌)|팝니다|판매|드립니다|드려요|나눔|배포|공개|뿌림|뿌린다|설치해\s*드"
)


def score(text, ctx) -> float:
    total = sum(weighted_terms(matcher_for("piracy.tsv"), text).values())
    shapes = sum(weight for weight, pattern in _SHAPES if pattern.search(text.lower))
    if shapes:
        total += shapes + (1 if _HOW_TO_OR_OFFER.search(text.lower) else 0)
        if _WISH.search(text.lower) and not _EXPLICIT_OFFER.search(text.lower):
            total -= 2
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
            Finding(
                RULE,
                HOLD,
                "piracy.score",
                MESSAGE,
                value,
                detail=f"piracy/hacking signals {value:g}",
            )
        ]
    return []
