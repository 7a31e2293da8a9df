"""Hostile input is escaped or refused with a clear message: never a 500, never stored unescaped."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from briefing.comments.models import Comment, Report
from briefing.comments.services import post_comment
from briefing.comments.verification import mark_verified

from .conftest import HONEST, PASSWORD, client_for, comments_page, make_staff, post_url

LIST = "/ko/briefing/press-releases/"
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(document.cookie)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ settings.SECRET_KEY }} {% debug %}",
]
RAW_MARKERS = ("<script>alert", "<img src=x", "<svg/onload", "</textarea><script>")


def assert_never_raw(page: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in page


@pytest.fixture(autouse=True)
def no_comment_limits(settings):
    """These tests post many comments in a row; the rate limits have tests of their own."""
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_PER_DAY = 10_000
    settings.COMMENTS_PER_RELEASE_PER_DAY = 10_000


# --- comments -------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_a_comment_is_stored_as_typed_and_shown_escaped(seed, citizen, payload):
    """The text is kept exactly; the page shows it as text, never as markup."""
    text = f"조달청 발표 잘 봤습니다. {payload}"
    client = client_for(citizen)

    assert client.post(post_url(seed), {"text": text}).status_code in (200, 302)

    comment = Comment.objects.get()
    assert comment.text == text
    page = client.get(comments_page(seed)).content.decode()
    assert escape(text) in page
    assert_never_raw(page)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # A right-to-left override never reaches the page: it would show other letters than
        # the ones the rules read.
        ("좋은 정책입니다 \u202e응원합니다\u202c 끝", "좋은 정책입니다 응원합니다 끝"),
        # Bell and terminal escapes are dropped, line separators become line breaks
        # (services.readable, as for releases): XML and the API cannot carry them.
        ("경고음\x07과 \x1b[31m색 바꾸기\x1b[0m 문자", "경고음과 [31m색 바꾸기[0m 문자"),
        ("줄\u2028바꿈과 \u200b보이지 않는 공백", "줄\n바꿈과 \u200b보이지 않는 공백"),
        ("이모지 👍🏽 와 결합 문자 가\u0301", None),
    ],
)
def test_control_and_direction_characters_in_comments_never_break_the_page(
    seed, citizen, text, stored
):
    """Bidirectional and control characters are dropped, line separators become breaks; the
    rest (emoji, combining marks, zero-width spaces) is stored as typed."""
    client = client_for(citizen)

    assert client.post(post_url(seed), {"text": text}).status_code == 302
    assert Comment.objects.get().text == (stored or text)
    page = client.get(comments_page(seed))
    assert page.status_code == 200
    assert "\u202e" not in page.content.decode()


def test_a_null_character_in_a_comment_is_refused_with_a_message(seed, citizen):
    """U+0000 cannot be stored by PostgreSQL; the citizen is told instead of getting a 500."""
    response = client_for(citizen).post(post_url(seed), {"text": "안녕\x00하세요"})

    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not Comment.objects.exists()


def test_a_100_kilobyte_comment_is_refused_with_the_limit_and_nothing_is_stored(seed, citizen):
    """The form says the limit; the database never sees the text."""
    response = client_for(citizen).post(post_url(seed), {"text": "가" * 100_000})

    assert response.status_code == 200
    assert "1000" in " ".join(response.context["form"].errors["text"])
    assert not Comment.objects.exists()


# Every Unicode category except surrogates (Cs): a lone surrogate cannot be encoded in a request.
COMMENT_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300
)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=COMMENT_TEXT)
def test_any_comment_text_is_answered_without_a_500_and_stored_as_typed(seed, citizen, text):
    """Whatever a citizen types: a form error or a stored comment that keeps every visible
    character as typed and no control character but tab and newline, never a 500."""
    client = client_for(citizen)
    before = set(Comment.objects.values_list("pk", flat=True))

    response = client.post(post_url(seed), {"text": text})

    assert response.status_code in (200, 302)
    new = Comment.objects.exclude(pk__in=before)
    if response.status_code == 302:
        stored = new.get().text
        assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n" for c in stored)
        assert visible(stored) == visible(text)
    else:
        assert not new.exists()


def visible(text: str) -> str:
    """The characters a reader sees, without spacing, controls, format and separator marks."""
    return "".join(
        c
        for c in text
        if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")
    )


# --- reports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_a_report_note_is_stored_as_typed_and_shown_escaped_to_moderators(
    seed, citizen, make_citizen, payload
):
    """The moderator's page shows the reporter's note as text."""
    comment, _v = post_comment(release=seed, author=citizen, text=HONEST, enforce_limits=False)
    reporter = client_for(make_citizen("reporter", "신고자"))

    response = reporter.post(f"/ko/comments/{comment.pk}/report/", {"rule": 4, "note": payload})

    assert response.status_code == 302
    assert Report.objects.get().note == payload
    moderator = client_for(make_staff("mod-kim", "Moderators"))
    page = moderator.get(f"/ko/moderation/comments/{comment.pk}/").content.decode()
    assert escape(payload) in page
    assert_never_raw(page)


def test_an_over_long_report_note_is_refused_with_a_message(seed, citizen, make_citizen):
    """A 100 KB note gets a form error and no report."""
    comment, _v = post_comment(release=seed, author=citizen, text=HONEST, enforce_limits=False)
    reporter = client_for(make_citizen("reporter", "신고자"))

    response = reporter.post(
        f"/ko/comments/{comment.pk}/report/", {"rule": 4, "note": "나" * 100_000}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert not Report.objects.exists()


# --- the list's search and filters --------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        *[{"q": payload} for payload in PAYLOADS],
        *[{"ministry": payload} for payload in PAYLOADS],
        {"ministry": ["B00013", "<script>alert(1)</script>", "x" * 10_000]},
        {"period": "custom", "start": "<script>alert(1)</script>", "end": "2024-13-45"},
        {"period": "custom", "start": "9999-99-99", "end": "0000-00-00"},
        {"period": "<svg/onload=alert(1)>", "page": "-1"},
        {"page": "99999999999999999999999"},
        {"q": "가" * 100_000},
        {"q": "검색\x00어\x07\u202e"},
    ],
)
def test_hostile_search_and_filter_values_answer_a_normal_page(seed, query):
    """Search terms, ministry codes, dates and paging never produce a 500 or raw markup."""
    response = Client().get(LIST, query)

    assert response.status_code == 200
    assert_never_raw(response.content.decode())


@pytest.mark.parametrize(
    "url",
    [
        LIST + "?q=%FF%FE",
        LIST + "?ministry=%C0%AF&period=custom&start=%ED%A0%80",
        "/en/briefing/press-releases/?q=%E2%80%AE%FF",
        "/ko/comments/on/pps-overseas-procurement-record-2024/?page=%FF",
    ],
)
def test_invalid_utf8_in_the_query_string_answers_a_friendly_page(seed, url):
    """Bytes that are not UTF-8 are read as replacement characters: the page still works."""
    response = Client().get(url)

    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("superuser", "/admin/releases/release/?q=%00"),
        ("superuser", "/admin/comments/comment/?q=a%00b"),
        ("moderator", "/ko/moderation/?q=%00&state=%00"),
        (None, "/ko/briefing/press-releases/?q=%00&ministry=B00013%00"),
    ],
)
def test_a_nul_character_in_any_search_box_answers_a_normal_page(seed, role, url):
    """PostgreSQL refuses NUL in text; the site drops it instead of answering 500."""
    user = {
        "superuser": lambda: make_staff("root", is_superuser=True),
        "moderator": lambda: make_staff("mod-kim", "Moderators"),
    }.get(role, lambda: None)()

    assert client_for(user).get(url).status_code == 200


def test_invalid_utf8_in_an_api_query_answers_a_clear_error(seed):
    """The open-data API names the bad parameter instead of failing."""
    response = Client().get("/api/press-releases/?startDate=%FF%FE&endDate=20240301")

    assert response.status_code == 400
    assert "INVALID_REQUEST_PARAMETER_ERROR" in response.content.decode()


# --- display names ------------------------------------------------------------------------


def signup(display_name, username="newcomer"):
    return Client().post(
        "/ko/accounts/signup/",
        {
            "username": username,
            "email": f"{username}@example.com",
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",  # 개인정보 수집·이용 동의
        },
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("nimda\u202eadmin", "U+202E"),  # right-to-left override
        ("시민\u2067이름", "U+2067"),  # right-to-left isolate
        ("보이지\u200b않음", "U+200B"),  # zero-width space
        ("경고음\x07이름", "U+0007"),  # bell
    ],
)
def test_display_names_with_control_or_direction_characters_are_refused(db, name, code):
    """The citizen is told which invisible character to remove; no account is made."""
    response = signup(name)

    assert response.status_code == 200
    page = response.content.decode()
    assert "글자 방향을 바꾸는 문자" in page and code in page
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_display_names_are_checked_when_changed_too(citizen):
    """The profile page applies the same check as sign-up."""
    response = client_for(citizen).post(
        "/ko/accounts/profile/", {"display_name": "민지\u202e관리자"}
    )

    assert "U+202E" in response.content.decode()
    citizen.citizen_profile.refresh_from_db()
    assert citizen.citizen_profile.display_name == "민지"


@pytest.mark.parametrize("name", ['"><script>x</script>', "<b onclick=x>hi</b>"])
def test_markup_in_a_display_name_is_shown_as_text_beside_comments(seed, name):
    """A display name with markup is accepted as text and escaped wherever it is shown."""
    assert signup(name).status_code == 302
    author = get_user_model().objects.get(username="newcomer")
    mark_verified(author)  # as the link in the sign-up mail would
    post_comment(release=seed, author=author, text=HONEST, enforce_limits=False)

    page = Client().get(comments_page(seed)).content.decode()

    assert escape(name) in page
    assert name not in page


def test_a_display_name_in_korean_latin_and_emoji_is_still_accepted(db):
    """The check refuses invisible characters only, not scripts or emoji."""
    assert signup("민지 Kim 🌸").status_code == 302
