"""Office files: .docx (paragraphs with Word's list numbers, tables as record lines) and criteria
spreadsheets (.xlsx, .csv) as one record line per row with the header repeated. Archives are
checked before they are opened (damaged, encrypted, zip bombs)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError, LoadedFile, human_size
from assistant.ingest.numbering import ListNumbers

MAX_TABLE_ROWS = 100_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files and encrypted OOXML


def _check_zip(path: Path, data: bytes, max_bytes: int, suffix: str = ".docx") -> zipfile.ZipFile:
    """The Office file's zip archive, refused when damaged, encrypted or a zip bomb."""
    old, member = {
        ".docx": ("Word file (.doc)", "word/document.xml"),
        ".xlsx": ("Excel file (.xls)", "xl/workbook.xml"),
    }[suffix]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        if data[:8] == _OLE_MAGIC:
            raise IngestError(path, f"password-protected or old binary {old}, not a {suffix}") from exc
        raise IngestError(path, f"not a valid {suffix} (not a zip archive; truncated or renamed?)") from exc
    total = sum(info.file_size for info in archive.infolist())
    if total > 10 * max_bytes or (data and total / len(data) > 200 and total > 50 * 1024 * 1024):
        raise IngestError(path, f"refused: archive expands to {human_size(total)} (zip bomb?)")
    if member not in archive.namelist():
        raise IngestError(path, f"not a valid {suffix} ({member} missing)")
    return archive


def docx_text(path: Path, data: bytes, max_bytes: int) -> LoadedFile:
    _check_zip(path, data, max_bytes)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise IngestError(path, f"damaged .docx ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    numbers = ListNumbers.of(document)
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            number, text = numbers.number(paragraph), paragraph.text
            lines.append(number + text if number and not text.lstrip().startswith(number) else text)
        elif tag == "tbl":
            lines.extend(table_rows_as_records(_table_cells(Table(element, document))))
    title = (document.core_properties.title or "").strip()
    return LoadedFile(path, "\n".join(lines), title_hint=title)


def _table_cells(table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: keep it once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(cells)
    return rows


def table_rows_as_records(rows: list[list[str]]) -> list[str]:
    """One line per table row, the header repeated: ``测评项目：…；测评内容：…；分值：…``.

    Cells left empty by vertical merges inherit the value above, so every record stands alone."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    header = rows[0]
    if len(rows) == 1 or len(header) < 2:
        return ["；".join(c for c in r if c) for r in rows]
    records = ["　".join(header)]
    above: list[str] = [""] * len(header)
    for row in rows[1:]:
        parts = []
        for i, value in enumerate(row):
            value = value or (above[i] if i < len(above) else "")
            if i < len(above):
                above[i] = value
            name = header[i] if i < len(header) and header[i] else f"列{i + 1}"
            if value:
                parts.append(f"{name}：{value}")
        records.append("；".join(parts))
    return records


def read_spreadsheet(path: Path, data: bytes, max_bytes: int) -> list[tuple[str, list[list[str]]]]:
    """The sheets of a .xlsx (title, rows of cell texts) or the one table of a .csv (UTF-8 with
    or without BOM, or GB18030). Raises :class:`IngestError` naming the file and the reason."""
    if path.suffix.lower() == ".csv":
        return [("", _csv_rows(path, data))]
    from openpyxl import load_workbook

    _check_zip(path, data, max_bytes, ".xlsx")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise IngestError(path, f"damaged .xlsx ({type(exc).__name__}: {exc})") from exc
    sheets = []
    try:
        for sheet in book.worksheets:
            rows = []
            for count, row in enumerate(sheet.iter_rows(values_only=True)):
                if count >= MAX_TABLE_ROWS:
                    raise IngestError(path, f"sheet '{sheet.title}' has more than {MAX_TABLE_ROWS} rows")
                rows.append([_cell_text(v) for v in row])
            sheets.append((sheet.title, rows))
    finally:
        book.close()
    return sheets


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _csv_rows(path: Path, data: bytes) -> list[list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise IngestError(path, "unknown text encoding (expected UTF-8 or GB18030)")
    if "\x00" in text[:4096]:
        raise IngestError(path, "binary content, not a CSV file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for count, row in enumerate(csv.reader(io.StringIO(text), dialect)):
        if count >= MAX_TABLE_ROWS:
            raise IngestError(path, f"more than {MAX_TABLE_ROWS} rows")
        rows.append([" ".join(cell.split()) for cell in row])
    return rows


def spreadsheet_text(path: Path, data: bytes, max_bytes: int) -> LoadedFile:
    """A spreadsheet as text: lines above the header row (a table title, notes) as they are,
    then one record line per row with the header repeated, as for tables in a .docx."""
    lines: list[str] = []
    sheets = read_spreadsheet(path, data, max_bytes)
    title = ""
    for name, rows in sheets:
        rows = [r for r in rows if any(c.strip() for c in r)]
        header_at = next((i for i, r in enumerate(rows) if sum(1 for c in r if c.strip()) >= 2), len(rows))
        above = ["".join(c for c in r if c) for r in rows[:header_at]]
        title = title or (above[0] if above else "")
        if len(sheets) > 1 and name:
            lines.append(name)
        lines.extend(above)
        lines.extend(table_rows_as_records(rows[header_at:]))
    return LoadedFile(path, "\n".join(lines), title_hint=title)
