"""A release's statistics as a small bar chart, drawn on the server as SVG.

No chart library and no JavaScript: the SVG is plain markup the page embeds, and the same figures
stand in an accessible table next to it (the chart is labelled and summarised for screen readers,
the table is what they read). Figures with different units cannot share one axis, so each bar is
scaled against the largest figure of its own unit, and the stated value is written beside it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH = 640
ROW_HEIGHT = 56
LABEL_WIDTH = 240
BAR_HEIGHT = 20
BAR_AREA = WIDTH - LABEL_WIDTH - 130
PRIMARY = "#256ef4"
RECORD = "#0b50d0"
TEXT = "#1e2124"
MUTED = "#58616a"


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    fraction: float
    record_high: bool


def bars(statistics) -> list[Bar]:
    largest_per_unit: dict[str, Decimal] = {}
    for statistic in statistics:
        largest_per_unit[statistic.unit] = max(
            largest_per_unit.get(statistic.unit, Decimal(0)), abs(statistic.value)
        )
    return [
        Bar(
            label=statistic.label,
            value_text=statistic.display_value,
            fraction=float(abs(statistic.value) / largest_per_unit[statistic.unit])
            if largest_per_unit[statistic.unit]
            else 0.0,
            record_high=statistic.is_record_high,
        )
        for statistic in statistics
    ]


def statistics_svg(statistics, *, title_id: str) -> str:
    """SVG markup for the statistics ('' when there are none)."""
    rows = bars(statistics)
    if not rows:
        return ""
    height = ROW_HEIGHT * len(rows) + 8
    parts = [
        f'<svg class="stats-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="inherit" font-size="14">'
    ]
    for index, row in enumerate(rows):
        parts.append(_row_svg(row, top=index * ROW_HEIGHT + 8))
    parts.append("</svg>")
    return "".join(parts)


def _row_svg(row: Bar, top: int) -> str:
    bar_width = max(2, round(BAR_AREA * row.fraction))
    colour = RECORD if row.record_high else PRIMARY
    label = escape(_shorten(row.label, 22))
    value = escape(row.value_text)
    record = f" ★ {escape(_('역대 최고'))}" if row.record_high else ""
    middle = top + BAR_HEIGHT / 2 + 5
    return (
        f'<text x="0" y="{middle}" fill="{TEXT}">{label}</text>'
        f'<rect x="{LABEL_WIDTH}" y="{top}" width="{bar_width}" height="{BAR_HEIGHT}" '
        f'rx="3" fill="{colour}"/>'
        f'<text x="{LABEL_WIDTH + bar_width + 8}" y="{middle}" fill="{TEXT}" '
        f'font-weight="700">{value}</text>'
        f'<text x="{LABEL_WIDTH}" y="{top + BAR_HEIGHT + 18}" fill="{MUTED}" '
        f'font-size="12">{record}</text>'
    )


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
