"""A citation of a passage read by OCR leads to its page image with the passage's lines
highlighted: a scanned PDF rendered in the test (two A4 pages in a Chinese font) is ingested
into a knowledge base with the real model and OCR, a question is asked over the API, the link
the chat makes of the citation is followed, and the page image is fetched and decoded; the
highlight lies inside the page and covers the lines the passage was read from. A reader of
another knowledge base gets 404 for the page and its image."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

from assistant.index.build import ingest
from assistant.ingest.scan_pages import OcrLine, OcrPage, passage_rects, rects_from_json, rects_json
from assistant.service import Assistant
from tests.conftest import make_settings
from tests.helpers_kb import ASSESSMENT, REPORTS, app_with_users, client_of

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from ocr_pages import FONT_SIZE, LINE_GAP, MARGIN, PAGE_WIDTH, _wrap, scanned_pdf, text_page

PAGE_HEIGHT = 1754  # A4 at 150 dpi
PAGES = [
    [
        "XX县城市管理局2025年市容环境整治工作总结",
        "一、背街小巷整治",
        "2025年，XX县城市管理局全年完成背街小巷改造46条，新增停车泊位1280个，"
        "清理占道经营摊点932处，群众对背街小巷环境的满意度提升到93.6%。",
        "二、垃圾分类",
        "城南镇垃圾分类覆盖小区213个，覆盖率96.5%，建成垃圾分类示范小区18个。",
    ],
    [
        "三、违法建设治理",
        "全年拆除违法建设2.3万平方米，新增违建实现零增长，对存量违建建立台账，逐一明确整改时限和责任人。",
        "四、下步打算",
        "持续推进城乡环境综合整治，巩固市容环境整治成果。",
    ],
]
QUESTION = "2025年XX县城市管理局新增停车泊位多少个？"
USERS = {"cg_viewer": {REPORTS: "viewer"}, "cp_viewer": {ASSESSMENT: "viewer"}}


def _compact(text: str) -> str:
    return "".join(text.split())


def printed_lines(page: int) -> list[tuple[str, float, float]]:
    """The lines as ``text_page`` prints them on page ``page``: text, top and bottom (fractions)."""
    pieces = [piece for line in PAGES[page - 1] for piece in _wrap(line, PAGE_WIDTH - 2 * MARGIN)]
    step = FONT_SIZE + LINE_GAP
    return [
        (piece, (MARGIN + i * step) / PAGE_HEIGHT, (MARGIN + i * step + FONT_SIZE) / PAGE_HEIGHT)
        for i, piece in enumerate(pieces)
    ]


# ---------------------------------------------------------------------------------------------
# Without OCR: which lines of a page a passage holds.


def test_a_passage_holds_the_lines_it_contains_whole_or_begun_or_ended():
    page = OcrPage(
        [
            OcrLine("一、背街小巷整治", (0.07, 0.05, 0.3, 0.07)),
            OcrLine("全年完成背街小巷改造46条，新增停车", (0.07, 0.08, 0.9, 0.1)),
            OcrLine("泊位1280个，清理占道经营摊点932处。", (0.07, 0.11, 0.85, 0.13)),
            OcrLine("二、垃圾分类", (0.07, 0.14, 0.25, 0.16)),
        ],
        b"",
    )
    # cleaning joins the wrapped lines; the passage starts inside the first of them
    passage = "背街小巷改造46条，新增停车泊位1280个，清理占道经营摊点932处。"
    assert passage_rects(passage, page) == [(0.07, 0.08, 0.9, 0.1), (0.07, 0.11, 0.85, 0.13)]
    assert passage_rects("二、垃圾分类\n城南镇", page) == [(0.07, 0.14, 0.25, 0.16)]
    assert passage_rects(passage, None) == []


def test_rectangles_are_stored_as_json_and_unreadable_ones_are_none():
    rects = [(0.1, 0.2, 0.3, 0.4)]
    assert rects_from_json(rects_json(rects)) == rects
    assert rects_json([]) == "" and rects_from_json("") == [] and rects_from_json(None) == []
    assert rects_from_json("[[1, 2]]") == [] and rects_from_json("not json") == []


# ---------------------------------------------------------------------------------------------
# The real thing: ingest, ask, follow the link, get the image.


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("scan-pages")
    (root / "scans").mkdir()
    pages = [text_page(lines, height=PAGE_HEIGHT) for lines in PAGES]
    (root / "scans" / "市容整治扫描件.pdf").write_bytes(scanned_pdf(pages))
    settings = make_settings(root / "index", corpus_dir=root / "scans")
    report = ingest([root / "scans"], settings, embedder, kb=REPORTS)
    assert report.added and not report.skipped, report
    assistant = Assistant(settings, embedder)
    return root, settings, assistant, app_with_users(assistant, USERS)


def _page_link(citation: dict) -> str:
    """The link the chat's citation panel makes of an OCR passage (assistant/web/static/chat.js)."""
    return f"/documents/{citation['doc_id']}/pages/{citation['ocr_page']}?chunk={citation['chunk_id']}"


def _cited_scan(client) -> dict:
    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert not answer["refused"], answer
    return next(c for c in answer["citations"] if c["source"] == "市容整治扫描件.pdf" and "停车泊位" in c["text"])


def test_the_citation_of_an_ocr_passage_shows_its_page_with_its_lines_highlighted(scanned):
    _, _, _, app = scanned
    client = client_of(app, "cg_viewer")
    citation = _cited_scan(client)
    assert citation["ocr_page"] == 1
    page = client.get(_page_link(citation))
    assert page.status_code == 200, page.text
    html = page.text
    assert "第 1 页" in html and "style=" not in html  # the CSP allows no inline styles
    src = re.search(r'<img class="scan-image" id="scan-image" src="([^"]+)"', html).group(1)
    assert src == f"/api/documents/{citation['doc_id']}/pages/1/image" and "/tmp" not in html
    boxes = [tuple(map(float, b.split(","))) for b in re.findall(r'data-box="([^"]+)"', html)]
    assert boxes, html

    image = client.get(src)
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    decoded = Image.open(io.BytesIO(image.content))
    decoded.load()
    assert max(decoded.size) <= 1400 and abs(decoded.width / decoded.height - PAGE_WIDTH / PAGE_HEIGHT) < 0.01

    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    held = _compact(citation["text"])
    cited_lines = [(top, bottom) for text, top, bottom in printed_lines(1) if _compact(text)[:6] in held]
    assert len(cited_lines) >= 2, (citation["text"], printed_lines(1))  # the passage's sentence wraps
    for top, bottom in cited_lines:
        middle = (top + bottom) / 2
        assert any(y0 <= middle <= y1 and x0 <= (MARGIN + FONT_SIZE) / PAGE_WIDTH for x0, y0, x1, y1 in boxes), (
            top,
            boxes,
        )
    others = [(top, bottom) for text, top, bottom in printed_lines(1) if _compact(text)[:6] not in held]
    for top, bottom in others:  # a line the passage does not hold is not highlighted
        middle = (top + bottom) / 2
        assert not any(y0 <= middle <= y1 for _, y0, _, y1 in boxes), (top, boxes)


def test_pages_of_another_knowledge_base_and_pages_not_read_are_not_found(scanned):
    _, _, _, app = scanned
    citation = _cited_scan(client_of(app, "cg_viewer"))
    other = client_of(app, "cp_viewer")
    image = f"/api/documents/{citation['doc_id']}/pages/1/image"
    assert other.get(image).status_code == 404
    page = other.get(_page_link(citation))
    assert page.status_code == 404 and "未找到扫描页" in page.text and "市容" not in page.text
    reader = client_of(app, "cg_viewer")
    assert reader.get(f"/api/documents/{citation['doc_id']}/pages/9/image").status_code == 404
    assert reader.get(f"/documents/{citation['doc_id']}/pages/9").status_code == 404


def test_page_images_are_kept_when_another_file_is_ingested(scanned, embedder):
    root, settings, _, app = scanned
    (root / "more").mkdir(exist_ok=True)
    (root / "more" / "补充.txt").write_text("XX县城市管理局补充说明\n全年新增公厕12座。\n", encoding="utf-8")
    report = ingest([root / "more"], settings, embedder, kb=REPORTS)
    assert report.added and report.embedded < 5  # the scan is taken over, not read again
    citation = _cited_scan(client_of(app, "cg_viewer"))
    image = client_of(app, "cg_viewer").get(f"/api/documents/{citation['doc_id']}/pages/1/image")
    assert image.status_code == 200 and Image.open(io.BytesIO(image.content)).size[1] > 0
