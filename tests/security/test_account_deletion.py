"""A citizen deletes their own account; published comments stay, anonymised (account_deletion.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from briefing.comments.models import CitizenProfile, Comment, Report
from briefing.comments.services import post_comment, report_comment
from briefing.moderation.models import AgencyRequest

from .conftest import HONEST, PASSWORD, client_for, comments_page, make_staff

DELETE = "/ko/accounts/delete/"
HELD = "관련 자료는 http://example.com/pps-report 에서 확인하세요."


@pytest.fixture
def history(seed, citizen, make_citizen):
    """The citizen's published and held comments, a report they made, and one made on them."""
    published, _v = post_comment(
        release=seed, author=citizen, text=HONEST, ip_address="192.0.2.7", enforce_limits=False
    )
    held, _v = post_comment(
        release=seed, author=citizen, text=HELD, ip_address="192.0.2.7", enforce_limits=False
    )
    assert (published.status, held.status) == ("published", "held")
    neighbour = make_citizen("neighbour", "이웃")
    theirs, _v = post_comment(
        release=seed,
        author=neighbour,
        text="조달청의 해외진출 지원 사업이 더 많은 중소기업에 알려지면 좋겠습니다.",
        enforce_limits=False,
    )
    report_comment(comment=theirs, reporter=citizen, rule=4, note="신고 사유")
    report_comment(comment=published, reporter=neighbour, rule=6)
    return {"published": published, "held": held, "theirs": theirs}


def delete(client, password=PASSWORD):
    return client.post(DELETE, {"password": password})


def test_deleting_an_account_anonymises_published_comments_and_clears_their_ip_hash(
    citizen, history
):
    """The published comment stays, now by "탈퇴한 회원", with no IP hash left."""
    response = delete(client_for(citizen))

    assert response.status_code == 200
    assert "계정을 삭제했습니다" in response.content.decode()
    kept = Comment.objects.get(pk=history["published"].pk)
    assert kept.text == HONEST
    assert kept.author_name == "탈퇴한 회원"
    assert kept.ip_hash == ""
    assert not kept.author.is_active
    assert not kept.author.has_usable_password()


def test_the_former_members_name_is_shown_on_the_public_page_in_both_languages(
    citizen, history, seed
):
    """Readers see 탈퇴한 회원 in Korean and Former member in English, never the old name."""
    delete(client_for(citizen))

    korean = Client().get(comments_page(seed)).content.decode()
    english = Client().get(comments_page(seed).replace("/ko/", "/en/")).content.decode()
    assert "탈퇴한 회원" in korean and "민지" not in korean
    assert "Former member" in english and "민지" not in english


def test_held_comments_and_reports_of_the_citizen_are_deleted(citizen, history):
    """What never became public goes, and so do the citizen's reports (counts follow)."""
    delete(client_for(citizen))

    assert not Comment.objects.filter(pk=history["held"].pk).exists()
    assert not Report.objects.filter(note="신고 사유").exists()
    assert Comment.objects.get(pk=history["theirs"].pk).report_count == 0
    # Reports by others on the kept comment stay.
    assert Report.objects.filter(comment=history["published"]).count() == 1


def test_the_account_and_profile_are_gone_and_cannot_log_in(citizen, history):
    """No user, no profile, no e-mail left; the old password opens nothing."""
    delete(client_for(citizen))

    assert not get_user_model().objects.filter(username="minji").exists()
    assert not get_user_model().objects.filter(email="minji@example.com").exists()
    assert not CitizenProfile.objects.filter(display_name="민지").exists()
    client = Client()
    client.post("/ko/accounts/login/", {"username": "minji", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_deleted_citizen_is_logged_out(citizen, history):
    """After deletion the browser's session no longer belongs to anybody."""
    client = client_for(citizen)
    delete(client)

    assert client.get("/ko/my/comments/").status_code == 302


def test_a_wrong_password_deletes_nothing_and_says_so(citizen, history):
    """The password is asked again; a wrong one leaves everything in place."""
    response = delete(client_for(citizen), password="not-my-password")

    assert response.status_code == 200
    assert "비밀번호가 맞지 않습니다" in response.content.decode()
    assert get_user_model().objects.filter(username="minji").exists()
    assert Comment.objects.filter(author=citizen).count() == 2


def test_the_deletion_password_cannot_be_guessed_without_limit(citizen, settings):
    """A stolen session is not a password oracle: five wrong tries lock the form too."""
    client = client_for(citizen)
    for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        delete(client, password="guess")

    response = delete(client)

    assert "잠시 로그인을 막았습니다" in response.content.decode()
    assert get_user_model().objects.filter(username="minji").exists()


def test_comments_under_an_agency_request_are_kept_even_when_unpublished(citizen, history, seed):
    """Rule 13 evidence is reassigned, not deleted, whatever its state."""
    held = history["held"]
    AgencyRequest.objects.create(
        comment=held, agency="서울경찰청", reference="2024-001", received_on="2024-03-01"
    )

    delete(client_for(citizen))

    kept = Comment.objects.get(pk=held.pk)
    assert kept.author_name == "탈퇴한 회원"
    assert kept.ip_hash == ""


def test_withheld_comments_are_kept_as_evidence(citizen, history):
    """A comment withheld under rule 13 is kept and reassigned."""
    Comment.objects.filter(pk=history["held"].pk).update(status=Comment.Status.WITHHELD)

    delete(client_for(citizen))

    assert Comment.objects.get(pk=history["held"].pk).author_name == "탈퇴한 회원"


def test_two_deleted_citizens_share_one_former_member_account(seed, make_citizen):
    """Anonymised comments of different citizens all belong to the one shared account."""
    for name in ("first", "second"):
        author = make_citizen(name)
        post_comment(release=seed, author=author, text=HONEST + name, enforce_limits=False)
        delete(client_for(author))

    authors = set(Comment.objects.values_list("author_id", flat=True))
    assert len(authors) == 1


def test_staff_accounts_cannot_be_deleted_from_the_citizen_page(seed):
    """An editor is told to ask an administrator; the account stays."""
    editor = make_staff("editor-park", "Editors")

    response = delete(client_for(editor))

    assert "직원 계정은 이 화면에서 삭제할 수 없습니다" in response.content.decode()
    assert get_user_model().objects.filter(pk=editor.pk).exists()


def test_the_former_member_name_cannot_be_taken_at_sign_up(db):
    """Nobody may pose as a deleted citizen's placeholder name."""
    response = Client().post(
        "/ko/accounts/signup/",
        {
            "username": "sneaky",
            "email": "sneaky@example.com",
            "display_name": "탈퇴한 회원",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",  # 개인정보 수집·이용 동의
        },
    )

    assert "탈퇴한 회원의 댓글에 쓰는 이름" in response.content.decode()
    assert not get_user_model().objects.filter(username="sneaky").exists()


def test_the_profile_page_links_to_account_deletion(citizen):
    """The citizen finds the deletion page from their profile."""
    page = client_for(citizen).get("/ko/accounts/profile/").content.decode()

    assert f'href="{DELETE}"' in page


def test_the_audit_trail_keeps_no_login_name_of_a_deleted_citizen(citizen, history):
    """Entries cannot change and outlive accounts: a citizen acting (an appeal) is a pseudonym."""
    from briefing.comments.services import submit_appeal
    from briefing.moderation.actions import perform_remove
    from briefing.moderation.models import AuditEntry

    perform_remove(comment=history["held"], moderator=make_staff("mod-kim", "Moderators"), rule=6)
    submit_appeal(comment=history["held"], author=citizen, text="공공기관 자료 링크입니다.")

    delete(client_for(citizen))

    written = [
        f"{entry.actor_name} {entry.note} {entry.details}" for entry in AuditEntry.objects.all()
    ]
    assert any("citizen:" in line for line in written)
    assert not any("minji" in line for line in written)
