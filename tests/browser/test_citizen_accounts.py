"""A citizen's account from end to end in Chromium (issue 17, "Done when"): sign up with consent,
confirm the e-mail address from the mail the site sent, comment, be refused inline, edit, delete;
reset a forgotten password. Then every account page through axe-core in both languages at 390 and
1,440 px, and none of them wider than a 360 px screen.

The live server runs in this process, so the locmem backend's outbox (django.core.mail.outbox)
holds the e-mails it sent; SITE_URL is pointed at the live server so their links open there.
"""

import re

import pytest
from django.core import mail

from briefing.comments.models import Comment
from briefing.comments.services import post_comment
from tests.accounts import PASSWORD
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1440, "height": 900}
NARROW = {"width": 360, "height": 780}
GOOD = "해외조달 수출실적이 역대 최고라니 반가운 소식입니다. 지역 설명회도 열어 주세요."
BETTER = "해외조달 수출실적이 역대 최고라니 반가운 소식입니다. 지역별 설명회 일정도 알려 주세요."
REFUSED = "자세한 문의는 제 번호 010-1234-5678 로 연락 주세요"
NEW_PASSWORD = "a-brand-new-passphrase-77"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def last_link(outbox) -> str:
    return re.search(r"https?://\S+", outbox[-1].body).group(0)


@pytest.fixture
def site(live_server, seed, settings):
    settings.SITE_URL = live_server.url
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0  # several posts within seconds; tested elsewhere
    return live_server.url


def test_sign_up_confirm_comment_refused_edit_delete_and_reset_the_password(site, seed, browser):
    context = browser.new_context(viewport=PHONE, locale="ko-KR")
    page = context.new_page()
    release_url = site + seed.get_absolute_url()

    # Sign up from the comment section's own link, so the citizen comes back to the release.
    page.goto(release_url + "#comments")
    submit(page, ".login-prompt a:has-text('회원가입')")
    page.fill("input[name=username]", "minji")
    page.fill("input[name=email]", "minji@example.com")
    page.fill("input[name=display_name]", "민지")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    submit(page, "main form.site-form button[type=submit]")
    # No consent, no account: the error is announced and sits beside the box.
    assert "동의해야 가입할 수 있습니다" in page.locator(".form-errors[role=alert]").inner_text()
    assert page.locator("input[name=consent]").get_attribute("aria-invalid") == "true"
    assert page.locator("input[name=username]").input_value() == "minji"
    screenshot(page, "accounts-signup-refused-390")
    page.fill("input[name=password1]", PASSWORD)  # password fields come back empty
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=consent]")
    submit(page, "main form.site-form button[type=submit]")

    # Back on the release: welcomed, and told why there is no comment box yet.
    assert page.url.startswith(release_url)
    section = page.locator("#comments")
    assert "minji@example.com(으)로 보낸 메일" in section.inner_text()
    assert "전자우편 주소를 확인하면 댓글을 쓸 수 있습니다." in section.inner_text()
    assert page.locator("textarea[name=text]").count() == 0
    screenshot(page, "accounts-unverified-390")

    # The e-mail's link, then the button on its page.
    [confirmation] = mail.outbox
    assert confirmation.to == ["minji@example.com"]
    page.goto(last_link(mail.outbox))
    submit(page, "main form button[type=submit]")
    assert "전자우편 주소를 확인했습니다" in page.locator(".messages").inner_text()

    # A comment passes and is confirmed in the section the citizen lands in.
    page.goto(release_url + "#comments")
    assert "삭제 또는 계정이 차단 될 수 있습니다" in (
        page.locator("textarea[name=text]").get_attribute("placeholder")
    )
    page.fill("textarea[name=text]", GOOD)
    submit(page, ".comment-form button[type=submit]")
    assert "댓글이 게시되었습니다." in page.locator("#comments .messages").inner_text()
    comment = Comment.objects.get(author__username="minji")
    assert GOOD in page.locator(f"#comment-{comment.pk}").inner_text()

    # A refused comment stays on the release page, its text kept, the reason beside it.
    page.fill("textarea[name=text]", REFUSED)
    submit(page, ".comment-form button[type=submit]")
    assert page.locator("h1").first.inner_text().strip() == seed.title
    assert "운영원칙 제1항" in page.locator(".comment-form .form-errors").inner_text()
    box = page.locator("textarea[name=text]")
    assert box.input_value() == REFUSED
    assert box.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "text"
    assert Comment.objects.filter(author__username="minji").count() == 1
    screenshot(page, "accounts-comment-refused-390")

    # Edit: a refused correction keeps the original; an accepted one is marked 수정됨.
    page.goto(release_url + "#comments")
    submit(page, f"#comment-{comment.pk} a:has-text('수정')")
    assert page.locator("textarea[name=text]").input_value() == GOOD
    page.fill("textarea[name=text]", REFUSED)
    submit(page, ".comment-form button[type=submit]")
    assert "운영원칙 제1항" in page.locator(".form-errors").inner_text()
    comment.refresh_from_db()
    assert comment.text == GOOD
    page.fill("textarea[name=text]", BETTER)
    submit(page, ".comment-form button[type=submit]")
    item = page.locator(f"#comment-{comment.pk}")
    assert BETTER in item.inner_text()
    assert "수정됨" in item.locator(".comment-edited").inner_text()
    assert "댓글을 고쳤습니다." in page.locator("#comments .messages").inner_text()
    screenshot(page, "accounts-comment-edited-390")

    # Delete, after a confirmation page.
    submit(page, f"#comment-{comment.pk} a:has-text('삭제')")
    assert BETTER in page.locator(".reported-comment").inner_text()
    submit(page, "main form button.button-danger")
    assert "댓글을 지웠습니다." in page.locator("#comments .messages").inner_text()
    assert page.locator(f"#comment-{comment.pk}").count() == 0
    assert not Comment.objects.filter(pk=comment.pk).exists()

    # Log out, forget the password, reset it from the log-in page, log in with the new one.
    submit(page, ".account-links button:has-text('로그아웃')")
    page.goto(site + "/ko/accounts/login/")
    submit(page, "a:has-text('비밀번호를 잊으셨나요?')")
    page.fill("input[name=email]", "minji@example.com")
    submit(page, "main form.site-form button[type=submit]")
    assert "재설정 링크를 보냈습니다" in page.locator("main").inner_text()
    assert len(mail.outbox) == 2
    page.goto(last_link(mail.outbox))
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    submit(page, "main form.site-form button[type=submit]")
    assert "비밀번호를 바꾸었습니다" in page.locator("h1").inner_text()
    submit(page, "main a.button:has-text('로그인')")
    page.fill("input[name=username]", "minji")
    page.fill("input[name=password]", NEW_PASSWORD)
    submit(page, "main form.site-form button[type=submit]")
    assert page.locator(".account-links").inner_text().count("로그아웃") == 1
    context.close()


ACCOUNT_PAGES = [
    # (name, path, signed in)
    ("login", "/{lang}/accounts/login/", False),
    ("signup", "/{lang}/accounts/signup/", False),
    ("reset", "/{lang}/accounts/password/reset/", False),
    ("privacy", "/{lang}/privacy/", False),
    ("profile", "/{lang}/accounts/profile/", True),
    ("password-change", "/{lang}/accounts/password/change/", True),
    ("mine", "/{lang}/my/comments/", True),
    ("edit", "/{lang}/comments/{pk}/edit/", True),
    ("delete", "/{lang}/comments/{pk}/delete/", True),
    ("report", "/{lang}/comments/{other_pk}/report/", True),
    ("account-delete", "/{lang}/accounts/delete/", True),
]


@pytest.fixture
def signed_in_context(site, seed, browser, make_citizen):
    """A browser context per viewport, signed in as a citizen with a comment of their own and a
    neighbour's comment to report."""
    citizen = make_citizen("minji", "민지")
    neighbour = make_citizen("neighbour", "이웃주민")
    own, _verdict = post_comment(release=seed, author=citizen, text=GOOD, enforce_limits=False)
    other, _verdict = post_comment(
        release=seed, author=neighbour, text=BETTER, enforce_limits=False
    )
    contexts = []

    def make(viewport, signed_in):
        context = browser.new_context(viewport=viewport, locale="ko-KR", bypass_csp=True)
        contexts.append(context)
        if signed_in:
            page = context.new_page()
            page.goto(site + "/ko/accounts/login/")
            page.fill("input[name=username]", "minji")
            page.fill("input[name=password]", PASSWORD)
            submit(page, "main form.site-form button[type=submit]")
            page.close()
        return context

    yield make, {"pk": own.pk, "other_pk": other.pk}
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1440"])
def test_account_pages_pass_axe_and_fit_the_screen(
    site, signed_in_context, axe_source, language, viewport
):
    """Each account page, empty and with its form's errors shown, has no axe violation; at
    360 px nothing is wider than the screen."""
    make, ids = signed_in_context
    contexts = {signed_in: make(viewport, signed_in) for signed_in in (False, True)}
    for name, path, signed_in in ACCOUNT_PAGES:
        page = contexts[signed_in].new_page()
        page.goto(site + path.format(lang=language, **ids))
        assert page.locator("h1").count() >= 1, name
        assert axe_violations(page, axe_source) == [], (name, language)
        forms = page.locator("main form.site-form button[type=submit]")
        if forms.count() and name not in ("delete", "edit"):
            # Sent empty, each form shows its errors (the comment box is left to the browser's
            # own required check; account deletion without a password only shows an error).
            submit(page, "main form.site-form button[type=submit]")
            assert axe_violations(page, axe_source) == [], (name, "errors", language)
        if viewport is PHONE:
            page.set_viewport_size(NARROW)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW["width"], (name, language, width)
        if language == "ko":
            screenshot(page, f"accounts-{name}-{viewport['width']}")
        page.close()
