"""A release's statistics as a small bar chart: page text for the words, SVG for the bars.

No chart library and no JavaScript. The labels and values are ordinary text at the page's own size,
so the chart reads on a phone as on a desktop; only the bars scale with the column. The same figures
stand in an accessible table next to it (the chart is labelled for screen readers, the table is
what they read).

Honest in scale: figures with different units cannot share one axis, so the chart is drawn per
unit, each group with its own scale and its unit named above it, and a unit with a single figure
gets no bar at all (a bar measured only against itself would always be full, and would look as
large as the biggest figure of another unit).
"""

from dataclasses import dataclass

#: The shortest bar drawn, in per cent of the longest: a tiny figure still shows a visible stub.
SHORTEST_BAR = 1.0


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    #: Length in per cent of the unit's largest figure; None when the unit has nothing to compare.
    percent: float | None
    record_high: bool


@dataclass(frozen=True)
class UnitGroup:
    unit: str
    bars: list[Bar]


def unit_groups(statistics) -> list[UnitGroup]:
    """The statistics grouped by unit, in the order each unit first appears."""
    by_unit: dict[str, list] = {}
    for statistic in statistics:
        by_unit.setdefault(statistic.unit, []).append(statistic)
    groups = []
    for unit, members in by_unit.items():
        largest = max(abs(statistic.value) for statistic in members)
        comparable = len(members) > 1 and largest > 0
        groups.append(
            UnitGroup(
                unit=unit,
                bars=[
                    Bar(
                        label=statistic.label,
                        value_text=statistic.display_value,
                        percent=max(SHORTEST_BAR, float(abs(statistic.value) / largest * 100))
                        if comparable
                        else None,
                        record_high=statistic.is_record_high,
                    )
                    for statistic in members
                ],
            )
        )
    return groups
