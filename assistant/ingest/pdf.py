"""PDF files: the text layer where it is real, OCR of the page image where it is not.

A page's text layer is real when it holds readable characters (not empty, not the private-use
or control characters that fonts without a Unicode map turn into). Other pages are read by OCR
from their largest embedded image (a scanner writes one image per page); an image whose header
claims too many pixels is refused before it is decoded."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError, LoadedFile
from assistant.ingest.ocr import PageProgress
from assistant.ingest.scan_pages import OcrPage, read_page
from assistant.ingest.scans import check_page_limit, check_pixels, ocr_note

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[/／共]\s*\d+\s*页?)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$"
)
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@dataclass(frozen=True)
class PdfOptions:
    max_pixels: int
    ocr_page_limit: int
    on_page: PageProgress | None = None


def real_text_layer(text: str) -> bool:
    """Readable text: enough letters, digits or Chinese, and almost no mis-mapped characters."""
    meaningful = len(_MEANINGFUL.findall(text))
    if meaningful < 5:
        return False
    bad = sum(
        1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch in "\ufffd□" or "\ue000" <= ch <= "\uf8ff"
    )
    return bad / max(1, len(text.strip())) < 0.02


def _image_objects(page: Any) -> list[Any]:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        objects = [xobjects[name].get_object() for name in xobjects]
    except Exception:  # a malformed resource dictionary: no image to read
        return []
    return [o for o in objects if o.get("/Subtype") == "/Image"]


def _page_image(path: Path, page: Any, max_pixels: int) -> Any:
    """The page's largest embedded image (a PIL image), its size checked before decoding."""
    objects = _image_objects(page)
    if not objects:
        return None
    largest = max(objects, key=lambda o: int(o.get("/Width", 0)) * int(o.get("/Height", 0)))
    check_pixels(path, int(largest.get("/Width", 0)), int(largest.get("/Height", 0)), max_pixels)
    for image in page.images:  # decoded only now
        if image.image is not None and image.image.width == int(largest.get("/Width", 0)):
            return image.image
    return None


def read_pdf(path: Path, data: bytes, options: PdfOptions) -> LoadedFile:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "password-protected PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        to_ocr = [i for i, text in enumerate(pages) if not real_text_layer(text) and _image_objects(reader.pages[i])]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise IngestError(path, f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises assorted errors on hostile files
        raise IngestError(path, f"unreadable PDF ({type(exc).__name__})") from exc
    notes = []
    scans: dict[int, OcrPage] = {}
    if to_ocr:
        check_page_limit(path, len(to_ocr), options.ocr_page_limit)
        for done, index in enumerate(to_ocr, start=1):
            try:
                image = _page_image(path, reader.pages[index], options.max_pixels)
            except IngestError:
                raise
            except Exception as exc:  # an image pypdf or Pillow cannot decode
                raise IngestError(path, f"damaged PDF (page {index + 1} image: {type(exc).__name__})") from exc
            if image is not None:
                scans[index + 1] = read_page(image)
                pages[index] = scans[index + 1].text
            if options.on_page:
                options.on_page(done, len(to_ocr))
        notes.append(ocr_note([i + 1 for i in to_ocr], len(pages)))
    elif not "".join(pages).strip():
        raise IngestError(path, "PDF has no text layer and no page image to read by OCR")
    if not to_ocr and not real_text_layer("".join(pages)):
        raise IngestError(path, "PDF text layer is garbled (fonts without a Unicode map?); OCR it or export it again")
    # Lines repeated on most pages are running headers/footers.
    counts = Counter(line.strip() for page in pages for line in set(page.splitlines()) if line.strip())
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n >= 0.6 * len(pages) and len(line) < 60}
    kept_pages = []
    for page_text in pages:
        kept = [ln for ln in page_text.splitlines() if ln.strip() not in repeated and not _PAGE_NUMBER.match(ln)]
        kept_pages.append("\n".join(kept))
    title = ""
    try:
        from assistant.ingest.load import meaningful_title

        metadata = reader.metadata
        title = meaningful_title(str(metadata.get("/Title") or "")) if metadata else ""
    except Exception:  # metadata is optional and often malformed
        title = ""
    ocr_pages = {i + 1: pages[i] for i in to_ocr}
    return LoadedFile(path, "\n".join(kept_pages), title_hint=title, notes=notes, ocr_pages=ocr_pages, ocr_scans=scans)
