"""Complete citizen accounts (issue 17): consent at sign-up, e-mail confirmation before the first
comment, password reset, the privacy policy, and a citizen's own edits and deletions."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from briefing.comments.models import CONSENT_VERSION, CitizenProfile, Comment
from briefing.comments.services import post_comment
from briefing.comments.verification import email_verification_tokens
from tests.accounts import PASSWORD

SIGNUP = "/ko/accounts/signup/"
LOGIN = "/ko/accounts/login/"
RESET = "/ko/accounts/password/reset/"
PROFILE = "/ko/accounts/profile/"
RESEND = "/ko/accounts/verify/resend/"
GOOD = "해외조달 수출실적이 역대 최고라니 반가운 소식입니다."
BETTER = "해외조달 수출실적이 역대 최고라니 정말 반가운 소식입니다. 지역 설명회도 기대합니다."
PHONE = "해외조달 실적 문의는 제 번호 010-1234-5678 로 연락 주세요"


def signup_data(**overrides):
    data = {
        "username": "newcitizen",
        "email": "new@example.com",
        "display_name": "새내기시민",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    return data | overrides


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://briefing.example.go.kr"
    # A host the site answers to, but not its address: links must not be built from it.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other-name.example"]
    settings.DEFAULT_FROM_EMAIL = "정책브리핑 <no-reply@briefing.example.go.kr>"
    return settings.SITE_URL


# --- consent and confirmation -----------------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_without_consent_creates_no_account_and_says_why(client):
    """The consent box is required: unticked, the form comes back with the error beside the box,
    announced in the summary, and no account exists."""
    response = client.post(SIGNUP, signup_data(consent=""))

    page = response.content.decode()
    assert response.status_code == 200
    assert not get_user_model().objects.exists()
    assert "개인정보 수집·이용에 동의해야 가입할 수 있습니다" in page
    assert 'role="alert"' in page
    box = re.search(r'<input type="checkbox" name="consent"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in box
    assert 'aria-describedby="id_consent_error"' in box
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_the_sign_up_page_tells_what_is_collected_why_how_long_and_the_right_to_refuse(client):
    page = client.get(SIGNUP).content.decode()

    for words in (
        "수집 항목",
        "이용 목적",
        "보유 기간",
        "동의를 거부할 권리가 있습니다",
        "전자우편",
    ):
        assert words in page
    assert 'href="/ko/privacy/"' in page
    assert 'name="consent"' in page and "checked" not in page


@pytest.mark.django_db
def test_sign_up_records_consent_and_sends_a_confirmation_link_built_from_site_url(
    client, site_url
):
    """The link is absolute, from SITE_URL (not the request's Host), sent from
    DEFAULT_FROM_EMAIL; the citizen is unverified until it is used."""
    before = timezone.now()
    response = client.post(SIGNUP, signup_data(), HTTP_HOST="other-name.example")

    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user__username="newcitizen")
    assert profile.consented_at >= before
    assert profile.consent_version == CONSENT_VERSION
    assert profile.email_verified_at is None
    [message] = mail.outbox
    assert message.to == ["new@example.com"]
    assert message.from_email == "정책브리핑 <no-reply@briefing.example.go.kr>"
    assert link_in(message).startswith(site_url + "/ko/accounts/verify/")
    landing = client.get(response["Location"]).content.decode()
    assert "new@example.com(으)로 보낸 메일의 확인 링크를 열면" in landing


@pytest.mark.django_db
def test_an_unverified_citizen_is_told_on_the_comment_box_and_cannot_post(
    client, make_citizen, seed, post_url
):
    client.force_login(make_citizen("fresh", "새얼굴", verified=False))

    page = client.get(seed.get_absolute_url()).content.decode()
    assert "전자우편 주소를 확인하면 댓글을 쓸 수 있습니다." in page
    assert 'action="/ko/accounts/verify/resend/"' in page
    assert 'name="text"' not in page  # no comment box to type into

    response = client.post(post_url, {"text": GOOD})
    assert "전자우편 주소를 확인하면 댓글을 쓸 수 있습니다." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_the_link_confirms_on_a_post_only_once_and_then_the_citizen_can_comment(
    client, seed, post_url, site_url
):
    """GET shows a button (a mail scanner opening the link confirms nothing); the POST confirms;
    the link then stops working."""
    client.post(SIGNUP, signup_data())
    path = link_in(mail.outbox[0]).removeprefix(site_url)

    assert client.get(path).status_code == 200
    assert not CitizenProfile.objects.get().is_verified
    response = client.post(path)
    assert response.status_code == 302
    assert CitizenProfile.objects.get().is_verified
    assert "전자우편 주소를 확인했습니다" in client.get(response["Location"]).content.decode()

    assert client.get(path).status_code == 400
    assert client.post(post_url, {"text": GOOD}).status_code == 302
    assert Comment.objects.get().text == GOOD


@pytest.mark.django_db
def test_a_tampered_link_confirms_nothing(client, make_citizen):
    user = make_citizen("fresh", "새얼굴", verified=False)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_tokens.make_token(user)
    assert client.post(f"/ko/accounts/verify/{uid}/{token[:-1]}x/").status_code == 400
    assert not CitizenProfile.objects.get(user=user).is_verified


@pytest.mark.django_db
def test_the_confirmation_can_be_resent_a_few_times_an_hour(client, make_citizen, settings):
    settings.ACCOUNT_EMAILS_PER_IP = 2
    client.force_login(make_citizen("fresh", "새얼굴", verified=False))

    for _ in range(3):
        response = client.post(RESEND, {"next": PROFILE})
        assert response["Location"] == PROFILE
    assert len(mail.outbox) == 2
    page = client.get(PROFILE).content.decode()
    assert "메일을 여러 번 요청해 잠시 막았습니다" in page


@pytest.mark.django_db
def test_demo_and_helper_citizens_are_verified(make_citizen, seed):
    from briefing.comments.demo import ensure_demo_citizen

    username, _password = ensure_demo_citizen()
    demo = get_user_model().objects.get(username=username)
    assert demo.citizen_profile.is_verified
    comment, _verdict = post_comment(release=seed, author=make_citizen(), text=GOOD)
    assert comment is not None


# --- password reset ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_log_in_links_to_a_password_reset_that_mails_a_site_url_link(client, citizen, site_url):
    assert f'href="{RESET}"' in client.get(LOGIN).content.decode()

    response = client.post(RESET, {"email": "MINJI@example.com"}, HTTP_HOST="other-name.example")

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["minji@example.com"]
    assert message.from_email == "정책브리핑 <no-reply@briefing.example.go.kr>"
    link = link_in(message)
    assert link.startswith(site_url + "/ko/accounts/password/reset/")

    form = client.get(link.removeprefix(site_url), follow=True)
    assert 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "another-long-passphrase-7",
            "new_password2": "another-long-passphrase-7",
        },
        follow=True,
    )
    assert "비밀번호를 바꾸었습니다" in done.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password("another-long-passphrase-7")


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, citizen):
    response = client.post(RESET, {"email": "nobody@example.com"}, follow=True)

    assert "비밀번호 재설정 링크를 보냈습니다" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_requests_are_throttled_per_address(client, citizen, settings):
    settings.ACCOUNT_EMAILS_PER_IP = 2
    for _ in range(2):
        assert client.post(RESET, {"email": "minji@example.com"}).status_code == 302
    refused = client.post(RESET, {"email": "minji@example.com"})

    assert refused.status_code == 200
    assert "메일을 여러 번 요청해 잠시 막았습니다" in refused.content.decode()
    assert len(mail.outbox) == 2


# --- the privacy policy -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_privacy_policy_names_the_data_its_retention_and_the_officer(client, settings):
    settings.PRIVACY_OFFICER_NAME = "홍길동"
    settings.PRIVACY_OFFICER_EMAIL = "privacy@briefing.example.go.kr"
    settings.PRIVACY_OFFICER_PHONE = "044-000-0000"

    page = client.get("/ko/privacy/").content.decode()

    for words in ("전자우편 주소", "표시 이름", "해시", "회원 탈퇴 때까지", "홍길동"):
        assert words in page
    assert 'href="mailto:privacy@briefing.example.go.kr"' in page
    assert "044-000-0000" in page
    assert 'href="/ko/privacy/"' in client.get("/ko/briefing/press-releases/").content.decode()
    english = client.get("/en/privacy/").content.decode()
    assert "Privacy officer" in english


# --- posting: refused inline, accepted confirmed -----------------------------------------------


@pytest.mark.django_db
def test_a_refused_comment_stays_on_the_release_page_with_its_text_and_the_error_beside_it(
    citizen_client, seed, post_url
):
    response = citizen_client.post(post_url, {"text": PHONE})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page and seed.title in page  # the release page itself
    textarea = re.search(r"<textarea[^>]*>[^<]*</textarea>", page).group(0)
    assert PHONE in textarea
    assert 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_text_errors id_text_help"' in textarea
    assert "운영원칙 제1항" in page
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_an_accepted_comment_is_confirmed_where_the_citizen_lands(citizen_client, post_url):
    response = citizen_client.post(post_url, {"text": GOOD}, follow=True)

    section = response.content.decode().split('id="comments"')[1]
    assert "댓글이 게시되었습니다." in section
    assert 'role="status"' in section


@pytest.mark.django_db
def test_the_comment_box_carries_the_portals_warning_as_placeholder(citizen_client, seed):
    page = citizen_client.get(seed.get_absolute_url()).content.decode()

    assert (
        'placeholder="정책브리핑 게시물 운영원칙에 따라 다음과 같은 게시물은 삭제 또는 계정이 차단 될 수 있습니다."'
        in page
    )


# --- editing ---------------------------------------------------------------------------------


@pytest.fixture
def own_comment(citizen, seed):
    comment, _verdict = post_comment(release=seed, author=citizen, text=GOOD)
    return comment


@pytest.mark.django_db
def test_an_edit_within_the_window_replaces_the_text_and_the_page_says_edited(
    citizen_client, client, own_comment, seed
):
    anonymous = client.__class__()
    assert GOOD in anonymous.get(seed.get_absolute_url()).content.decode()  # now cached

    response = citizen_client.post(f"/ko/comments/{own_comment.pk}/edit/", {"text": BETTER})

    assert response["Location"].endswith(f"#comment-{own_comment.pk}")
    own_comment.refresh_from_db()
    assert own_comment.text == BETTER
    assert own_comment.edited_at is not None
    page = anonymous.get(seed.get_absolute_url()).content.decode()
    assert BETTER in page and GOOD + "<" not in page
    assert '<span class="comment-edited">수정됨 <time' in page


@pytest.mark.django_db
def test_a_refused_edit_keeps_the_original_and_shows_the_error_beside_the_text(
    citizen_client, own_comment
):
    response = citizen_client.post(f"/ko/comments/{own_comment.pk}/edit/", {"text": PHONE})

    page = response.content.decode()
    assert "운영원칙 제1항" in page
    assert PHONE in re.search(r"<textarea[^>]*>[^<]*</textarea>", page).group(0)
    own_comment.refresh_from_db()
    assert own_comment.text == GOOD and own_comment.edited_at is None
    assert not Comment.objects.filter(text__contains="010").exists()


@pytest.mark.django_db
def test_no_edit_after_the_window_or_once_reported(
    citizen_client, own_comment, seed, make_citizen, settings
):
    settings.COMMENTS_EDIT_MINUTES = 15
    section = citizen_client.get(seed.get_absolute_url()).content.decode()
    assert f'href="/ko/comments/{own_comment.pk}/edit/"' in section

    Comment.objects.filter(pk=own_comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=16)
    )
    section = citizen_client.get(seed.get_absolute_url()).content.decode()
    assert f'href="/ko/comments/{own_comment.pk}/edit/"' not in section
    assert f'href="/ko/comments/{own_comment.pk}/delete/"' in section
    response = citizen_client.post(f"/ko/comments/{own_comment.pk}/edit/", {"text": BETTER})
    assert "더 고칠 수 없습니다" in response.content.decode()
    own_comment.refresh_from_db()
    assert own_comment.text == GOOD


@pytest.mark.django_db
def test_an_edit_is_not_called_a_duplicate_of_what_it_corrects(citizen_client, own_comment):
    """Rule 11 compares with the author's recent comments; the one being edited is not one."""
    response = citizen_client.post(
        f"/ko/comments/{own_comment.pk}/edit/", {"text": GOOD + " 감사합니다."}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_nobody_edits_or_deletes_someone_elses_comment(client, own_comment, make_citizen):
    client.force_login(make_citizen("other", "다른시민"))

    assert client.post(f"/ko/comments/{own_comment.pk}/edit/", {"text": BETTER}).status_code == 404
    assert client.post(f"/ko/comments/{own_comment.pk}/delete/").status_code == 404
    assert Comment.objects.get().text == GOOD


# --- deleting --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_delete_asks_then_removes_the_comment_from_the_cached_page(
    citizen_client, client, own_comment, seed
):
    anonymous = client.__class__()
    assert GOOD in anonymous.get(seed.get_absolute_url()).content.decode()
    url = f"/ko/comments/{own_comment.pk}/delete/"

    confirm = citizen_client.get(url).content.decode()
    assert "이 댓글을 지울까요?" in confirm and Comment.objects.exists()
    response = citizen_client.post(url, {"next": "/ko/my/comments/"}, follow=True)

    assert not Comment.objects.exists()
    assert "댓글을 지웠습니다." in response.content.decode()
    assert GOOD not in anonymous.get(seed.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Comment.Status.HIDDEN, Comment.Status.TEMPORARY, Comment.Status.REMOVED]
)
def test_a_comment_under_a_measure_cannot_be_deleted_by_its_author(
    citizen_client, own_comment, status
):
    Comment.objects.filter(pk=own_comment.pk).update(status=status)

    response = citizen_client.post(f"/ko/comments/{own_comment.pk}/delete/")

    assert "관리자가 조치하고 있거나 조치한 댓글은 지울 수 없습니다" in response.content.decode()
    assert Comment.objects.filter(pk=own_comment.pk).exists()


@pytest.mark.django_db
def test_my_comments_offers_edit_and_delete(citizen_client, own_comment):
    page = citizen_client.get("/ko/my/comments/").content.decode()

    assert f'href="/ko/comments/{own_comment.pk}/edit/"' in page
    assert f'href="/ko/comments/{own_comment.pk}/delete/?next=/ko/my/comments/"' in page


# --- the pages around accounts ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "crumb"),
    [
        (LOGIN, "로그인"),
        (SIGNUP, "회원가입"),
        (RESET, "비밀번호 재설정"),
        ("/ko/privacy/", "개인정보처리방침"),
    ],
)
def test_account_pages_have_their_own_breadcrumbs(client, url, crumb):
    page = client.get(url).content.decode()

    trail = page.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'<span aria-current="page">{crumb}</span>' in trail
    assert "보도자료" not in trail


@pytest.mark.django_db
def test_the_signed_in_section_costs_a_fixed_number_of_queries(
    citizen_client, seed, citizen, django_assert_max_num_queries
):
    """Signed in, the release page costs the same with one comment or twenty (the viewer's
    profile is read once for the confirmation check)."""
    post_comment(release=seed, author=citizen, text=GOOD)
    citizen_client.get(seed.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        citizen_client.get(seed.get_absolute_url())
    for n in range(19):
        Comment.objects.create(release=seed, author=citizen, text=f"{GOOD} {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        citizen_client.get(seed.get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/accounts/password/reset/",
        "/en/accounts/password/reset/sent/",
        "/en/privacy/",
    ],
)
def test_english_account_pages_show_no_korean_interface_strings(client, url):
    from tests.test_i18n import HANGUL, interface_text

    html = client.get(url).content.decode()
    leftovers = HANGUL.findall(interface_text(html))
    assert leftovers == [], leftovers[:20]


@pytest.mark.django_db
def test_english_signup_errors_and_the_signed_in_pages_are_english(client, citizen, own_comment):
    from tests.test_i18n import HANGUL, interface_text

    response = client.post("/en/accounts/signup/", signup_data(consent=""))
    typed_name = signup_data()["display_name"]  # what the visitor typed is theirs, not ours
    html = response.content.decode().replace(typed_name, "")
    assert HANGUL.findall(interface_text(html)) == []
    client.force_login(citizen)
    for url in (
        "/en/accounts/profile/",
        "/en/accounts/password/change/",
        f"/en/comments/{own_comment.pk}/edit/",
        f"/en/comments/{own_comment.pk}/delete/",
    ):
        html = client.get(url).content.decode()
        html = html.replace(own_comment.text, "").replace("민지", "")
        assert HANGUL.findall(interface_text(html)) == [], url


@pytest.mark.django_db
def test_a_mail_server_outage_at_sign_up_keeps_the_account_and_says_to_resend(client, caplog):
    with mock.patch("briefing.comments.verification.send_mail", side_effect=ConnectionRefusedError):
        response = client.post(SIGNUP, signup_data(), follow=True)

    assert response.status_code == 200
    assert get_user_model().objects.filter(username="newcitizen").exists()
    assert "확인 메일을 보내지 못했습니다" in response.content.decode()
    assert "new@example.com" not in caplog.text  # the log names the error, never the address


@pytest.mark.django_db
def test_a_published_comment_an_agency_asked_about_is_kept_and_the_refusal_names_no_agency(
    citizen_client, own_comment
):
    """Rule 13: the record protects the comment (PROTECT) and the author is refused with the
    same sentence as for any comment under a measure: nothing tells them an agency asked."""
    from briefing.moderation.models import AgencyRequest

    AgencyRequest.objects.create(
        comment=own_comment, agency="경찰청", reference="2026-1", received_on=timezone.localdate()
    )

    page = citizen_client.post(f"/ko/comments/{own_comment.pk}/delete/").content.decode()

    assert "관리자가 조치하고 있거나 조치한 댓글은 지울 수 없습니다" in page
    assert "수사" not in page.split('class="main-column"')[1].split("</main>")[0]
    assert Comment.objects.filter(pk=own_comment.pk).exists()
