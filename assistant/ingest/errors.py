"""What every reader returns or raises: the loaded text, or an error naming the file and the reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.ingest.scan_pages import OcrPage


class IngestError(Exception):
    """A file that cannot be ingested. ``str()`` gives ``"<file>: <reason>"``."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{Path(self.path).name}: {reason}")


@dataclass
class LoadedFile:
    path: Path
    text: str
    title_hint: str = ""  # e.g. a document title held in file properties
    notes: list[str] = field(default_factory=list)  # how it was read, e.g. the pages read by OCR
    ocr_pages: dict[int, str] = field(default_factory=dict)  # page number → text, of pages read by OCR
    ocr_scans: dict[int, OcrPage] = field(default_factory=dict)  # page number → its lines' places and image


def human_size(size: int) -> str:
    """``532 bytes``, ``12.0 KB``, ``200.0 MB``: limits below 1 MB must not read as "0 MB"."""
    if size < 1024:
        return f"{size} bytes"
    scaled = float(size)
    for unit in ("KB", "MB", "GB"):
        scaled /= 1024
        if scaled < 1024 or unit == "GB":
            return f"{scaled:.1f} {unit}"
    raise AssertionError("unreachable")
