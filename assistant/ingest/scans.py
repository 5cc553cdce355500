"""Scanned files around their recognition: image files opened and checked before they are
decoded (a file whose header claims more pixels than ``Settings.ocr_max_pixels``, a
decompression bomb or a 10,000 x 10,000 photo, is refused), the limit of pages read by OCR per
file, the note a document gets for its recognised pages and the page a passage was read from."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError


def check_pixels(path: Path, width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise IngestError(
            path,
            f"refused: image of {width} x {height} pixels is over the limit of {max_pixels:,} pixels "
            "(ASSISTANT_OCR_MAX_PIXELS; decompression bomb or oversized scan)",
        )


def open_images(path: Path, data: bytes, max_pixels: int) -> list[Any]:
    """The frames of an image file (a TIFF may hold many pages), each checked before decoding."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 Mpixels on: the explicit check below gives the reason instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = []
            for frame in ImageSequence.Iterator(image):
                check_pixels(path, frame.width, frame.height, max_pixels)
                frame.load()
                frames.append(frame.copy())
    except IngestError:
        raise
    except Image.DecompressionBombError as exc:
        raise IngestError(path, f"refused: image is too large to decode safely ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise IngestError(path, f"damaged image (not a {path.suffix.lower()} Pillow can read)") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or malformed image data
        raise IngestError(path, f"damaged image ({type(exc).__name__}: {exc})") from exc
    return frames


def check_page_limit(path: Path, pages: int, limit: int) -> None:
    if pages > limit:
        raise IngestError(
            path,
            f"refused: {pages} pages need OCR, over the limit of {limit} pages per file (ASSISTANT_OCR_PAGE_LIMIT)",
        )


def ocr_note(pages: list[int], total: int) -> str:
    """The document note of pages read by OCR (their text may hold recognition errors)."""
    shown = "、".join(str(p) for p in pages[:30]) + ("…" if len(pages) > 30 else "")
    return f"OCR：第 {shown} 页（共 {total} 页）为扫描图像，文字由识别得到"


def ocr_page_of(passage: str, pages: dict[int, str]) -> int:
    """The OCR page a passage was read from (its start found in the page's text, whitespace
    ignored: cleaning joins lines), or 0."""
    if not pages:
        return 0
    start = "".join(passage.split())[:16]
    for number, text in pages.items():
        if start and start in "".join(text.split()):
            return number
    return 0
