"""A citizen's whole path in a real browser: sign up, comment, be held, be refused, report."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from briefing.comments.models import CitizenProfile, Comment, Report
from briefing.comments.services import post_comment
from tests.accounts import PASSWORD
from tests.browser.conftest import DESKTOP, screenshot


def submit(page, selector):
    """Click a form's button and wait for the page it leads to (a bare click would let the next
    goto() abort the POST)."""
    with page.expect_navigation():
        page.click(selector)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_signs_up_comments_is_held_is_refused_and_reports(
    live_server, browser, seed, settings
):
    """Everything a citizen does with comments, through the pages, as a person would."""
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0  # three posts in a few seconds; tested elsewhere
    other = get_user_model().objects.create_user("neighbour", password=PASSWORD)
    CitizenProfile.objects.create(
        user=other, display_name="이웃주민", email_verified_at=timezone.now()
    )
    post_comment(
        release=seed,
        author=other,
        text="해외조달 지원 사업 설명회 일정이 궁금합니다.",
        enforce_limits=False,
    )
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    page = context.new_page()
    release_url = live_server.url + seed.get_absolute_url()

    page.goto(live_server.url + "/ko/accounts/signup/")
    page.fill("input[name=username]", "minji")
    page.fill("input[name=email]", "minji@example.com")
    page.fill("input[name=display_name]", "민지")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=consent]")
    submit(page, "main form[method=post] button[type=submit]")
    # The address is confirmed through the link the site mailed (test_citizen_accounts.py walks
    # that path in full).
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    submit(page, "main form button[type=submit]")

    page.goto(release_url + "#comments")
    page.fill(
        "textarea[name=text]", "수출 실적 증가가 반갑습니다. 지방 중소기업 지원도 늘려 주세요."
    )
    submit(page, ".comment-form button[type=submit]")
    assert "지방 중소기업 지원도 늘려 주세요" in page.locator(".comment-list").inner_text()

    refused = "연락은 010-1234-5678 로 주세요"
    page.goto(release_url + "#comments")
    page.fill("textarea[name=text]", refused)
    submit(page, ".comment-form button[type=submit]")
    assert "운영원칙 제1항" in page.locator(".form-errors").inner_text()
    assert page.locator("textarea[name=text]").input_value() == refused
    assert not Comment.objects.filter(text__contains="010-1234-5678").exists()

    page.goto(release_url + "#comments")
    page.fill("textarea[name=text]", "자세한 내용은 http://bit.ly/3xYzAbc 에서 보세요")
    submit(page, ".comment-form button[type=submit]")
    assert "검토 중" in page.locator(".comment-list").inner_text()
    screenshot(page, "citizen-comments-ko")

    page.goto(release_url + "#comments")
    page.click(f"#comment-{Comment.objects.get(author=other).pk} a:has-text('신고')")
    page.check('input[name=rule][value="6"]')
    submit(page, "main form[method=post] button[type=submit]")
    assert Report.objects.filter(reporter__username="minji", rule=6).exists()
    context.close()


def test_text_reordered_by_bidi_controls_is_judged_as_the_reader_would_see_it(
    live_server, browser, seed, citizen
):
    """Through the comment form: a number hidden behind U+202E is refused with rule 1, and a
    harmless reordered comment is published with its controls gone from the page."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    context.add_cookies([_session_cookie(live_server, citizen)])
    page = context.new_page()
    release_url = live_server.url + seed.get_absolute_url()

    hidden_number = "연락 주세요 \u202e8765-4321-010\u202c"  # a browser shows 010-1234-5678
    page.goto(release_url + "#comments")
    page.fill("textarea[name=text]", hidden_number)
    submit(page, ".comment-form button[type=submit]")
    assert "운영원칙 제1항" in page.locator(".form-errors").inner_text()
    assert not Comment.objects.exists()

    page.goto(release_url + "#comments")
    page.fill("textarea[name=text]", "해외조달 실적 \u202e!요해하축\u202c")
    submit(page, ".comment-form button[type=submit]")
    stored = Comment.objects.get()
    assert "\u202e" not in stored.text
    assert "\u202e" not in page.content()
    assert "!요해하축" in page.locator(".comment-list").inner_text()
    context.close()


def _session_cookie(live_server, user):
    """Sign the user in without the login form (the path above tests that form)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": live_server.url,
    }
