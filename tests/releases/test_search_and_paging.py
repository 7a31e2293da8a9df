"""Keyword search reads plain text in both languages; deep list pages keep their order."""

from datetime import timedelta

from django.utils import timezone

from briefing.releases.models import Release

LIST_URL = "/ko/briefing/press-releases/"


def titles(response):
    return [release.title for release in response.context["page_obj"]]


def test_search_ignores_markup_and_finds_footnotes_and_english(client, seed):
    """A tag name finds nothing; a footnote word and an English word find the release."""
    assert titles(client.get(LIST_URL, {"q": "<p>"})) == []
    assert titles(client.get(LIST_URL, {"q": "</p><p>"})) == []
    assert len(titles(client.get(LIST_URL, {"q": "Government Performance"}))) == 1
    assert len(titles(client.get(LIST_URL, {"q": "weltem"}))) == 1  # English body, any case


def test_editing_a_release_updates_what_search_finds(client, seed):
    """The search column follows every save."""
    seed.body_ko = "<p>새로운 문장으로 바꾼 본문</p>"
    seed.save()
    assert len(titles(client.get(LIST_URL, {"q": "바꾼 본문"}))) == 1
    assert titles(client.get(LIST_URL, {"q": "서울지방조달청에서 개최된"})) == []


def test_deep_pages_list_the_right_releases_in_order(client, seed):
    """Page 3 of 45 releases shows the 41st to 45th newest, newest first."""
    now = timezone.now()
    for index in range(44):
        Release.objects.create(
            title_ko=f"페이지 시험 {index:02d}", slug=f"paging-{index:02d}", ministry=seed.ministry,
            body_ko="<p>본문</p>", status="published", published_at=now - timedelta(hours=index + 1),
        )  # fmt: skip
    page_three = titles(client.get(LIST_URL, {"page": 3}))
    assert page_three[:4] == [f"페이지 시험 {index:02d}" for index in range(40, 44)]
    assert page_three[4] == seed.title_ko
    assert len(page_three) == 5


def test_the_list_counts_once_and_again_only_when_the_content_changes(client, seed):
    """Paging, the result count and the pager share one COUNT query, and the count is kept until
    a release changes: other pages of the same list need none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries(params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_URL, params)
        sql = [q["sql"].upper() for q in queries.captured_queries]
        return response, sum("COUNT(" in q and "RELEASES_RELEASE" in q for q in sql)

    client.get("/ko/briefing/press-releases/feed/rss/")  # warms the sidebar, not the count
    first, counted = count_queries({"page": 1})
    assert counted == 1
    assert count_queries({"page": 1, "period": "all"})[1] == 0
    seed.title_ko = "제목이 바뀌면 다시 셉니다"
    seed.save()
    again, counted = count_queries({"page": 1})
    assert counted == 1 and "제목이 바뀌면 다시 셉니다" in again.content.decode()


def test_pages_reached_through_anchors_list_the_same_releases_as_plain_offsets(
    client, seed, monkeypatch
):
    """Deep pages seek from cached anchors; with ties in publication time, filters and every
    page number, each page shows exactly the releases OFFSET would, in the same order."""
    from briefing.releases import paging

    monkeypatch.setattr(paging, "ANCHOR_EVERY", 30)  # anchors from page 2 on, at this size
    now = timezone.now()
    other = seed.ministry.__class__.objects.exclude(pk=seed.ministry_id).first()
    Release.objects.bulk_create(
        Release(
            title_ko=f"앵커 {index:03d}", slug=f"anchor-{index:03d}",
            ministry=other if index % 3 == 0 else seed.ministry, body_ko="<p>본문</p>",
            status="published", published_at=now - timedelta(hours=index // 4),  # ties of four
        )
        for index in range(130)
    )  # fmt: skip
    for params, releases in (
        ({}, Release.objects.published()),
        ({"ministry": other.code}, Release.objects.published().filter(ministry=other)),
    ):
        expected = [release.title for release in releases]
        pages = (len(expected) + 19) // 20
        shown = []
        for number in range(1, pages + 1):
            shown += titles(client.get(LIST_URL, {**params, "page": number}))
        assert shown == expected
    assert len(expected) == 44  # the filtered list spans three pages, so anchors were used
