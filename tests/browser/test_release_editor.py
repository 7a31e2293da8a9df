"""The release form in a real browser under the real CSP: the body's rich-text editor, pasting from
Word, placing a photo by choosing a paragraph, and a layout that fits a 1,280 px screen."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from briefing.releases.models import Release
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_pages import AXE_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-editor-desk-1234"
# What Word puts on the clipboard: Office namespaces, mso classes and styles, <font>, <o:p>,
# a soft line break (U+000B) and runs of no-break spaces.
WORD_FRAGMENT = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    '<p class="MsoNormal" style="mso-margin-top-alt:auto;line-height:150%">'
    "<span style=\"font-family:'맑은 고딕';mso-bidi-font-family:Arial\">"
    "<b>붙여넣은 첫 문단</b>\u000b둘째 줄&nbsp;&nbsp;&nbsp;&nbsp;끝</span><o:p></o:p></p>"
    '<p class="MsoListParagraph" style="mso-list:l0 level1 lfo1">'
    '<font face="굴림" color="#ff0000">워드 목록 항목</font><o:p>&nbsp;</o:p></p>'
    "</body></html>"
)


@pytest.fixture
def staff_browser(live_server, browser, seed):
    """staff_browser(viewport, bypass_csp=False) -> a page logged in as a superuser, recording
    every console error (a CSP violation is one) and uncaught exception in page.problems."""
    get_user_model().objects.create_superuser("desk", password=PASSWORD)
    contexts = []

    def opener(viewport=DESKTOP, bypass_csp=False):
        context = browser.new_context(viewport=viewport, locale="ko-KR", bypass_csp=bypass_csp)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not message.location.get("url", "").endswith("/favicon.ico")
                and page.problems.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.goto(live_server.url + reverse("admin:login"))
        page.fill("#id_username", "desk")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def desk(staff_browser):
    """A staff page under the site's real CSP."""
    return staff_browser()


def open_change_form(page, live_server, release):
    page.goto(live_server.url + reverse("admin:releases_release_change", args=[release.pk]))
    page.wait_for_selector(".field-body_ko .prose-editor > .ProseMirror")
    return page


def save(page):
    with page.expect_navigation():
        page.click("input[name=_continue]")
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert errors == [], errors


def test_the_editor_starts_under_the_real_csp_without_violations(desk, live_server, seed):
    """Both languages get an editor with its toolbar; no CSP report, no console error."""
    open_change_form(desk, live_server, seed)
    assert desk.locator(".prose-editor > .ProseMirror[contenteditable=true]").count() == 2
    assert desk.locator(".field-body_ko .prose-menubar button").count() >= 8
    # Korean names: the toolbar's (admin-release-editor.js), the dialogs' (djangojs catalog).
    assert desk.locator('.field-body_ko button[title="굵게"]').count() == 1
    assert desk.evaluate("gettext('Insert Table')") == "표 넣기"
    assert desk.problems == []


def test_typed_bold_text_and_a_list_reach_the_public_page(desk, live_server, seed):
    """Type a paragraph with a bold word and a bulleted list, save, read it on the page."""
    open_change_form(desk, live_server, seed)
    editor = desk.locator(".field-body_ko .prose-editor > .ProseMirror")
    editor.click()
    desk.keyboard.press("Control+a")
    desk.keyboard.press("Delete")
    desk.keyboard.type("브라우저로 쓴 문단 ")
    desk.keyboard.press("Control+b")
    desk.keyboard.type("굵은 말")
    desk.keyboard.press("Control+b")
    desk.keyboard.press("Enter")
    desk.keyboard.type("- 첫 항목")
    desk.keyboard.press("Enter")
    desk.keyboard.type("둘째 항목")
    save(desk)

    body = Release.objects.get(pk=seed.pk).body_ko
    assert body == (
        "<p>브라우저로 쓴 문단 <strong>굵은 말</strong></p>"
        "<ul><li><p>첫 항목</p></li><li><p>둘째 항목</p></li></ul>"
    )
    desk.goto(live_server.url + seed.get_absolute_url())
    article = desk.locator(".view-cont")
    assert article.locator("strong", has_text="굵은 말").count() == 1
    assert article.locator("ul li").all_inner_texts() == ["첫 항목", "둘째 항목"]
    assert desk.problems == []


def test_a_word_fragment_pasted_into_the_editor_is_stored_clean(desk, live_server, seed):
    """A synthetic paste of Word's HTML: paragraphs and bold survive; classes, styles, fonts,
    Office tags and the U+000B soft break do not reach the database."""
    open_change_form(desk, live_server, seed)
    editor = desk.locator(".field-body_ko .prose-editor > .ProseMirror")
    editor.click()
    desk.keyboard.press("Control+a")
    desk.keyboard.press("Delete")
    editor.evaluate(
        """(target, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "붙여넣은 첫 문단");
            target.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        WORD_FRAGMENT,
    )
    assert "워드 목록 항목" in editor.inner_text()
    save(desk)

    body = Release.objects.get(pk=seed.pk).body_ko
    for junk in (
        "\x0b",
        "mso",
        "Mso",
        "style=",
        "class=",
        "<font",
        "<o:p",
        "<span",
        "&nbsp;&nbsp;",
    ):
        assert junk not in body, (junk, body)
    assert body.startswith("<p><strong>붙여넣은 첫 문단</strong>")
    assert "<p>워드 목록 항목</p>" in body
    assert desk.problems == []


def test_a_photo_placed_by_choosing_a_paragraph_appears_after_it(desk, live_server, seed):
    """The placement select names paragraphs by their first words; the page follows the choice."""
    open_change_form(desk, live_server, seed)
    select = desk.locator("#id_photos-0-after_block")
    labels = select.locator("option").all_inner_texts()
    assert labels[0] == "본문 맨 앞"
    assert labels[2].startswith("2문단 뒤: ")
    select.select_option("2")
    save(desk)

    photo = seed.photos.order_by("order", "id").first()
    photo.refresh_from_db()
    assert photo.after_block == 2
    desk.goto(live_server.url + seed.get_absolute_url())
    # The figure follows the body's second top-level block.
    follows = desk.evaluate(
        """alt => {
            const figure = [...document.querySelectorAll(".view-cont figure")]
                .find(f => f.querySelector(`img[alt="${alt}"]`));
            const blocks = [...figure.parentElement.children];
            const before = blocks.slice(0, blocks.indexOf(figure))
                .filter(e => !e.matches("figure, p.footnote"));
            return before.length;
        }""",
        photo.alt_text_ko,
    )
    assert follows == 2


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_change_form_fits_the_screen(staff_browser, live_server, seed, viewport):
    """At 1,280 px nothing scrolls sideways (the tabular inlines made it 2,678 px wide)."""
    page = open_change_form(staff_browser(viewport), live_server, seed)
    screenshot(page, f"admin-release-change-{viewport['width']}")
    if viewport is DESKTOP:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, width
    assert page.problems == []


def test_the_editing_widgets_pass_axe(staff_browser, live_server, seed, axe_source):
    """The editor, the photo placement and the number inputs add no axe violation. (Scoped to
    them: the rest of the page is Django's admin.) CSP is bypassed only to inject axe-core."""
    page = open_change_form(staff_browser(bypass_csp=True), live_server, seed)
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """tags => axe.run(
            {include: [[".field-body_ko"], [".field-after_block"], [".field-value"],
                       [".field-change_percent"]]},
            {runOnly: {type: "tag", values: tags}})""",
        AXE_TAGS,
    )
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
    ]
    assert violations == []
