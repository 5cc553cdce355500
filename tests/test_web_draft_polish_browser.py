"""The chat page's 润色 option in a real browser (Debian's Chromium driven by Playwright), against a
live server over the bundled corpus whose LLM is a real OpenAI-compatible server on loopback
(tests/helpers_llm.fake_llm): the polished draft with its citations, one note about polishing,
the copy button and the .docx download of the polished text; 停止 shows the extractive draft."""

from __future__ import annotations

import shutil
import threading
from typing import Any

import docx
import pytest

from assistant.service import Assistant
from assistant.web.app import create_app
from assistant.web.draft_polish import PolishedDrafts
from tests.conftest import make_settings
from tests.helpers_llm import fake_llm
from tests.test_e2e_browser import (
    ANSWER,
    PHONE,
    WIDE,
    chromium,
    new_page,
    no_sideways_scroll,
    require_chromium,
    serving,
    shot,
    wait_until,
)
from tests.test_web_draft_polish import DRAFT_Q, echo

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def llm_server(tmp_path_factory, corpus_settings, embedder):
    """``(state, app, url)``: a live server whose LLM is the fake one (``state``)."""
    require_chromium()
    index = tmp_path_factory.mktemp("polish") / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    with fake_llm() as (state, llm_url):
        settings = make_settings(index, llm_base_url=llm_url)
        app = create_app(settings, Assistant(settings, embedder))
        with serving(app) as url:
            yield state, app, url


@pytest.fixture(scope="module")
def browser(llm_server):
    yield from chromium()


@pytest.fixture
def page(browser, llm_server):
    state, app, url = llm_server
    state["requests"][:] = []
    app.state.polished_drafts = PolishedDrafts()  # each test polishes afresh
    context, page = new_page(browser, url, WIDE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield page
    context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"


def choose_polished_drafts(page) -> None:
    page.goto("/")
    option = page.locator("#polish-option")
    assert option.is_hidden()  # questions (问答) are not polished: the option belongs to drafts
    page.click(".mode[data-mode='draft']")
    assert option.is_visible() and "润色（需配置大模型）" in option.inner_text()
    page.check("#polish")


def docx_text(download: Any) -> str:
    return "\n".join(p.text for p in docx.Document(download.value.path()).paragraphs)


def test_the_polished_draft_its_citations_one_note_copy_and_docx(page, llm_server):
    state, _, _ = llm_server
    state["reply"] = echo  # every sentence back, 同时 before the second of each section
    choose_polished_drafts(page)
    page.fill("#question", DRAFT_Q)
    page.press("#question", "Enter")
    answer = page.locator(ANSWER).last
    answer.wait_for()
    assert page.locator(".msg-user .msg-mode").last.inner_text() == "迎检材料起草 · 润色"
    sent = len(state["requests"])
    assert sent > 1 and all(r["messages"][-1]["content"].startswith("部分：") for r in state["requests"])
    polished = answer.locator(".draft-section .polished")  # reworded sentences, the original as a tooltip
    assert polished.count() >= 1 and polished.first.inner_text().startswith("同时，")
    assert polished.first.get_attribute("title").startswith("原文摘录：")
    sentence = polished.first.inner_text()

    cites = answer.locator(".draft-section button.cite")
    assert cites.count() >= 2 and answer.locator(".sources .source-item").count() >= 1
    cites.first.click()  # the cited passage opens beside the draft
    assert page.locator("#panel").is_visible() and page.locator("#panel-text").inner_text()

    text = answer.inner_text()  # one note about polishing, shown once (it was shown twice)
    assert text.count("LLM 润色：") == 1 and answer.locator(".llm-note").count() == 0
    assert "由模型根据段落撰写" not in text and "未能润色" not in text
    shot(page, "chat-draft-polished")

    answer.locator(".copy-draft").click()
    wait_until(page, "document.querySelector('.copy-draft').textContent === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert sentence in copied and "数据来源" in copied.split("\n")
    with page.expect_download() as download:
        answer.locator(".download-docx").click()
    assert sentence in docx_text(download) and download.value.suggested_filename.endswith(".docx")
    assert len(state["requests"]) == sent  # the .docx is the draft shown: the model was not asked again

    page.reload()  # the option and the draft are remembered
    assert page.locator("#polish").is_checked()
    assert page.locator(ANSWER).last.inner_text().count("LLM 润色：") == 1


def test_stop_shows_the_extractive_draft_and_its_docx(page, llm_server):
    state, _, _ = llm_server
    release = threading.Event()

    def slow(message: str) -> str:
        release.wait(30)  # the model is still writing when 停止 is pressed
        return echo(message)

    state["reply"] = slow
    try:
        choose_polished_drafts(page)
        page.fill("#question", DRAFT_Q)
        page.press("#question", "Enter")
        status = page.locator(".msg-assistant.pending .llm-status")
        status.wait_for()
        assert "润色" in status.inner_text() and "最长" in status.inner_text()
        page.click(".msg-assistant.pending .llm-stop")
        answer = page.locator(ANSWER).last
        answer.wait_for()
        text = answer.inner_text()
        assert text.count("已停止模型润色，显示原文摘录") == 1 and "出错了" not in text
        assert "null" not in text  # no feedback bar for an answer the server did not keep, and no "null" for it
        assert answer.locator(".draft-section").count() > 1 and answer.locator(".polished").count() == 0
        assert "同时，" not in text
        page.wait_for_timeout(3000)  # the server sees the reader leave (ms): it sends no further section
        release.set()
        with page.expect_download() as download:
            answer.locator(".download-docx").click()
        assert "同时，" not in docx_text(download)  # the extractive draft shown, not polished again
        page.wait_for_timeout(500)
        assert len(state["requests"]) == 1
    finally:
        release.set()


def test_the_option_fits_a_phone(browser, llm_server):
    _, _, url = llm_server
    context, page = new_page(browser, url, PHONE)
    try:
        page.goto("/")
        page.click(".mode[data-mode='draft']")
        option = page.locator("#polish-option")
        assert option.is_visible()
        box = option.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        no_sideways_scroll(page)
        shot(page, "chat-draft-polish-option")
    finally:
        context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"
