"""The portal's response document, written as XML (the portal's only format) or as JSON.

XML is written by hand rather than with ElementTree because the portal wraps its text fields in
CDATA sections, which ElementTree cannot write; clients that read the portal's feed read ours.
"""

import json
import re
from xml.sax.saxutils import escape

from briefing.opendata.newsitem import (
    CDATA_FIELDS,
    EXTENSION_FIELDS,
    FIELD_ORDER,
    REPEATED_FIELDS,
)

# Characters XML 1.0 forbids even when escaped; a stray one would make the whole page unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def document(code, message, *, items=(), paging=None, detail=""):
    """The response as data: a header, and a body with items and paging on success."""
    header = {"resultCode": code, "resultMsg": message}
    if detail:
        header["resultDetail"] = detail
    body = {"NewsItem": list(items), **(paging or {})} if paging is not None else {}
    return {"header": header, "body": body}


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _element(name: str, text) -> str:
    text = _NOT_XML.sub("", str(text))
    if name in CDATA_FIELDS and text:
        return f"<{name}>{_cdata(text)}</{name}>"
    return f"<{name}>{escape(text)}</{name}>"


def to_xml(data) -> bytes:
    header = "".join(_element(name, value) for name, value in data["header"].items())
    body = []
    for item in data["body"].get("NewsItem", []):
        body.append("<NewsItem>" + "".join(_element(n, v) for n, v in item) + "</NewsItem>")
    body += [_element(n, v) for n, v in data["body"].items() if n != "NewsItem"]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<response><header>{header}</header><body>{''.join(body)}</body></response>"
    ).encode()


def _item_as_dict(pairs) -> dict:
    """One key per field; FileName and FileUrl are always lists of the same length."""
    item = {name: "" for name in FIELD_ORDER} | {name: [] for name in REPEATED_FIELDS}
    item |= {name: "" for name in EXTENSION_FIELDS}
    for name, value in pairs:
        if name in REPEATED_FIELDS:
            item[name].append(value)
        else:
            item[name] = value
    return item


def to_json(data) -> bytes:
    body = dict(data["body"])
    if "NewsItem" in body:
        body["NewsItem"] = [_item_as_dict(pairs) for pairs in body["NewsItem"]]
    payload = {"response": {"header": data["header"], "body": body}}
    return json.dumps(payload, ensure_ascii=False).encode()


CONTENT_TYPES = {"xml": "application/xml; charset=utf-8", "json": "application/json"}
RENDERERS = {"xml": to_xml, "json": to_json}
