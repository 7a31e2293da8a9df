"""The queue page: what it lists, in what order, its filters, and a constant query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefing.comments.models import Comment, Report, Suspension
from briefing.moderation.lapses import send_due_notices
from tests.moderation_desk.conftest import client_for

QUEUE = "/ko/moderation/"


def test_the_queue_shows_text_release_rules_reports_and_author_history(
    moderator_client, reported_comment, held_comment, seed
):
    """Both comments, the rule that fired, the reporter's rule and note, the author's counts."""
    page = moderator_client.get(QUEUE).content.decode()

    assert f'id="comment-{held_comment.pk}"' in page
    assert f'id="comment-{reported_comment.pk}"' in page
    assert seed.get_absolute_url() in page
    assert "확인되지 않은 외부 링크" in page and "제3항" in page
    assert "link.unknown" not in page
    assert "제4항 욕설·비하 표현" in page and "욕설 같아요" in page
    assert "댓글 2개, 삭제된 댓글 0개" in page


def test_counts_per_state_and_the_state_filter(moderator_client, reported_comment, held_comment):
    """The held filter lists only held comments; the counts show one of each."""
    page = moderator_client.get(QUEUE + "?state=held").content.decode()

    assert f'id="comment-{held_comment.pk}"' in page
    assert f'id="comment-{reported_comment.pk}"' not in page
    assert "검토 대기 1" in page and "신고됨 1" in page


def test_rule_release_and_search_filters(moderator_client, reported_comment, held_comment, seed):
    """Rule 4 (reported) finds the reported one; a search finds the held one by its words."""
    by_rule = moderator_client.get(QUEUE + "?rule=4").content.decode()
    assert f'id="comment-{reported_comment.pk}"' in by_rule
    assert f'id="comment-{held_comment.pk}"' not in by_rule

    by_search = moderator_client.get(QUEUE + f"?q=pps-report&release={seed.pk}").content.decode()
    assert f'id="comment-{held_comment.pk}"' in by_search
    assert f'id="comment-{reported_comment.pk}"' not in by_search


def test_bad_filter_values_show_the_whole_queue_not_an_error(moderator_client, held_comment):
    """Nonsense in the query string is a form error on the page, never a 500."""
    response = moderator_client.get(QUEUE + "?rule=99&release=x&state=nope&page=zzz")

    assert response.status_code == 200
    assert f'id="comment-{held_comment.pk}"' in response.content.decode()


def test_most_reports_times_age_comes_first(moderator_client, seed, make_citizen):
    """An older comment with more reports is listed before a newer one with none."""
    author = make_citizen("writer")
    now = timezone.now()
    fresh = Comment.objects.create(
        release=seed,
        author=author,
        text="새 글",
        status="held",
        needs_review=True,
        created_at=now - timedelta(minutes=5),
    )
    older = Comment.objects.create(
        release=seed,
        author=author,
        text="오래된 글",
        status="hidden",
        needs_review=True,
        report_count=3,
        created_at=now - timedelta(hours=5),
    )

    page = moderator_client.get(QUEUE).content.decode()

    assert page.index(f'id="comment-{older.pk}"') < page.index(f'id="comment-{fresh.pk}"')


def fill_queue(release, citizens, count):
    """``count`` queued comments in every state, with reports and some suspended authors."""
    states = ["held", "hidden", "published", "temporary"]
    now = timezone.now()
    comments = Comment.objects.bulk_create(
        Comment(
            release=release,
            author=citizens[n % len(citizens)],
            text=f"대기 중인 댓글 {n}",
            status=states[n % 4],
            needs_review=True,
            report_count=n % 3,
            rules="3" if n % 4 == 0 else "",
            findings={
                "findings": [
                    {
                        "rule": 3,
                        "action": "hold",
                        "code": "link.unknown",
                        "score": 0.5,
                        "urgent": False,
                    }
                ]
            },
            hidden_until=now + timedelta(days=n % 30) if n % 4 == 3 else None,
            created_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )
    Report.objects.bulk_create(
        Report(comment=comment, reporter=citizens[(i + 1) % len(citizens)], rule=4, note="신고")
        for i, comment in enumerate(comments)
        if comment.report_count
    )
    return comments


@pytest.fixture
def citizens(make_citizen):
    people = [make_citizen(f"c{n}") for n in range(20)]
    Suspension.objects.create(user=people[0], rule=4, reason="욕설", ends_at=None)
    return people


def queries_for_queue(client, query=""):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE + query)
    assert response.status_code == 200
    return len(captured)


def test_the_queue_page_costs_the_same_queries_for_10_or_1000_items(moderator, seed, citizens):
    """Ten items and a thousand (fifty per page) take exactly the same number of queries, once
    the temporary measures' notices due are sent (the first load sends them: lapses.py)."""
    client = client_for(moderator)
    fill_queue(seed, citizens, 10)
    send_due_notices()
    small = queries_for_queue(client)

    fill_queue(seed, citizens, 990)
    send_due_notices()
    large = queries_for_queue(client)
    last_page = queries_for_queue(client, "?page=20&rule=4")

    assert Comment.objects.filter(needs_review=True).count() == 1000
    assert small == large == last_page
    assert large <= 17  # 15, and the two that find no notice due


def test_the_desk_and_my_comments_speak_english_under_en(moderator_client, held_comment, citizen):
    """Locale smoke test: the queue heading and the author's decision line are translated."""
    moderator_client.post(
        f"/en/moderation/comments/{held_comment.pk}/remove/", {"version": 0, "rule": 3}
    )

    assert "Comment review" in moderator_client.get("/en/moderation/").content.decode()
    mine = client_for(citizen).get("/en/my/comments/").content.decode()
    assert "Removed under posting rule Rule 3" in mine


@pytest.mark.parametrize(
    "target", ["javascript:alert(document.cookie)", "https://evil.example/", "//evil.example/x"]
)
def test_the_back_link_never_leads_off_the_site(moderator_client, held_comment, target):
    """?next= is shown only when it is an address on this site."""
    from urllib.parse import quote

    page = moderator_client.get(
        f"/ko/moderation/comments/{held_comment.pk}/?next={quote(target)}"
    ).content.decode()
    assert f'href="{target}"' not in page and f'value="{target}"' not in page
    assert 'href="/ko/moderation/"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/admin/comments/comment/?rule=%C2%B2",
        "/admin/comments/comment/?rule=abc",
        "/admin/comments/comment/?created_at__gte=9999-12-31",
        "/admin/comments/comment/?created_at__day=99&created_at__month=13",
        "/admin/moderation/auditentry/?created_at__gte=zzz",
        "/admin/releases/release/?q=%00",
    ],
)
def test_staff_filters_with_nonsense_values_never_answer_500(client, seed, url):
    """The admin's rule filter and date filters take whatever is typed into the address bar."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "r@e.x", "pw-root-123!"))
    assert client.get(url).status_code in (200, 302)


@pytest.mark.parametrize(
    "selected", ["99999999999999999999:1", "1:99999999999999999999", "²:1", "1:", ":"]
)
def test_the_bulk_form_refuses_numbers_it_cannot_read(moderator_client, held_comment, selected):
    """An unreadable selection is a message beside the bulk form (400), not a 500."""
    response = moderator_client.post(
        "/ko/moderation/bulk/", {"action": "approve", "selected": [selected]}
    )
    assert response.status_code == 400
    assert "선택한 댓글을 알아볼 수 없습니다" in response.content.decode()
