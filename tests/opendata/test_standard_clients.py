"""The API's XML read the way an OpenAPI client reads it: against the schema the API serves.

The checker below walks an OpenAPI 3.0 schema object and an XML element together, following the
document's own conventions (OpenAPI's XML Object): an object's properties are its child elements,
an array not marked ``xml.wrapped`` is its item element repeated under the property's name, and a
scalar is an element's text, of the documented type, pattern and enumeration.
"""

import re
from datetime import datetime, timedelta

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import timezone

from briefing.releases.models import Release
from tests.opendata.conftest import SEOUL

PORTAL_DATE_FORMAT = "%m/%d/%Y %H:%M:%S"  # "MM/DD/YYYY HH24:MI:SS", as the document describes
INTEGER = re.compile(r"-?[0-9]+")


def resolve(schema, document):
    """A schema with its local $ref ("#/components/schemas/NewsItem") followed."""
    while "$ref" in schema:
        target = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def xml_errors(element, schema, document, where=""):
    """What in ``element`` the schema does not allow, each named by its path."""
    schema = resolve(schema, document)
    where = f"{where}/{element.tag}"
    if schema.get("type") == "object":
        return _object_errors(element, schema, document, where)
    if len(element):
        return [f"{where}: a {schema.get('type')} has child elements"]
    return _scalar_errors(element.text or "", schema, where)


def _object_errors(element, schema, document, where):
    properties = schema.get("properties", {})
    errors = [
        f"{where}: unexpected <{child.tag}>" for child in element if child.tag not in properties
    ]
    if (element.text or "").strip():
        errors.append(f"{where}: text in an object")
    for name, prop in properties.items():
        prop = resolve(prop, document)
        found = element.findall(name)
        if prop.get("type") == "array":
            assert not prop.get("xml", {}).get("wrapped"), "wrapped arrays: not used by the API"
            errors += [
                e for child in found for e in xml_errors(child, prop["items"], document, where)
            ]
            continue
        if len(found) > 1:
            errors.append(f"{where}: <{name}> repeated {len(found)} times, not an array")
        errors += [e for child in found for e in xml_errors(child, prop, document, where)]
    errors += [
        f"{where}: required <{name}> missing"
        for name in schema.get("required", [])
        if element.find(name) is None
    ]
    return errors


def _scalar_errors(text, schema, where):
    kind = schema.get("type")
    if kind == "integer":
        if not INTEGER.fullmatch(text):
            return [f"{where}: {text!r} is not an integer"]
        if "minimum" in schema and int(text) < schema["minimum"]:
            return [f"{where}: {text} is below {schema['minimum']}"]
        return []
    if kind != "string":
        return [f"{where}: type {kind!r} is not one the checker knows"]
    if "pattern" in schema and not re.search(schema["pattern"], text):
        return [f"{where}: {text!r} does not match {schema['pattern']}"]
    if "enum" in schema and text not in schema["enum"]:
        return [f"{where}: {text!r} is not one of {schema['enum']}"]
    return []


def xml_schema(document, status="200", path="/press-releases/"):
    content = document["paths"][path]["get"]["responses"][status]["content"]
    return content["application/xml"]["schema"]


def check_document(body: bytes, document, status="200"):
    """Every error in an XML answer, the root element's name included."""
    root = fromstring(body)
    schema = xml_schema(document, status)
    expected_root = schema.get("xml", {}).get("name")
    errors = [] if root.tag == expected_root else [f"root <{root.tag}>, not <{expected_root}>"]
    return errors + xml_errors(root, schema, document)


@pytest.fixture
def openapi(client, db):
    """The document as a client reads it: fetched from the URL the API names, not from Python."""
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def five_releases(make_release, attach):
    """Five releases over the past days: one with two files, one withdrawn, one corrected."""
    now = timezone.now().replace(microsecond=0)
    releases = [make_release(published_at=now - timedelta(days=day, hours=1)) for day in range(5)]
    attach(releases[0])
    attach(releases[0], name="붙임.pdf")
    Release.objects.filter(pk=releases[1].pk).update(
        status=Release.Status.WITHDRAWN, withdrawn_at=now - timedelta(hours=2)
    )
    Release.objects.filter(pk=releases[2].pk).update(updated_at=now - timedelta(minutes=5))
    return releases


def window(**extra):
    today = timezone.localdate()
    start, end = today - timedelta(days=6), today
    return {"startDate": f"{start:%Y%m%d}", "endDate": f"{end:%Y%m%d}"} | extra


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_full_page_matches_the_documented_shape(client, openapi, five_releases, lang):
    """All five releases on one page, files and withdrawal included, as the document says."""
    response = client.get("/api/press-releases/", window(lang=lang))
    assert response.status_code == 200
    assert check_document(response.content, openapi) == []
    root = fromstring(response.content)
    assert len(root.findall("body/NewsItem")) == 5
    assert root.findtext("body/totalCount") == "5"
    assert len(root.findall("body/NewsItem/FileName")) == 2


@pytest.mark.django_db
def test_the_second_page_matches_the_documented_shape(client, openapi, five_releases):
    """Page 2 of 2-item pages: two items, and paging numbers that are integers."""
    response = client.get("/api/press-releases/", window(pageNo="2", numOfRows="2"))
    assert check_document(response.content, openapi) == []
    root = fromstring(response.content)
    assert len(root.findall("body/NewsItem")) == 2
    assert [root.findtext(f"body/{name}") for name in ("pageNo", "numOfRows", "totalCount")] == [
        "2",
        "2",
        "5",
    ]


@pytest.mark.django_db
def test_an_empty_page_matches_the_documented_shape(client, openapi, five_releases):
    """A page past the last one has no NewsItem, which the document allows."""
    response = client.get("/api/press-releases/", window(pageNo="9", numOfRows="2"))
    assert check_document(response.content, openapi) == []
    assert fromstring(response.content).find("body/NewsItem") is None


@pytest.mark.django_db
def test_the_dates_are_in_the_documented_format_and_in_seoul_time(client, openapi, five_releases):
    """ModifyDate reads back, as MM/DD/YYYY HH24:MI:SS in Seoul, as the release's own time."""
    response = client.get("/api/press-releases/", window())
    items = {item.findtext("Title"): item for item in fromstring(response.content).iter("NewsItem")}
    corrected = five_releases[2]
    modified = datetime.strptime(items[corrected.title].findtext("ModifyDate"), PORTAL_DATE_FORMAT)
    assert modified.replace(tzinfo=SEOUL) == Release.objects.get(pk=corrected.pk).updated_at
    withdrawn = items[five_releases[1].title]
    assert withdrawn.findtext("Withdrawn") == "Y"
    datetime.strptime(withdrawn.findtext("WithdrawnDate"), PORTAL_DATE_FORMAT)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status"),
    [({"startDate": "2024-02-21", "endDate": "20240222"}, "400"), ({}, "400")],
    ids=["bad-date", "no-dates"],
)
def test_an_error_envelope_matches_the_documented_shape(client, openapi, query, status):
    """An error answers in the documented envelope for its status: a header, an empty body."""
    response = client.get("/api/press-releases/", query)
    assert str(response.status_code) == status
    assert check_document(response.content, openapi, status) == []
    root = fromstring(response.content)
    assert root.findtext("header/resultCode") not in ("", "00")
    assert root.findtext("header/resultDetail")


@pytest.mark.django_db
def test_an_unknown_operation_matches_the_documented_404(client, openapi):
    """A path under /api/ that names no operation answers in the 404 response's shape."""
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert check_document(response.content, openapi, "404") == []


def remove_title(root):
    item = root.find("body/NewsItem")
    item.remove(item.find("Title"))


def add_unknown(root):
    root.find("body/NewsItem").append(fromstring("<Category>정책</Category>"))


def spell_total(root):
    root.find("body/totalCount").text = "five"


def redate(root):
    root.find("body/NewsItem/ModifyDate").text = "2024-02-21T09:00:00+09:00"


def misstatus(root):
    root.find("body/NewsItem/Withdrawn").text = "yes"


def drop_header_code(root):
    header = root.find("header")
    header.remove(header.find("resultCode"))


def repeat_title(root):
    item = root.find("body/NewsItem")
    item.append(fromstring("<Title>또 하나</Title>"))


def rename_root(root):
    root.tag = "result"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "complaint"),
    [
        (remove_title, "required <Title> missing"),
        (add_unknown, "unexpected <Category>"),
        (spell_total, "'five' is not an integer"),
        (redate, "does not match"),
        (misstatus, "'yes' is not one of"),
        (drop_header_code, "required <resultCode> missing"),
        (repeat_title, "<Title> repeated 2 times"),
        (rename_root, "root <result>, not <response>"),
    ],
    ids=lambda value: getattr(value, "__name__", None) or "",
)
def test_the_checker_fails_on_a_response_that_breaks_the_document(
    client, openapi, five_releases, damage, complaint
):
    """A real answer, damaged in one place, is caught there: the checker can fail."""
    from xml.etree.ElementTree import tostring

    good = client.get("/api/press-releases/", window()).content
    assert check_document(good, openapi) == []
    root = fromstring(good)
    damage(root)
    errors = check_document(tostring(root, encoding="utf-8"), openapi)
    assert any(complaint in error for error in errors), errors
