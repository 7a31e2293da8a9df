"""The keyword index (character bigrams in FTS5 on SQLite, GIN on PostgreSQL) narrows the search
without ever changing what it finds, and follows every way releases are written."""

import pytest
from django.db import connection

from briefing.releases.filters import keyword_condition
from briefing.releases.keyword_index import ensure_keyword_index
from briefing.releases.models import Release
from briefing.releases.search import search_grams, searchable_text

LIST_URL = "/ko/briefing/press-releases/"

# Korean of two and more syllables, across word ends, mixed case, digits and units, punctuation,
# single letters, a space inside, text that is only in the English translation, and misses.
KEYWORDS = [
    "조달", "조달청", "조달청은", "해외조달", "수출 지도", "역대", "1,263", "16.3억",
    "Procurement", "PROCUREMENT", "record", "ppS", "13.4%", "a", "청", "%", "‘한국",
    "없는낱말", "xyzzy", "조달  청", "ai", "AI", "fé", "63", "지도",
]  # fmt: skip


def found_by_the_index(keyword):
    return set(Release.objects.filter(keyword_condition(keyword)).values_list("pk", flat=True))


def found_by_a_full_scan(keyword):
    return set(
        Release.objects.filter(search_text__contains=keyword.lower()).values_list("pk", flat=True)
    )


@pytest.fixture
def more_releases(seed):
    texts = [
        "<p>공공조달 시장의 해외조달 실적</p>",
        "<p>조달청은 Procurement 통계를 발표했다</p>",
        "<p>역대 최대 1,263개 기업</p>",
        "<p>전혀 다른 이야기</p>",
        "<p>AI 기반 café 서비스, 2063년</p>",
        "<p>cafe fe 없이</p>",
    ]
    for index, body in enumerate(texts):
        Release.objects.create(
            title_ko=f"검색 시험 {index}", slug=f"search-{index}", ministry=seed.ministry,
            body_ko=body, status="published", published_at=seed.published_at,
        )  # fmt: skip


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_the_index_finds_exactly_what_a_full_scan_finds(more_releases, keyword):
    assert found_by_the_index(keyword) == found_by_a_full_scan(keyword)


def test_every_keyword_of_the_list_finds_something_or_nothing_as_expected(more_releases):
    """The comparison above is not vacuous: most keywords match, a few match nothing."""
    assert sum(bool(found_by_the_index(keyword)) for keyword in KEYWORDS) >= 15
    assert found_by_the_index("없는낱말") == set()


def test_the_index_follows_edits_deletions_and_bulk_inserts(client, seed):
    assert found_by_the_index("조달청")
    seed.body_ko = "<p>새로 고친 본문에는 특이한낱말이 있습니다</p>"
    seed.title_ko = "바뀐 제목"
    seed.subtitle_ko = seed.footnote_ko = ""
    seed.body_en = seed.title_en = seed.subtitle_en = seed.footnote_en = ""
    seed.save()
    assert found_by_the_index("특이한낱말") == {seed.pk}
    assert found_by_the_index("조달청") == set()

    bulk = Release(
        title_ko="대량 입력", slug="bulk", ministry=seed.ministry, body_ko="<p>벌크입력시험</p>",
        status="published", published_at=seed.published_at,
    )  # fmt: skip
    bulk.search_text = searchable_text(bulk)
    bulk.search_grams = search_grams(bulk.search_text)
    Release.objects.bulk_create([bulk])
    assert len(found_by_the_index("벌크입력")) == 1

    seed.delete()
    assert found_by_the_index("특이한낱말") == set()


def test_the_list_page_search_goes_through_the_index(client, seed):
    """The database can answer a keyword from the index instead of reading every release."""
    releases = Release.objects.filter(keyword_condition("조달청"))
    sql, params = releases.order_by().values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test's few rows would be read whole, indexes or not: ask what it could use.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "releases_release_grams_idx" in plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan and "releases_release_grams" in plan
    response = client.get(LIST_URL, {"q": "조달청"})
    assert [release.pk for release in response.context["page_obj"]] == [seed.pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables to alter them")
def test_a_rebuilt_release_table_gets_its_triggers_and_index_back(seed):
    """Django remakes a SQLite table to alter it, losing its triggers; migrate restores them."""
    with connection.cursor() as cursor:
        for name in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER releases_release_grams_{name}")
        cursor.execute("DELETE FROM releases_release_grams")  # an index left empty
    assert found_by_the_index("조달청") == set()
    ensure_keyword_index("default")
    assert found_by_the_index("조달청") == {seed.pk}
