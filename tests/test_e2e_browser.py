"""The web chat in a real browser (Debian's Chromium driven by Playwright) against a live
uvicorn server on 127.0.0.1 over a private index of the bundled corpus."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.web.app import create_app
from tests.conftest import CORPUS, ROOT, make_settings

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "e2e-admin-token"
ARTIFACTS = ROOT / "artifacts"
TIMEOUT = 20_000  # ms

FIGURE_Q = "2023年XX区城管局数字化案件处置率是多少？"
FACT_NAME = "萤火虫步道建设情况.txt"
FACT_TEXT = (
    "XX区城市管理局2025年萤火虫生态步道建设情况汇报\n"
    "一、萤火虫生态步道建设\n"
    "2025年，XX区城市管理局在滨河公园建成萤火虫生态步道4.7公里，设置低光照明点位213个，"
    "萤火虫生态步道于2025年10月底全部完工。\n"
    "二、下步工作\n"
    "持续做好萤火虫生态步道日常养护，定期开展夜间巡查。\n"
)
FACT_Q = "2025年萤火虫生态步道建成了多少公里？"
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
XSS_NAME = "彩虹桥亮化.txt"
XSS_TEXT = (
    "XX区城市管理局2025年彩虹桥夜景亮化工程情况\n"
    "一、彩虹桥夜景亮化工程\n"
    f"彩虹桥夜景亮化工程共安装节能灯具386套{IMG}，{SCRIPT}工程于2025年8月底完工。\n"
    "二、下步工作\n"
    "加强彩虹桥夜景亮化设施日常维护。\n"
)
XSS_Q = "彩虹桥夜景亮化工程安装了多少套灯具？"

ANSWER = ".msg-assistant:not(.pending)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_settings, embedder):
    """A live server in a background thread (same process: the session's model is reused)."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    import uvicorn

    root = tmp_path_factory.mktemp("e2e")
    index = root / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = make_settings(index, admin_token=TOKEN)
    settings.corpus_dir = corpus
    app = create_app(settings, Assistant(settings, embedder))
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, name="uvicorn-e2e", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the python playwright package")

    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 860}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def ask(page, question: str):
    """Type a question, send it, and return the locator of the finished answer."""
    count = page.locator(ANSWER).count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    answer = page.locator(ANSWER).nth(count)
    answer.wait_for()
    return answer


def upload(page, *files: tuple[str, str]) -> None:
    page.goto("/documents")
    page.locator("#admin summary").click()
    page.fill("#admin-token", TOKEN)
    page.set_input_files(
        "#upload-files",
        files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()} for name, text in files],
    )
    page.click("#upload-button")
    page.locator("#upload-result", has_text="已收录").wait_for()


def test_cited_answer_panel_and_document_link(page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/")
    assert page.locator(".example").count() >= 3
    page.locator("#status", has_text="已收录").wait_for()
    page.locator("#f-year option[value='2023']").wait_for(state="attached")  # filter options from /api/documents

    page.get_by_role("button", name=FIGURE_Q).click()  # an example question
    answer = page.locator(ANSWER).first
    answer.wait_for()
    assert "99.18％" in answer.locator(".answer-text").inner_text()
    assert any(u.endswith("/api/ask/stream") for u in requests)
    assert not any(u.endswith("/api/ask") for u in requests)  # no fallback was needed
    origin = page.evaluate("location.origin")
    assert all(u.startswith(origin) for u in requests), "everything is served locally"

    cite = answer.locator(".answer-text button.cite").first
    assert cite.inner_text() == "[1]"
    cite.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert page.locator("#panel-title").inner_text()
    assert "003_47d2a45b6a9b6baa.txt" in page.locator("#panel-meta").inner_text()
    assert "数字化案件" in page.locator("#panel-meta").inner_text()  # heading path
    mark = page.locator("#panel-text mark").first
    assert "99.18％" in mark.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"))

    page.click("#panel-link")
    page.wait_for_url("**/documents/**#chunk-**")
    target = page.locator(".passage.target")
    target.wait_for()
    assert "99.18％" in target.inner_text()
    assert target.is_visible()
    assert page.evaluate("location.hash").startswith("#chunk-")

    # the conversation survives a reload; 新对话 clears it
    page.goto("/")
    assert "99.18％" in page.locator(ANSWER).first.inner_text()
    page.click("#new-chat")
    assert page.locator(".msg").count() == 0
    assert page.locator("#empty").is_visible()
    page.reload()
    assert page.locator(".msg").count() == 0


def test_refused_answer_is_marked_and_shows_related(page):
    page.goto("/")
    answer = ask(page, "今天天气怎么样？")
    assert "refused" in answer.get_attribute("class")
    assert "未找到答案" in answer.inner_text()
    assert answer.locator(".answer-text button.cite").count() == 0
    related = answer.locator(".related-item")
    assert related.count() >= 1
    related.first.click()
    assert page.locator("#panel").is_visible()
    assert page.locator("#panel-n").inner_text() == "相关"


def test_followup_uses_history(page):
    page.goto("/")
    ask(page, "下半年燃气安全工作的完成时间？")
    follow = ask(page, "那垃圾分类呢？")
    assert "垃圾分类" in follow.inner_text()
    assert follow.locator("button.cite").count() >= 1


def test_draft_mode_sections_copy_and_docx(page):
    page.goto("/")
    page.click(".mode[data-mode='draft']")
    assert page.locator("#send").inner_text() == "起草"
    answer = ask(page, "全国文明城市测评体系的分值是怎么构成的？")
    sections = answer.locator(".draft-section")
    assert sections.count() >= 1
    assert sections.first.locator("h3").inner_text().startswith("1.")
    assert answer.locator(".draft-section button.cite").count() >= 1
    answer.locator(".copy-draft").click()
    with page.expect_download() as download:
        answer.locator(".download-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.reload()  # the mode is remembered
    assert "active" in page.locator(".mode[data-mode='draft']").get_attribute("class")


def test_upload_then_answer_and_no_script_runs(page):
    upload(page, (FACT_NAME, FACT_TEXT), (XSS_NAME, XSS_TEXT))
    rows = page.locator("#doc-rows")
    rows.locator("a", has_text="萤火虫生态步道").wait_for()
    rows.locator("a", has_text="彩虹桥夜景亮化").wait_for()

    page.goto("/")
    answer = ask(page, FACT_Q)
    assert "4.7公里" in answer.locator(".answer-text").inner_text()
    answer.locator(".answer-text button.cite").first.click()
    assert "萤火虫" in page.locator("#panel-title").inner_text()

    answer = ask(page, XSS_Q)
    text = answer.locator(".answer-text").inner_text()
    assert "386套" in text and IMG in text
    assert answer.locator("img").count() == 0
    answer.locator(".answer-text button.cite").first.click()
    panel_text = page.locator("#panel-text").inner_text()
    assert IMG in panel_text and SCRIPT in panel_text
    assert page.locator("#panel img, #panel script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"

    page.click("#panel-link")
    page.locator(".passage.target").wait_for()
    body = page.locator("#doc-text").inner_text()
    assert IMG in body and SCRIPT in body
    assert page.get_by_text(IMG).first.is_visible()
    assert page.locator("#doc-text img, #doc-text script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"

    page.goto("/documents")  # the documents list shows titles as text too, and an admin can delete
    page.locator("#doc-rows a", has_text="彩虹桥").wait_for()
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#doc-rows tr", has_text="彩虹桥").locator(".delete-button").click()
    page.locator("#upload-result", has_text="已删除").wait_for()
    assert page.locator("#doc-rows tr", has_text="彩虹桥").count() == 0


def test_phone_width(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        page.goto("/")
        answer = ask(page, FIGURE_Q)
        answer.locator(".answer-text button.cite").first.click()
        panel = page.locator("#panel")
        assert panel.is_visible()
        box = panel.bounding_box()
        assert box and box["width"] <= 390 and box["y"] > 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "chat-phone.png"))
        page.click("#panel-close")
        assert not panel.is_visible()
    finally:
        context.close()
