"""The seed fixture holds the 2024-02-21 announcement exactly as the portal published it."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

SEED_PAGE = Path(__file__).parent.parent / "data" / "press-release-2024-02-21-pps.txt"


def seed_lines():
    """The published page's content lines, from the title to the attribution, in order."""
    lines = [line.strip() for line in SEED_PAGE.read_text(encoding="utf-8").splitlines()]
    start = lines.index("목록") + 1  # the title block ends with the 목록 button
    end = next(i for i, line in enumerate(lines) if line.startswith("“이 자료는"))
    content = [line for line in lines[start : end + 1] if line]
    # Image file titles ("사진1_수출진흥협회 정기총회") are the images' alt text, not body text.
    return [line for line in content if not re.match(r"^사진\d", line)]


def sentences(text):
    return [part.strip() for part in re.split(r"(?<=다\.)\s+", text) if part.strip()]


def release_text_in_order(release):
    parts = [release.title_ko.replace("‘", "'").replace("’", "'")]
    parts += release.subtitle_ko.splitlines()
    paragraphs = [re.sub(r"<[^>]+>", "", block) for block in release.body_blocks]
    photos = [photo.caption_ko for photo in release.photos.all()]
    # Photos stand after the paragraph given by after_block; the footnote after its marker.
    for index, paragraph in enumerate(paragraphs, start=1):
        parts.append(paragraph)
        if "*" in paragraph:
            parts.append(release.footnote_ko)
        parts += [p.caption_ko for p in release.photos.all() if p.after_block == index]
    assert len(photos) == 3
    contact = release.contacts.get()
    parts.append(
        f"* 문의: {contact.department_ko} {contact.name_ko} {contact.position_ko}({contact.phone})"
    )
    parts.append(f"“{release.attribution_ko}”")
    return parts


def test_every_sentence_of_the_seed_page_is_in_the_fixture_in_order(seed):
    """Each sentence of the published page appears in the fixture, in the published order."""
    translation.activate("ko")
    expected = [s for line in seed_lines() for s in sentences(line)]
    actual = [s for part in release_text_in_order(seed) for s in sentences(part)]
    assert actual == expected


def test_title_keeps_the_published_quotation_marks(seed):
    """The headline is stored with the curly quotes of the page's title block."""
    assert seed.title_ko == "조달청 해외조달시장 진출 지원 역대 최대 성과로 ‘한국 수출 지도’ 넓혔다"
    assert seed.ministry.code == "B00013"
    assert seed.published_at.date().isoformat() == "2024-02-21"


@pytest.mark.parametrize(
    ("label_fragment", "value", "unit", "change", "record"),
    [
        (
            "G-PASS 기업(해외조달시장 진출 유망기업) 수",
            Decimal("1263"),
            "개사",
            Decimal("13.4"),
            False,
        ),
        ("수출실적", Decimal("1630000000"), "달러", Decimal("8.3"), True),
        ("표창", Decimal("7"), "개사", None, False),
    ],
)
def test_statistics_carry_the_figures_of_the_release(
    seed, label_fragment, value, unit, change, record
):
    """Every figure the release states is a Statistic row with its value, unit and change."""
    statistic = seed.statistics.get(label_ko__contains=label_fragment)
    assert statistic.value == value
    assert statistic.unit_ko == unit
    assert statistic.change_percent == change
    assert statistic.is_record_high is record


def test_statistics_as_published_text_appear_in_the_body(seed):
    """The figures' written forms are the ones the release's text uses."""
    text = seed.plain_body + seed.subtitle_ko + seed.footnote_ko
    for statistic in seed.statistics.exclude(value_text_ko=""):
        written = statistic.value_text_ko.removesuffix("개사")
        assert written in text


def test_every_reader_facing_field_has_an_english_translation(seed):
    """The announcement reads in English: no English field is left empty."""
    assert seed.title_en and seed.subtitle_en and seed.body_en and seed.footnote_en
    assert len(seed.body_blocks) == 6
    for photo in seed.photos.all():
        assert photo.caption_en.startswith("▶ ") and photo.alt_text_en
    for statistic in seed.statistics.all():
        assert statistic.label_en and statistic.unit_en and statistic.as_of_en
    contact = seed.contacts.get()
    assert contact.department_en == "International Cooperation Division"
    assert seed.ministry.name_en == "Public Procurement Service"


def test_english_falls_back_to_korean_where_empty(seed):
    """An English reader sees the Korean text where no English was written."""
    seed.footnote_en = ""
    seed.save()
    with translation.override("en"):
        assert seed.footnote == seed.footnote_ko
        assert seed.title.startswith("PPS widens")


def test_every_ministry_of_the_portal_filter_is_loaded_with_english_names(seed):
    """The portal's ministry list comes with the announcement: 부처, 청 and 위원회 with codes."""
    from briefing.releases.models import Ministry

    assert Ministry.objects.count() == 62
    assert Ministry.objects.filter(name_en="").count() == 0
    counts = {
        g: Ministry.objects.filter(group=g).count() for g in ("ministry", "agency", "committee")
    }
    assert counts == {"ministry": 28, "agency": 19, "committee": 15}
    assert Ministry.objects.get(code="A00005").name_ko == "국방부"


def test_fixture_photos_are_shipped_with_the_fixture(seed, settings):
    """Loading the seed into an empty media folder brings its placeholder photographs along."""
    for photo in seed.photos.all():
        assert (Path(settings.MEDIA_ROOT) / photo.image.name).is_file()
        assert photo.alt_text_ko.startswith("사진")
