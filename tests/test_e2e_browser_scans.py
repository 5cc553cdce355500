"""Scans in a real browser (Debian's Chromium, tests/test_e2e_browser.py's launch and server):
the citation of a passage read by OCR opens its page image with the passage's lines highlighted
over it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assistant.index.build import ingest
from assistant.service import Assistant
from assistant.web.app import create_app
from tests.conftest import make_settings
from tests.test_e2e_browser import TOKEN, WIDE, ask, chromium, new_page, require_chromium, serving, shot
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
        page.wait_for_function("document.getElementById('scan-image').naturalWidth > 0")
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
