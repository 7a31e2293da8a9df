"""Appeals go back to a different moderator; every step leaves an immutable audit entry."""

import pytest
from django.core.management import call_command

from briefing.comments.models import Comment
from briefing.comments.services import report_comment
from briefing.moderation.models import AuditEntry, ImmutableRecord
from tests.moderation_desk.conftest import LINK, client_for, decide_url


@pytest.fixture
def removed_comment(moderator_client, held_comment):
    moderator_client.post(
        decide_url(held_comment, "remove"), {"version": 0, "rule": 3, "note": "외부 링크"}
    )
    held_comment.refresh_from_db()
    return held_comment


def appeal(citizen, comment, text="홍보가 아니라 공공기관 자료 링크입니다."):
    return client_for(citizen).post(f"/ko/comments/{comment.pk}/appeal/", {"text": text})


def test_an_author_appeals_once_and_the_comment_returns_to_the_queue(
    removed_comment, citizen, moderator_client
):
    """The appeal is marked in the queue; a second appeal is refused with a message."""
    assert appeal(citizen, removed_comment).status_code == 302

    queue = moderator_client.get("/ko/moderation/?state=appealed").content.decode()
    assert f'id="comment-{removed_comment.pk}"' in queue
    assert "공공기관 자료 링크" in queue
    again = appeal(citizen, removed_comment, "다시")
    assert "한 번만" in again.content.decode()


def test_the_moderator_who_removed_cannot_decide_the_appeal(
    removed_comment, citizen, moderator_client, second_moderator
):
    """The remover is refused; a different moderator restores and the appeal is closed."""
    appeal(citizen, removed_comment)

    refused = moderator_client.post(
        decide_url(removed_comment, "restore"), {"version": 1}, follow=True
    )
    assert "다른 관리자가 처리해야" in refused.content.decode()

    client_for(second_moderator).post(decide_url(removed_comment, "restore"), {"version": 1})
    removed_comment.refresh_from_db()
    assert removed_comment.status == "published"
    assert removed_comment.appeal.decided_at is not None
    assert AuditEntry.objects.get(action="restore").details["appeal"] == "granted"


def test_another_citizen_cannot_appeal(removed_comment, make_citizen):
    """Someone else's comment is not found for them."""
    assert appeal(make_citizen("stranger"), removed_comment).status_code == 404


def test_a_comment_that_was_not_removed_cannot_be_appealed(held_comment, citizen):
    """Only removals can be appealed: a clear message, nothing stored."""
    response = appeal(citizen, held_comment)

    assert "삭제된 댓글에만" in response.content.decode()


def test_the_automatic_hold_records_the_rules_and_scores_but_not_the_text(held_comment):
    """The rules' hold is an entry by system:rules with codes and scores, never the words."""
    entry = AuditEntry.objects.get(action="hold")

    assert (entry.actor, entry.actor_name, entry.rule) == (None, "system:rules", 3)
    assert entry.details["verdict"]["findings"][0]["code"] == "link.unknown"
    assert "example.com" not in str(entry.details) and LINK not in entry.note


def test_the_auto_hide_records_the_report_count_and_threshold(
    settings, published_comment, make_citizen
):
    """Three reports hide the comment; the entry keeps the count and the threshold used."""
    settings.COMMENTS_REPORT_HIDE_THRESHOLD = 3
    for n in range(3):
        report_comment(comment=published_comment, reporter=make_citizen(f"r{n}"), rule=4)

    entry = AuditEntry.objects.get(action="auto_hide")
    assert entry.details == {"report_count": 3, "threshold": 3}
    assert (entry.state_before, entry.state_after) == ("published", "hidden")


def test_a_decision_entry_names_who_when_rule_note_and_states(removed_comment, moderator):
    """The removal entry holds the moderator, rule, note and the state before and after."""
    entry = AuditEntry.objects.get(action="remove")

    assert (entry.actor, entry.rule, entry.note) == (moderator, 3, "외부 링크")
    assert (entry.state_before, entry.state_after) == ("held", "removed")


def test_the_comment_page_shows_its_whole_history(removed_comment, moderator_client):
    """Hold, then removal, both listed on the comment's page."""
    page = moderator_client.get(f"/ko/moderation/comments/{removed_comment.pk}/").content.decode()

    assert "규칙에 따른 자동 보류" in page
    assert "mod-kim" in page and "외부 링크" in page


def test_audit_entries_cannot_be_changed_or_deleted(removed_comment):
    """Saving an existing entry, deleting it, or updating in bulk all raise."""
    entry = AuditEntry.objects.get(action="remove")
    entry.note = "고친 메모"

    with pytest.raises(ImmutableRecord):
        entry.save()
    with pytest.raises(ImmutableRecord):
        entry.delete()
    with pytest.raises(ImmutableRecord):
        AuditEntry.objects.all().update(note="x")
    with pytest.raises(ImmutableRecord):
        AuditEntry.objects.all().delete()


def test_moderators_read_the_audit_trail_in_the_admin_but_cannot_change_it(
    removed_comment, moderator_client
):
    """The list opens; change and delete pages are refused."""
    entry = AuditEntry.objects.get(action="remove")

    assert moderator_client.get("/admin/moderation/auditentry/").status_code == 200
    change = moderator_client.post(
        f"/admin/moderation/auditentry/{entry.pk}/change/", {"note": "x"}
    )
    assert change.status_code == 403
    delete = moderator_client.post(
        f"/admin/moderation/auditentry/{entry.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).note == "외부 링크"


def test_deleting_a_comment_keeps_its_audit_entries(removed_comment, seed):
    """The trail outlives the comment: the number stays when the comment row goes."""
    number = removed_comment.pk
    Comment.objects.filter(pk=number).delete()

    assert AuditEntry.objects.filter(comment_number=number, comment__isnull=True).count() >= 2


def test_the_demo_queue_holds_held_reported_and_hidden_comments_once(seed):
    """seed_demo_queue gives every state to try, and a second run adds nothing."""
    from briefing.moderation.demo import ensure_demo_staff, seed_demo_queue

    staff = ensure_demo_staff(seed.ministry)
    made = seed_demo_queue(seed)

    assert [username for _purpose, username, _pw in staff] == ["editor", "publisher", "moderator"]
    assert sorted(c.status for c in made) == ["held", "held", "hidden", "published"]
    assert all(c.needs_review for c in made)
    assert seed_demo_queue(seed) == []
    call_command("check")
