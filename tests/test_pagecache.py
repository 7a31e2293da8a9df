"""Anonymous pages are served from the cache, and the cache never shows a stale or private page."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from briefing.releases.models import Release

LIST_URL = "/ko/briefing/press-releases/"


@pytest.fixture
def detail_url(seed):
    return seed.get_absolute_url()


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, detail_url, django_assert_max_num_queries
):
    """The first reader renders the page; the next one gets the stored copy with no query."""
    assert client.get(detail_url)["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(0):
        response = client.get(detail_url)
    assert response["X-Page-Cache"] == "hit"
    assert "‘한국 수출 지도’" in response.content.decode()


def test_editing_a_release_shows_at_once(client, seed, detail_url):
    """A saved change invalidates every cached page."""
    client.get(detail_url)
    client.get(LIST_URL)
    seed.title_ko = "제목을 고쳤습니다"
    seed.save()
    assert "제목을 고쳤습니다" in client.get(detail_url).content.decode()
    assert "제목을 고쳤습니다" in client.get(LIST_URL).content.decode()


def test_a_new_comment_shows_on_its_release_page_at_once(client, seed, detail_url):
    """Publishing a comment invalidates the release's cached page."""
    from briefing.comments.models import Comment

    client.get(detail_url)
    author = get_user_model().objects.create_user("reader", password="pw-reader-1234")
    Comment.objects.create(release=seed, author=author, text="방금 남긴 새 댓글입니다")
    assert "방금 남긴 새 댓글입니다" in client.get(detail_url).content.decode()


def test_a_scheduled_release_appears_when_its_time_passes_without_any_save(client, seed):
    """Nobody saves anything at the embargo's end, yet the cached list shows the release then."""
    publish_at = timezone.now() + timedelta(minutes=10)
    Release.objects.create(
        title_ko="엠바고 보도자료", slug="embargo", ministry=seed.ministry, body_ko="<p>본문</p>",
        status=Release.Status.SCHEDULED, published_at=publish_at,
    )  # fmt: skip
    assert "엠바고 보도자료" not in client.get(LIST_URL).content.decode()
    assert client.get(LIST_URL)["X-Page-Cache"] == "hit"
    with mock.patch("django.utils.timezone.now", return_value=publish_at + timedelta(seconds=1)):
        response = client.get(LIST_URL)
    assert "엠바고 보도자료" in response.content.decode()


def test_logged_in_citizens_never_get_someone_elses_cached_page(client, seed, detail_url):
    """A citizen sees their own held comment; the anonymous cached copy never shows it."""
    from briefing.comments.models import Comment

    author = get_user_model().objects.create_user("writer", password="pw-writer-1234")
    Comment.objects.create(release=seed, author=author, text="검토를 기다리는 댓글", status="held")
    anonymous = client.get(detail_url)
    client.get(detail_url)
    client.force_login(author)
    own = client.get(detail_url)
    assert "X-Page-Cache" not in own
    assert "검토를 기다리는 댓글" in own.content.decode()
    assert "private" in own["Cache-Control"]
    client.logout()
    again = client.get(detail_url)
    assert "검토를 기다리는 댓글" not in again.content.decode()
    assert "검토를 기다리는 댓글" not in anonymous.content.decode()


def test_conditional_get_answers_304_and_proxies_may_hold_the_page(client, detail_url):
    """An ETag lets browsers revalidate; s-maxage lets a reverse proxy micro-cache the page."""
    first = client.get(detail_url)
    assert first["ETag"]
    assert "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]
    assert client.get(detail_url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_pages_served_from_the_cache_still_count_their_readers(client, seed, detail_url):
    """Two different readers count twice even though the second gets a cached page."""
    from briefing.pageviews.models import PageViewHour

    client.get(detail_url, REMOTE_ADDR="203.0.113.1")
    hit = client.get(detail_url, REMOTE_ADDR="203.0.113.2")
    assert hit["X-Page-Cache"] == "hit"
    client.get(detail_url, REMOTE_ADDR="203.0.113.2")  # same reader, same day: not again
    assert sum(PageViewHour.objects.filter(release=seed).values_list("count", flat=True)) == 2


# --- Page shells: the release page cached around its live comment section --------------------


@pytest.fixture
def shells_only(settings):
    """Whole pages off, so every request goes through the view and its cached shell."""
    settings.BRIEFING_PAGE_CACHE = False
    settings.BRIEFING_FRAGMENT_CACHE = True


def test_a_page_built_from_its_shell_is_the_page_rendered_whole(client, seed, settings):
    """The shell plus a live comment section gives byte for byte the page a full render gives."""
    from briefing.comments.models import Comment

    author = get_user_model().objects.create_user("reader", password="pw-reader-1234")
    Comment.objects.create(release=seed, author=author, text="첫 줄\n둘째 줄 <b>굵게</b>")
    settings.BRIEFING_PAGE_CACHE = False
    settings.BRIEFING_FRAGMENT_CACHE = False
    whole = client.get(seed.get_absolute_url()).content.decode()
    settings.BRIEFING_FRAGMENT_CACHE = True
    client.get(seed.get_absolute_url())  # stores the shell
    from_shell = client.get(seed.get_absolute_url()).content.decode()
    assert from_shell == whole
    assert "첫 줄<br>둘째 줄 &lt;b&gt;굵게&lt;/b&gt;" in from_shell


def test_a_new_comment_shows_through_the_shell_at_once(client, seed, shells_only):
    from briefing.comments.models import Comment

    client.get(seed.get_absolute_url())
    author = get_user_model().objects.create_user("reader", password="pw-reader-1234")
    Comment.objects.create(release=seed, author=author, text="껍데기 뒤에 새로 남긴 댓글")
    assert "껍데기 뒤에 새로 남긴 댓글" in client.get(seed.get_absolute_url()).content.decode()


def test_editing_a_release_replaces_its_shell(client, seed, shells_only):
    client.get(seed.get_absolute_url())
    seed.title_ko = "껍데기도 새로 만듭니다"
    seed.save()
    assert "껍데기도 새로 만듭니다" in client.get(seed.get_absolute_url()).content.decode()


def test_each_comment_page_and_language_has_its_own_shell(client, seed, shells_only):
    """The language switch and the comment pager link to the page they are on."""
    korean = client.get(seed.get_absolute_url()).content.decode()
    english = client.get(seed.get_absolute_url().replace("/ko/", "/en/", 1)).content.decode()
    assert '<html lang="ko">' in korean and '<html lang="en">' in english
    second = client.get(seed.get_absolute_url() + "?cpage=2").content.decode()
    assert "cpage=2" in second


def test_signed_in_citizens_never_get_the_anonymous_shell(client, seed, shells_only):
    """The anonymous shell has no comment form; a citizen's page has theirs, with its token."""
    from briefing.comments.models import Comment

    author = get_user_model().objects.create_user("writer", password="pw-writer-1234")
    Comment.objects.create(release=seed, author=author, text="검토를 기다리는 댓글", status="held")
    anonymous = client.get(seed.get_absolute_url()).content.decode()
    client.force_login(author)
    own = client.get(seed.get_absolute_url()).content.decode()
    assert "검토를 기다리는 댓글" in own and "검토를 기다리는 댓글" not in anonymous
    assert 'name="csrfmiddlewaretoken"' in own and 'name="csrfmiddlewaretoken"' not in anonymous
    client.logout()
    assert "검토를 기다리는 댓글" not in client.get(seed.get_absolute_url()).content.decode()


def test_a_withdrawn_release_is_never_served_from_an_old_shell(client, seed, shells_only):
    client.get(seed.get_absolute_url())
    seed.status = Release.Status.WITHDRAWN
    seed.save()
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "게시가 철회된 보도자료입니다" in page
    assert 'id="comments"' not in page


def test_a_comment_hidden_by_reports_disappears_from_the_cached_page_at_once(
    client, seed, detail_url, make_citizen, settings, django_capture_on_commit_callbacks
):
    """Hiding by reports is a bulk update; the page must not keep showing it for minutes."""
    from briefing.comments import post_comment, report_comment

    settings.COMMENTS_REPORT_HIDE_THRESHOLD = 2
    comment, _ = post_comment(
        release=seed, author=make_citizen("writer", "작성자"), text="신고로 가려질 의견입니다"
    )
    assert "신고로 가려질 의견입니다" in client.get(detail_url).content.decode()
    assert client.get(detail_url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        for name in ("r1", "r2"):
            report_comment(comment=comment, reporter=make_citizen(name, f"신고{name}"), rule=4)

    assert "신고로 가려질 의견입니다" not in client.get(detail_url).content.decode()


def test_a_withdrawn_release_leaves_the_sidebar_at_once(client, seed):
    """The sidebar lists the latest releases; withdrawing one removes it from every page."""
    newer = Release.objects.create(
        title_ko="곧 철회될 보도자료", slug="to-withdraw", ministry=seed.ministry,
        body_ko="<p>본문</p>", status=Release.Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    assert "곧 철회될 보도자료" in client.get(LIST_URL).content.decode()

    newer.status = Release.Status.WITHDRAWN
    newer.save()

    assert "곧 철회될 보도자료" not in client.get(seed.get_absolute_url()).content.decode()
