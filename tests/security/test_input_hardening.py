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


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=euc-kr",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "multipart/form-data; boundary=",
        "multipart/form-data",
    ],
)
def test_a_form_body_django_cannot_read_answers_400_saying_nothing_was_saved(
    seed, citizen, content_type
):
    """Non-UTF-8 charsets and broken multipart bodies used to end in a 500 (Django's error
    handlers re-read the body for their CSRF check); now one plain 400 page."""
    client = Client(raise_request_exception=False)
    client.force_login(citizen)
    count = seed.comments.count()

    response = client.generic(
        "POST",
        f"/ko/comments/on/{seed.slug}/post/",
        data="text=좋은 정책입니다".encode("euc-kr"),
        content_type=content_type,
    )

    assert response.status_code == 400
    assert "아무것도 저장되지 않았습니다" in response.content.decode()
    assert seed.comments.count() == count


def test_admin_actions_with_selections_that_are_not_numbers_do_nothing(seed):
    """`_selected_action=abc` used to be a 500 for every admin action; it selects nothing."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123!")
    client = Client(raise_request_exception=False)
    client.force_login(admin)

    response = client.post(
        "/admin/releases/release/",
        {"action": "delete_selected", "_selected_action": ["abc", "²"]},
    )

    assert response.status_code in (200, 302)  # the list again, with "no items selected"
    assert Release.objects.count() == 1


def test_control_characters_never_reach_a_stored_comment_or_report(seed, citizen, make_citizen):
    """What Word pastes (U+000B) and terminal escapes are taken out of citizens' text too."""
    from briefing.comments.services import post_comment, report_comment

    comment, _verdict = post_comment(
        release=seed,
        author=citizen,
        text="조달청\x0b해외진출\x1b[31m 지원이 인상적입니다\x7f.",
        enforce_limits=False,
    )
    report = report_comment(
        comment=comment, reporter=make_citizen("reporter"), rule=4, note="사유\x0c설명\x00"
    )

    assert comment.text == "조달청\n해외진출[31m 지원이 인상적입니다."
    assert report.note == "사유\n설명"
