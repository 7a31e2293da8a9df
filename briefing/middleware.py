"""What the database cannot take: an outage answers "503, try again shortly" rather than a 500
page, and NUL characters in query strings are dropped before any query sees them. And what
Django cannot read: a form body it refuses to parse answers 400, not 500.

The 503 page (templates/503.html) is plain HTML rendered without a request context, so producing
it needs no database: the site's name, phone and banner come from settings alone. Recovery needs nothing either: Django closes a
connection that raised at the end of the request (``close_if_unusable_or_obsolete``) and the next
request opens a new one, with CONN_HEALTH_CHECKS on.

Two doors lead to the 503 page: the middleware catches errors raised by views and by template rendering;
``server_error`` (the project's handler500) catches the ones raised elsewhere, such as the session
middleware saving a session while the database is down.
"""

import logging
import sys
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    HttpResponseServerError,
    QueryDict,
)
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


DJANGO_DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_database_error(error: BaseException) -> bool:
    """Django's wrapped errors, or psycopg's own raised while connecting (unwrapped).

    psycopg is looked up, not imported: a SQLite site never loads it, and importing it only for
    this check cost each worker about 20 MB (bench/run.py's RSS figure)."""
    if isinstance(error, DJANGO_DATABASE_ERRORS):
        return True
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(
        error, (psycopg.OperationalError, psycopg.InterfaceError)
    )


def error_page_context() -> dict:
    """What the static error pages say about the site, from settings alone (no database, no
    request), in the site's default language: the pages are Korean first, English below."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "site_name": str(settings.SITE_NAME),
            "site_phone": settings.SITE_PHONE,
            "site_show_egov_banner": settings.SITE_SHOW_EGOV_BANNER,
        }


def database_unavailable_response() -> HttpResponse:
    response = HttpResponse(
        loader.get_template("503.html").render(error_page_context()), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A proxy must not keep serving the outage after the database is back.
    add_never_cache_headers(response)
    return response


def _log(error: BaseException, request) -> None:
    # The type and the path only: a driver's message can quote SQL parameters (citizens' text).
    logger.error(
        "Database unavailable (%s) on %s %s; answered 503.",
        type(error).__name__,
        request.method,
        request.path,
    )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        _log(exception, request)
        return database_unavailable_response()


def server_error(request, *args, **kwargs):
    """handler500: a database error that escaped the middleware still gets the 503 page."""
    error = sys.exc_info()[1]
    if error is not None and is_database_error(error):
        _log(error, request)
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render(error_page_context()))


class NullCharacterQueryMiddleware:
    """Drop U+0000 from query parameters before any view reads them.

    PostgreSQL cannot hold or compare text containing NUL, so ``?q=%00`` in a search box (the list,
    the admin, the moderators' queue) would be a 500 there and a silent mismatch on SQLite. No
    browser sends one and no search means one, so the character is removed, not refused. Forms
    need nothing of the sort: Django's CharField already refuses NUL with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            # No page's address holds a NUL; PostgreSQL would fail on it in any lookup.
            return HttpResponseNotFound(loader.get_template("404.html").render({}, request))
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = _without_nul(request.GET)
        return self.get_response(request)


def _without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class UnreadableFormMiddleware:
    """Answer 400 with a page saying nothing was saved when a form body cannot be read.

    Django refuses a urlencoded body declared in any charset but UTF-8 (BadRequest) and a broken
    multipart body (MultiPartParserError), but its 400 and 500 handlers run the CSRF check, which
    reads the same body again and fails again: the visitor got a 500. Parsing here, before the CSRF
    middleware (which parses every POST anyway), turns both into one plain 400 page, rendered
    without a request context so nothing reads the body a second time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                _refuse_text_that_is_not_utf8(request)
                request.POST  # noqa: B018 - parse now, where the failure can be answered
            except (BadRequest, MultiPartParserError, SuspiciousOperation) as error:
                request._mark_post_parse_error()
                logger.info("Unreadable form body on %s (%s).", request.path, type(error).__name__)
                return HttpResponseBadRequest(loader.get_template("400-form.html").render())
        return self.get_response(request)


def _refuse_text_that_is_not_utf8(request) -> None:
    """A urlencoded body whose bytes are not UTF-8 (an unknown charset declared, or none): Django
    would read it with replacement characters and store "����" as a citizen's comment."""
    if request.content_type != "application/x-www-form-urlencoded":
        return
    try:
        unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The form body is not UTF-8.") from None


class AdminSelectionMiddleware:
    """Drop admin action selections that are not row numbers.

    The admin filters the rows an action applies to by the posted ``_selected_action`` values
    as they come; one that is not a number (every model here has integer keys) is a 500 in
    ModelAdmin.response_action for every action, Django's own "delete selected" included.
    Cleaning the list here covers every admin class at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and ACTION_CHECKBOX_NAME in request.POST:
            selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
            numbers = [value for value in selected if value.isascii() and value.isdigit()]
            if numbers != selected:
                cleaned = request.POST.copy()
                cleaned.setlist(ACTION_CHECKBOX_NAME, numbers)
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)
