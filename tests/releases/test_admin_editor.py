"""The release form's editing aids, through real admin POSTs: the body's editor, pasted Word
markup, photo placement by paragraph, and numbers written with grouping commas."""

import base64
import hashlib
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from briefing.releases.editing import grouped, placement_choices
from briefing.releases.models import Release
from tests.releases.test_admin import ADD_URL, release_post

# Word's clipboard HTML as the editor's textarea would send it were the editor bypassed (a script,
# a browser without JavaScript): Office tags, mso classes and styles, <font>, a U+000B soft line
# break and runs of no-break spaces.
WORD_BODY = (
    '<p class="MsoNormal" style="mso-margin-top-alt:auto"><span style="font-family:굴림">'
    "<b>첫 문단</b>\u000b둘째 줄&nbsp;&nbsp;&nbsp;끝</span><o:p></o:p></p>"
    '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
    '<p class="MsoListParagraph" style="mso-list:l0 level1 lfo1">'
    '<font face="굴림" color="#ff0000">목록 항목</font><o:p>&nbsp;</o:p></p>'
)


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def test_the_change_form_offers_the_editor_for_both_languages(staff_client, seed):
    """Both bodies get the prose editor's textarea, configured for h3/h4 only, and the help text
    describes the editor in words (no escaped markup)."""
    html = staff_client.get(change_url(seed)).content.decode()
    for name in ("body_ko", "body_en"):
        textarea = re.search(rf'<textarea name="{name}"[^>]*>', html)[0]
        assert "data-django-prose-editor-configurable" in textarea
        assert "&quot;levels&quot;:[3,4]" in textarea
    assert '<script type="importmap">' in html
    assert "django_prose_editor/configurable.js" in html
    help_text = re.search(r'<div class="help" id="id_body_ko_helptext">(.*?)</div>', html, re.S)
    assert "붙여 넣으면 글꼴과 색 같은 서식은 빠지고" in help_text[1]
    assert "&lt;" not in help_text[1]


def script_sources(response):
    policy = response["Content-Security-Policy"]
    return next(part.split()[1:] for part in policy.split(";") if "script-src" in part)


def test_the_csp_allows_the_editor_s_import_map_and_nothing_else(staff_client, seed):
    """The change form's one inline script, the import map, is allowed by its own hash; a page
    without the editor keeps script-src 'self' alone."""
    response = staff_client.get(change_url(seed))
    importmap = re.search(r'<script type="importmap">(.*?)</script>', response.content.decode())
    digest = base64.b64encode(hashlib.sha256(importmap[1].encode()).digest()).decode()
    assert script_sources(response) == ["'self'", f"'sha256-{digest}'"]
    changelist = staff_client.get(reverse("admin:releases_release_changelist"))
    assert script_sources(changelist) == ["'self'"]


def test_word_markup_posted_through_the_admin_is_stored_clean(staff_client, pps):
    """Whatever the browser sends, the stored body holds paragraphs and bold only: no Office
    tags, classes, styles, fonts or spans, no U+000B, no no-break-space runs, no blank
    paragraphs."""
    response = staff_client.post(ADD_URL, release_post(pps, body_ko=WORD_BODY))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    body = Release.objects.get(slug="innovation-procurement-1-trillion").body_ko
    assert body == "<p><b>첫 문단</b>\n둘째 줄 끝</p><p>목록 항목</p>"


def test_the_photo_position_is_chosen_from_the_body_s_paragraphs(staff_client, seed):
    """The select names each top-level block by its first words; 0 is before the body."""
    html = staff_client.get(change_url(seed)).content.decode()
    select = re.search(r'<select name="photos-0-after_block".*?</select>', html, re.S)[0]
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)
    assert options[0] == ("0", "본문 맨 앞")
    assert len(options) == 1 + len(seed.body_blocks)
    assert options[1][1].startswith("1문단 뒤: 임기근 조달청장은 21일")
    assert options[1][1].endswith("…")
    assert re.search(r'<option value="1" selected>', select)


def test_a_chosen_photo_position_is_saved_as_the_block_number(staff_client, pps):
    """A new release offers numbered positions (its paragraphs are not known yet); the choice
    is stored as Photo.after_block."""
    page = staff_client.get(ADD_URL).content.decode()
    assert "본문을 저장하면 문단마다 첫 구절이 함께 보입니다" in page
    response = staff_client.post(ADD_URL, release_post(pps, **{"photos-0-after_block": "2"}))
    assert response.status_code == 302
    photo = Release.objects.get(slug="innovation-procurement-1-trillion").photos.get()
    assert photo.after_block == 2


def test_a_position_past_the_body_s_end_stays_selectable():
    """A stored position beyond the last block (the page shows it at the end) is offered, so
    saving the form unchanged never moves the photo."""
    choices = placement_choices("<p>하나</p><p>둘</p>", stored_positions=[1, 7])
    assert [number for number, _label in choices] == [0, 1, 2, 7]
    assert str(choices[-1][1]) == "7문단 뒤 (본문 끝)"


def test_statistic_values_are_shown_with_grouping_and_without_trailing_zeros(staff_client, seed):
    html = staff_client.get(change_url(seed)).content.decode()
    assert 'value="1,630,000,000"' in html
    assert "1630000000.0000" not in html
    assert 'value="13.4"' in html  # change_percent 13.40
    assert '<span class="number-unit">달러</span>' in html


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (Decimal("1630000000.0000"), "1,630,000,000"),
        (Decimal("12.5000"), "12.5"),
        (Decimal("0.0500"), "0.05"),
        (Decimal("-1200.25"), "-1,200.25"),
        (Decimal("0E-4"), "0"),
    ],
)
def test_grouped_writes_numbers_as_people_do(number, text):
    assert grouped(number) == text


def test_numbers_with_grouping_commas_and_spaces_are_accepted(staff_client, pps):
    data = release_post(
        pps, **{"statistics-0-value": "1,630,000 000", "statistics-0-change_percent": "12.5"}
    )
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    statistic = Release.objects.get(slug="innovation-procurement-1-trillion").statistics.get()
    assert statistic.value == 1_630_000_000
    assert statistic.change_percent == Decimal("12.5")


def test_a_number_that_is_not_one_is_refused_with_the_input_kept(staff_client, pps):
    """Garbage gets a Korean message with an example; what was typed stays in the form."""
    data = release_post(
        pps, **{"statistics-0-value": "16억 3천만", "statistics-0-label_ko": "수출"}
    )
    response = staff_client.post(ADD_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "숫자로 입력하세요 (예: 1,630,000,000)" in html
    assert 'value="16억 3천만"' in html
    assert 'value="수출"' in html
    assert "조달청, 혁신제품 구매 1조원 돌파" in html
    assert not Release.objects.filter(slug="innovation-procurement-1-trillion").exists()
