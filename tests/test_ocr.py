"""OCR: reading order from boxes (synthetic boxes), images refused before decoding, the page
limit, and RapidOCR itself on report pages rendered in a Chinese font."""

from __future__ import annotations

import io
import sys
import zlib
from pathlib import Path

import pytest

from assistant.ingest.load import IngestError, ReadOptions, load_file
from assistant.ingest.ocr import Box, reading_order
from assistant.ingest.pdf import real_text_layer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from ocr_pages import png_bytes, scanned_pdf, text_page

H = 30  # a character's height in the synthetic boxes


def line(x: float, y: float, text: str) -> Box:
    return Box(x, y, x + H * len(text), y + H, text)


def test_two_columns_are_read_column_by_column_with_the_title_first():
    left = ["一、市容环境整治全年清理占道经营", "一千三百五十六处整治乱贴乱画四千", "二百一十处市容秩序明显好转"]
    right = ["二、违法建设治理全年拆除违法建设", "一百二十七处面积三点五万平方米", "新增违建实现零增长"]
    boxes = [line(90, 50, "2023年XX区城市管理局工作总结（全文）全年工作情况如下")]
    boxes += [line(90, 120 + 50 * i, t) for i, t in enumerate(left)]
    boxes += [line(640, 120 + 50 * i, t) for i, t in enumerate(right)]
    assert reading_order(boxes) == [boxes[0].text, *left, *right]


def test_a_line_across_both_columns_ends_the_section_above_it():
    upper = [line(90, 100 + 50 * i, "左栏第一部分的一行正文文字") for i in range(3)]
    upper_right = [line(640, 100 + 50 * i, "右栏第一部分的一行正文文字") for i in range(3)]
    across = line(90, 300, "二、这一行标题横跨两栏而且足够长足够长足够长")
    lower = [line(90, 370, "左栏第二部分的一行正文文字"), line(640, 370, "右栏第二部分的一行正文文字")]
    order = reading_order(upper + upper_right + [across] + lower)
    assert order == [b.text for b in upper + upper_right] + [across.text, lower[0].text, lower[1].text]


def test_table_rows_become_records_with_the_header_repeated():
    rows = [["街道", "案件数", "处置率"], ["城关街道", "1,204", "99.1%"], ["新区街道", "856", "97.4%"]]
    boxes = [line(90, 40, "各街道案件处置情况")]
    boxes += [line(90 + 300 * c, 100 + 60 * r, cell) for r, row in enumerate(rows) for c, cell in enumerate(row)]
    assert reading_order(boxes) == [
        "各街道案件处置情况",
        "街道　案件数　处置率",
        "街道：城关街道；案件数：1,204；处置率：99.1%",
        "街道：新区街道；案件数：856；处置率：97.4%",
    ]


def test_boxes_of_one_line_join_in_order_and_lines_follow_from_top():
    boxes = [line(310, 102, "处置率达到98.6%"), line(90, 100, "数字化城管案件"), line(90, 160, "第二行")]
    assert reading_order(boxes) == ["数字化城管案件处置率达到98.6%", "第二行"]


@pytest.mark.parametrize(
    ("text", "real"),
    [
        ("2023年城市管理工作总结", True),
        ("", False),
        ("   \n  ", False),
        ("\ue001\ue002\ue003\ue004\ue005\ue006", False),
    ],
)
def test_real_text_layer(text, real):
    assert real_text_layer(text) is real


def huge_png(width: int = 10_000, height: int = 10_000) -> bytes:
    """A real PNG of a white page of width x height pixels (1 bit): about 12 KB on disk."""
    row = b"\x00" + b"\xff" * (width // 8)
    raw = zlib.compress(row * height, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_a_10000_by_10000_image_is_refused_before_decoding(tmp_path):
    path = tmp_path / "照片.png"
    path.write_bytes(huge_png())
    with pytest.raises(IngestError) as refused:
        load_file(path, 50 * 1024 * 1024)
    assert "10000 x 10000 pixels" in refused.value.reason and "ASSISTANT_OCR_MAX_PIXELS" in refused.value.reason
    assert "照片.png" in str(refused.value)


def test_a_scanned_pdf_with_a_huge_page_image_is_refused(tmp_path):
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (10_000, 10_000), 1).save(out, format="PDF")
    path = tmp_path / "scan.pdf"
    path.write_bytes(out.getvalue())
    with pytest.raises(IngestError, match="10000 x 10000 pixels"):
        load_file(path, 50 * 1024 * 1024)


def test_damaged_image_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "broken.png"
    path.write_bytes(png_bytes(text_page(["测试"]))[:200])
    with pytest.raises(IngestError, match="damaged image"):
        load_file(path, 50 * 1024 * 1024)


def test_pages_over_the_ocr_limit_are_refused_before_any_ocr(tmp_path):
    path = tmp_path / "long-scan.pdf"
    path.write_bytes(scanned_pdf([text_page(["第一页"]), text_page(["第二页"]), text_page(["第三页"])]))
    with pytest.raises(IngestError) as refused:
        load_file(path, 50 * 1024 * 1024, ReadOptions(ocr_page_limit=2))
    assert "3 pages need OCR" in refused.value.reason and "ASSISTANT_OCR_PAGE_LIMIT" in refused.value.reason


# RapidOCR itself on rendered two-column and table pages: tests/test_ingest_formats.py (one ingest).


def test_a_passage_is_placed_on_the_ocr_page_it_starts_on():
    from assistant.ingest.scans import ocr_page_of

    pages = {1: "一、市容整治\n全年清理流动\n摊点1356处。", 2: "二、违法建设治理\n全年拆除违法建设127处。"}
    assert ocr_page_of("全年清理流动摊点1356处。", pages) == 1  # a line joined by cleaning
    assert ocr_page_of("二、违法建设治理 全年拆除", pages) == 2
    assert ocr_page_of("不在任何一页的文字", pages) == 0
    assert ocr_page_of("全年清理", {}) == 0


@pytest.mark.parametrize(("extra_column", "page"), [("", 0), (", ocr_page INTEGER", 3)])
def test_index_rows_with_and_without_an_ocr_page(extra_column, page):
    import sqlite3

    from assistant.store.base import chunk_from_row

    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    db.execute(
        'CREATE TABLE chunks (chunk_id, doc_id, ordinal, heading, text, start, "end", deadline, search_text'
        f"{extra_column})"
    )
    values = ["a:0", "a", 0, "", "正文", 0, 2, "", "正文"] + ([page] if extra_column else [])
    db.execute(f"INSERT INTO chunks VALUES ({','.join('?' * len(values))})", values)
    assert chunk_from_row(db.execute("SELECT * FROM chunks").fetchone()).ocr_page == page


# A page in Traditional script (invented sentences in the style of report 001 of the bundled
# corpus) and one in Simplified. PP-OCRv4's recogniser knew no 縣, 認, 論, 議, 擔, 檢, 項 …
# and dropped them (bench/README.md "OCR"); PP-OCRv6's reads both scripts. On the Simplified
# line the detector cuts 二、 off with half of 全 in both boxes (read 二、三 | 全年…): overlapping
# boxes of one line are read again as one.
TRADITIONAL_PAGE = [
    "一、認清形勢，進一步增強創建工作的責任感。",
    "縣委、縣政府對照測評體系，議定178項任務，",
    "各部門要擔負起檢查和評議的責任，這是我們參與",
    "創建的關鍵；“懷疑論”必須糾正。",
]
SIMPLIFIED_PAGE = ["二、全年清理占道经营1356处，数字化案件处置率98.7%。"]


def _letters(text: str) -> str:
    """The text without whitespace and punctuation: what is compared is every character and figure."""
    return "".join(ch for ch in text if ch.isalnum() or ch == "%")


@pytest.mark.integration  # loads the OCR models (about 2 s), then about 2 s a page
def test_traditional_and_simplified_pages_are_read_character_for_character():
    from assistant.ingest.ocr import recognise

    for lines in (TRADITIONAL_PAGE, SIMPLIFIED_PAGE):
        read = "".join(reading_order(recognise(text_page(lines))))
        assert _letters(read) == _letters("".join(lines)), read
    read = "".join(reading_order(recognise(text_page(TRADITIONAL_PAGE))))
    assert {"縣", "認", "論", "議", "擔", "檢", "項", "們", "參", "這", "評", "責"} <= set(read)


def test_the_recogniser_is_a_file_inside_an_installed_package():
    from assistant.ingest.ocr import REC_MODEL, rec_model_path

    path = rec_model_path()
    assert path.is_file() and path.as_posix().endswith(REC_MODEL[1]) and "site-packages" in path.parts


def test_a_read_far_too_short_for_its_box_is_read_again():
    from assistant.ingest.ocr import _too_short

    # a 35-character line (901 x 29 px) read as one character (bench/README.md "OCR": 众, 0.88)
    assert _too_short((90, 191, 991, 220), "众")
    assert not _too_short((90, 191, 991, 220), "讯(记者金旻矣)今天是“7·15城管公众开放日”,上海市城管行政执法")
    # short boxes: a figure, one character, a page number
    assert not _too_short((90, 100, 160, 130), "2023")
    assert not _too_short((90, 100, 121, 130), "县")
    assert not _too_short((600, 1700, 640, 1730), "12")
