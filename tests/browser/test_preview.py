"""The staff preview in a real browser: log in to the admin, open a draft's preview."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from briefing.releases.models import Release
from tests.browser.conftest import DESKTOP, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publisher_previews_a_draft_exactly_as_readers_will_see_it(live_server, browser, seed):
    """A publisher logs in, opens the draft's preview and sees the public layout with a banner."""
    draft = Release.objects.create(
        title_ko="미리보기 시험 보도자료", slug="preview-draft", ministry=seed.ministry,
        body_ko="<p>아직 공개되지 않은 본문입니다.</p>", status="draft",
    )  # fmt: skip
    user = get_user_model().objects.create_user(
        "publisher", password="pw-publisher-1234", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Publishers"))
    user.desk_ministries.add(seed.ministry)  # a publisher of 조달청, whose draft this is
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "publisher")
    page.fill("#id_password", "pw-publisher-1234")
    page.click("input[type=submit]")
    page.goto(
        live_server.url + reverse("admin:releases_release_preview", args=[draft.pk]) + "?lang=ko"
    )
    assert page.locator("h1").inner_text() == "미리보기 시험 보도자료"
    assert "미리보기" in page.locator(".notice-preview").inner_text()
    screenshot(page, "preview-draft-ko")
    public = context.new_page()
    response = public.goto(live_server.url + draft.get_absolute_url())
    assert response.status == 404
    context.close()
