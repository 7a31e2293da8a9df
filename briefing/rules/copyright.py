"""Rule 7: publishing others' copyrighted work (articles, photos) without permission.

Signals: press copyright footers, news-agency datelines, links to news articles or image hosts,
and long news-style text that is not this release. Quoting the release itself, briefly or at
length, is fine: 정책브리핑 releases are published under 공공누리 type 1 (free reuse with credit).
All findings hold; whether a quotation is fair is a human judgement.
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
_REPORTING = re.compile(
    r"밝혔다|말했다|전했다|설명했다|강조했다|덧붙였다|알려졌다|보도했다|에 따르면|것으로 나타났다|기자"
)
LONG_COPY_CHARS = 300
_MEDIA_KINDS = {"news": "news link", "image": "image host link"}


def validate(text, ctx) -> list[Finding]:
    details = []
    if _FOOTER.search(text.display):
        details.append("press footer or dateline")
    details.extend(
        sorted({_MEDIA_KINDS[link.kind] for link in links(text, ctx) if link.kind in _MEDIA_KINDS})
    )
    if _looks_like_copied_article(text, ctx):
        details.append("long news-style passage")
    if not details:
        return []
    return [
        Finding(
            RULE, HOLD, "copyright." + _code(details[0]), MESSAGE, 0.7, detail="; ".join(details)
        )
    ]


def _looks_like_copied_article(text, ctx) -> bool:
    if len(text.display) < LONG_COPY_CHARS or len(_REPORTING.findall(text.display)) < 3:
        return False
    return ctx.release is None or release_sentence_share(text.display, ctx.release) < 0.5


def _code(detail: str) -> str:
    return {
        "news link": "news-link",
        "image host link": "image-link",
        "long news-style passage": "long-copy",
    }.get(detail, "press-footer")
