"""The open-data endpoints: the press-release feed in the portal API's shape, and its OpenAPI."""

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from briefing.opendata import query as api
from briefing.opendata.cache import PAGE_TTL_SECONDS, page_key
from briefing.opendata.newsitem import feed_queryset, news_item
from briefing.opendata.render import CONTENT_TYPES, RENDERERS, document
from briefing.opendata.schema import openapi_document
from briefing.site import absolute_url


def _response(data, fmt, status=200):
    response = HttpResponse(RENDERERS[fmt](data), content_type=CONTENT_TYPES[fmt], status=status)
    return _open(response)


def _open(response):
    # Public data meant for other sites and scripts: any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _releases_in_window(query):
    since, until = query.window
    in_window = (
        Q(published_at__gte=since, published_at__lt=until)
        | Q(updated_at__gte=since, updated_at__lt=until)
        | Q(withdrawn_at__gte=since, withdrawn_at__lt=until)
    )
    return feed_queryset().filter(in_window)


def build_page(query, absolute_url):
    """Releases approved, changed or withdrawn within the window, newest first, one page."""
    releases = _releases_in_window(query)
    total = releases.count()
    page = releases[query.offset : query.offset + query.rows] if total > query.offset else []
    with translation.override(query.lang):
        items = [news_item(release, absolute_url) for release in page]
    paging = {"numOfRows": query.rows, "pageNo": query.page, "totalCount": total}
    return document(*api.NORMAL_SERVICE, items=items, paging=paging)


@require_safe
def press_releases(request):
    fmt = api.response_format(request.GET)
    try:
        query = api.parse_query(request.GET)
    except api.ApiError as error:
        return _response(document(error.code, error.message, detail=error.detail), fmt, 400)
    key = page_key(query, origin=absolute_url("/"))
    body = cache.get(key)
    if body is None:
        body = RENDERERS[fmt](build_page(query, absolute_url))
        cache.set(key, body, PAGE_TTL_SECONDS)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Cache-Control"] = f"public, max-age={PAGE_TTL_SECONDS // 5}"
    return _open(response)


@require_safe
def schema(request):
    return _open(JsonResponse(openapi_document(absolute_url("/api/"))))
