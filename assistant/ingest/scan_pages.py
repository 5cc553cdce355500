"""Pages read by OCR as a citation shows them: the page image (a downscaled JPEG kept in the
index) and the rectangles of its text lines, so that a passage can be highlighted where it
stands on the page.

Rectangles are fractions of the page (0-1, origin top left), so they fit the image at any size."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.errors import LoadedFile
from assistant.ingest.ocr import PageProgress, placed_lines, recognise
from assistant.ingest.scans import check_page_limit, ocr_note

# The kept image: long side at most this many pixels (a 150 dpi A4 page is 1754 px high), JPEG.
IMAGE_SIDE = 1400
IMAGE_QUALITY = 70
# A line counts as part of a passage when this much of its start or end is in it.
_MATCH_CHARS = 8

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class OcrLine:
    """A line of a page read by OCR and the rectangle of the boxes it was read from."""

    text: str
    rect: Rect


@dataclass(frozen=True)
class OcrPage:
    """A page read by OCR: its lines in reading order and a downscaled JPEG of its image."""

    lines: list[OcrLine]
    image: bytes

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def page_jpeg(image: Any) -> bytes:
    """The page image as kept in the index: at most IMAGE_SIDE pixels a side, greyscale when the
    scan is, JPEG."""
    copy = image.convert("L" if image.mode in {"1", "L", "LA", "I", "I;16"} else "RGB")
    if max(copy.size) > IMAGE_SIDE:
        scale = IMAGE_SIDE / max(copy.size)
        copy = copy.resize((max(1, round(copy.width * scale)), max(1, round(copy.height * scale))))
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=IMAGE_QUALITY, optimize=True)
    return out.getvalue()


def read_page(image: Any) -> OcrPage:
    """OCR of one page image: lines in reading order with their rectangles, and the kept image."""
    width, height = max(1, image.width), max(1, image.height)
    lines = []
    for text, boxes in placed_lines(recognise(image)):
        rect = (
            max(0.0, min(b.x0 for b in boxes) / width),
            max(0.0, min(b.y0 for b in boxes) / height),
            min(1.0, max(b.x1 for b in boxes) / width),
            min(1.0, max(b.y1 for b in boxes) / height),
        )
        lines.append(OcrLine(text, (round(rect[0], 4), round(rect[1], 4), round(rect[2], 4), round(rect[3], 4))))
    return OcrPage(lines, page_jpeg(image))


def ocr_images(path: Path, images: list[Any], page_limit: int, on_page: PageProgress | None) -> LoadedFile:
    """Text of image pages (one file's frames), noted as read by OCR, with their places and images."""
    check_page_limit(path, len(images), page_limit)
    scans: dict[int, OcrPage] = {}
    for number, image in enumerate(images, start=1):
        scans[number] = read_page(image)
        if on_page:
            on_page(number, len(images))
    pages = {number: scan.text for number, scan in scans.items()}
    note = ocr_note(list(pages), len(images))
    return LoadedFile(path, "\n".join(pages.values()), notes=[note], ocr_pages=pages, ocr_scans=scans)


def _compact(text: str) -> str:
    return "".join(text.split())


def passage_rects(passage: str, page: OcrPage | None) -> list[Rect]:
    """The rectangles of the page's lines that the passage holds (whole, or its first or last
    characters, where the passage starts or ends inside a line); cleaning joins and trims lines,
    so whitespace is ignored."""
    if page is None:
        return []
    held = _compact(passage)
    rects = []
    for line in page.lines:
        text = _compact(line.text)
        if not text:
            continue
        if text in held or (len(text) > _MATCH_CHARS and (text[:_MATCH_CHARS] in held or text[-_MATCH_CHARS:] in held)):
            rects.append(line.rect)
    return rects


def rects_json(rects: list[Rect]) -> str:
    return json.dumps([list(r) for r in rects]) if rects else ""


def rects_from_json(value: str | None) -> list[Rect]:
    """Rectangles as stored (JSON text; "" or NULL: none, as in indexes written before them)."""
    if not value:
        return []
    try:
        return [(float(a), float(b), float(c), float(d)) for a, b, c, d in json.loads(value)]
    except (ValueError, TypeError):
        return []
