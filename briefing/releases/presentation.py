"""What the public release page shows, computed from a release's data (no model methods added).

Each function takes a release whose photos, statistics, contacts and attachments were prefetched,
so building the page costs no further queries.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from briefing.site import absolute_url

FOOTNOTE_MARKER = "*"

LICENCE_CONDITIONS = {
    1: _("출처표시"),
    2: _("출처표시, 상업적 이용금지"),
    3: _("출처표시, 변경금지"),
    4: _("출처표시, 상업적 이용금지, 변경금지"),
}
LICENCE_USES = {
    1: _("출처를 밝히면 상업적 이용과 변경을 포함해 자유롭게 이용할 수 있습니다."),
    2: _("출처를 밝히고 비상업적 목적으로만 이용할 수 있으며, 변경할 수 있습니다."),
    3: _("출처를 밝히면 상업적으로 이용할 수 있으나, 내용을 변경할 수 없습니다."),
    4: _("출처를 밝히고 비상업적 목적으로만 이용할 수 있으며, 내용을 변경할 수 없습니다."),
}


@dataclass(frozen=True)
class BodyPart:
    kind: str  # "block", "photo" or "footnote"
    html: str = ""
    photo: object = None
    text: str = ""


def body_parts(release) -> list[BodyPart]:
    """The body blocks in order, each photo after the block it names, the footnote in place.

    The footnote follows the first block carrying its "*" marker (the seed's "G-PASS기업*"), as in
    the printed release; without a marker it closes the body.
    """
    blocks = list(release.body_blocks)
    photos = list(release.photos.all())
    footnote = release.footnote.strip()
    footnote_after = _footnote_position(blocks) if footnote else None
    parts = _photos_after(photos, 0)
    for number, block in enumerate(blocks, start=1):
        parts.append(BodyPart("block", html=block))
        if number == footnote_after:
            parts.append(BodyPart("footnote", text=footnote))
        parts += _photos_after(photos, number)
    parts += [BodyPart("photo", photo=photo) for photo in photos if photo.after_block > len(blocks)]
    if footnote and footnote_after is None:
        parts.append(BodyPart("footnote", text=footnote))
    return parts


def _photos_after(photos, number) -> list[BodyPart]:
    return [BodyPart("photo", photo=photo) for photo in photos if photo.after_block == number]


def _footnote_position(blocks) -> int | None:
    for number, block in enumerate(blocks, start=1):
        if FOOTNOTE_MARKER in block:
            return number
    return None


def licence_info(release) -> dict:
    number = release.licence if release.licence in LICENCE_CONDITIONS else 1
    return {
        "number": number,
        "label": release.get_licence_display(),
        "conditions": LICENCE_CONDITIONS[number],
        "uses": LICENCE_USES[number],
        "mark": f"img/kogl/type{number}.svg",
        "url": f"https://www.kogl.or.kr/info/licenseType{number}.do",
    }


# JSON inside <script> must not be able to close the element; the same escapes as json_script.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


#: The portal's mark, drawn as vector art: the logo of the NewsArticle's publisher.
SITE_LOGO = "img/taegeuk.svg"


def machine_time(moment) -> str:
    """ISO 8601 in the portal's time (+09:00), to the second: what feeds' readers, JSON-LD and
    ``<time datetime>`` get (HTML allows at most three digits of a second; none is needed)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def news_article_json_ld(release, *, url, image_url, site_name, language) -> str:
    """schema.org NewsArticle with the issuing ministry as author, safe to put in a <script>.

    Every property Google's Article documentation requires or recommends, and schema.org's
    NewsArticle names for a news release: the ministry links to its releases on this site (it has
    no address of its own here), and the portal publishes, with the taegeuk mark as its logo."""
    with override(language):
        ministry_url = absolute_url(f"{reverse('releases:list')}?ministry={release.ministry.code}")
        home_url = absolute_url(reverse("releases:list"))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "description": release.lead(150),
        "dateModified": machine_time(release.updated_at),
        "inLanguage": language,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": {
            "@type": "GovernmentOrganization",
            "name": release.ministry.name,
            "url": ministry_url,
        },
        "publisher": {
            "@type": "Organization",
            "name": str(site_name),
            "url": home_url,
            "logo": {
                "@type": "ImageObject",
                "url": absolute_url(static(SITE_LOGO)),
                "encodingFormat": "image/svg+xml",
            },
        },
    }
    if release.published_at:  # a draft in the staff preview has no publication date yet
        data["datePublished"] = machine_time(release.published_at)
    if image_url:
        data["image"] = [image_url]
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def fallback_language(obj, field) -> str:
    """The site's language when ``obj.<field>`` has no text in the page's language and shows
    the Korean instead (modeltranslation's fallback), for a lang attribute; "" otherwise."""
    language = get_language()
    if language == settings.LANGUAGE_CODE or getattr(obj, f"{field}_{language}", None):
        return ""
    return settings.LANGUAGE_CODE
