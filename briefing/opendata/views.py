"""The open-data endpoints: the press-release feed in the portal API's shape, and its OpenAPI.

Every answer of the API, errors included, is in the API's own envelope and in the format asked
for (type=json): a client of data.go.kr reads resultCode, never an HTML error page. The API only
reads, so it needs no CSRF protection and answers OPTIONS (a CORS preflight) for any origin.
"""

import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from briefing.middleware import RETRY_AFTER_SECONDS, is_database_error
from briefing.opendata import query as api
from briefing.opendata.cache import PAGE_TTL_SECONDS, page_key
from briefing.opendata.newsitem import feed_queryset, news_item
from briefing.opendata.render import CONTENT_TYPES, RENDERERS, document
from briefing.opendata.schema import openapi_document
from briefing.site import absolute_url

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"


def _open(response):
    # Public data meant for other sites and scripts: any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(error: api.ApiError, fmt: str) -> HttpResponse:
    """The error in the API's shape, with its real status unless the portal's clients need 200."""
    body = RENDERERS[fmt](document(error.code, error.message, detail=error.detail))
    status = 200 if settings.OPENDATA_ERRORS_HTTP_200 else error.status
    return _open(HttpResponse(body, content_type=CONTENT_TYPES[fmt], status=status))


def _preflight():
    response = HttpResponse(status=200)
    response["Allow"] = ALLOW
    response["Access-Control-Allow-Methods"] = ALLOW
    response["Access-Control-Allow-Headers"] = "*"
    response["Access-Control-Max-Age"] = "86400"
    return _open(response)


def api_view(view):
    """The API's answer to every method and every failure of the view."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        fmt = api.response_format(request.GET)
        if request.method == "OPTIONS":
            return _preflight()
        if request.method not in SAFE_METHODS:
            error = api.ApiError(api.HTTP_ERROR, f"{request.method} is not allowed; use GET")
            response = error_response(error, fmt)
            response["Allow"] = ALLOW
            return response
        try:
            return view(request, *args, **kwargs)
        except api.ApiError as error:
            return error_response(error, fmt)
        except Exception as error:
            # The type and path only, as briefing.middleware logs: a message may quote SQL.
            if is_database_error(error):
                logger.error("Database unavailable (%s) on %s", type(error).__name__, request.path)
                response = error_response(
                    api.ApiError(api.DB_ERROR, "the database is unavailable; try again shortly"),
                    fmt,
                )
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            logger.exception("Open data API failed on %s", request.path)
            return error_response(
                api.ApiError(api.UNKNOWN_ERROR, "an unexpected error; it has been logged"), fmt
            )

    return wrapped


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


@api_view
def press_releases(request):
    fmt = api.response_format(request.GET)
    query = api.parse_query(request.GET)
    key = page_key(query, origin=absolute_url("/"))
    body = cache.get(key)
    if body is None:
        body = RENDERERS[fmt](build_page(query, absolute_url))
        cache.set(key, body, PAGE_TTL_SECONDS)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Cache-Control"] = f"public, max-age={PAGE_TTL_SECONDS // 5}"
    return _open(response)


@api_view
def schema(request):
    return _open(JsonResponse(openapi_document(absolute_url("/api/"), absolute_url("/"))))


@api_view
def unknown(request, path=""):
    """Any other path under /api/: the portal's "no such service", not the site's HTML 404."""
    # This catch-all resolves every path, so CommonMiddleware's APPEND_SLASH never redirects
    # /api/press-releases to /api/press-releases/: do it here.
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match and match.func is not unknown:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise api.ApiError(api.NO_SERVICE, f"no such operation: {request.path}; see /api/schema/")
