"""Each decision driven through the desk as a moderator would, with what the author is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from briefing.comments.models import Comment, Report, Suspension
from briefing.comments.services import post_comment
from briefing.moderation.models import AgencyRequest, AuditEntry
from tests.moderation_desk.conftest import HONEST, client_for, decide_url


def test_approving_a_held_comment_publishes_it_and_tells_the_author(
    moderator_client, held_comment, seed
):
    """Approve: public on the release page, out of the queue, and an e-mail goes out."""
    response = moderator_client.post(
        decide_url(held_comment, "approve"), {"version": 0, "note": ""}, follow=True
    )

    assert "승인해 게시했습니다" in response.content.decode()
    held_comment.refresh_from_db()
    assert (held_comment.status, held_comment.needs_review) == ("published", False)
    assert (
        "example.com/pps-report"
        in client_for_anyone().get(f"/ko/comments/on/{seed.slug}/").content.decode()
    )
    assert mail.outbox[-1].to == [held_comment.author.email]
    assert "게시" in mail.outbox[-1].body


def test_the_decision_e_mail_links_to_my_comments_by_the_site_address(
    moderator_client, held_comment, settings
):
    """A link in an e-mail is opened outside the site: it carries the configured address."""
    settings.SITE_URL = "https://briefing.example.kr"
    moderator_client.post(decide_url(held_comment, "approve"), {"version": 0, "note": ""})

    assert "https://briefing.example.kr/ko/my/comments/" in mail.outbox[-1].body


def client_for_anyone():
    from django.test import Client

    return Client()


def test_approving_closes_the_open_reports(moderator_client, reported_comment):
    """Reports on an approved comment are resolved, with an audit entry for the closure."""
    moderator_client.post(decide_url(reported_comment, "approve"), {"version": 0})

    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    closure = AuditEntry.objects.get(action="reports_closed")
    assert closure.details == {"closed": 1, "reported_rules": [4]}


def test_removing_requires_a_rule_and_tells_the_author_which(
    moderator_client, reported_comment, citizen
):
    """Without a rule the form says so; with rule 4 and a note, the author sees both."""
    missing = moderator_client.post(decide_url(reported_comment, "remove"), {"version": 0})
    assert missing.status_code == 400
    assert "필수 항목" in missing.content.decode() or "This field is required" in (
        missing.content.decode()
    )

    moderator_client.post(
        decide_url(reported_comment, "remove"),
        {"version": 0, "rule": 4, "note": "비하 표현이 있습니다."},
    )

    reported_comment.refresh_from_db()
    assert (reported_comment.status, reported_comment.decision_rule) == ("removed", 4)
    mine = client_for(citizen).get("/ko/my/comments/").content.decode()
    assert "제4항 욕설·비하 표현" in mine
    assert "비하 표현이 있습니다." in mine
    assert "제4항" in mail.outbox[-1].body


def test_rule_13_cannot_be_cited_for_a_plain_removal(moderator_client, held_comment):
    """Rule 13 is not among the removal choices: it needs an agency-request record."""
    response = moderator_client.post(decide_url(held_comment, "remove"), {"version": 0, "rule": 13})

    assert response.status_code == 400
    held_comment.refresh_from_db()
    assert held_comment.status == "held"


def test_rule_12_removal_needs_the_law_in_the_note(moderator_client, held_comment):
    """Other violation of law: refused without a note, applied with the law named."""
    refused = moderator_client.post(decide_url(held_comment, "remove"), {"version": 0, "rule": 12})
    assert "위반한 법령" in refused.content.decode()

    moderator_client.post(
        decide_url(held_comment, "remove"),
        {"version": 0, "rule": 12, "note": "공직선거법 제93조"},
    )
    held_comment.refresh_from_db()
    assert (held_comment.decision_rule, held_comment.decision_note) == (12, "공직선거법 제93조")


def test_a_removed_comment_can_be_restored(moderator_client, held_comment, seed):
    """Restore publishes a removed comment again."""
    moderator_client.post(decide_url(held_comment, "remove"), {"version": 0, "rule": 3})

    moderator_client.post(decide_url(held_comment, "restore"), {"version": 1})

    held_comment.refresh_from_db()
    assert held_comment.status == "published"
    assert [e.action for e in AuditEntry.objects.for_comment(held_comment)][:2] == [
        "restore",
        "remove",
    ]


def test_a_second_decision_on_an_old_version_is_refused_with_who_and_when(
    moderator_client, second_moderator, held_comment
):
    """The second moderator is told "already decided by … at …" and nothing changes."""
    moderator_client.post(decide_url(held_comment, "approve"), {"version": 0})

    response = client_for(second_moderator).post(
        decide_url(held_comment, "remove"), {"version": 0, "rule": 6}, follow=True
    )

    page = response.content.decode()
    assert "이미 mod-kim 님이" in page
    held_comment.refresh_from_db()
    assert held_comment.status == "published"
    assert AuditEntry.objects.filter(action__in=["approve", "remove"]).count() == 1


def test_a_temporary_measure_hides_for_up_to_30_days_and_shows_the_end_to_the_author(
    moderator_client, reported_comment, citizen
):
    """Rule 2: hidden, still queued, the end date on "my comments"; over 30 days is refused."""
    too_long = moderator_client.post(
        decide_url(reported_comment, "temporary"), {"version": 0, "days": 31}
    )
    assert too_long.status_code == 400

    moderator_client.post(decide_url(reported_comment, "temporary"), {"version": 0, "days": 30})

    reported_comment.refresh_from_db()
    assert reported_comment.status == "temporary" and reported_comment.needs_review
    end = timezone.localtime(reported_comment.hidden_until)
    assert (reported_comment.hidden_until - timezone.now()) <= timedelta(days=30)
    assert end.strftime("%Y.%m.%d") in client_for(citizen).get("/ko/my/comments/").content.decode()


def test_temporary_measures_about_to_lapse_are_listed_for_a_final_decision(
    moderator_client, reported_comment
):
    """A measure ending within three days appears under the lapsing filter; removal ends it."""
    moderator_client.post(decide_url(reported_comment, "temporary"), {"version": 0, "days": 2})

    lapsing = moderator_client.get("/ko/moderation/?state=lapsing").content.decode()
    assert f'id="comment-{reported_comment.pk}"' in lapsing

    moderator_client.post(decide_url(reported_comment, "remove"), {"version": 1, "rule": 2})
    reported_comment.refresh_from_db()
    assert (reported_comment.status, reported_comment.hidden_until) == ("removed", None)


def test_an_agency_request_withholds_the_comment_unchanged_for_superusers_to_read(
    officer_client, moderator_client, published_comment, seed
):
    """Rule 13: hidden from the public, text kept, record only superusers can read."""
    officer_client.post(
        decide_url(published_comment, "agency"),
        {
            "version": 0,
            "agency": "서울중앙지검",
            "reference": "2024-형제-123",
            "received_on": "2024-03-01",
        },
    )

    published_comment.refresh_from_db()
    assert published_comment.status == "withheld"
    assert published_comment.text == HONEST
    assert AgencyRequest.objects.get().reference == "2024-형제-123"
    assert HONEST not in client_for_anyone().get(f"/ko/comments/on/{seed.slug}/").content.decode()
    desk = moderator_client.get(f"/ko/moderation/comments/{published_comment.pk}/").content.decode()
    assert "2024-형제-123" not in desk
    entry = AuditEntry.objects.get(action="agency_request")
    assert "서울중앙지검" not in str(entry.details) + entry.note


def test_moderators_cannot_remove_or_delete_a_comment_kept_as_evidence(
    officer_client, moderator_client, published_comment
):
    """A withheld comment refuses moderators' decisions and the admin's delete page."""
    officer_client.post(
        decide_url(published_comment, "agency"),
        {"version": 0, "agency": "경찰청", "reference": "A-1", "received_on": "2024-03-01"},
    )

    response = moderator_client.post(
        decide_url(published_comment, "restore"), {"version": 1}, follow=True
    )
    assert "최고관리자만" in response.content.decode()
    delete = moderator_client.get(f"/admin/comments/comment/{published_comment.pk}/delete/")
    assert delete.status_code == 403
    assert Comment.objects.filter(pk=published_comment.pk, status="withheld").exists()


def test_suspending_the_author_stops_posting_until_the_end(
    moderator_client, held_comment, citizen, seed
):
    """A 7-day suspension citing a rule refuses posts now and lets them through after."""
    response = moderator_client.post(
        decide_url(held_comment, "suspend"),
        {"rule": 6, "days": 7, "reason": "광고를 반복해서 올렸습니다."},
        follow=True,
    )
    assert "이용 정지했습니다" in response.content.decode()
    suspension = Suspension.objects.get(user=citizen)
    assert suspension.rule == 6 and suspension.created_by.username == "mod-kim"

    refused = client_for(citizen).post(f"/ko/comments/on/{seed.slug}/post/", {"text": HONEST})
    assert "정지되었습니다" in refused.content.decode()

    later = timezone.now() + timedelta(days=8)
    comment, _verdict = post_comment(
        release=seed, author=citizen, text=HONEST + " 추가", enforce_limits=False, now=later
    )
    assert comment is not None


def test_a_permanent_suspension_has_no_end(moderator_client, held_comment, citizen):
    """The permanent box makes a suspension without an end date."""
    moderator_client.post(
        decide_url(held_comment, "suspend"),
        {"rule": 4, "permanent": "on", "reason": "반복된 욕설"},
    )

    assert Suspension.objects.get(user=citizen).ends_at is None


def test_a_moderator_lifts_a_suspension_in_the_admin_with_an_audit_entry(
    moderator_client, held_comment, citizen, seed
):
    """The admin action ends the suspension now, records who lifted it and tells the citizen."""
    moderator_client.post(
        decide_url(held_comment, "suspend"), {"rule": 6, "days": 7, "reason": "광고 반복"}
    )
    suspension = Suspension.objects.get(user=citizen)

    response = moderator_client.post(
        "/admin/comments/suspension/",
        {"action": "lift_selected", "_selected_action": [suspension.pk]},
        follow=True,
    )

    assert "1건을 처리했습니다" in response.content.decode()
    entry = AuditEntry.objects.get(action="lift_suspension")
    assert entry.actor.username == "mod-kim" and entry.rule == 6
    assert "해제" in mail.outbox[-1].subject
    comment, _verdict = post_comment(
        release=seed, author=citizen, text=HONEST + " 다시", enforce_limits=False
    )
    assert comment is not None
    again = moderator_client.post(
        "/admin/comments/suspension/",
        {"action": "lift_selected", "_selected_action": [suspension.pk]},
        follow=True,
    )
    assert "이미 끝난 이용 정지입니다" in again.content.decode()


def test_a_moderator_cannot_decide_their_own_comment(moderator, moderator_client, seed):
    """A moderator's own held comment waits for another moderator; the desk says so."""
    comment, _verdict = post_comment(
        release=seed,
        author=moderator,
        text="관련 자료는 http://example.com/pps-report 에서 확인하세요.",
        enforce_limits=False,
    )
    assert comment.status == "held"

    response = moderator_client.post(decide_url(comment, "approve"), {"version": 0}, follow=True)

    assert "다른 관리자가 처리해야 합니다" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "held"


def test_bulk_remove_applies_one_rule_to_every_selected_comment(
    moderator_client, seed, make_citizen
):
    """Two held ads removed at once under rule 6; each gets its own audit entry."""
    ads = []
    for n in range(2):
        comment, _v = post_comment(
            release=seed,
            author=make_citizen(f"ad{n}"),
            text=f"해외조달 컨설팅 문의는 저희 회사로 연락 주세요. 최저가 보장 {n}",
            enforce_limits=False,
        )
        ads.append(comment)

    moderator_client.post(
        "/ko/moderation/bulk/",
        {"action": "remove", "rule": 6, "selected": [f"{c.pk}:0" for c in ads]},
    )

    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in ads]).values_list("status", flat=True)
    ) == {"removed"}
    assert AuditEntry.objects.filter(action="remove", rule=6).count() == 2


def test_bulk_remove_without_a_rule_changes_nothing(moderator_client, held_comment):
    """The desk says a rule is needed and leaves the comment held."""
    response = moderator_client.post(
        "/ko/moderation/bulk/",
        {"action": "remove", "selected": [f"{held_comment.pk}:0"]},
        follow=True,
    )

    assert "운영원칙을 고르세요" in response.content.decode()
    held_comment.refresh_from_db()
    assert held_comment.status == "held"


def test_the_admin_action_removes_through_the_same_decision(moderator, held_comment):
    """The admin's "remove selected" with a rule makes the same decision and audit entry."""
    client = client_for(moderator)
    client.post(
        "/admin/comments/comment/",
        {"action": "remove_selected", "_selected_action": [held_comment.pk], "rule": 3, "note": ""},
    )

    held_comment.refresh_from_db()
    assert (held_comment.status, held_comment.decision_rule) == ("removed", 3)
    assert AuditEntry.objects.get(action="remove").actor == moderator


@pytest.mark.parametrize("action", ["approve", "remove", "temporary"])
def test_a_get_request_never_decides(moderator_client, held_comment, action):
    """Decisions are POST only."""
    assert moderator_client.get(decide_url(held_comment, action)).status_code == 405
