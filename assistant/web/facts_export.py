"""The /facts page's exports (CSV and Excel) in the page's own wording.

The page's 单位 is the issuing body and its 状态 says 后续报告已完成 / 后续报告未见完成 / 待核实;
the exports use the same words (the figure's unit of measure is 计量单位). The .xlsx has column
widths, a frozen header row and a filter; the file names carry the date."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import quote

from assistant.facts.model import KIND_LABELS, Fact

STATUS_LABELS = {"done": "后续报告已完成", "open": "后续报告未见完成", "unknown": "待核实"}
EXPORT_NAME = "数据与指标"


def _value(fact: Fact) -> float | None:
    return None if fact.masked or fact.value is None else fact.value


# (heading, value of a fact, column width in characters)
COLUMNS: list[tuple[str, Callable[[Fact], object], int]] = [
    ("类型", lambda f: KIND_LABELS.get(f.kind, f.kind), 10),
    ("事项", lambda f: f.subject, 30),
    ("数字（原文）", lambda f: "（原文隐去）" if f.masked else f.figure, 14),
    ("数值", _value, 10),
    ("计量单位", lambda f: f.unit, 9),
    ("完成时间 / 分值", lambda f: f.score if f.kind == "criterion" else f.deadline, 14),
    ("状态", lambda f: STATUS_LABELS.get(f.status, f.status), 16),
    ("时段", lambda f: f.period, 8),
    ("年份", lambda f: f.year, 7),
    ("单位", lambda f: f.body, 18),
    ("测评项目", lambda f: f.item, 16),
    ("测评内容", lambda f: f.content, 30),
    ("测评标准", lambda f: f.standard, 40),
    ("测评方法", lambda f: f.method, 20),
    ("责任单位", lambda f: f.responsible, 16),
    ("章节", lambda f: f.section, 24),
    ("原文", lambda f: f.sentence, 60),
    ("文件", lambda f: f.title, 30),
    ("文件名", lambda f: f.source, 24),
    ("链接", lambda f: f.doc_link, 30),
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: keep them text."""
    value = _ILLEGAL.sub("", value)
    if value.startswith(_FORMULA_START) and not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        return "'" + value
    return value


def to_csv(facts: Iterable[Fact]) -> bytes:
    """UTF-8 CSV with a BOM (Excel then reads the Chinese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for heading, _, _ in COLUMNS])
    for fact in facts:
        row = []
        for _, get, _ in COLUMNS:
            value = get(fact)
            if value is None:
                row.append("")
            elif isinstance(value, float):
                row.append(f"{value:g}")
            else:
                row.append(_text(str(value)))
        writer.writerow(row)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def to_xlsx(facts: Iterable[Fact]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = EXPORT_NAME
    sheet.append([heading for heading, _, _ in COLUMNS])
    for fact in facts:
        row = []
        for _, get, _ in COLUMNS:
            value = get(fact)
            row.append(_ILLEGAL.sub("", value) if isinstance(value, str) else value)
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    header_fill = PatternFill("solid", fgColor="F6F8FA")
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 1)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def attachment(suffix: str, today: date | None = None) -> str:
    """``Content-Disposition`` of an export: ``数据与指标-2026-11-30.xlsx`` (an ASCII name for old clients)."""
    day = (today or date.today()).isoformat()
    return f"attachment; filename=\"facts-{day}.{suffix}\"; filename*=UTF-8''{quote(f'{EXPORT_NAME}-{day}.{suffix}')}"
