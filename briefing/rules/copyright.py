"""Rule 7: publishing others' copyrighted work (articles, photos) without permission.

Signals: press copyright footers, news-agency datelines, links to news articles or image hosts,
and long news-style text that is not this release. Quoting the release itself, briefly or at
length, is fine: 정책브리핑 releases are published under 공공누리 type 1 (free reuse with credit).
All findings hold; whether a quotation is fair is a human judgement.

Footers are also read with spaces and punctuation gone ("무 단 전 재 및 재 배 포 금 지", "ⓒ 연 합 뉴
스"). A short question about copying ("무단 전재 금지라던데 퍼가도 되나요?") asks about the rule; it
does not break it.
"""

import re

from django.utils.translation import gettext_lazy as _

from .contacts import links
from .relatedness import release_sentence_share
from .verdict import HOLD, Finding

RULE = 7
MESSAGE = _("운영원칙 제7항(저작권 침해) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")
_FOOTER = re.compile(
    r"무단\s*전재|재\s*배포\s*금지|저작권자\s*[©ⓒ(]|[©ⓒ]\s*\S{0,12}(?:뉴스|일보|신문|방송|경제|미디어|통신|news)"
    r"|copyright\s*(?:©|ⓒ|\(c\))|all\s+rights\s+reserved|[(\[]\s*[가-힣]{2,4}\s*=\s*[가-힣A-Za-z0-9 ]{2,12}[)\]]"
    r"|[가-힣]{1,4}\s*기자\s*=|기자\s*[A-Za-z0-9._%+\-]+@",
    re.I,
)
# The footers' words with spaces and signs squeezed out (the compact view).
_FOOTER_COMPACT = re.compile(r"무단전재|무단복제|재배포금지|전재금지|저작권자c")
# ⓒ reads as a lone "c" after NFKC: "ⓒ 연 합 뉴 스", letters spaced or not (kbc광주방송 is not).
_OUTLET = re.compile(
    r"(?<![A-Za-z])(?:c|\(c\))\s*(?:[가-힣]\s*){1,6}(?:뉴\s*스|일\s*보|신\s*문|방\s*송|경\s*제|미\s*디\s*어|통\s*신)",
    re.I,
)
_ASKS = re.compile(r"\?|나요|까요|가요|습니까|ㄴ가요|인가요|되나|궁금|문의|여쭤")
QUESTION_CHARS = 200
_REPORTING = re.compile(
    r"밝혔다|말했다|전했다|설명했다|강조했다|덧붙였다|알려졌다|보도했다|에 따르면|것으로 나타났다|기자"
)
LONG_COPY_CHARS = 300
_MEDIA_KINDS = {"news": "news link", "image": "image host link"}
#: What was found first -> the finding's code (each has a label in registry.FINDING_LABELS).
_CODES = {
    "press footer or dateline": "copyright.press-footer",
    "news link": "copyright.news-link",
    "image host link": "copyright.image-link",
    "long news-style passage": "copyright.long-copy",
}


def validate(text, ctx) -> list[Finding]:
    details = []
    if _has_footer(text):
        details.append("press footer or dateline")
    details.extend(
        sorted({_MEDIA_KINDS[link.kind] for link in links(text, ctx) if link.kind in _MEDIA_KINDS})
    )
    if _looks_like_copied_article(text, ctx):
        details.append("long news-style passage")
    if not details:
        return []
    return [Finding(RULE, HOLD, _CODES[details[0]], MESSAGE, 0.7, detail="; ".join(details))]


def _has_footer(text) -> bool:
    if not (
        _FOOTER.search(text.display)
        or _FOOTER_COMPACT.search(text.compact)
        or _OUTLET.search(text.display)
    ):
        return False
    asking = len(text.display) < QUESTION_CHARS and _ASKS.search(text.display)
    return not asking


def _looks_like_copied_article(text, ctx) -> bool:
    if len(text.display) < LONG_COPY_CHARS or len(_REPORTING.findall(text.display)) < 3:
        return False
    return ctx.release is None or release_sentence_share(text.display, ctx.release) < 0.5
