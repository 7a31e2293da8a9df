"""The figures chart is honest in scale: one scale per unit, no bar for a figure alone in its unit."""

import re

import pytest

from briefing.releases.models import Statistic
from tests.releases.test_views_support import SEED_SLUG

DETAIL = f"/ko/briefing/press-releases/{SEED_SLUG}/"


def chart_units(client, url=DETAIL):
    """{unit: [(label, bar length in per cent or None, value)]} as the page draws them."""
    html = client.get(url).content.decode()
    chart = html[html.index('<div class="stats-chart"') : html.index('<div class="stats-scroll"')]
    units = {}
    for unit_html in chart.split('<div class="chart-unit">')[1:]:
        unit = re.search(r'class="chart-unit-title">[^<]*<span data-content>([^<]+)<', unit_html)
        rows = []
        for item in unit_html.split("<li>")[1:]:
            label = re.search(r'class="chart-label" data-content>([^<]+)<', item).group(1)
            bar = re.search(r'<rect width="([\d.]+)"', item)
            value = re.search(r'class="chart-value" data-content>([^<]+)<', item).group(1)
            rows.append((label, float(bar.group(1)) if bar else None, value))
        units[unit.group(1)] = rows
    return units


@pytest.mark.django_db
def test_the_seed_figures_are_drawn_per_unit_and_dollars_get_no_bar(client, seed):
    """개사 figures share a scale (1,263 full, 7 a stub); the one 달러 figure has no bar beside
    them, so USD 1.63 billion is not drawn as long as 1,263 companies."""
    units = chart_units(client)
    assert list(units) == ["개사", "달러"]
    (companies, companies_bar, _), (awarded, awarded_bar, awarded_value) = units["개사"]
    assert companies.startswith("G-PASS 기업(해외조달시장") and companies_bar == 100.0
    assert awarded == "조달청장 표창 수상 기업" and awarded_value == "7개사"
    assert awarded_bar == pytest.approx(max(1.0, 7 / 1263 * 100), abs=0.01)
    assert units["달러"] == [("G-PASS 기업 해외조달시장 수출실적", None, "16억 3천만불")]


@pytest.mark.django_db
def test_the_english_page_names_the_units_in_english(client, seed):
    """The English chart groups under the English units, with the English value texts."""
    units = chart_units(client, f"/en/briefing/press-releases/{SEED_SLUG}/")
    assert list(units) == ["companies", "USD"]
    assert units["USD"][0][2] == "USD 1.63 billion"


@pytest.mark.django_db
def test_a_second_figure_in_a_unit_gets_bars_on_that_unit_s_own_scale(client, seed):
    """Add a 달러 figure of half the exports: both dollars now have bars, 100 and 50."""
    Statistic.objects.create(
        release=seed, label="비교 수출실적", value=815000000, unit="달러", order=9
    )
    bars = [bar for _label, bar, _value in chart_units(client)["달러"]]
    assert bars == [100.0, 50.0]
