"""Bar charts of one measure across documents: only figures of the same unit share an axis.

``清理占道经营 约8000余处`` and ``处置…等各类问题 8千余件`` both name 占道经营, but 处 and 件 count
different things: each unit gets its own chart, scaled within it. The colour of a bar is the
year of its document, and the legend says so.

:func:`chart_groups` gives the groups (the page draws them as HTML with one small SVG bar per
row, which narrows to a phone); :func:`bar_chart_svg` draws them as one inline SVG (no script, no
external library; all text escaped, safe to put into a page as markup)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from assistant.facts.model import Fact

_COLORS = ["#2f6fb0", "#c0504d", "#4f9a5c", "#8064a2", "#d08a2c", "#3d9aa8", "#7f7f7f"]
NO_YEAR = "年份不详"
NO_UNIT = "无单位"
ROW, WIDTH, PAD, BAR_W = 40, 560, 8, 400
COLOUR_NOTE = "颜色表示文件的年份"
UNIT_NOTE = "计量单位不同的数字分开作图，条形长度只在同一单位内比较"


@dataclass
class Bar:
    fact: Fact
    share: float  # length as a share of the largest value of its unit, 0..1
    color: str
    label: str


@dataclass
class UnitGroup:
    unit: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"以“{self.unit}”计" if self.unit != NO_UNIT else "没有计量单位的数字"


@dataclass
class Chart:
    groups: list[UnitGroup]
    legend: list[tuple[str, str]]  # (year label, colour), in year order

    @property
    def note(self) -> str:
        return f"{COLOUR_NOTE}；{UNIT_NOTE}。" if len(self.groups) > 1 else f"{COLOUR_NOTE}。"


def label(fact: Fact) -> str:
    year = f"{fact.year}年 " if fact.year else ""
    name = fact.body or fact.title or fact.source
    return f"{year}{name}：{fact.subject}"


def _year(fact: Fact) -> str:
    return f"{fact.year}年" if fact.year else NO_YEAR


def chart_groups(rows: list[Fact]) -> Chart:
    """The facts with a value, one group per unit (in order of first appearance), coloured by year."""
    rows = [f for f in rows if f.value is not None and not f.masked]
    years = sorted({_year(f) for f in rows}, key=lambda y: (y == NO_YEAR, y))
    colors = {year: _COLORS[i % len(_COLORS)] for i, year in enumerate(years)}
    groups: dict[str, UnitGroup] = {}
    for fact in rows:
        unit = fact.unit or NO_UNIT
        groups.setdefault(unit, UnitGroup(unit))
    for group in groups.values():
        facts = [f for f in rows if (f.unit or NO_UNIT) == group.unit]
        peak = max(float(f.value or 0.0) for f in facts) or 1.0
        group.bars = [Bar(f, max(0.005, float(f.value or 0.0) / peak), colors[_year(f)], label(f)) for f in facts]
    return Chart(list(groups.values()), [(year, colors[year]) for year in years])


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart_svg(rows: list[Fact], title: str = "") -> str:
    """SVG markup for ``rows`` (facts with a value): a legend of the colours, then one panel per
    unit with a label line above each bar; an empty string when there is nothing to draw."""
    chart = chart_groups(rows)
    if not chart.groups:
        return ""
    parts: list[str] = []
    y = PAD
    if title:
        y += 16
        parts.append(f'<text x="{PAD}" y="{y}" font-size="14" font-weight="bold">{escape(title)}</text>')
    y += 20
    legend = "".join(f'<tspan fill="{color}">■</tspan><tspan> {escape(year)}  </tspan>' for year, color in chart.legend)
    parts.append(f'<text x="{PAD}" y="{y}" font-size="12">{escape(COLOUR_NOTE)}：{legend}</text>')
    if len(chart.groups) > 1:
        y += 18
        parts.append(f'<text x="{PAD}" y="{y}" font-size="12" fill="#57606a">{escape(UNIT_NOTE)}。</text>')
    for group in chart.groups:
        y += 28
        parts.append(f'<text x="{PAD}" y="{y}" font-size="13" font-weight="bold">{escape(group.heading)}</text>')
        for bar in group.bars:
            fact = bar.fact
            tip = f"{bar.label} {fact.figure}（{fact.title}）"
            length = BAR_W * bar.share
            parts.append(f"<g><title>{escape(tip)}</title>")
            parts.append(f'<text x="{PAD}" y="{y + 18}" font-size="12">{escape(_shorten(bar.label, 40))}</text>')
            parts.append(f'<rect x="{PAD}" y="{y + 24}" width="{length:.1f}" height="12" fill="{bar.color}"/>')
            parts.append(f'<text x="{PAD + length + 6:.1f}" y="{y + 34}" font-size="12">{escape(fact.figure)}</text>')
            parts.append("</g>")
            y += ROW
    height = y + PAD + 6
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="facts-chart" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title or "对比图", quote=True)}">'
    )
    return head + "".join(parts) + "</svg>"
