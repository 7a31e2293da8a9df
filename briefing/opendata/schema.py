"""The OpenAPI 3.0 description of the feed, written by hand: one endpoint needs no generator."""

from briefing.opendata.newsitem import EXTENSION_FIELDS, FIELD_ORDER
from briefing.opendata.query import (
    DEFAULT_ROWS,
    FORMATS,
    INVALID_PARAMETER,
    LANGUAGES,
    MAX_ROWS,
    MAX_WINDOW_DAYS,
    MISSING_PARAMETER,
    NORMAL_SERVICE,
)

DATE = {"type": "string", "pattern": "^[0-9]{8}$", "example": "20240221"}
PORTAL_DATE = {"type": "string", "example": "02/21/2024 09:00:00", "description": "MM/DD/YYYY HH24:MI:SS, Asia/Seoul; empty when unknown"}  # fmt: skip

FIELD_DESCRIPTIONS = {
    "NewsItemId": "the portal's article id; for a release created here, its own stable number",
    "ContentsStatus": "I when never changed since publication, U after a change",
    "ModifyId": "1, plus one for each change after publication",
    "ModifyDate": "the last change",
    "ApproveDate": "when a publisher approved the publication (for a scheduled release, before its EmbargoDate)",
    "ApproverName": "the full name of the publisher who approved the publication, when known",
    "EmbargoDate": "for a release held until a set time, that time",
    "GroupingCode": "always brief (press release)",
    "Title": "title",
    "SubTitle1": "first subtitle line",
    "SubTitle2": "second subtitle line",
    "SubTitle3": "third subtitle line, and any further lines",
    "DataContents": "HTML: body, photos with ▶ captions, footnote, * 문의: lines, attribution",
    "MinisterCode": "the issuing ministry's name (not a code, as in the portal)",
    "OriginalUrl": "the release's page",
}
DATE_FIELDS = {"ModifyDate", "ApproveDate", "EmbargoDate"}


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


def _news_item_schema():
    properties = {
        name: (PORTAL_DATE if name in DATE_FIELDS else {"type": "string"})
        | {"description": FIELD_DESCRIPTIONS[name]}
        for name in FIELD_ORDER
    }
    for name in ("FileName", "FileUrl"):
        properties[name] = {
            "type": "array",
            "items": {"type": "string"},
            "description": "attachments: FileName[i] is at FileUrl[i] "
            "(in XML, repeated FileName/FileUrl elements in pairs)",
        }
    for name in EXTENSION_FIELDS:
        properties[name] = {"type": "string", "x-extension": True}
    return {"type": "object", "properties": properties, "required": ["NewsItemId", "Title"]}


def _header_schema():
    codes = ", ".join(f"{c} {m}" for c, m in (NORMAL_SERVICE, INVALID_PARAMETER, MISSING_PARAMETER))
    return {
        "type": "object",
        "properties": {
            "resultCode": {"type": "string", "description": codes},
            "resultMsg": {"type": "string"},
            "resultDetail": {"type": "string", "description": "on errors: what to fix"},
        },
        "required": ["resultCode", "resultMsg"],
    }


def _envelope(body):
    response = {"type": "object", "properties": {"header": _header_schema(), "body": body}}
    return {"type": "object", "properties": {"response": response}}


def _content(body):
    schema = _envelope(body)
    xml_schema = schema | {"xml": {"name": "response"}}
    return {"application/json": {"schema": schema}, "application/xml": {"schema": xml_schema}}


def openapi_document(server_url: str) -> dict:
    page_body = {
        "type": "object",
        "properties": {
            "NewsItem": {"type": "array", "items": {"$ref": "#/components/schemas/NewsItem"}},
            "numOfRows": {"type": "integer"},
            "pageNo": {"type": "integer"},
            "totalCount": {"type": "integer"},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "briefing press releases (정책브리핑 보도자료 API format)",
            "version": "1.0",
            "description": "Published press releases in the shape of the national portal's "
            "press-release API (data.go.kr 15095295): XML by default, JSON with type=json.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/press-releases/": {
                "get": {
                    "operationId": "pressReleaseList",
                    "summary": "Releases published or changed between two dates, newest first",
                    "parameters": PARAMETERS,
                    "responses": {
                        "200": {"description": "NORMAL_SERVICE", "content": _content(page_body)},
                        "400": {
                            "description": "a parameter is missing (11) or invalid (10)",
                            "content": _content({"type": "object"}),
                        },
                    },
                }
            }
        },
        "components": {"schemas": {"NewsItem": _news_item_schema()}},
    }
