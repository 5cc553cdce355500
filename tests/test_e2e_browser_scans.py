"""Scans and uploads in a real browser (Debian's Chromium, tests/test_e2e_browser.py's launch and
server): the citation of a passage read by OCR opens its page image with the passage's lines
highlighted over it; several files uploaded at once show one progress line each (bytes sent,
解析/OCR/嵌入, then the result or the reason), and a bad one does not stop the others."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from assistant.index.build import ingest
from assistant.service import Assistant
from assistant.web.app import create_app
from tests.conftest import make_settings
from tests.test_e2e_browser import TOKEN, WIDE, ask, chromium, new_page, require_chromium, serving, shot, wait_until
from tests.test_scan_pages import PAGE_HEIGHT, PAGES, QUESTION, scanned_pdf, text_page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


@pytest.fixture(scope="module")
def scan_server(tmp_path_factory, embedder):
    """A live server (open mode, admin token) over an index holding a scanned PDF made here."""
    require_chromium()
    root = tmp_path_factory.mktemp("e2e-scans")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "市容整治扫描件.pdf").write_bytes(scanned_pdf([text_page(lines, height=PAGE_HEIGHT) for lines in PAGES]))
    settings = make_settings(root / "index", admin_token=TOKEN, corpus_dir=corpus)
    report = ingest([corpus], settings, embedder)
    assert report.added and not report.skipped, report
    with serving(create_app(settings, Assistant(settings, embedder))) as url:
        yield url


def test_an_ocr_citation_opens_the_page_image_with_the_passage_highlighted(browser, scan_server):
    context, page = new_page(browser, scan_server, WIDE)
    try:
        page.goto("/")
        answer = ask(page, QUESTION)
        answer.locator("button.cite").first.click()
        link = page.locator("#panel-link")
        assert "查看扫描原页（第 1 页）" in link.inner_text()
        link.click()
        page.locator(".scan-box").first.wait_for(state="visible")
        wait_until(page, "document.getElementById('scan-image').naturalWidth > 0")
        image = page.locator("#scan-image").bounding_box()
        boxes = [page.locator(".scan-box").nth(i).bounding_box() for i in range(page.locator(".scan-box").count())]
        assert image and image["width"] > 300 and boxes
        for box in boxes:  # drawn, inside the page image, a band of text lines
            assert box and box["width"] > 10 and 5 < box["height"] < 0.2 * image["height"]
            assert image["x"] - 1 <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"] + 1
            assert image["y"] - 1 <= box["y"] and box["y"] + box["height"] <= image["y"] + image["height"] + 1
        assert max(box["width"] for box in boxes) > 0.6 * image["width"]  # a full line of the passage
        fill = page.evaluate("getComputedStyle(document.querySelector('.scan-box')).fill")
        assert fill not in ("none", "rgba(0, 0, 0, 0)"), fill
        assert not page.errors, page.errors
        shot(page, "scan-page")
    finally:
        context.close()


# A script in the page that records every state each upload line shows (they change fast).
RECORD_STATES = """() => {
  window.__states = {};
  new MutationObserver(() => {
    for (const line of document.querySelectorAll('.upload-file')) {
      const name = line.dataset.file, state = line.querySelector('.upload-state').textContent;
      const seen = (window.__states[name] = window.__states[name] || []);
      if (seen[seen.length - 1] !== state) seen.push(state);
    }
  }).observe(document.getElementById('upload-result'), {subtree: true, childList: true, characterData: true});
}"""


def test_several_files_uploaded_at_once_show_one_progress_line_each(browser, scan_server):
    context, page = new_page(browser, scan_server, WIDE)
    try:
        page.goto("/documents")
        page.locator("#admin summary").click()
        page.fill("#admin-token", TOKEN)
        page.evaluate(RECORD_STATES)
        photo = io.BytesIO()
        text_page(["XX县2025年公厕建设情况通报", "全年新建改建城市公厕37座，其中城南镇12座。"]).save(photo, "PNG")
        page.set_input_files(
            "#upload-files",
            files=[
                {"name": "公厕通报.png", "mimeType": "image/png", "buffer": photo.getvalue()},
                {"name": "坏文件.docx", "mimeType": "application/octet-stream", "buffer": b"not a zip archive" * 50},
                {"name": "路灯维修.txt", "mimeType": "text/plain", "buffer": LAMPS.encode()},
            ],
        )
        streams: list = []
        page.on("response", lambda r: streams.append(r) if "/api/documents?progress=1" in r.url else None)
        page.click("#upload-button")
        page.locator(".upload-summary").wait_for()
        lines = page.locator(".upload-file")
        assert lines.count() == 3
        states = {lines.nth(i).get_attribute("data-file"): lines.nth(i).inner_text() for i in range(3)}
        assert "已收录：XX县2025年公厕建设情况通报" in states["公厕通报.png"], states
        assert "未收录：" in states["坏文件.docx"] and ".docx" in states["坏文件.docx"], (
            states
        )  # the reason, in Chinese
        assert "Traceback" not in states["坏文件.docx"] and "/tmp" not in states["坏文件.docx"]
        assert "已收录：" in states["路灯维修.txt"], states  # after the bad file: not stopped by it
        assert page.locator(".upload-summary").inner_text() == "2 个文件已收录，1 个未收录。"
        seen = page.evaluate("window.__states")
        photo_states = seen["公厕通报.png"]
        assert any(s.startswith(("上传中", "已上传")) for s in photo_states), photo_states
        # the server's stages as the line showed them (states set in one task show only the last)
        assert any(s.startswith(("解析中", "OCR 识别", "嵌入", "写入索引")) for s in photo_states), photo_states
        assert photo_states[-1].startswith("已收录"), photo_states
        # one request per file, each streaming its stages: the photo's has its OCR page
        assert len(streams) == 3
        events = [[json.loads(line) for line in r.text().splitlines()] for r in streams]
        assert {"event": "stage", "stage": "ocr", "done": 1, "total": 1} in events[0], events[0]
        assert next(e["stage"] for e in events[0] if e["event"] == "stage") == "read"
        assert {"event": "stage", "stage": "embed", "done": 1, "total": 1} in events[0], events[0]
        assert [e["event"] for e in events[1]][-1] == "result" and events[1][-1]["data"]["skipped"]
        assert events[2][-1]["data"]["uploaded_documents"][0]["source"] == "路灯维修.txt"
        assert page.locator("#doc-rows tr", has_text="公厕建设情况").count() == 1  # the list was refreshed
        assert not page.errors, page.errors
        shot(page, "upload-progress")
    finally:
        context.close()


LAMPS = (
    "XX县城市管理局2025年路灯维修情况\n一、路灯维修\n全年维修路灯1543盏，更换节能灯具620套，亮灯率保持在98%以上。\n"
    "二、下步工作\n持续做好路灯日常巡查。\n"
)
