"""A citizen's whole path in a real browser: sign up, comment, be held, be refused, report."""

import pytest
from django.contrib.auth import get_user_model

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
    CitizenProfile.objects.create(user=other, display_name="이웃주민")
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
    submit(page, "main form[method=post] button[type=submit]")

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
