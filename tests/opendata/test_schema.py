"""GET /api/schema/: an OpenAPI 3.0 description that matches what the endpoint accepts."""

import pytest

from tests.opendata.test_feed import EXTENSION_FIELDS, PORTAL_FIELDS


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def test_schema_is_an_openapi_3_document_for_the_feed(schema):
    """The document names its version, the feed's path, and both its responses."""
    assert schema["openapi"].startswith("3.0")
    assert {"title", "version"} <= set(schema["info"])
    operation = schema["paths"]["/press-releases/"]["get"]
    assert {"200", "400"} <= set(operation["responses"])
    assert schema["servers"][0]["url"] == "http://testserver/api/"


def test_schema_describes_every_portal_field(schema):
    """Each NewsItem element the feed writes is a documented property."""
    properties = schema["components"]["schemas"]["NewsItem"]["properties"]
    assert set(PORTAL_FIELDS) | {"FileName", "FileUrl", *EXTENSION_FIELDS} == set(properties)


def test_every_documented_parameter_is_accepted(schema, client):
    """A request with each documented parameter at its example or first allowed value succeeds."""
    params = {}
    for parameter in schema["paths"]["/press-releases/"]["get"]["parameters"]:
        values = parameter["schema"]
        params[parameter["name"]] = values.get("example") or (values.get("enum") or ["1"])[0]
    assert client.get("/api/press-releases/", params).status_code == 200
    assert {"startDate", "endDate", "pageNo", "numOfRows", "type", "lang"} <= set(params)
