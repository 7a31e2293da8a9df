"""A database outage answers a clean 503 page, and the site recovers by itself."""

import logging
from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

LIST = "/ko/briefing/press-releases/"
DETAIL = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"


@contextmanager
def database_down():
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


def test_a_page_answers_503_with_the_maintenance_page_and_retry_after(seed):
    """Readers get the maintenance page, a Retry-After header and nothing cached."""
    with database_down():
        response = Client().get(DETAIL)

    assert response.status_code == 503
    assert "서비스 점검 중입니다" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_site_recovers_by_itself_when_the_database_is_back(seed):
    """The request after the outage is served normally, with no restart."""
    client = Client()
    with database_down():
        assert client.get(LIST).status_code == 503

    assert client.get(LIST).status_code == 200


def test_a_signed_in_citizens_post_during_the_outage_gets_503(seed, citizen):
    """Writing a comment while the database is down answers 503, not a 500."""
    client = Client()
    client.force_login(citizen)
    with database_down():
        response = client.post(f"/ko/comments/on/{seed.slug}/post/", {"text": "좋은 정책입니다."})

    assert response.status_code == 503


def test_the_503_page_needs_no_database(seed):
    """Rendering the maintenance page makes no query of its own."""
    from briefing.middleware import database_unavailable_response

    with CaptureQueriesContext(connection) as queries:
        response = database_unavailable_response()

    assert response.status_code == 503
    assert len(queries) == 0


def test_the_outage_is_logged_by_type_without_the_drivers_message(seed, caplog):
    """The log names the error type; a driver's message (which may quote SQL) stays out."""
    with database_down(), caplog.at_level(logging.ERROR, logger="briefing.middleware"):
        Client().get(LIST)

    assert "OperationalError" in caplog.text
    assert "Connection refused" not in caplog.text


def test_a_database_error_outside_any_view_still_gets_503(seed, citizen):
    """A failure in middleware (the session saved after the view) still gets the 503 page."""
    client = Client(raise_request_exception=False)
    client.force_login(citizen)
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("database is locked"),
    ):
        response = client.get(LIST)

    assert response.status_code == 503
    assert "서비스 점검 중입니다" in response.content.decode()


def test_other_errors_still_answer_the_ordinary_500_page(seed):
    """Only database errors become 503: a bug is still reported as a 500."""
    client = Client(raise_request_exception=False)
    with mock.patch("briefing.releases.views.render_release_page", side_effect=RuntimeError("bug")):
        response = client.get(DETAIL)

    assert response.status_code == 500
