"""Rule 10: comments unrelated to the release. Only ever FLAGS (published, low-priority queue).

A program cannot judge relevance reliably (short honest comments look unrelated too), so the
score is character-bigram containment against the release (no Korean tokenizer needed) and it is
used only for long comments that share almost nothing with the release, or that carry clear
chatter signals (구독, 맞팔, 선착순, laughter only).
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
# Comments on government action in general ("세금 낭비", "국민은 알 권리") are about the release's
# subject even when they share no words with it; only chatter and personal topics are flagged.
_CIVIC = re.compile(
    r"정책|정부|세금|혈세|예산|국민|국가|나라|청장|장관|차관|공무원|행정|지원|사업|제도|법안|법률|국회|대통령|총리|"
    r"기업|경제|수출|일자리|민생|복지|규제|부처|공공|발표|보도|기사|시민|government|policy|tax|minister|budget"
)
_LAUGHTER_ONLY = re.compile(r"[ㅋㅎㅠㅜㄷㅇ~!?.\s]+")


def bigrams(compact: str) -> frozenset[str]:
    return frozenset(compact[i : i + 2] for i in range(len(compact) - 1)) - STOP_BIGRAMS


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
    if len(text.display.strip()) < MIN_CHARS or not _same_script(text.compact, ctx.release.text):
        return []
    if _CIVIC.search(text.compact):
        return []
    score = containment(text.compact, ctx.release.text)
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
