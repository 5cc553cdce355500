"""Report pages rendered to images in a Chinese font, as a scanner would give them (plain
pages, two-column pages and table pages), and OFD files written as GB/T 33190 lays them out.
Used by bench/ocr.py, bench/ocr_formats.py and the tests of these formats."""

from __future__ import annotations

import io
import subprocess
import textwrap
import zipfile
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

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


# OFD: OFD.xml → Doc_0/Document.xml → Doc_0/Pages/Page_N/Content.xml (TextObject/TextCode).
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
FONT_MM = 4.2


def _text_object(obj_id: int, x: float, y: float, text: str, per_char: bool = False) -> str:
    if per_char:  # some writers put every character in an object of its own
        return "".join(_text_object(obj_id * 100 + i, x + i * FONT_MM, y, ch) for i, ch in enumerate(text))
    delta = f' DeltaX="g {len(text) - 1} {FONT_MM}"' if len(text) > 1 else ""
    return (
        f'<ofd:TextObject ID="{obj_id}" Boundary="{x:.2f} {y:.2f} {FONT_MM * len(text):.2f} {FONT_MM * 1.4:.2f}" '
        f'Font="2" Size="{FONT_MM}"><ofd:TextCode X="0" Y="{FONT_MM}"{delta}>{escape(text)}</ofd:TextCode></ofd:TextObject>'
    )


def ofd_page(lines: list[str | list[str]], per_char: frozenset[int] = frozenset()) -> str:
    """A page's Content.xml: a string is a line, a list a table row (one object per cell)."""
    objects, y = [], 25.0
    for number, line in enumerate(lines):
        if isinstance(line, str):
            objects.append(_text_object(10 + number, 25.0, y, line, number in per_char))
        else:
            objects += [_text_object(1000 + 10 * number + c, 25.0 + 45.0 * c, y, cell) for c, cell in enumerate(line)]
        y += FONT_MM * 1.8
    body = "".join(objects)
    return f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="3">{body}</ofd:Layer></ofd:Content></ofd:Page>'


def make_ofd(pages: list[str], title: str = "") -> bytes:
    refs = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'{head}<ofd:OFD {NS} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1c</ofd:DocID>'
            f"<ofd:Title>{escape(title)}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f"{head}<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
            f"</ofd:CommonData><ofd:Pages>{refs}</ofd:Pages></ofd:Document>",
        )
        archive.writestr(
            "Doc_0/PublicRes.xml",
            f'{head}<ofd:Res {NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/>'
            "</ofd:Fonts></ofd:Res>",
        )
        for i, page in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", page)
    return out.getvalue()


OFD_TITLE = "XX市文明办2024年创建全国文明城市工作总结"
OFD_PAGES = [
    ofd_page(
        [
            OFD_TITLE,
            "一、志愿服务",
            "全年开展新时代文明实践志愿服务活动2315场次，参与志愿者4.6万人次。",
            ["测评项目", "得分", "排名"],
            ["公共文明素养", "92.5", "第3名"],
            ["社区环境整治", "88.0", "第7名"],
        ],
        per_char=frozenset({2}),
    ),
    ofd_page(["二、下一步工作", "持续推进背街小巷整治，年内完成改造46条。"]),
]
