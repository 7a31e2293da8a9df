"""Signing up, logging in and out, and changing the display name."""

import pytest
from django.contrib.auth import get_user_model

from briefing.comments.models import CitizenProfile

from .conftest import PASSWORD

SIGNUP = "/ko/accounts/signup/"


def signup_data(**overrides):
    data = {
        "username": "newcitizen",
        "email": "new@example.com",
        "display_name": "새내기시민",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",  # 개인정보 수집·이용 동의
    }
    return data | overrides


@pytest.mark.django_db
def test_a_visitor_signs_up_and_is_logged_in_under_their_display_name(client):
    """A complete sign-up creates the account with its display name and logs the citizen in."""
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    user = get_user_model().objects.get(username="newcitizen")
    assert user.citizen_profile.display_name == "새내기시민"
    assert client.get("/ko/my/comments/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("taken", ["username", "email"])
def test_sign_up_refuses_a_taken_name_or_address_without_saying_which(client, citizen, taken):
    """A taken login name and a taken e-mail get one message that names neither, so the form
    does not tell a stranger whether an address has an account; no second account is made."""
    response = client.post(SIGNUP, signup_data(**{taken: getattr(citizen, taken).upper()}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "이 아이디나 전자우편으로는 가입할 수 없습니다" in page
    assert "이미 가입된" not in page and "already exists" not in page
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_sign_up_forms_from_one_address_are_limited_even_when_refused(client, citizen, settings):
    """Refused forms count too: probing which addresses are registered stops at the limit."""
    for _attempt in range(settings.SIGNUP_ATTEMPTS_PER_IP):
        assert client.post(SIGNUP, signup_data(email=citizen.email)).status_code == 200

    refused = client.post(SIGNUP, signup_data(email=citizen.email))

    assert refused.status_code == 429
    assert "가입 시도가 많아" in refused.content.decode()


@pytest.mark.django_db
def test_sign_up_refuses_a_weak_password(client):
    """A common, short password is refused by Django's password validators."""
    response = client.post(SIGNUP, signup_data(password1="1234", password2="1234"))

    assert response.context["form"].errors["password2"]
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["관리자", "조달청장", "청장님", "Admin"])
def test_sign_up_refuses_a_display_name_impersonating_an_official_citing_rule_9(client, name):
    """Names posing as operators or officials are refused with an error citing 제9항."""
    response = client.post(SIGNUP, signup_data(display_name=name))

    assert "운영원칙 제9항" in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_sign_up_refuses_a_display_name_taken_in_another_case(client, make_citizen):
    """Display names are unique regardless of letter case."""
    make_citizen("first", "Haneul")

    response = client.post(SIGNUP, signup_data(display_name="haneul"))

    assert response.context["form"].errors["display_name"]
    assert CitizenProfile.objects.count() == 1


@pytest.mark.django_db
def test_sign_up_keeps_what_was_typed_when_it_fails(client):
    """A refused sign-up shows the form again with the username and display name kept."""
    response = client.post(SIGNUP, signup_data(display_name="관리자", username="keepme"))

    assert 'value="keepme"' in response.content.decode()


@pytest.mark.django_db
def test_a_citizen_logs_in_and_out(client, citizen):
    """Logging in with the right password works, and logging out ends the session."""
    response = client.post("/ko/accounts/login/", {"username": "minji", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/ko/my/comments/").status_code == 200

    client.post("/ko/accounts/logout/")

    assert client.get("/ko/my/comments/").status_code == 302


@pytest.mark.django_db
def test_login_with_a_wrong_password_shows_an_error(client, citizen):
    """A wrong password keeps the visitor on the log-in page with an error."""
    response = client.post("/ko/accounts/login/", {"username": "minji", "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_a_citizen_changes_their_display_name_but_not_to_an_officials(citizen_client, citizen):
    """The display name can be changed, and the rule 9 check applies to the change too."""
    refused = citizen_client.post("/ko/accounts/profile/", {"display_name": "운영자"})
    assert "운영원칙 제9항" in refused.content.decode()

    citizen_client.post("/ko/accounts/profile/", {"display_name": "새 이름"})

    citizen.citizen_profile.refresh_from_db()
    assert citizen.citizen_profile.display_name == "새 이름"


def test_the_account_pages_answer_in_english(client, db):
    """The English sign-up page is translated."""
    response = client.get("/en/accounts/signup/")

    assert response.status_code == 200
    assert "Sign up" in response.content.decode()


def test_comment_words_are_translated_in_english(client, seed):
    """A locale smoke test: the English comment section speaks English."""
    page = client.get(f"/en/comments/on/{seed.slug}/").content.decode()

    assert "0 comments" in page
    assert "No comments yet." in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_log_in_page_links_to_sign_up(client, language):
    """The log-in page opens in both languages and offers sign-up."""
    response = client.get(f"/{language}/accounts/login/?next=/{language}/my/comments/")

    assert response.status_code == 200
    assert f"/{language}/accounts/signup/" in response.content.decode()


def test_two_citizens_renaming_to_one_name_at_once_get_a_message_not_an_error(make_citizen):
    """The uniqueness check passes for both; the database refuses the second, who is told."""
    from django.core.exceptions import ValidationError

    from briefing.comments.forms import DisplayNameForm

    first, second = make_citizen("first", "첫째"), make_citizen("second", "둘째")
    form = DisplayNameForm({"display_name": "같은이름"}, user=second)
    assert form.is_valid()
    winner = DisplayNameForm({"display_name": "같은이름"}, user=first)
    assert winner.is_valid()
    winner.save()  # wins the race

    with pytest.raises(ValidationError, match="이미 쓰이고 있는 표시 이름입니다"):
        form.save()
    second.citizen_profile.refresh_from_db()
    assert second.citizen_profile.display_name == "둘째"


LOOKALIKE_OF_MINJI_KIM = [
    "\u212aim",  # KELVIN SIGN: broke the unique index on PostgreSQL
    "Кim",  # Cyrillic Ka
    "kIm",
    "KIM",
    "k1m",
]


@pytest.mark.parametrize("name", LOOKALIKE_OF_MINJI_KIM)
def test_a_name_a_reader_cannot_tell_from_anothers_is_refused(make_citizen, name):
    """Names are compared as they look (NFKC, case, Unicode confusables), in the form and in
    the database alike."""
    from briefing.comments.forms import DisplayNameForm

    make_citizen("kim", "Kim")
    form = DisplayNameForm({"display_name": name}, user=make_citizen("other", "다른이"))
    assert not form.is_valid()
    assert "이미 쓰이고 있는 표시 이름입니다" in str(form.errors)


@pytest.mark.parametrize(
    "name",
    [
        "\u3164\u3164",
        "ㅤ민지",
        "\u115f\u1160",
        "\u2800\u2800",
        "탈퇴한 회원",
        "탈퇴한회원",
        "Former Member",
    ],
)
def test_invisible_and_reserved_names_are_refused(db, name):
    """Hangul fillers and blank patterns draw nothing; 탈퇴한 회원 belongs to deleted accounts."""
    from django.core.exceptions import ValidationError

    from briefing.comments.forms import clean_display_name

    with pytest.raises(ValidationError):
        clean_display_name(name)
