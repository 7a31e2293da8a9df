"""Inputs that used to answer 500: every one gets a clear answer, and nothing breaks for others."""

import pytest
from defusedxml import ElementTree as ET
from django.test import Client

from briefing.releases.models import Release

LIST = "/ko/briefing/press-releases/"
DETAIL = "/ko/briefing/press-releases/pps-overseas-procurement-record-2024/"
API = "/api/press-releases/"


@pytest.mark.parametrize(
    "url",
    [
        LIST + "?period=custom&end=9999-12-31",
        LIST + "?period=custom&start=0001-01-01&end=0001-01-02",
        LIST + "?period=custom&start=9999-12-31",
        DETAIL + "?period=custom&end=9999-12-31",
    ],
)
def test_dates_at_the_edges_of_the_calendar_are_a_notice_not_an_error(seed, url):
    """Out-of-range days are refused like malformed ones: the page says so and lists anyway."""
    response = Client().get(url)
    assert response.status_code == 200
    if url.startswith(LIST + "?"):
        assert "날짜 형식이 올바르지 않습니다" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "startDate=00010101&endDate=00010105",
        "startDate=99991225&endDate=99991231",
        "startDate=20240101&endDate=20240301&pageNo=²",
        "startDate=20240101&endDate=20240301&numOfRows=²",
        "startDate=２０２４０１０１&endDate=20240301",
    ],
)
def test_the_api_answers_bad_dates_and_numbers_with_its_own_error(seed, query):
    """The portal API's error shape, saying what to fix, never a 500."""
    response = Client().get(f"{API}?{query}")
    assert response.status_code == 400
    assert "INVALID_REQUEST_PARAMETER_ERROR" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/ko/briefing/press-releases/%00/", "/ko/briefing/%00", "/api/%00"]
)
def test_a_nul_in_the_address_is_not_found(seed, path):
    """PostgreSQL cannot compare text holding NUL: such an address is simply not a page."""
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize("charset", ["iso-2022-kr", "euc-kr", "utf-16"])
def test_a_form_posted_in_another_charset_is_a_bad_request(db, charset):
    """Forms must be UTF-8: anything else answers 400, not 500."""
    client = Client(raise_request_exception=False)
    response = client.post(
        "/ko/accounts/login/",
        "username=민지&password=x",  # the client encodes it in the declared charset
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("url", [LIST, DETAIL, DETAIL + "photos/", "/ko/briefing/policies/"])
def test_head_answers_like_get_without_a_body(seed, url):
    """HEAD is what link checkers and crawlers send."""
    response = Client().head(url)
    assert response.status_code == 200
    assert response.content == b""


def test_a_soft_line_break_pasted_into_a_title_never_breaks_the_feeds(seed):
    """Word's U+000B is cleaned on save, and the feeds stay valid XML for everyone."""
    seed.title_ko = "해외조달\x0b역대 최대\x07 성과"
    seed.subtitle_ko = "첫 줄\x0b둘째 줄"
    seed.save()
    seed.refresh_from_db()
    assert seed.title_ko == "해외조달 역대 최대 성과"
    assert seed.subtitle_ko == "첫 줄\n둘째 줄"

    Release.objects.filter(pk=seed.pk).update(title_ko="몰래 들어간\x0b제목")  # past the save
    for feed in ("rss", "atom"):
        response = Client().get(f"{LIST}feed/{feed}/")
        assert response.status_code == 200
        assert ET.fromstring(response.content) is not None


@pytest.mark.parametrize(
    "url",
    [DETAIL, LIST, LIST + "feed/rss/", LIST + "feed/atom/", "/sitemap.xml", "/robots.txt",
     API + "?startDate=20240101&endDate=20241231", "/api/schema/"],
)  # fmt: skip
def test_absolute_urls_come_from_the_site_address_never_from_the_host_header(seed, url):
    """Host: <allowed host>:<any port> is accepted, but no link on any cached page uses it."""
    evil = Client(HTTP_HOST="testserver:6666").get(url).content.decode()
    honest = Client().get(url).content.decode()

    assert "testserver:6666" not in evil
    assert "http://testserver/" in honest or url == "/robots.txt" and "http://testserver" in honest
