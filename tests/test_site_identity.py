"""The site's identity comes from settings (SITE_NAME, SITE_OPERATOR, SITE_ADDRESS, SITE_PHONE…):
the footer shows what is configured and leaves out what is empty, the e-government banner only
shows on a site that says it is one, and the demo's defaults say they are a demo."""

import pytest
from django.core.cache import cache
from django.template import loader

from briefing.context_processors import phone_link
from briefing.middleware import error_page_context

LIST = "/ko/briefing/press-releases/"
BANNER = "이 누리집은 대한민국 공식 전자정부 누리집입니다."


def page(client, url=LIST):
    """A fresh render: the whole-page cache would otherwise serve the previous settings' page."""
    cache.clear()
    return client.get(url).content.decode()


def footer(client, url=LIST):
    html = page(client, url)
    return html[html.index('<footer id="footer"') : html.index("</footer>")]


@pytest.mark.django_db
def test_the_footer_shows_the_configured_identity(client, settings):
    settings.SITE_OPERATOR = "시험부"
    settings.SITE_ADDRESS = "(04520) 서울특별시 중구 세종대로 1"
    settings.SITE_PHONE = "02-123-4567"
    settings.SITE_PHONE_HOURS = "(평일 09:00~18:00)"
    settings.SITE_FAX = "02-123-4568"
    settings.SITE_EMAIL = "press@example.go.kr"
    settings.SITE_FOOTER_NOTE = "시험 누리집입니다."
    html = footer(client)
    assert "(04520) 서울특별시 중구 세종대로 1" in html
    assert '<a href="tel:+8221234567">02-123-4567</a> (평일 09:00~18:00)' in html
    assert "팩스 02-123-4568" in html
    assert '<a href="mailto:press@example.go.kr">press@example.go.kr</a>' in html
    assert "© 시험부" in html
    assert "시험 누리집입니다." in html
    assert "korea.kr" not in html and "044-203" not in html


@pytest.mark.django_db
def test_empty_optional_values_leave_no_label_behind(client, settings):
    settings.SITE_FAX = ""
    settings.SITE_PHONE = ""
    settings.SITE_EMAIL = ""
    settings.SITE_FOOTER_NOTE = ""
    html = footer(client)
    assert "팩스" not in html and "전화" not in html and "대표메일" not in html
    assert "mailto:" not in html and "tel:" not in html
    assert 'class="footer-note"' not in html
    settings.SITE_ADDRESS = ""
    assert "<address>" not in footer(client)


@pytest.mark.django_db
def test_the_demo_defaults_say_they_are_a_demo(client):
    html = footer(client)
    assert "시연용 주소" in html
    assert "000-0000-0000 (시연용 번호로, 연결되지 않습니다)" in html
    assert "tel:" not in html  # a number of zeros leads nowhere
    assert "example.org" in html
    assert "시연 사이트" in html
    english = footer(client, "/en/briefing/press-releases/")
    assert "Demo address" in english and "demo number" in english and "demo site" in english


@pytest.mark.django_db
def test_the_e_government_banner_shows_only_when_enabled(client, settings):
    assert BANNER not in page(client)
    settings.SITE_SHOW_EGOV_BANNER = True
    assert BANNER in page(client)


def test_phone_links_are_built_from_the_digits():
    assert phone_link("044-203-3555") == "tel:+82442033555"
    assert phone_link("+82 44 203 3555") == "tel:+82442033555"
    assert phone_link("1588-1234") == "tel:15881234"
    assert phone_link("000-0000-0000") == ""
    assert phone_link("") == ""


def test_the_static_error_pages_carry_the_configured_identity(settings):
    """500 and 503 need no database: their identity comes from settings alone."""
    for name in ("500.html", "503.html"):
        html = loader.get_template(name).render(error_page_context())
        assert BANNER not in html and "044-203" not in html
        assert "대한민국 정책브리핑 첫 화면" in html
    settings.SITE_SHOW_EGOV_BANNER = True
    settings.SITE_PHONE = "02-123-4567"
    html = loader.get_template("500.html").render(error_page_context())
    assert BANNER in html and "대표전화 02-123-4567" in html
