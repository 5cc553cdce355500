"""Read report files into text: .txt/.md (UTF-8 or GB18030/GBK), .docx, .pdf (OCR where a page
is a scan), .html, criteria spreadsheets (.xlsx, .csv) as one record line per row, and the
formats offices keep besides: .doc/.wps (ingest/legacy.py), .ofd (ingest/ofd.py) and images
(.jpg, .png, .tif; ingest/ocr.py).

Every failure is an :class:`IngestError` naming the file and the reason."""

from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError, LoadedFile, human_size
from assistant.ingest.numbering import ListNumbers
from assistant.ingest.ocr import PageProgress

__all__ = [
    "IGNORED_NAMES",
    "IMAGE_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "LoadedFile",
    "ReadOptions",
    "check_file",
    "decode_text",
    "human_size",
    "load_file",
    "looks_like_text",
    "meaningful_title",
    "read_spreadsheet",
    "table_rows_as_records",
]

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = {
    ".txt",
    ".md",
    ".docx",
    ".pdf",
    ".html",
    ".htm",
    ".xlsx",
    ".csv",
    ".doc",
    ".wps",
    ".ofd",
} | IMAGE_SUFFIXES
MAX_TABLE_ROWS = 100_000
# Files that describe a corpus rather than belong to it.
IGNORED_NAMES = {"SOURCES.md", "README.md", "meta.yaml", "meta.yml"}


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise IngestError(path, "binary content (NUL bytes), not a text file")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if looks_like_text(text):
            return text
    raise IngestError(path, "unknown or mixed text encoding (tried UTF-8, GB18030 and detection)")


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20000]
    # Private-use characters are what Big5 (and other non-GBK) bytes become when read as
    # GB18030: real text hardly has any, mis-decoded text is full of them.
    bad = sum(
        1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff"
    )
    return bad / len(sample) < 0.01


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


def _docx_text(path: Path, data: bytes, max_bytes: int) -> LoadedFile:
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


def _spreadsheet_text(path: Path, data: bytes, max_bytes: int) -> LoadedFile:
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


# Titles that PDF writers put into the metadata by themselves: a browser's blank page, a
# word processor's placeholder or the name of the file that was printed ("Microsoft Word - x.docx").
_PLACEHOLDER_TITLE = re.compile(
    r"about:blank|untitled(?:[\s-]*\d*)?|untitled document|无标题(?:文档)?\s*\d*|新建\s*.{0,20}?文档\s*[(（]?\d*[)）]?|"
    r"document\s*\d*|文档\s*\d*|title|标题|\(?anonymous\)?|none|null|unknown|"
    r"microsoft (?:word|excel|powerpoint)\b.*|(?:wps|word|powerpoint) (?:文字|演示|presentation|document).*|"
    r"(?:https?|file)://.*|.*\.(?:docx?|pdf|wps|txt|xlsx?|pptx?|html?|rtf|odt)",
    re.IGNORECASE,
)


def meaningful_title(title: str) -> str:
    """A metadata title worth showing, or "" (then the document's first heading is its title)."""
    title = " ".join(title.split())
    if not title or _PLACEHOLDER_TITLE.fullmatch(title) or not re.search(r"[^\W\d_]", title):
        return ""
    return title


class _HTMLText(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}
    )
    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self._BLOCKS:
            self.parts.append("\n")
        if tag in {"td", "th"}:
            self.parts.append("　")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def _html_text(path: Path, data: bytes) -> LoadedFile:
    """The visible text of an HTML file. Character references are decoded once, by the parser
    (``convert_charrefs``): ``&amp;lt;`` is the text ``&lt;``, never ``<``."""
    parser = _HTMLText()
    parser.feed(decode_text(data, path))
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)
    return LoadedFile(path, text, title_hint=parser.title.strip())


def check_file(path: Path, max_bytes: int) -> int:
    """The size of a regular, non-empty file within the limit, from ``stat()`` alone.

    Called before anything opens the file: a FIFO or a link to ``/dev/zero`` would block
    or never end, and a huge file must be refused without reading it."""
    try:
        info = path.stat()
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(path, "not a regular file (device, FIFO or socket)")
    if info.st_size == 0:
        raise IngestError(path, "empty file")
    if info.st_size > max_bytes:
        raise IngestError(
            path,
            f"too large: {human_size(info.st_size)} exceeds the limit of {human_size(max_bytes)} (ASSISTANT_MAX_FILE_BYTES)",
        )
    return info.st_size


@dataclass(frozen=True)
class ReadOptions:
    """Limits and progress of the readers that OCR (Settings.ocr_*)."""

    ocr_page_limit: int = 200
    ocr_max_pixels: int = 40_000_000
    on_page: PageProgress | None = None  # (pages done, pages to OCR) of the file being read


def load_file(path: Path, max_bytes: int, options: ReadOptions | None = None) -> LoadedFile:
    """Read one file into text. Raises :class:`IngestError` with a reason a user can act on."""
    options = options or ReadOptions()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(
            path, f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    check_file(path, max_bytes)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # never more than the limit, even if the file grew since stat()
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise IngestError(path, f"too large: over the limit of {human_size(max_bytes)} (ASSISTANT_MAX_FILE_BYTES)")
    if suffix == ".docx":
        loaded = _docx_text(path, data, max_bytes)
    elif suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise IngestError(path, "not a PDF (no %PDF header; renamed or truncated?)")
        from assistant.ingest.pdf import PdfOptions, read_pdf

        loaded = read_pdf(path, data, PdfOptions(options.ocr_max_pixels, options.ocr_page_limit, options.on_page))
    elif suffix in {".doc", ".wps"}:
        from assistant.ingest.legacy import read_legacy_word

        loaded = read_legacy_word(path, data, lambda source, docx_data: _docx_text(source, docx_data, max_bytes))
    elif suffix == ".ofd":
        from assistant.ingest.ofd import read_ofd

        loaded = read_ofd(path, data, max_bytes)
    elif suffix in IMAGE_SUFFIXES:
        from assistant.ingest.ocr import open_images
        from assistant.ingest.scan_pages import ocr_images

        images = open_images(path, data, options.ocr_max_pixels)
        loaded = ocr_images(path, images, options.ocr_page_limit, options.on_page)
    elif suffix in {".html", ".htm"}:
        loaded = _html_text(path, data)
    elif suffix in {".xlsx", ".csv"}:
        loaded = _spreadsheet_text(path, data, max_bytes)
    else:
        loaded = LoadedFile(path, decode_text(data, path))
    if not loaded.text.strip():
        raise IngestError(path, "no text found in the file")
    return loaded
