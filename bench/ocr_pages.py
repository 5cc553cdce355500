"""Report pages rendered to images in a Chinese font, as a scanner would give them: plain
pages, two-column pages and table pages. Used by bench/ocr.py and the OCR tests."""

from __future__ import annotations

import io
import subprocess
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

PAGE_WIDTH = 1240  # A4 at 150 dpi
MARGIN = 90
FONT_SIZE = 30
LINE_GAP = 18


@cache
def font_path() -> str:
    """A CJK font the machine has (scripts/setup.sh installs fonts-wqy-microhei)."""
    for known in ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"):
        if Path(known).is_file():
            return known
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    for line in found.splitlines():
        if line.strip():
            return line.split(":")[0].strip()
    raise FileNotFoundError("no Chinese font (fc-list :lang=zh is empty); install fonts-wqy-microhei")


def _font(size: int = FONT_SIZE) -> Any:
    return ImageFont.truetype(font_path(), size)


def _wrap(line: str, width_px: int, size: int = FONT_SIZE) -> list[str]:
    return textwrap.wrap(line, max(1, width_px // size), break_long_words=True, replace_whitespace=False) or [""]


def _page(height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (PAGE_WIDTH, height), 255)
    return image, ImageDraw.Draw(image)


def text_page(lines: list[str], height: int | None = None) -> Image.Image:
    """One column of text, long lines wrapped at the margin (as a printed report)."""
    wrapped = [piece for line in lines for piece in _wrap(line, PAGE_WIDTH - 2 * MARGIN)]
    step = FONT_SIZE + LINE_GAP
    image, draw = _page(height or 2 * MARGIN + step * len(wrapped))
    for number, piece in enumerate(wrapped):
        draw.text((MARGIN, MARGIN + number * step), piece, font=_font(), fill=0)
    return image


def two_column_page(title: str, left: list[str], right: list[str]) -> Image.Image:
    """A title across the page, then two columns of text read left column first."""
    column = (PAGE_WIDTH - 2 * MARGIN - 80) // 2
    step = FONT_SIZE + LINE_GAP
    columns = [[p for line in side for p in _wrap(line, column)] for side in (left, right)]
    rows = max(len(c) for c in columns)
    image, draw = _page(2 * MARGIN + step * (rows + 2))
    draw.text((MARGIN, MARGIN), title, font=_font(), fill=0)
    for index, pieces in enumerate(columns):
        x = MARGIN + index * (column + 80)
        for number, piece in enumerate(pieces):
            draw.text((x, MARGIN + (number + 2) * step), piece, font=_font(), fill=0)
    return image


def table_page(title: str, rows: list[list[str]]) -> Image.Image:
    """A title, then a ruled table (the first row is the header)."""
    cell_width = (PAGE_WIDTH - 2 * MARGIN) // max(len(r) for r in rows)
    row_height = FONT_SIZE + 30
    top = MARGIN + 2 * (FONT_SIZE + LINE_GAP)
    image, draw = _page(top + row_height * len(rows) + MARGIN)
    draw.text((MARGIN, MARGIN), title, font=_font(), fill=0)
    for r, row in enumerate(rows):
        y = top + r * row_height
        for c, cell in enumerate(row):
            x = MARGIN + c * cell_width
            draw.rectangle((x, y, x + cell_width, y + row_height), outline=0, width=2)
            draw.text((x + 14, y + 15), cell, font=_font(), fill=0)
    return image


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def scanned_pdf(pages: list[Image.Image], resolution: float = 150.0) -> bytes:
    """A PDF whose pages are only images (no text layer), as a scanner writes it."""
    out = io.BytesIO()
    pages[0].convert("RGB").save(
        out, format="PDF", save_all=True, append_images=[p.convert("RGB") for p in pages[1:]], resolution=resolution
    )
    return out.getvalue()
