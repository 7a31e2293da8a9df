"""How each verdict of the rules engine is stored, and rule 11's memory of stored comments."""

import pytest

from briefing.comments import post_comment
from briefing.comments.models import Comment
from briefing.comments.services import comment_history
from briefing.moderation.queue import queue
from briefing.rules import Finding, engine

TEXT = "해외조달 수출실적이 늘어난 만큼 지원 예산 내역도 공개해 주세요."


@pytest.fixture
def no_limits(settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_PER_RELEASE_PER_DAY = 100


@pytest.fixture
def engine_says(monkeypatch):
    """Replace the rules' validators with one that finds what the test says."""

    def says(action, rule=10, urgent=False):
        finding = Finding(rule, action, "test", f"운영원칙 제{rule}항 테스트", urgent=urgent)
        monkeypatch.setattr(engine, "VALIDATORS", ((rule, lambda text, context: [finding]),))

    return says


def test_a_flagged_comment_is_published_and_queued_with_low_priority(
    citizen, seed, comments_url, client, engine_says
):
    """Flag means: visible to everyone now, and in the moderators' queue."""
    engine_says("flag")
    comment, _ = post_comment(release=seed, author=citizen, text=TEXT)

    assert comment.status == Comment.Status.PUBLISHED
    assert comment.needs_review
    assert comment.review_priority == Comment.Priority.LOW
    assert list(queue()) == [comment]
    assert TEXT in client.get(comments_url).content.decode()


def test_an_urgent_finding_goes_to_the_front_of_the_queue(citizen, make_citizen, seed, engine_says):
    """Urgent comments are reviewed before held ones, which come before flagged ones."""
    engine_says("flag")
    flagged, _ = post_comment(release=seed, author=citizen, text=TEXT)
    engine_says("hold", rule=8)
    held, _ = post_comment(release=seed, author=make_citizen("b", "나비"), text=TEXT)
    engine_says("hold", rule=8, urgent=True)
    urgent, _ = post_comment(release=seed, author=make_citizen("c", "다람쥐"), text=TEXT)

    assert list(queue()) == [urgent, held, flagged]
    assert urgent.urgent and urgent.rules == "8"


def test_a_failing_rules_engine_holds_the_comment_instead_of_crashing(
    citizen_client, post_url, monkeypatch
):
    """If a check itself breaks, the comment waits for a human and the author is told."""

    def broken(text, context):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "VALIDATORS", ((1, broken),))
    response = citizen_client.post(post_url, {"text": TEXT}, follow=True)

    assert Comment.objects.get().status == Comment.Status.HELD
    assert "검토 중" in response.content.decode()


def test_posting_the_same_comment_again_is_caught_by_rule_11(citizen, seed, no_limits):
    """The stored history reaches the rules engine, so a repeat is not published twice."""
    post_comment(release=seed, author=citizen, text=TEXT)

    again, verdict = post_comment(release=seed, author=citizen, text=TEXT)

    assert 11 in verdict.rules
    assert again is None or not again.is_public


def test_the_history_comes_from_two_queries(citizen, make_citizen, seed, django_assert_num_queries):
    """Rule 11's history is the author's recent texts and others' texts on the release: 2 queries."""
    post_comment(release=seed, author=citizen, text=TEXT)
    post_comment(release=seed, author=make_citizen("o", "오리"), text="다른 시민의 의견입니다.")

    with django_assert_num_queries(2):
        recent, flood = comment_history(citizen, seed)

    assert list(recent) == [TEXT]
    assert list(flood) == ["다른 시민의 의견입니다."]


CAMPAIGN = "해외조달 설명회를 지역별로 열어 주시면 지방 기업도 참여할 수 있겠습니다."


def test_the_same_text_from_several_new_accounts_is_held_from_the_third_copy(
    seed, make_citizen, no_limits
):
    """Rule 11 sees other accounts' comments on the release through post_comment itself."""
    posted = [
        post_comment(release=seed, author=make_citizen(f"acct{n}", f"계정{n}"), text=CAMPAIGN)
        for n in range(3)
    ]

    statuses = [comment.status for comment, _verdict in posted]
    assert statuses == [Comment.Status.PUBLISHED] * 2 + [Comment.Status.HELD]
    assert 11 in posted[2][1].rules


def test_established_accounts_posting_the_same_text_are_held_from_the_fourth_copy(
    seed, make_citizen, no_limits
):
    """Accounts older than a week get one more copy before it counts as a campaign."""
    from datetime import timedelta

    from django.utils import timezone

    authors = [make_citizen(f"old{n}", f"오래된{n}") for n in range(4)]
    for author in authors:
        author.date_joined = timezone.now() - timedelta(days=100)
        author.save(update_fields=["date_joined"])

    statuses = [
        post_comment(release=seed, author=author, text=CAMPAIGN)[0].status for author in authors
    ]

    assert statuses == [Comment.Status.PUBLISHED] * 3 + [Comment.Status.HELD]
