"""Every answer of the API is in its own envelope, in the format asked for: wrong methods,
unknown paths, failures, bad dates at the calendar's edges; the HTTP 200 compatibility switch;
CORS preflight; and the portal's own path as an alias."""

import json
import logging

import pytest
from defusedxml.ElementTree import fromstring
from django.db import OperationalError
from django.test import Client

from briefing.opendata import views
from tests.opendata.test_feed import MARCH, URL

PORTAL_ALIAS = "/1371000/pressReleaseService/pressReleaseList"


def header(response):
    """The envelope's header, from XML or JSON as the response says."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["response"]["header"]
    root = fromstring(response.content)
    return {child.tag: child.text for child in root.find("header")}


@pytest.fixture
def strict_client(db):
    """A client that enforces CSRF, as a browser's POST would meet it."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_method_that_would_change_something_is_405_in_the_apis_shape(strict_client, method):
    """Not Django's HTML CSRF 403: 405, Allow: GET, HEAD, OPTIONS, code 04 HTTP_ERROR."""
    response = getattr(strict_client, method)(URL + "?startDate=20240301&endDate=20240331")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert header(response) | {"resultDetail": ""} == {
        "resultCode": "04",
        "resultMsg": "HTTP_ERROR",
        "resultDetail": "",
    }


def test_a_405_answers_in_json_when_json_was_asked_for(strict_client):
    response = strict_client.post(URL + "?type=json")
    assert response.status_code == 405
    assert header(response)["resultCode"] == "04"


def test_the_schema_refuses_a_post_the_same_way(strict_client):
    response = strict_client.post("/api/schema/")
    assert response.status_code == 405
    assert header(response)["resultCode"] == "04"


def test_a_cors_preflight_is_answered(strict_client):
    """OPTIONS from a browser on another site: allowed, for GET, from any origin."""
    response = strict_client.options(
        URL,
        HTTP_ORIGIN="https://mirror.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path", ["/api/", "/api/press-release/", "/api/v2/press-releases/x"])
def test_an_unknown_path_under_the_api_is_code_12(strict_client, path):
    """No HTML 404 page: 404 NO_OPENAPI_SERVICE_ERROR, in JSON when asked."""
    response = strict_client.get(path)
    assert response.status_code == 404
    assert header(response)["resultCode"] == "12"
    assert header(response)["resultMsg"] == "NO_OPENAPI_SERVICE_ERROR"
    response = strict_client.get(path, {"type": "json"})
    assert response["Content-Type"] == "application/json"
    assert header(response)["resultCode"] == "12"


def test_the_api_path_without_its_slash_still_redirects(client, db):
    """The catch-all does not swallow APPEND_SLASH: /api/press-releases?… goes to …/?…."""
    response = client.get("/api/press-releases", MARCH)
    assert response.status_code == 301
    assert response["Location"] == "/api/press-releases/?startDate=20240301&endDate=20240331"


def test_an_unexpected_failure_is_500_code_99_and_logged(strict_client, monkeypatch, caplog):
    """A bug inside the API answers in the shape, names no internals, and is logged."""

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "build_page", broken)
    with caplog.at_level(logging.ERROR, logger="briefing.opendata.views"):
        response = strict_client.get(URL, MARCH | {"type": "json"})
    assert response.status_code == 500
    assert header(response)["resultCode"] == "99"
    assert header(response)["resultMsg"] == "UNKNOWN_ERROR"
    assert b"secret" not in response.content
    assert any(record.exc_info for record in caplog.records)


def test_a_database_outage_is_503_code_02_with_retry_after(strict_client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "build_page", down)
    response = strict_client.get(URL, MARCH)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert header(response)["resultCode"] == "02"


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get(URL, {"startDate": "20240301"}),
        lambda c: c.get(URL, {"startDate": "20240399", "endDate": "20240331"}),
        lambda c: c.post(URL),
        lambda c: c.get("/api/nothing/"),
    ],
    ids=["missing", "invalid", "post", "unknown-path"],
)
def test_the_compatibility_switch_answers_every_error_with_200(strict_client, settings, send):
    """OPENDATA_ERRORS_HTTP_200: the error body, with HTTP 200, as data.go.kr clients expect."""
    real = send(strict_client)
    assert real.status_code >= 400
    settings.OPENDATA_ERRORS_HTTP_200 = True
    compatible = send(strict_client)
    assert compatible.status_code == 200
    assert header(compatible) == header(real)
    assert header(compatible)["resultCode"] != "0"


@pytest.mark.parametrize(
    "dates",
    [
        ("00010101", "00010105"),
        ("99991225", "99991231"),
        ("00000000", "20240101"),
        ("20241301", "20241302"),
        ("20240101", "99991231"),
        ("18991231", "19000101"),
    ],
)
def test_dates_at_the_calendars_edges_are_code_10(strict_client, dates):
    """Days that do not exist or lie outside 1900–2999: code 10 in the shape, never 500."""
    start, end = dates
    for fmt in ("xml", "json"):
        response = strict_client.get(URL, {"startDate": start, "endDate": end, "type": fmt})
        assert response.status_code == 400
        assert header(response)["resultCode"] == "10"


@pytest.mark.parametrize("dates", [("19000101", "19000131"), ("29991201", "29991231")])
def test_the_first_and_last_allowed_windows_are_answered(strict_client, dates):
    start, end = dates
    response = strict_client.get(URL, {"startDate": start, "endDate": end})
    assert response.status_code == 200
    assert header(response)["resultCode"] == "0"


def test_the_portals_path_answers_like_the_api(client, make_release):
    """/1371000/pressReleaseService/pressReleaseList: the same body, serviceKey ignored."""
    make_release()
    params = MARCH | {"serviceKey": "anything", "numOfRows": "5"}
    ours = client.get(URL, params)
    portal = client.get(PORTAL_ALIAS, params)
    assert portal.status_code == 200
    assert portal.content == ours.content
    assert fromstring(portal.content).findtext("body/totalCount") == "1"
    as_json = client.get(PORTAL_ALIAS, params | {"type": "json"})
    assert json.loads(as_json.content)["response"]["body"]["NewsItem"]


def test_the_portals_path_answers_errors_in_the_shape(strict_client):
    response = strict_client.post(PORTAL_ALIAS)
    assert response.status_code == 405
    assert header(response)["resultCode"] == "04"
    assert header(strict_client.get(PORTAL_ALIAS))["resultCode"] == "11"
