"""The press-release list: search, filters, pagination and friendly handling of bad input."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from briefing.releases.models import Ministry
from tests.releases.test_views_support import SEED_SLUG, make_release

LIST = "/ko/briefing/press-releases/"


def rows(response):
    links = re.findall(
        r'<li>\s*<a href="([^"]+)">\s*<span class="text">', response.content.decode()
    )
    return [unescape(link) for link in links]


@pytest.mark.django_db
def test_the_list_shows_the_seed_announcement_with_date_ministry_and_lead(client, seed):
    """The seed row shows its bold title, a plain lead, the dotted date and the ministry."""
    page = client.get(LIST).content.decode()
    assert "<strong data-content>조달청 해외조달시장 진출 지원 역대 최대 성과로" in page
    assert "2024.02.21" in page
    assert "<span data-content>조달청</span>" in page
    assert "검색결과 총 <strong>1</strong>건" in page
    assert "<p>" not in page.split('class="lead"')[1].split("</span>")[0]


@pytest.mark.django_db
def test_the_list_page_title_follows_the_portal_pattern(client, seed):
    """The list's title is 보도자료 | 브리핑룸 | site name."""
    assert (
        "<title>보도자료 | 브리핑룸 | 대한민국 정책브리핑</title>"
        in client.get(LIST).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("keyword", ["조달", "G-PASS", "지패스", "procurement"])
def test_keyword_search_finds_substrings_in_titles_and_bodies_in_either_language(
    client, seed, keyword
):
    """A Korean substring (조달 in 조달청), a body word or an English word finds the seed."""
    response = client.get(LIST, {"q": keyword})
    assert rows(response) == [
        f"/ko/briefing/press-releases/{SEED_SLUG}/?{urlencode({'q': keyword})}"
    ]


@pytest.mark.django_db
def test_a_keyword_that_matches_nothing_shows_the_empty_state(client, seed):
    """No match gives 총 0건 and a no-data message, and no pagination."""
    page = client.get(LIST, {"q": "없는검색어"}).content.decode()
    assert "검색결과 총 <strong>0</strong>건" in page
    assert "검색 조건에 맞는 보도자료가 없습니다." in page
    assert 'class="paging"' not in page


@pytest.mark.django_db
def test_the_ministry_filter_keeps_only_that_ministrys_releases(client, seed):
    """B00013 (조달청) keeps the seed; another ministry's code leaves it out."""
    other = make_release(1, ministry=Ministry.objects.get(code="A00005"))
    assert len(rows(client.get(LIST, {"ministry": "B00013"}))) == 1
    assert rows(client.get(LIST, {"ministry": "A00005"})) == [
        other.get_absolute_url() + "?ministry=A00005"
    ]


@pytest.mark.django_db
def test_the_period_filter_defaults_to_everything_so_the_2024_archive_shows(client, seed):
    """전체 is the default; 최근 1주 hides the 2024 announcement."""
    assert len(rows(client.get(LIST))) == 1
    assert rows(client.get(LIST, {"period": "1w"})) == []


@pytest.mark.django_db
def test_the_default_period_is_a_setting(client, seed, settings):
    """With BRIEFING_LIST_DEFAULT_PERIOD=1y the 2024 announcement is outside the default list."""
    settings.BRIEFING_LIST_DEFAULT_PERIOD = "1y"
    assert rows(client.get(LIST)) == []
    assert len(rows(client.get(LIST, {"period": "all"}))) == 1


@pytest.mark.django_db
def test_a_custom_date_range_includes_its_end_day(client, seed):
    """직접입력 2024-02-21 to 2024-02-21 finds the release published that day."""
    response = client.get(LIST, {"period": "custom", "start": "2024-02-21", "end": "2024-02-21"})
    assert len(rows(response)) == 1
    response = client.get(LIST, {"period": "custom", "start": "2024-02-22"})
    assert rows(response) == []


@pytest.mark.django_db
def test_a_non_numeric_page_shows_page_one_without_an_error(client, seed):
    """?page=abc is page 1."""
    response = client.get(LIST, {"page": "abc"})
    assert response.status_code == 200
    assert len(rows(response)) == 1


@pytest.mark.django_db
def test_an_unknown_ministry_code_gets_a_notice_and_is_ignored(client, seed):
    """An unknown code is named in a notice and the search runs without it."""
    response = client.get(LIST, {"ministry": "ZZZ99"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "알 수 없는 기관 코드(ZZZ99)는 검색 조건에서 제외했습니다." in page
    assert len(rows(response)) == 1


@pytest.mark.django_db
def test_an_end_date_before_the_start_gets_a_message_and_no_date_filter(client, seed):
    """End before start: a message, and the list is not narrowed by date."""
    response = client.get(LIST, {"period": "custom", "start": "2024-03-01", "end": "2024-01-01"})
    assert "종료일이 시작일보다 앞설 수 없습니다." in response.content.decode()
    assert len(rows(response)) == 1


@pytest.mark.django_db
def test_an_invalid_date_gets_a_message(client, seed):
    """A date that is not a date is reported, not a 500."""
    response = client.get(LIST, {"period": "custom", "start": "2024-13-45"})
    assert response.status_code == 200
    assert "날짜 형식이 올바르지 않습니다" in response.content.decode()


@pytest.mark.django_db
def test_ministry_checkboxes_are_grouped_and_chips_show_the_selection(client, seed):
    """부처 / 청 / 위원회 groups list the ministries; the chosen one appears as a chip."""
    page = client.get(LIST, {"ministry": "B00013", "q": "조달"}).content.decode()
    for label in (
        "<legend>부처</legend>",
        "<legend>청</legend>",
        "<legend>위원회 및 감사원</legend>",
    ):
        assert label in page
    assert 'value="B00013" checked' in page
    assert '<li class="chip"><span data-content>조달청</span></li>' in page
    assert "선택항목 초기화" in page


@pytest.mark.django_db
def test_twenty_rows_a_page_with_pages_that_keep_the_filters(client, seed):
    """45 releases make 3 pages of 20; page links keep the keyword and mark the current page."""
    for number in range(45):
        make_release(number)
    response = client.get(LIST, {"q": "시험", "page": "2"})
    page = response.content.decode()
    assert len(rows(response)) == 20
    assert 'aria-current="page" title="현재페이지">2</a>' in page
    assert 'href="/ko/briefing/press-releases/?q=%EC%8B%9C%ED%97%98&amp;page=3"' in page
    assert "첫 페이지로 이동" in page and "마지막 페이지로 이동" in page
    assert all("q=%EC%8B%9C%ED%97%98&page=2" in link for link in rows(response))


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_page(client, seed):
    """?page=999 shows the last page instead of an error."""
    response = client.get(LIST, {"page": "999"})
    assert response.status_code == 200
    assert len(rows(response)) == 1


@pytest.mark.django_db
def test_unpublished_releases_are_not_listed(client, seed):
    """Drafts and future releases stay out of the list."""
    from briefing.releases.models import Release

    make_release(1, status=Release.Status.DRAFT)
    make_release(2, days_ago=-3)
    assert len(rows(client.get(LIST))) == 1


@pytest.mark.django_db
def test_the_list_runs_a_fixed_number_of_queries_for_twenty_rows(
    client, seed, django_assert_max_num_queries
):
    """One page of one row and one page of twenty rows cost the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(LIST)
    with CaptureQueriesContext(connection) as one_row:
        client.get(LIST)
    for number in range(30):
        make_release(number)
    client.get(LIST)
    with CaptureQueriesContext(connection) as twenty_rows:
        client.get(LIST)
    assert len(one_row) == len(twenty_rows)
    assert len(twenty_rows) <= 4


@pytest.mark.django_db
def test_the_site_root_redirects_to_the_list(client, seed):
    """/ leads to the press-release list."""
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("releases:list")
