"""GET /api/schema/: an OpenAPI 3.0 description that matches what the endpoint accepts and emits."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import timezone

from briefing.opendata.models import ImportedAttachmentLink
from briefing.releases.models import Release
from tests.opendata.test_feed import EXTENSION_FIELDS, PORTAL_FIELDS


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    """(path as requested, operation) for every documented path, with its own server if any."""
    for path, item in schema["paths"].items():
        server = (item.get("servers") or schema["servers"])[0]["url"]
        yield urlsplit(server.rstrip("/") + path).path, item["get"]


def example_params(operation):
    params = {}
    for parameter in operation["parameters"]:
        values = parameter["schema"]
        params[parameter["name"]] = values.get("example") or (values.get("enum") or ["1"])[0]
    return params


def test_schema_is_an_openapi_3_document_for_the_feed(schema):
    """The document names its version, the feed's path, and its responses, errors included."""
    assert schema["openapi"].startswith("3.0")
    assert {"title", "version"} <= set(schema["info"])
    operation = schema["paths"]["/press-releases/"]["get"]
    assert {"200", "400", "404", "405", "500"} <= set(operation["responses"])
    assert "OPENDATA_ERRORS_HTTP_200" in operation["responses"]["400"]["description"]
    assert (
        "OPENDATA_ERRORS_HTTP_200 switch is on (on this site: off)" in schema["info"]["description"]
    )
    assert schema["servers"][0]["url"] == "http://testserver/api/"


def test_every_element_the_feed_emits_is_described(schema, client, make_release, attach):
    """Each element of a real page (files, a withdrawn item, a link) is a documented property,
    and the extension elements are marked as such."""
    release = make_release(published_at=timezone.now() - timedelta(days=3))
    attach(release)
    ImportedAttachmentLink.objects.create(release=release, name="링크", url="https://a.example/b")
    withdrawn = make_release(published_at=timezone.now() - timedelta(days=3))
    Release.objects.filter(pk=withdrawn.pk).update(
        status=Release.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    today = timezone.localdate()
    root = fromstring(
        client.get(
            "/api/press-releases/",
            {"startDate": f"{today - timedelta(days=5):%Y%m%d}", "endDate": f"{today:%Y%m%d}"},
        ).content
    )
    emitted = {child.tag for item in root.iterfind("body/NewsItem") for child in item}
    properties = schema["components"]["schemas"]["NewsItem"]["properties"]
    assert emitted == set(properties) == {*PORTAL_FIELDS, "FileName", "FileUrl", *EXTENSION_FIELDS}
    assert {name for name, value in properties.items() if value.get("x-extension")} == set(
        EXTENSION_FIELDS
    )
    assert "approved" in properties["ApproverName"]["description"]
    assert "NewsItemSource" in properties["NewsItemId"]["description"]


def test_the_withdrawal_period_is_documented(client, db, settings):
    settings.OPENDATA_WITHDRAWN_DAYS = 90
    assert "90 days" in client.get("/api/schema/").json()["info"]["description"]


def test_every_documented_path_accepts_every_documented_parameter(schema, client, db):
    """The API's path and the portal alias both answer a request using each parameter."""
    paths = []
    for path, operation in operations(schema):
        params = example_params(operation)
        assert {"startDate", "endDate", "pageNo", "numOfRows", "type", "lang"} <= set(params)
        response = client.get(path, params)
        assert response.status_code == 200, path
        paths.append(path)
    assert paths == ["/api/press-releases/", "/1371000/pressReleaseService/pressReleaseList"]


def test_every_documented_result_code_is_one_the_api_can_answer(schema):
    """The header lists the codes; each error status names its codes."""
    codes = schema["paths"]["/press-releases/"]["get"]["responses"]
    errors = " ".join(codes[status]["description"] for status in ("400", "404", "405", "500"))
    for name in ("10 INVALID", "11 NO_MANDATORY", "12 NO_OPENAPI", "04 HTTP_ERROR", "99 UNKNOWN"):
        assert name in errors
