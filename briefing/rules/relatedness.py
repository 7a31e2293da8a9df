"""Rule 10: comments unrelated to the release. Only ever FLAGS (published, low-priority queue).

A program cannot judge relevance reliably (short honest comments look unrelated too), so the
score is character-bigram containment against the release (no Korean tokenizer needed) and it is
used only for long comments that share almost nothing with the release, for everyday chatter
(meals, weather, pets, sport, dramas, gadgets) that shares little with it, for chatter signals
(구독, 맞팔, 선착순, laughter only), and for campaigning: a call to vote for a party or a candidate
(기호 2번 찍어주세요, ○○당 후보를 응원합니다). Comments on government and its services are on the
release's subject even when they share no words with it.
"""

import functools
import re

from django.utils.translation import gettext_lazy as _

from .verdict import FLAG, Finding

RULE = 10
MESSAGE = _("운영원칙 제10항(기사와 관련 없는 내용) 검토 대상으로 표시되었습니다.")
MIN_CHARS = 40
MIN_CONTAINMENT = 0.1
# Grammar, not topic: bigrams every Korean sentence shares, which would make anything look related.
STOP_BIGRAMS = frozenset(
    "니다 습니 합니 입니 있습 없습 는데 에서 으로 하는 하고 해서 이다 것이 에게 지만 그리 리고 그런 "
    "하지 해야 하면 니까 네요 어요 아요 세요 십시 시오 같습 같은 이런 저런 이번 정말 너무 진짜 "
    "우리 생각 하네 했습 됩니 되는 되어 있는 없는 이고 이나 라고 다고 는게 것은 것을 거나 까지 부터".split()
)
_CHATTER = re.compile(
    r"구독|좋아요\s*(?:눌러|부탁|꾹)|맞팔|선팔|팔로우\s*(?:해|부탁|환영)|선착순|로또\s*(?:번호|1등|당첨)|복권\s*번호"
    r"|같이\s*(?:게임|롤|배그)|롤\s*하실|배그\s*하실|놀러\s*오세요|방송\s*보러|채널\s*(?:방문|놀러)|subscribe|follow\s+me",
    re.I,
)
# Comments on government action in general ("세금 낭비", "국민은 알 권리") and on its services
# (신청, 민원, 누리집, 서버…) are about the release's subject even when they share no words with
# it; only chatter and personal topics are flagged.
_CIVIC = re.compile(
    r"정책|정부|세금|혈세|예산|국민|국가|나라|청장|장관|차관|공무원|행정|지원|사업|제도|법안|법률|국회|대통령|총리|"
    r"기업|경제|수출|일자리|민생|복지|규제|부처|공공|발표|보도|기사|시민|government|policy|tax|minister|budget|"
    r"신청|민원|문의|담당|부서|누리집|홈페이지|사이트|서버|시스템|입찰|계약|공고|접수|서류|인증|설명회|교육|상담|전화|"
    r"조달|업계|산업|방안|참여"
)
# A call to vote for a party or a candidate.
_CAMPAIGN = re.compile(
    r"기호\s*\d{1,2}\s*번|\d{1,2}\s*번\s*(?:을|를)?\s*(?:찍|뽑)|(?:찍어|뽑아)\s*(?:주세요|줍시다|주십시오|야\s*합니다)"
    r"|(?:투표|(?<![가-힣])표)\s*(?:로)?\s*(?:심판|합시다|해\s*주세요|부탁)|정권\s*(?:을)?\s*(?:심판|교체|바꿉시다)"
    r"|[가-힣]{1,8}당\s*(?:후보|을|를)?\s*(?:찍|뽑|지지|응원)|후보\s*[가-힣]{0,5}\s*(?:을|를)?\s*(?:지지|응원|찍|뽑)"
    r"|(?:총선|대선|선거)\s*(?:에는|때|에서)?\s*(?:꼭|반드시)\s*[가-힣\s\d번]{0,12}?(?:찍|뽑|심판|투표)"
    r"|[\d]{1,2}\s*번\s*(?:은|는)\s*안\s*(?:됩니다|돼요|된다)"
)
# Everyday topics with nothing of government in them.
_EVERYDAY = re.compile(
    r"점심|저녁\s*(?:메뉴|뭐)|아침\s*메뉴|메뉴|짜장면|짬뽕|치킨|피자|떡볶이|맛집|배달\s*음식|야식|커피\s*한잔"
    r"|날씨|비\s*(?:온대|와요|온다)|우산|눈\s*(?:온대|와요)|미세\s*먼지|캠핑|여행|휴가|놀러|주말에"
    r"|고양이|강아지|반려|냥이|댕댕|축구|야구|농구|배구|경기\s*봤|골\s*(?:미쳤|넣)|손흥민|월드컵|올림픽"
    r"|드라마|예능|결말|스포|아이돌|콘서트|영화\s*(?:봤|보러)|웹툰|게임|롤\s|배그|아이폰|갤럭시|배터리|노트북"
    r"|다이어트|헬스|운동\s*(?:하러|했)|연애|남친|여친|소개팅|생일\s*(?:선물|축하)"
)
EVERYDAY_CONTAINMENT = 0.2
# Words that engage with the news itself: an everyday word beside them is small talk around it.
_ENGAGED = re.compile(
    r"소식|축하|수고|고생|감사|성과|실적|행사|참석|회사|업체|직원|보도자료|좋은\s*일"
)
_LAUGHTER_ONLY = re.compile(r"[ㅋㅎㅠㅜㄷㅇ~!?.\s]+")


def bigrams(compact: str) -> frozenset[str]:
    """Content bigrams; digits carry no topic (a phone number would dilute the share)."""
    letters = "".join(c for c in compact if not c.isdigit())
    return frozenset(letters[i : i + 2] for i in range(len(letters) - 1)) - STOP_BIGRAMS


@functools.lru_cache(maxsize=128)
def release_profile(release_text: str) -> frozenset[str]:
    """Content bigrams of a release; cached per text, so a release is profiled once per process."""
    from .normalize import normalize

    return bigrams(normalize(release_text).compact)


@functools.lru_cache(maxsize=128)
def _release_trigrams(release_text: str) -> frozenset[str]:
    from .normalize import normalize

    compact = normalize(release_text).compact
    return frozenset(compact[i : i + 3] for i in range(len(compact) - 2))


def containment(compact: str, release_text: str) -> float:
    """Share of the comment's content bigrams that also occur in the release (0–1)."""
    mine = bigrams(compact[:5000])
    if not mine:
        return 0.0
    return len(mine & release_profile(release_text)) / len(mine)


def release_sentence_share(display: str, release) -> float:
    """Share of the comment's sentences copied from the release (so quoting it is recognised)."""
    from .normalize import normalize

    sentences = [s for s in re.split(r"(?<=[.!?다])\s+|\n", display) if len(s) >= 15]
    if not sentences:
        return 0.0
    source = _release_trigrams(release.text)
    copied = 0
    for sentence in sentences:
        compact = normalize(sentence).compact
        grams = {compact[i : i + 3] for i in range(len(compact) - 2)}
        copied += bool(grams) and len(grams & source) / len(grams) >= 0.8
    return copied / len(sentences)


def is_chatter(text) -> bool:
    display = text.display.strip()
    if len(display) >= 3 and _LAUGHTER_ONLY.fullmatch(display):
        return True
    return bool(_CHATTER.search(text.display))


@functools.lru_cache(maxsize=256)
def _hangul_share(text: str) -> float:
    letters = [c for c in text[:3000] if c.isalpha()]
    return sum("가" <= c <= "힣" for c in letters) / len(letters) if letters else 0.0


def _same_script(compact: str, release_text: str) -> bool:
    """Character overlap says nothing about an English comment on a Korean release (or vice versa)."""
    return (_hangul_share(compact[:3000]) >= 0.5) == (_hangul_share(release_text) >= 0.5)


def validate(text, ctx) -> list[Finding]:
    if ctx.release is None or not ctx.release.text:
        return []
    if is_chatter(text):
        return [Finding(RULE, FLAG, "off-topic.chatter", MESSAGE, 1.0, detail="chatter signals")]
    if _CAMPAIGN.search(text.display):
        return [
            Finding(RULE, FLAG, "off-topic.campaign", MESSAGE, 1.0, detail="election campaigning")
        ]
    if _CIVIC.search(text.compact) or not _same_script(text.compact, ctx.release.text):
        return []
    score = containment(text.compact, ctx.release.text)
    if (
        _EVERYDAY.search(text.display)
        and score < EVERYDAY_CONTAINMENT
        and not _ENGAGED.search(text.display)
    ):
        return [
            Finding(
                RULE,
                FLAG,
                "off-topic.everyday",
                MESSAGE,
                round(1 - score, 3),
                detail=f"everyday topic, containment {score:.2f}",
            )
        ]
    if len(text.display.strip()) < MIN_CHARS:
        return []
    if score < MIN_CONTAINMENT:
        return [
            Finding(
                RULE,
                FLAG,
                "off-topic.unrelated",
                MESSAGE,
                round(1 - score, 3),
                detail=f"containment {score:.2f}",
            )
        ]
    return []
