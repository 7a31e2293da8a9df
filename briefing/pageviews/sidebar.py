"""The right-hand sidebar (실시간 인기뉴스, 인기뉴스 / 최신뉴스, 오늘의 사진), filled from real data.

It is the same on every page, so it is built once per language and cached for as long as the
real-time ranking is (briefing.pageviews.services): pages that show it stay constant-query. The
cached value is its rendered markup, never model instances.

The pages name its place (``{% slot "sidebar" %}`` in base.html); this app fills it
(PageviewsConfig.ready), so the releases app shows the ranking without importing it.
"""

from datetime import timedelta

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from briefing.pagecache import content_version
from briefing.pageviews.services import RANKING_SECONDS, realtime_ranking, view_totals
from briefing.releases.models import Photo, Release
from briefing.releases.presentation import fallback_language

TAB_SIZE = 5
PHOTO_COUNT = 4
POPULAR_DAYS = 7


def render_sidebar(request) -> str:
    """The sidebar's markup, rendered once per language and content version: it reads nothing of
    the request, and rendering its template cost every uncached page about 2 ms
    (bench/profile_page.py), more than reading it back."""
    # Under the content version: a withdrawn or retitled release leaves the sidebar at once.
    key = f"releases:sidebar:v2:{content_version()}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = get_template("includes/sidebar.html").render(build_sidebar())
        cache.set(key, html, RANKING_SECONDS)
    return mark_safe(html)  # noqa: S308 - the template's own output, escaped when rendered


def build_sidebar() -> dict:
    ranking = realtime_ranking()
    popular = view_totals(timezone.now() - timedelta(days=POPULAR_DAYS), TAB_SIZE)
    latest = list(Release.objects.published().values_list("id", flat=True)[:TAB_SIZE])
    wanted = {entry.release_id for entry in ranking.entries} | {pk for pk, _ in popular}
    releases = _release_items(wanted | set(latest))
    return {
        "realtime": [
            {
                **releases[entry.release_id],
                "rank": entry.rank,
                "change": entry.change,
                "steps": entry.steps,
            }
            for entry in ranking.entries
            if entry.release_id in releases
        ],
        "computed_at": timezone.localtime(ranking.computed_at),
        "popular": [releases[pk] for pk, _ in popular if pk in releases],
        "latest": [releases[pk] for pk in latest if pk in releases],
        "photos": _latest_photos(),
    }


def _release_items(ids) -> dict[int, dict]:
    if not ids:
        return {}
    releases = Release.objects.published().filter(id__in=ids).select_related("ministry")
    thumbnails = _first_photos(ids)
    return {
        release.id: {
            "title": release.title,
            "title_lang": fallback_language(release, "title"),
            "url": release.get_absolute_url(),
            "date": timezone.localtime(release.published_at).date(),
            "ministry": release.ministry.name,
            "thumbnail": thumbnails.get(release.id),
        }
        for release in releases
    }


def _first_photos(release_ids) -> dict[int, str]:
    thumbnails: dict[int, str] = {}
    for photo in Photo.objects.filter(release_id__in=release_ids).order_by("order", "id"):
        thumbnails.setdefault(photo.release_id, photo.image.url)
    return thumbnails


def _latest_photos() -> list[dict]:
    photos = (
        Photo.objects.filter(release__in=Release.objects.published())
        .select_related("release")
        .order_by("-release__published_at", "order", "id")[:PHOTO_COUNT]
    )
    return [
        {
            "url": photo.image.url,
            "alt": photo.alt_text,
            "alt_lang": fallback_language(photo, "alt_text"),
            "caption": photo.caption_text,
            "page": photo.release.get_absolute_url() + "photos/#photo-" + str(photo.pk),
        }
        for photo in photos
    ]
