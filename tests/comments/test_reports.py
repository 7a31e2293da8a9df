"""Reports (신고): one per citizen per comment, rule 13 not offered, enough reports hide."""

import pytest
from django.test import Client

from briefing.comments import post_comment
from briefing.comments.models import Comment, Report

TEXT = "해외조달 수출 지원이 더 많은 중소기업에 돌아가면 좋겠습니다."


@pytest.fixture
def comment(seed, make_citizen):
    published, _ = post_comment(release=seed, author=make_citizen("writer", "글쓴이"), text=TEXT)
    return published


def report_url(comment):
    return f"/ko/comments/{comment.pk}/report/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_citizen_reports_a_comment_under_a_rule_with_a_note(citizen_client, citizen, comment):
    """The report is stored with its rule and note, and the citizen is sent back."""
    response = citizen_client.post(report_url(comment), {"rule": "2", "note": "사실이 아닙니다"})

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.rule, report.note) == (citizen, 2, "사실이 아닙니다")
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_the_report_form_offers_rules_1_to_12_but_not_13(citizen_client, comment):
    """Defamation (2) and other laws (12) are choices; an agency request (13) is not."""
    page = citizen_client.get(report_url(comment)).content.decode()

    assert 'value="2"' in page
    assert 'value="12"' in page
    assert 'value="13"' not in page
    refused = citizen_client.post(report_url(comment), {"rule": "13"})
    assert refused.context["form"].errors["rule"]
    assert not Report.objects.exists()


def test_a_second_report_by_the_same_citizen_is_refused_clearly(citizen_client, comment):
    """One report per citizen per comment; the second attempt gets a message, not an error."""
    citizen_client.post(report_url(comment), {"rule": "4"})

    again = citizen_client.post(report_url(comment), {"rule": "2"})

    assert again.status_code == 200
    assert "이미 신고한 댓글" in again.content.decode()
    assert Report.objects.count() == 1
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_reports_from_three_citizens_hide_the_comment_pending_review(
    settings, make_citizen, comment, comments_url
):
    """At the threshold of distinct reporters the comment leaves the public list and is queued."""
    settings.COMMENTS_REPORT_HIDE_THRESHOLD = 3
    reporters = [make_citizen(f"r{n}", f"신고자{n}") for n in range(3)]
    for reporter in reporters[:2]:
        client_for(reporter).post(report_url(comment), {"rule": "4"})
    assert TEXT in Client().get(comments_url).content.decode()

    client_for(reporters[2]).post(report_url(comment), {"rule": "4"})

    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.needs_review
    assert TEXT not in Client().get(comments_url).content.decode()
    author_page = client_for(comment.author).get(comments_url).content.decode()
    assert TEXT in author_page
    assert "검토 중" in author_page


def test_a_citizen_cannot_report_their_own_comment(comment):
    """Reporting oneself is refused with a message."""
    response = client_for(comment.author).post(report_url(comment), {"rule": "4"})

    assert "자신의 댓글은 신고할 수 없습니다" in response.content.decode()
    assert not Report.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_to_report(client, comment):
    """Only logged-in citizens report."""
    response = client.post(report_url(comment), {"rule": "4"})

    assert response.status_code == 302
    assert response["Location"].startswith("/ko/accounts/login/")
    assert not Report.objects.exists()


def test_a_held_comment_cannot_be_reported_or_even_seen_by_others(
    citizen_client, seed, make_citizen
):
    """Others get a 404 for a comment that only its author may see."""
    held, _ = post_comment(
        release=seed, author=make_citizen("w2", "작성자"), text="저는 조달청장입니다. 감사합니다."
    )
    assert held.status == Comment.Status.HELD

    assert citizen_client.get(report_url(held)).status_code == 404


def test_the_section_shows_a_report_link_on_others_comments_only(
    citizen_client, comment, comments_url
):
    """Each published comment by someone else has a report link naming its author."""
    page = citizen_client.get(comments_url).content.decode()

    assert report_url(comment) in page
    assert "글쓴이 님의 댓글 신고" in page
    own = client_for(comment.author).get(comments_url).content.decode()
    assert report_url(comment) not in own
