"""Read report files into text: .txt/.md (UTF-8 or GB18030/GBK) and .html (ingest/text_files.py),
.docx and criteria spreadsheets (.xlsx, .csv) as one record line per row (ingest/office.py), .pdf
(OCR where a page is a scan; ingest/pdf.py), and the formats offices keep besides: .doc/.wps
(ingest/legacy.py), .ofd (ingest/ofd.py) and images (.jpg, .png, .tif; ingest/ocr.py,
ingest/scan_pages.py). This module checks a file and hands it to its reader.

Every failure is an :class:`IngestError` naming the file and the reason."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.errors import IngestError, LoadedFile, human_size
from assistant.ingest.ocr import PageProgress
from assistant.ingest.office import MAX_TABLE_ROWS, docx_text, read_spreadsheet, spreadsheet_text, table_rows_as_records
from assistant.ingest.text_files import decode_text, html_text, looks_like_text

__all__ = [
    "IGNORED_NAMES",
    "IMAGE_SUFFIXES",
    "MAX_TABLE_ROWS",
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
# Files that describe a corpus rather than belong to it.
IGNORED_NAMES = {"SOURCES.md", "README.md", "meta.yaml", "meta.yml"}

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
        loaded = docx_text(path, data, max_bytes)
    elif suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise IngestError(path, "not a PDF (no %PDF header; renamed or truncated?)")
        from assistant.ingest.pdf import PdfOptions, read_pdf

        loaded = read_pdf(path, data, PdfOptions(options.ocr_max_pixels, options.ocr_page_limit, options.on_page))
    elif suffix in {".doc", ".wps"}:
        from assistant.ingest.legacy import read_legacy_word

        loaded = read_legacy_word(path, data, lambda source, docx_data: docx_text(source, docx_data, max_bytes))
    elif suffix == ".ofd":
        from assistant.ingest.ofd import read_ofd

        loaded = read_ofd(path, data, max_bytes)
    elif suffix in IMAGE_SUFFIXES:
        from assistant.ingest.scan_pages import ocr_images
        from assistant.ingest.scans import open_images

        images = open_images(path, data, options.ocr_max_pixels)
        loaded = ocr_images(path, images, options.ocr_page_limit, options.on_page)
    elif suffix in {".html", ".htm"}:
        loaded = html_text(path, data)
    elif suffix in {".xlsx", ".csv"}:
        loaded = spreadsheet_text(path, data, max_bytes)
    else:
        loaded = LoadedFile(path, decode_text(data, path))
    if not loaded.text.strip():
        raise IngestError(path, "no text found in the file")
    return loaded
