"""The OpenAPI 3.0 description of the feed, written by hand: one endpoint needs no generator."""

from django.conf import settings

from briefing.opendata.newsitem import EXTENSION_FIELDS, FIELD_ORDER
from briefing.opendata.query import (
    DEFAULT_ROWS,
    ERRORS,
    FORMATS,
    LANGUAGES,
    MAX_ROWS,
    MAX_WINDOW_DAYS,
    NORMAL_SERVICE,
    PORTAL_PATH,
)
from briefing.releases.models import Release

DATE = {"type": "string", "pattern": "^[0-9]{8}$", "example": "20240221"}
PORTAL_DATE = {"type": "string", "pattern": "^([0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2})?$", "example": "02/21/2024 09:00:00", "description": "MM/DD/YYYY HH24:MI:SS, Asia/Seoul; empty when unknown"}  # fmt: skip

FIELD_DESCRIPTIONS = {
    "NewsItemId": "the release's id, which never changes; unique together with NewsItemSource (not alone): the source's id for an imported release, for one made here a number of this instance's own range (9,000,000,000 + instance × 10,000,000 + n)",
    "ContentsStatus": "I when never changed since publication, U after a change (and once withdrawn)",
    "ModifyId": "1, plus one for each change after publication; the withdrawal counts as a change",
    "ModifyDate": "the last change; for a withdrawn release, its withdrawal",
    "ApproveDate": "when a publisher approved the publication (for a scheduled release, before its EmbargoDate)",
    "ApproverName": "who approved the publication, never its writer: the publisher here by full name, or for an imported release the source's ApproverName; empty when unknown",
    "EmbargoDate": "for a release held until a set time, that time",
    "GroupingCode": "always brief (press release)",
    "Title": "title",
    "SubTitle1": "first subtitle line",
    "SubTitle2": "second subtitle line",
    "SubTitle3": "third subtitle line, and any further lines",
    "DataContents": "HTML: body, photos with ▶ captions, footnote, * 문의: lines, attribution; for a withdrawn release only the notice of withdrawal, in <p> paragraphs",
    "MinisterCode": "the issuing ministry's name (not a code, as in the portal)",
    "OriginalUrl": "the release's page",
}
EXTENSION_NOTE = (
    "Extension element (not in the portal's API; after the FileName/FileUrl pairs in XML): "
)
EXTENSION_DESCRIPTIONS = {
    "NewsItemSource": "who gave the NewsItemId: this site's name for releases made here, the source's (e.g. korea.kr) for imported ones. Store it with the id: (NewsItemSource, NewsItemId) is unique",
    "KoglType": "the release's 공공누리 (KOGL) licence type, 1 to 4",
    "Withdrawn": "Y when the release has been withdrawn, N otherwise",
    "WithdrawnDate": "when it was withdrawn; empty unless withdrawn",
}
DATE_FIELDS = {"ModifyDate", "ApproveDate", "EmbargoDate", "WithdrawnDate"}
ENUMS = {
    "KoglType": [str(value) for value in Release.Licence.values],
    "Withdrawn": ["Y", "N"],
    "ContentsStatus": ["I", "U"],
}


def _parameter(name, description, schema, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


PARAMETERS = [
    _parameter("startDate", "first day, Seoul time", DATE, required=True),
    _parameter(
        "endDate", f"last day (inclusive); at most {MAX_WINDOW_DAYS} days in all", DATE, True
    ),
    _parameter("pageNo", "page number", {"type": "integer", "minimum": 1, "default": 1}),
    _parameter(
        "numOfRows",
        "items per page",
        {"type": "integer", "minimum": 1, "maximum": MAX_ROWS, "default": DEFAULT_ROWS},
    ),
    _parameter("type", "response format", {"type": "string", "enum": list(FORMATS)}),
    _parameter("lang", "language of the text fields", {"type": "string", "enum": list(LANGUAGES)}),
    _parameter(
        "serviceKey",
        "accepted for compatibility with portal clients and ignored: the feed is open",
        {"type": "string"},
    ),
]


def _property(name, description):
    schema = PORTAL_DATE if name in DATE_FIELDS else {"type": "string"}
    return schema | {"description": description} | ({"enum": ENUMS[name]} if name in ENUMS else {})


def _news_item_schema():
    properties = {name: _property(name, FIELD_DESCRIPTIONS[name]) for name in FIELD_ORDER}
    for name in ("FileName", "FileUrl"):
        properties[name] = {
            "type": "array",
            "items": {"type": "string"},
            "description": "attachments: FileName[i] is at FileUrl[i] "
            "(in XML, repeated FileName/FileUrl elements in pairs); none for a withdrawn release",
        }
    for name in EXTENSION_FIELDS:
        description = EXTENSION_NOTE + EXTENSION_DESCRIPTIONS[name]
        properties[name] = _property(name, description) | {"x-extension": True}
    return {"type": "object", "properties": properties, "required": ["NewsItemId", "Title"]}


def _header_schema():
    codes = ", ".join(f"{c} {m}" for c, m in (NORMAL_SERVICE, *(e[0] for e in ERRORS)))
    return {
        "type": "object",
        "properties": {
            "resultCode": {"type": "string", "description": codes},
            "resultMsg": {"type": "string"},
            "resultDetail": {"type": "string", "description": "on errors: what to fix"},
        },
        "required": ["resultCode", "resultMsg"],
    }


def _response(body):
    return {
        "type": "object",
        "properties": {"header": _header_schema(), "body": body},
        "required": ["header", "body"],
    }


def _content(body):
    """JSON wraps the envelope in a "response" member; in XML, <response> is the root element
    itself, so its schema is the envelope's (an object schema's properties are its children)."""
    json_schema = {
        "type": "object",
        "properties": {"response": _response(body)},
        "required": ["response"],
    }
    xml_schema = _response(body) | {"xml": {"name": "response"}}
    return {"application/json": {"schema": json_schema}, "application/xml": {"schema": xml_schema}}


COMPATIBILITY_NOTE = "; with the OPENDATA_ERRORS_HTTP_200 switch on, answered with HTTP 200"


def _error_responses():
    """One response per HTTP status an error can have, naming the codes answered with it."""
    by_status = {}
    for (code, message), status, when in ERRORS:
        by_status.setdefault(str(status), []).append(f"{code} {message}: {when}")
    return {
        status: {
            "description": "; ".join(cases) + COMPATIBILITY_NOTE,
            "content": _content({"type": "object"}),
        }
        for status, cases in by_status.items()
    }


def _operation(operation_id, summary):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": PARAMETERS,
            "responses": {
                "200": {
                    "description": "NORMAL_SERVICE (or, in HTTP 200 mode, any error)",
                    "content": _content(PAGE_BODY),
                },
                **_error_responses(),
            },
        }
    }


PAGE_BODY = {
    "type": "object",
    "properties": {
        "NewsItem": {"type": "array", "items": {"$ref": "#/components/schemas/NewsItem"}},
        "numOfRows": {"type": "integer"},
        "pageNo": {"type": "integer"},
        "totalCount": {"type": "integer"},
    },
    # NewsItem is left out: an empty page has no item, and an unwrapped XML array is then absent.
    "required": ["numOfRows", "pageNo", "totalCount"],
}


def openapi_document(server_url: str, site_url: str) -> dict:
    """server_url is the API's root (/api/); site_url the site's, where the portal alias is."""
    days = settings.OPENDATA_WITHDRAWN_DAYS
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "briefing press releases (정책브리핑 보도자료 API format)",
            "version": "1.2",
            "description": "Published press releases in the shape of the national portal's "
            "press-release API (data.go.kr 15095295): XML by default, JSON with type=json. "
            "A release is identified by NewsItemSource and NewsItemId together. "
            f"A withdrawn release stays listed for {days} days after its withdrawal "
            "(Withdrawn=Y, WithdrawnDate, the notice as DataContents, no files), then drops "
            "out. Four extension elements (x-extension) follow the portal's fields. "
            "The same operation answers at the portal's own path, "
            f"/{PORTAL_PATH} at the site root. Every error answers in the same envelope "
            "(resultCode, resultMsg, resultDetail), in the format asked for, with its HTTP "
            "status, or with HTTP 200 as data.go.kr clients expect when the site's "
            "OPENDATA_ERRORS_HTTP_200 switch is on (on this site: "
            f"{'on' if settings.OPENDATA_ERRORS_HTTP_200 else 'off'}).",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/press-releases/": _operation(
                "pressReleaseList", "Releases published, changed or withdrawn between two dates"
            ),
            f"/{PORTAL_PATH}": {
                "servers": [{"url": site_url.rstrip("/")}],
                "description": "The portal's path for /press-releases/: the same answers.",
                **_operation("pressReleaseListAtPortalPath", "The same as /press-releases/"),
            },
        },
        "components": {"schemas": {"NewsItem": _news_item_schema()}},
    }
