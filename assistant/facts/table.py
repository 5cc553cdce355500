"""Assessment criteria from spreadsheets, and facts out to spreadsheets.

Reading: ``.xlsx`` (openpyxl, read-only) and ``.csv`` (UTF-8 with or without BOM, or
GB18030). The header row is found among the first rows by its column names — 测评项目,
测评内容, 测评标准, 分值, 责任单位 and synonyms (项目/内容/标准/分数/牵头单位 …). Cells left
blank under a merged or repeated value (项目, 内容, 分值, 单位 …) inherit the value above.
Every problem is a :class:`TableError` whose message starts with the file name.

Writing: :func:`facts_to_csv` and :func:`facts_to_xlsx` return the bytes of a file with
the columns of :data:`assistant.facts.model.EXPORT_COLUMNS`."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.facts.criteria import criterion_fact, field_of
from assistant.facts.model import EXPORT_COLUMNS, Fact
from assistant.ingest.load import IngestError, read_spreadsheet

TABLE_SUFFIXES = {".xlsx", ".csv"}
_HEADER_SCAN_ROWS = 15
_FILL_DOWN = {"item", "content", "score", "method", "responsible"}
_MAX_TABLE_BYTES = 50 * 1024 * 1024


class TableError(ValueError):
    """A criteria table that cannot be read. ``str()`` is ``"<file>: <reason>"``."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


def load_criteria_table(path: str | Path, data: bytes | None = None, name: str | None = None) -> list[Fact]:
    """Criteria (``Fact(kind="criterion")``) from a .xlsx or .csv file (or its ``data``)."""
    path = Path(path)
    name = name or path.name
    suffix = Path(name).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise TableError(name, f"unsupported table type '{suffix or '(none)'}' (supported: .xlsx, .csv)")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableError(name, f"cannot read ({exc.strerror})") from exc
    if not data:
        raise TableError(name, "empty file")
    try:
        sheets = read_spreadsheet(Path(name), data, max(len(data), _MAX_TABLE_BYTES))
    except IngestError as exc:
        raise TableError(name, exc.reason) from exc
    facts: list[Fact] = []
    found_header = False
    for sheet, rows in sheets:
        header_at, columns = _find_header(rows)
        if header_at is None:
            continue
        found_header = True
        facts.extend(_records(name, sheet, rows[header_at + 1 :], columns, header_at + 1))
    if not found_header:
        raise TableError(
            name,
            f"no header row with criteria columns (测评项目/测评内容/测评标准/分值 or 项目/内容/标准/分数) "
            f"in the first {_HEADER_SCAN_ROWS} rows",
        )
    return facts


def _find_header(rows: list[list[str]]) -> tuple[int | None, list[str | None]]:
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        columns = [field_of(cell) if cell else None for cell in row]
        named = [c for c in columns if c and c != "number"]
        if len(set(named)) >= 2 and any(c in ("item", "content", "standard") for c in named):
            return index, columns
    return None, []


def _records(name: str, sheet: str, rows: list[list[str]], columns: list[str | None], first_row: int) -> list[Fact]:
    facts: list[Fact] = []
    above: dict[str, str] = {}
    stem = Path(name).stem
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    for offset, row in enumerate(rows):
        if not any(cell.strip() for cell in row):
            continue
        fields: dict[str, str] = {}
        for column, cell in zip(columns, row, strict=False):  # rows may be ragged
            if column and cell and column not in fields:
                fields[column] = cell
        own = {k for k in fields if k in ("item", "content", "standard")}
        if not own and "score" not in fields:
            continue  # a note or subtotal line without criteria columns
        for column in _FILL_DOWN:
            if column in columns and not fields.get(column) and above.get(column):
                fields[column] = above[column]
        for column in _FILL_DOWN:
            if fields.get(column):
                above[column] = fields[column]
        if not (fields.get("standard") or fields.get("content") or fields.get("item")):
            continue
        line = "；".join(f"{_LABELS[k]}：{fields[k]}" for k in _LABELS if fields.get(k))
        row_number = first_row + offset + 1
        fact = criterion_fact(
            fields,
            section=sheet,
            sentence=line,
            title=stem + (f"（{sheet}）" if sheet else ""),
            source=name,
        )
        fact.fact_id = f"table-{digest}:{sheet}:{row_number}"
        facts.append(fact)
    return facts


_LABELS = {
    "item": "测评项目",
    "content": "测评内容",
    "standard": "测评标准",
    "score": "分值",
    "method": "测评方法",
    "responsible": "责任单位",
}


def find_tables(folder: str | Path) -> list[Path]:
    """Criteria tables (.xlsx/.csv) under a folder, hidden files and Office lock files skipped."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.rglob("*")):
        if (
            path.suffix.lower() in TABLE_SUFFIXES
            and path.is_file()
            and not any(part.startswith((".", "~$")) for part in path.relative_to(folder).parts)
        ):
            out.append(path)
    return out


# -- writers ----------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _export_value(fact: Fact, key: str) -> str | int | float | bool | None:
    if key == "kind":
        from assistant.facts.model import KIND_LABELS

        return KIND_LABELS.get(fact.kind, fact.kind)
    value: str | int | float | bool | None = getattr(fact, key)
    if key == "value" and (fact.masked or value is None):
        return None
    return value


def _safe_text(value: str) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: keep them text."""
    value = _ILLEGAL.sub("", value)
    if value.startswith(_FORMULA_START) and not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        return "'" + value
    return value


def facts_to_csv(facts: Iterable[Fact]) -> bytes:
    """UTF-8 CSV (with BOM, so that Excel reads Chinese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _, label in EXPORT_COLUMNS])
    for fact in facts:
        row = []
        for key, _ in EXPORT_COLUMNS:
            value = _export_value(fact, key)
            if value is None:
                row.append("")
            elif isinstance(value, float):
                row.append(f"{value:g}" if abs(value) < 1e15 else str(value))
            else:
                row.append(_safe_text(str(value)))
        writer.writerow(row)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def facts_to_xlsx(facts: Iterable[Fact], sheet_title: str = "facts") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    sheet.append([label for _, label in EXPORT_COLUMNS])
    for fact in facts:
        row = []
        for key, _ in EXPORT_COLUMNS:
            value = _export_value(fact, key)
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=_ILLEGAL.sub("", value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def tables_signature(criteria_dir: str | Path | None) -> tuple[Any, ...]:
    """The state of the criteria tables in a folder. No longer needed by the facts (read at
    ingest); kept for callers that still key a cache with it."""
    if criteria_dir is None:
        return ()
    signature: list[Any] = [str(Path(criteria_dir).resolve())]
    for path in find_tables(criteria_dir):
        try:
            stat = path.stat()
        except OSError:
            continue
        signature.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)
