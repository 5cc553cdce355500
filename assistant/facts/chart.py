"""A horizontal bar chart as inline SVG (no script, no external library): one bar per fact.

Bars are scaled within each unit (件, 处, %…), since 8000余处 and 99.18％ share no axis.
All text is escaped; the chart is safe to put into a page as markup."""

from __future__ import annotations

from html import escape

from assistant.facts.model import Fact

_COLORS = ["#2f6fb0", "#c0504d", "#4f9a5c", "#8064a2", "#d08a2c", "#3d9aa8", "#7f7f7f"]
ROW, LABEL_W, BAR_W, VALUE_W, PAD = 30, 330, 300, 170, 8


def _label(fact: Fact) -> str:
    year = f"{fact.year}年 " if fact.year else ""
    name = fact.body or fact.title or fact.source
    return f"{year}{name}：{fact.subject}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart_svg(rows: list[Fact], title: str = "") -> str:
    """SVG markup for ``rows`` (facts with a value); an empty string when there is nothing to draw."""
    rows = [f for f in rows if f.value is not None and not f.masked]
    if not rows:
        return ""
    units = []
    for fact in rows:
        if fact.unit not in units:
            units.append(fact.unit)
    peak = {u: max(f.value for f in rows if f.unit == u) or 1.0 for u in units}
    top = 28 if title else PAD
    width = LABEL_W + BAR_W + VALUE_W + 2 * PAD
    height = top + ROW * len(rows) + PAD
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="facts-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title or "对比图", quote=True)}">'
    ]
    if title:
        parts.append(f'<text x="{PAD}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>')
    for index, fact in enumerate(rows):
        y = top + index * ROW
        color = _COLORS[units.index(fact.unit) % len(_COLORS)]
        length = max(2.0, BAR_W * float(fact.value) / peak[fact.unit])
        label = _label(fact)
        tip = f"{label} {fact.figure}（{fact.title}）"
        parts.append(f"<g><title>{escape(tip)}</title>")
        parts.append(f'<text x="{PAD}" y="{y + 19}" font-size="12">{escape(_shorten(label, 26))}</text>')
        parts.append(f'<rect x="{PAD + LABEL_W}" y="{y + 6}" width="{length:.1f}" height="{ROW - 12}" fill="{color}"/>')
        parts.append(f'<text x="{PAD + LABEL_W + length + 6:.1f}" y="{y + 19}" font-size="12">{escape(fact.figure)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
