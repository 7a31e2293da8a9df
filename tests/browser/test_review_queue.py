"""The review desk in a real browser: an editor asks for review, the publisher finds it in the
검토 대기 queue from the header's count, sends it back with a comment, and the editor reads it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from briefing.releases.models import Release
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_pages import AXE_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-review-desk-1234"


def staff(username, group, ministry, full_name):
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True, first_name=full_name,
        email=f"{username}@example.com",
    )  # fmt: skip
    user.groups.add(Group.objects.get(name=group))
    user.desk_ministries.add(ministry)
    return user


def signed_in(browser, live_server, username, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale="ko-KR", bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return context, page


def test_a_request_goes_through_the_queue_and_comes_back_with_a_comment(
    live_server, browser, seed, axe_source
):
    staff("editor-kim", "Editors", seed.ministry, "김 편집")
    staff("publisher-lee", "Publishers", seed.ministry, "이 게시")
    draft = Release.objects.create(
        title_ko="조달청, 혁신제품 해외실증 지원 확대", slug="review-me", ministry=seed.ministry,
        body_ko="<p>첫 문단입니다.</p><p>둘째 문단입니다.</p>", status="draft",
        created_by=get_user_model().objects.get(username="editor-kim"),
    )  # fmt: skip
    change = live_server.url + reverse("admin:releases_release_change", args=[draft.pk])

    context, editor = signed_in(browser, live_server, "editor-kim")
    editor.goto(change)
    offered = editor.locator("#id_status option").evaluate_all("els => els.map(e => e.value)")
    assert offered == ["draft", "review"]
    editor.select_option("#id_status", "review")
    editor.click("input[name=_save]")
    assert "검토 요청을 알렸습니다" in editor.locator(".messagelist").inner_text()
    context.close()

    # The phone first: the desktop visit then sends the request back, emptying the queue.
    for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        context, publisher = signed_in(browser, live_server, "publisher-lee", viewport)
        link = publisher.locator("a.review-queue-link")
        assert link.inner_text().split() == ["검토", "대기", "1"]
        link.click()
        assert publisher.locator("h1").inner_text() == "검토 대기"
        row = publisher.locator(".review-queue tbody tr")
        assert row.count() == 1 and "김 편집" in row.inner_text()
        assert publisher.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(publisher, f"admin-review-queue-{name}")
        if name == "desktop":
            publisher.add_script_tag(content=axe_source)
            result = publisher.evaluate(
                "tags => axe.run('.review-queue', {runOnly: {type: 'tag', values: tags}})",
                AXE_TAGS,
            )
            assert [violation["id"] for violation in result["violations"]] == []
            row.locator("a").first.click()
            publisher.select_option("#id_status", "draft")
            publisher.fill("#id_review_comment", "둘째 문단의 수치 출처를 밝혀 주세요.")
            publisher.click("input[name=_save]")
            assert (
                "검토 의견을 이메일로 보냈습니다" in publisher.locator(".messagelist").inner_text()
            )
        context.close()

    context, editor = signed_in(browser, live_server, "editor-kim")
    editor.goto(change)
    notice = editor.locator(".send-back-notice")
    assert "둘째 문단의 수치 출처를 밝혀 주세요." in notice.inner_text()
    assert "이 게시" in notice.inner_text()
    screenshot(editor, "admin-release-sent-back")
    context.close()
