"""The temporary measure (임시조치) as 정보통신망법 제44조의2 has it, through the pages people use.

A measure hides a comment behind a placeholder on the board, tells the requesters (the rule-2
reporters) and the poster, lets the poster object (재게시 요청), and ends by itself at its end
time unless a moderator decides first. The clock is moved by patching django.utils.timezone.now.
"""

from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefing.comments.models import Appeal, Comment, Report, Suspension
from briefing.comments.services import post_comment, report_comment
from briefing.moderation.actions import perform_remove, suspend_author
from briefing.moderation.lapses import send_due_notices
from briefing.moderation.models import AgencyRequest, AuditEntry
from tests.moderation_desk.conftest import HONEST, client_for, decide_url

PLACEHOLDER = "권리침해 신고로 임시조치된 댓글입니다."


@contextmanager
def clock_at(moment):
    """Every timezone.now() in the site reads ``moment`` (the test client's thread included)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@pytest.fixture(autouse=True)
def long_sessions(settings):
    """Sessions outlive the 30 days the clock jumps, so the signed-in clients stay signed in."""
    settings.SESSION_COOKIE_AGE = 400 * 24 * 3600


@pytest.fixture
def defamation_report(published_comment, make_citizen):
    """A rule-2 report by the person the comment is about, with their explanation."""
    reporter = make_citizen("victim", "당사자")
    report_comment(
        comment=published_comment,
        reporter=reporter,
        rule=2,
        note="저에 대한 허위 사실입니다",
        concerned_party=True,
        explanation="댓글이 말하는 계약은 제가 맡은 적이 없습니다.",
    )
    published_comment.refresh_from_db()
    return reporter


@pytest.fixture
def measured(moderator_client, published_comment, defamation_report):
    """The reported comment under a 30-day measure; mail.outbox emptied after the start notices."""
    response = moderator_client.post(
        decide_url(published_comment, "temporary"), {"version": 0, "days": 30}
    )
    assert response.status_code == 302
    published_comment.refresh_from_db()
    return published_comment


def page_of(release, client=None):
    from django.test import Client

    return (client or Client()).get(release.get_absolute_url()).content.decode()


# --- the board, and the end of the measure -------------------------------------------------------


def test_the_board_shows_a_placeholder_with_the_end_date_and_neither_text_nor_author(
    measured, seed
):
    page = page_of(seed)
    end = timezone.localtime(measured.hidden_until).strftime("%Y.%m.%d %H:%M")
    assert PLACEHOLDER in page
    assert end in page
    assert HONEST not in page
    assert "민지" not in page  # the poster's display name
    assert f'id="comment-{measured.pk}"' in page


def test_the_measure_ends_by_itself_and_the_cached_page_shows_the_comment_again(measured, seed):
    """No job runs: at hidden_until the comment is public again, the page cache included."""
    first = page_of(seed)  # stored in the page cache with the placeholder
    assert PLACEHOLDER in first
    assert PLACEHOLDER in page_of(seed)

    with clock_at(measured.hidden_until + timedelta(minutes=1)):
        after = page_of(seed)
        assert Comment.objects.public().filter(pk=measured.pk).exists()
        measured.refresh_from_db()
        assert measured.is_public and measured.measure_lapsed
    assert HONEST in after
    assert PLACEHOLDER not in after


def test_a_decision_before_the_end_keeps_the_comment_down(moderator_client, measured, seed):
    moderator_client.post(decide_url(measured, "remove"), {"version": 1, "rule": 2})
    with clock_at(measured.hidden_until + timedelta(days=1)):
        page = page_of(seed)
    assert HONEST not in page and PLACEHOLDER not in page


def test_a_placeholder_costs_the_section_no_extra_query(measured, seed):
    """The section's queries are the same with a comment under measure and without."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from briefing.comments.rendering import render_comment_section

    request = RequestFactory().get(seed.get_absolute_url())
    request.user = AnonymousUser()

    def section():
        with CaptureQueriesContext(connection) as captured:
            html = render_comment_section(request, seed)
        return len(captured), html

    with_placeholder, html = section()
    assert PLACEHOLDER in html
    with clock_at(measured.hidden_until + timedelta(minutes=1)):
        without, html = section()
    assert HONEST in html
    assert with_placeholder == without == 2


# --- notices --------------------------------------------------------------------------------------


def test_the_requester_and_the_poster_are_told_when_the_measure_starts(
    measured, defamation_report, citizen
):
    to = {message.to[0]: message for message in mail.outbox}
    assert set(to) == {citizen.email, defamation_report.email}
    requester_mail = to[defamation_report.email].body
    assert "임시조치" in requester_mail
    assert HONEST not in requester_mail and "민지" not in requester_mail
    assert "재게시를 요청할 수 있습니다" in to[citizen.email].body


def test_lapse_notices_go_to_both_sides_once(measured, defamation_report, citizen):
    mail.outbox.clear()
    with clock_at(measured.hidden_until + timedelta(hours=1)):
        assert send_due_notices() == {"lapsed": 1, "reminded": 0}
        assert send_due_notices() == {"lapsed": 0, "reminded": 0}
        call_command("send_measure_notices", stdout=open("/dev/null", "w"))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [citizen.email, defamation_report.email]
    )
    assert all("임시조치 종료" in message.subject for message in mail.outbox)
    lapsed = AuditEntry.objects.get(action="measure_lapsed")
    assert (lapsed.actor_name, lapsed.comment_number) == ("system:clock", measured.pk)


def test_loading_the_queue_sends_the_due_notices_and_shows_the_measure_overdue(
    moderator, measured, citizen
):
    mail.outbox.clear()
    with clock_at(measured.hidden_until + timedelta(hours=1)):
        client = client_for(moderator)
        overdue = client.get("/ko/moderation/?state=overdue").content.decode()
        lapsing = client.get("/ko/moderation/?state=lapsing").content.decode()
        desk = client.get(f"/ko/moderation/comments/{measured.pk}/").content.decode()
    assert f'id="comment-{measured.pk}"' in overdue
    assert f'id="comment-{measured.pk}"' not in lapsing
    assert "임시조치 기간이 지났습니다." in desk
    assert citizen.email in [message.to[0] for message in mail.outbox]


def test_moderators_are_reminded_once_a_few_days_before_the_end(
    measured, moderator, second_moderator
):
    mail.outbox.clear()
    with clock_at(measured.hidden_until - timedelta(days=2)):
        assert send_due_notices()["reminded"] == 1
        assert send_due_notices()["reminded"] == 0
    reminded = sorted(message.to[0] for message in mail.outbox)
    assert reminded == sorted([moderator.email, second_moderator.email])
    assert f"/ko/moderation/comments/{measured.pk}/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="lapse_reminder").count() == 1


def test_a_decision_tells_the_requester_and_closes_the_measure(
    moderator_client, measured, defamation_report
):
    mail.outbox.clear()
    moderator_client.post(decide_url(measured, "remove"), {"version": 1, "rule": 2})
    requester_mail = [m for m in mail.outbox if m.to == [defamation_report.email]]
    assert len(requester_mail) == 1 and "삭제했습니다" in requester_mail[0].body
    with clock_at(measured.hidden_until + timedelta(hours=1)):
        assert send_due_notices() == {"lapsed": 0, "reminded": 0}


def test_my_comments_says_the_measure_ended(measured, citizen):
    during = client_for(citizen).get("/ko/my/comments/").content.decode()
    assert "임시조치되었습니다" in during
    with clock_at(measured.hidden_until + timedelta(hours=1)):
        after = client_for(citizen).get("/ko/my/comments/").content.decode()
    end = timezone.localtime(measured.hidden_until).strftime("%Y.%m.%d %H:%M")
    assert f"임시조치가 {end}에 끝나 댓글이 다시 게시되었습니다." in after
    assert "까지 임시조치되었습니다" not in after


# --- the poster's objection (재게시 요청) ---------------------------------------------------------


def test_an_objection_goes_first_in_the_queue_and_the_desk_shows_it(
    measured, citizen, moderator_client, held_comment
):
    poster = client_for(citizen)
    form = poster.get("/ko/my/comments/").content.decode()
    assert f'action="/ko/comments/{measured.pk}/objection/"' in form

    response = poster.post(
        f"/ko/comments/{measured.pk}/objection/", {"text": "사실에 근거한 의견입니다."}
    )
    assert response.status_code == 302
    measured.refresh_from_db()
    assert measured.review_priority == Comment.Priority.URGENT
    queue = moderator_client.get("/ko/moderation/").content.decode()
    assert queue.index(f'id="comment-{measured.pk}"') < queue.index(
        f'id="comment-{held_comment.pk}"'
    )
    desk = moderator_client.get(f"/ko/moderation/comments/{measured.pk}/").content.decode()
    assert "사실에 근거한 의견입니다." in desk
    assert AuditEntry.objects.filter(action="objection", comment_number=measured.pk).exists()
    again = poster.get("/ko/my/comments/").content.decode()
    assert "재게시 요청을 관리자가 검토하고 있습니다." in again
    assert f'action="/ko/comments/{measured.pk}/objection/"' not in again


@pytest.mark.parametrize(
    ("action", "data", "word"),
    [("restore", {"version": 1}, "인용"), ("remove", {"version": 1, "rule": 2}, "기각")],
)
def test_deciding_answers_the_objection_and_tells_the_poster(
    measured, citizen, moderator_client, action, data, word
):
    client_for(citizen).post(f"/ko/comments/{measured.pk}/objection/", {"text": "다시 봐 주세요."})
    mail.outbox.clear()
    moderator_client.post(decide_url(measured, action), data)

    poster_mail = [m for m in mail.outbox if m.to == [citizen.email]]
    assert f"재게시 요청: {word}" in poster_mail[0].body
    mine = client_for(citizen).get("/ko/my/comments/").content.decode()
    assert "재게시 요청이" in mine and f"에 {word}되었습니다." in mine
    assert AuditEntry.objects.get(action=action).details["objection"] in ("granted", "upheld")


def test_an_objection_without_a_reason_comes_back_with_the_error_beside_the_field(
    measured, citizen
):
    response = client_for(citizen).post(f"/ko/comments/{measured.pk}/objection/", {"text": " "})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in page and 'role="alert"' in page


def test_only_the_poster_and_only_during_the_measure_may_object(measured, citizen, make_citizen):
    stranger = client_for(make_citizen("stranger"))
    assert stranger.post(f"/ko/comments/{measured.pk}/objection/", {"text": "x"}).status_code == 404
    with clock_at(measured.hidden_until + timedelta(hours=1)):
        late = client_for(citizen).post(
            f"/ko/comments/{measured.pk}/objection/", {"text": "늦은 요청"}, follow=True
        )
    assert "임시조치 중인 댓글에만" in late.content.decode()
    assert not measured.objections.exists()


# --- rule-2 reports: the person concerned and their explanation ------------------------------------


def test_the_moderator_sees_whether_the_reporter_is_concerned_and_their_explanation(
    published_comment, make_citizen, moderator_client
):
    reporter = client_for(make_citizen("victim", "당사자"))
    reporter.post(
        f"/ko/comments/{published_comment.pk}/report/",
        {"rule": 2, "concerned_party": "yes", "explanation": "저는 그 계약을 맡지 않았습니다."},
    )
    report = Report.objects.get()
    assert (report.concerned_party, report.explanation) == (True, "저는 그 계약을 맡지 않았습니다.")
    desk = moderator_client.get(f"/ko/moderation/comments/{published_comment.pk}/").content.decode()
    assert "당사자라고 밝혔습니다" in desk and "저는 그 계약을 맡지 않았습니다." in desk


def test_other_reports_keep_no_party_or_explanation(published_comment, make_citizen):
    client_for(make_citizen("reader")).post(
        f"/ko/comments/{published_comment.pk}/report/",
        {"rule": 4, "concerned_party": "yes", "explanation": "필요 없는 내용"},
    )
    report = Report.objects.get()
    assert (report.concerned_party, report.explanation) == (None, "")


# --- rule 13: who may record, which dates, what the author reads -----------------------------------

AGENCY = {
    "version": 0,
    "agency": "서울경찰청",
    "reference": "2024-001",
    "received_on": "2024-03-01",
}


def test_a_moderator_who_is_not_an_officer_cannot_record_an_agency_request(
    moderator_client, published_comment
):
    desk = moderator_client.get(f"/ko/moderation/comments/{published_comment.pk}/").content
    assert "수사기관 요청 기록(제13항)" not in desk.decode()
    response = moderator_client.post(decide_url(published_comment, "agency"), AGENCY, follow=True)
    assert "지정된 담당자만" in response.content.decode()
    assert not AgencyRequest.objects.exists()
    published_comment.refresh_from_db()
    assert published_comment.status == "published"


def test_an_agency_request_dated_in_the_future_is_refused_beside_the_date(
    officer_client, published_comment
):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = officer_client.post(
        decide_url(published_comment, "agency"), {**AGENCY, "received_on": tomorrow}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "요청 일자는 오늘이나 그 이전이어야 합니다." in page
    assert not AgencyRequest.objects.exists()


def test_the_author_learns_of_an_agency_request_only_when_it_may_be_disclosed(
    officer_client, published_comment, citizen, seed
):
    officer_client.post(decide_url(published_comment, "agency"), AGENCY)
    mine = client_for(citizen).get("/ko/my/comments/").content.decode()
    assert "검토 중이어서 공개되지 않습니다." in mine
    assert "수사기관" not in mine and "제13항" not in mine

    second, _verdict = post_comment(
        release=seed,
        author=citizen,
        text="두 번째 의견입니다. 좋은 정책입니다.",
        enforce_limits=False,
    )
    officer_client.post(decide_url(second, "agency"), {**AGENCY, "disclosable": "on"})
    mine = client_for(citizen).get("/ko/my/comments/").content.decode()
    assert "수사기관의 요청에 따라" in mine
    assert AgencyRequest.objects.get(comment=second).disclosable is True


def test_the_officers_group_is_made_by_migration_and_moderators_lost_the_add_permission(
    moderator, officer
):
    assert officer.has_perm("moderation.record_agency_request")
    assert not moderator.has_perm("moderation.record_agency_request")
    assert not moderator.has_perm("moderation.add_agencyrequest")


def test_received_on_today_is_accepted(officer_client, published_comment):
    officer_client.post(
        decide_url(published_comment, "agency"),
        {**AGENCY, "received_on": timezone.localdate().isoformat()},
    )
    assert AgencyRequest.objects.get().received_on == timezone.localdate()
    assert isinstance(AgencyRequest.objects.get().received_on, date)


# --- suspensions and appeals on the citizen's own pages ---------------------------------------------


def test_a_suspension_shows_its_end_and_reason_on_my_comments_and_the_profile(
    citizen, moderator, published_comment
):
    suspension = suspend_author(
        user=citizen, moderator=moderator, rule=4, reason="반복된 욕설", days=7
    )
    end = timezone.localtime(suspension.ends_at).strftime("%Y.%m.%d %H:%M")
    for url in ("/ko/my/comments/", "/ko/accounts/profile/"):
        page = client_for(citizen).get(url).content.decode()
        assert "댓글 이용이 정지되어 있습니다." in page
        assert f"정지 종료: {end}" in page and "반복된 욕설" in page


def test_a_moderator_lifts_a_suspension_from_the_desk_with_an_audit_entry(
    citizen, moderator, second_moderator, published_comment, seed
):
    suspension = suspend_author(user=citizen, moderator=moderator, rule=4, reason="욕설", days=7)
    desk_client = client_for(second_moderator)
    desk = desk_client.get(f"/ko/moderation/comments/{published_comment.pk}/").content.decode()
    lift_url = f"/ko/moderation/suspensions/{suspension.pk}/lift/"
    assert f'action="{lift_url}"' in desk

    mail.outbox.clear()
    response = desk_client.post(lift_url, {"note": "소명을 받아들임"}, follow=True)
    assert "이용 정지를 해제했습니다." in response.content.decode()
    entry = AuditEntry.objects.get(action="lift_suspension")
    assert (entry.actor_name, entry.note) == ("mod-lee", "소명을 받아들임")
    assert mail.outbox[0].to == [citizen.email]
    assert "댓글 이용이 정지되어 있습니다." not in (
        client_for(citizen).get("/ko/my/comments/").content.decode()
    )
    assert not Suspension.objects.active().filter(user=citizen).exists()


def test_citizens_and_editors_cannot_lift_a_suspension(citizen, moderator, editor, make_citizen):
    suspension = suspend_author(user=citizen, moderator=moderator, rule=4, reason="욕설", days=7)
    lift_url = f"/ko/moderation/suspensions/{suspension.pk}/lift/"
    assert client_for(editor).post(lift_url, {}).status_code == 403
    assert client_for(make_citizen("other")).post(lift_url, {}).status_code == 403
    assert Suspension.objects.active().filter(user=citizen).exists()


@pytest.mark.parametrize(
    ("action", "data", "words"),
    [
        ("restore", {"version": 1}, "인용되어 댓글이 복원되었습니다."),
        ("remove", {"version": 1, "rule": 3}, "기각되었습니다. 삭제가 유지됩니다."),
    ],
)
def test_appeal_outcomes_say_granted_or_upheld(
    published_comment, citizen, moderator, second_moderator, action, data, words
):
    perform_remove(comment=published_comment, moderator=moderator, rule=3)
    client_for(citizen).post(
        f"/ko/comments/{published_comment.pk}/appeal/", {"text": "다시 봐 주세요"}
    )
    client_for(second_moderator).post(decide_url(published_comment, action), data)

    appeal = Appeal.objects.get()
    assert appeal.outcome == ("granted" if action == "restore" else "upheld")
    assert words in client_for(citizen).get("/ko/my/comments/").content.decode()


def test_the_measure_speaks_english_under_en(measured, citizen, seed):
    from django.test import Client

    board = Client().get(seed.get_absolute_url().replace("/ko/", "/en/", 1)).content.decode()
    assert "temporarily hidden after a report of an infringement of rights" in board
    mine = client_for(citizen).get("/en/my/comments/").content.decode()
    assert "the comment is temporarily hidden until" in mine
