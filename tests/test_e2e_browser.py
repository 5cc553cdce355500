"""The web chat in a real browser (Debian's Chromium driven by Playwright) against a live
uvicorn server on 127.0.0.1 over a private index of the bundled corpus.

Screenshots of every page at 1366 and 390 px wide, error states included, go to
``artifacts/screenshots/`` (git-ignored; ``ASSISTANT_SCREENSHOTS`` names another folder).
Without Chromium the tests are skipped locally and fail when the ``CI`` variable is set."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docx
import pytest

from assistant.draft.docx import APP_NAME
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
SCREENSHOTS = Path(os.environ.get("ASSISTANT_SCREENSHOTS") or ARTIFACTS / "screenshots")
TIMEOUT = 20_000  # ms
WIDE = {"width": 1366, "height": 860}
PHONE = {"width": 390, "height": 844}
CJK = re.compile(r"[\u4e00-\u9fff]")

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


def require_chromium() -> None:
    """Skip a browser test when Debian's Chromium is missing; in CI fail instead."""
    if not CHROMIUM.exists():
        missing = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(missing + "; in CI they must run, not be skipped")
        pytest.skip(missing)


def chromium() -> Iterator[Any]:
    """Playwright's Chromium for a module's tests (skipped without playwright; failed in CI)."""
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("browser tests need the python playwright package; in CI they must run")
        pytest.skip("browser tests need the python playwright package")

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_settings, embedder):
    """A live server in a background thread (same process: the session's model is reused)."""
    require_chromium()
    root = tmp_path_factory.mktemp("e2e")
    index = root / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = make_settings(index, admin_token=TOKEN)
    settings.corpus_dir = corpus
    with serving(create_app(settings, Assistant(settings, embedder))) as url:
        yield url


@contextmanager
def serving(app):
    """uvicorn with ``app`` on a free loopback port in a background thread; yields its URL."""
    import uvicorn

    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, name="uvicorn-e2e", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser(server):
    yield from chromium()


def new_page(browser, server, viewport):
    phone = viewport["width"] < 500
    context = browser.new_context(base_url=server, viewport=viewport, locale="zh-CN", is_mobile=phone, has_touch=phone)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return context, page


@pytest.fixture
def page(browser, server):
    context, page = new_page(browser, server, WIDE)
    yield page
    context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"


@pytest.fixture(params=[WIDE, PHONE], ids=["1366", "390"])
def sized(request, browser, server):
    """A page at each width the screenshots are taken at."""
    context, page = new_page(browser, server, request.param)
    page.width = request.param["width"]
    yield page
    context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"


def wait_until(page, expression: str, seconds: float = 15.0) -> None:
    """Poll ``expression`` in the page until it is true. Playwright's ``wait_for_function`` polls
    with eval() inside the page, which the app's Content Security Policy forbids (script-src
    'self'); ``page.evaluate`` runs over the devtools protocol and is not subject to it."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true within {seconds} s: {expression}"
        page.wait_for_timeout(100)


def shot(page, name: str, part: str = "") -> None:
    """A screenshot named after the page, its state and the window width: the whole page, or the
    element ``part`` (pages longer than a few screens, such as /facts, are shown by their parts)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png")
    if part:
        page.locator(part).first.screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)


def no_sideways_scroll(page) -> None:
    width = page.viewport_size["width"]
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"the page is {overflow} px wide in a {width} px window"


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
    assert sections.first.locator("h3").inner_text().startswith("一、")  # the 汇报's own numbering
    assert answer.locator(".draft-title").inner_text().endswith("汇报")
    assert answer.locator(".draft-section button.cite").count() >= 1
    title = answer.locator(".draft-title").inner_text()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer.locator(".copy-draft").click()
    wait_until(page, "document.querySelector('.copy-draft').textContent === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.split("\n")[0] == title and "数据来源" in copied.split("\n")  # the whole draft, sources too
    with page.expect_download() as download:
        answer.locator(".download-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    document = docx.Document(download.value.path())  # the same draft, as a Word file of the application
    assert document.paragraphs[0].text == title and document.core_properties.author == APP_NAME
    assert "数据来源" in [p.text for p in document.paragraphs]
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
    # The list is fetched again after the message shows: wait for the row to go (fails after the timeout).
    page.locator("#doc-rows tr", has_text="彩虹桥").wait_for(state="detached")
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
        page.click("#panel-close")
        assert not panel.is_visible()
    finally:
        context.close()


# -- every page at 1366 and 390 px, with screenshots ---------------------------------------------------

BAD_PDF_NAME = "改名的报告.pdf"


def ready(page) -> None:
    """The service is up (the status line, hidden on phones, says so)."""
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_contain_text("已收录", timeout=TIMEOUT)


def test_chat_page_answer_and_failed_request_with_retry(sized):
    """A cited answer; then the network fails (the browser is offline: fetch's own "Failed to
    fetch"): the page says so in Chinese, keeps the typed question, and 重试 answers it."""
    page = sized
    page.goto("/")
    ready(page)
    shot(page, "chat-empty")
    answer = ask(page, FIGURE_Q)
    assert "99.18％" in answer.inner_text()
    no_sideways_scroll(page)
    shot(page, "chat-answer")

    page.context.set_offline(True)
    failed = ask(page, FACT_Q.replace("2025年萤火虫生态步道", "2023年数字化案件"))
    text = failed.inner_text()
    assert "error" in failed.get_attribute("class")
    assert "无法连接服务" in text and "Failed to fetch" not in text and "fetch" not in text.lower()
    assert page.input_value("#question") == FACT_Q.replace("2025年萤火虫生态步道", "2023年数字化案件")
    retry = failed.get_by_role("button", name="重试")
    assert retry.is_visible()
    no_sideways_scroll(page)
    shot(page, "chat-error-retry")

    page.context.set_offline(False)
    retry.click()
    retried = page.locator(ANSWER).last
    page.locator(".msg-assistant.pending").wait_for(state="detached")
    assert "error" not in (retried.get_attribute("class") or "")
    assert page.locator(".msg-assistant.error").count() == 0  # the failed attempt is gone
    assert page.locator(".msg-user").count() == 2 and page.locator(".msg-assistant").count() == 2


@pytest.mark.parametrize("width", [WIDE, PHONE], ids=["1366", "390"])
def test_internal_error_while_answering_is_shown_in_chinese_with_retry(
    browser, server, tmp_path, corpus_settings, embedder, width
):
    """A server whose index breaks after it opened it (its database overwritten): the answer
    fails for real inside the stream. The page shows the server's Chinese message with 重试,
    keeps the question, and says nothing in English or about server folders."""
    index = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    settings = make_settings(index)
    broken = Assistant(settings, embedder)
    with serving(create_app(settings, broken)) as url:
        context, page = new_page(browser, url, width)
        try:
            page.goto("/")
            ready(page)
            database = broken.store.folder / "passages.sqlite"
            database.write_bytes(b"\0" * database.stat().st_size)
            failed = ask(page, FIGURE_Q)
            text = failed.inner_text()
            assert "error" in failed.get_attribute("class")
            assert "服务内部出错" in text and "internal error" not in text and str(tmp_path) not in text
            assert failed.get_by_role("button", name="重试").is_visible()
            assert page.input_value("#question") == FIGURE_Q
            no_sideways_scroll(page)
            shot(page, "chat-server-error")
            assert not page.errors
        finally:
            context.close()


def test_new_chat_while_an_answer_is_on_its_way(page):
    """新对话 pressed in the same moment the question is sent: after the answer arrived (or its
    request was dropped) and the page is reloaded, there is no answer without its question."""
    page.goto("/")
    ready(page)
    page.fill("#question", FIGURE_Q)
    with page.expect_request("**/api/ask/stream") as sent:
        page.evaluate("""() => {
            document.getElementById("composer").requestSubmit();
            document.getElementById("new-chat").click();
        }""")
    sent.value.response()  # the answer's headers arrived (None when the page dropped the request)
    page.wait_for_timeout(1500)  # time for the answer's events and anything the page would do with them
    assert page.locator(".msg").count() == 0
    page.reload()
    assert page.locator(".msg-assistant").count() == 0 and page.locator(".msg-user").count() == 0
    saved = page.evaluate("JSON.parse(localStorage.getItem('wenming.chat.v1')).messages")
    assert saved == []


def test_long_question_is_not_cut_and_the_counter_says_so(sized):
    page = sized
    page.goto("/")
    ready(page)
    question = "请问" + "垃圾分类工作的完成时间" * 210  # 2,312 characters
    page.fill("#question", question)
    assert len(page.input_value("#question")) == len(question)  # nothing cut
    counter = page.locator("#counter")
    assert counter.is_visible()
    assert f"{len(question)} 字" in counter.inner_text() and "2000" in counter.inner_text()
    assert "不会自动截断" in counter.inner_text()
    assert page.locator("#send").is_disabled()
    page.press("#question", "Enter")
    assert page.locator(".msg").count() == 0 and len(page.input_value("#question")) == len(question)
    no_sideways_scroll(page)
    shot(page, "chat-long-question")
    page.fill("#question", question[:1990])
    assert not counter.locator(".over").count() and "1990 / 2000" in counter.inner_text()
    assert page.locator("#send").is_enabled()


def test_documents_page_and_a_refused_upload(sized):
    """The list shows file names, never a server folder; a renamed file is refused in Chinese by
    the name it was uploaded under; a wrong token is said in Chinese with 重试."""
    page = sized
    page.goto("/documents")
    page.locator("#doc-rows tr").first.wait_for()
    rows = page.locator("#doc-rows").inner_text()
    assert "/tmp" not in rows and "/work" not in rows and "corpus/" not in rows
    no_sideways_scroll(page)
    shot(page, "documents")

    page.locator("#admin summary").click()
    page.fill("#admin-token", "wrong-token")
    page.set_input_files(
        "#upload-files",
        files=[{"name": BAD_PDF_NAME, "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}],
    )
    page.click("#upload-button")
    wrong = page.locator("#upload-result", has_text="上传失败")
    wrong.wait_for()
    assert "管理口令缺失或错误" in wrong.inner_text() and "admin token" not in wrong.inner_text()
    assert wrong.get_by_role("button", name="重试").is_visible()
    shot(page, "documents-wrong-token")

    page.fill("#admin-token", TOKEN)
    wrong.get_by_role("button", name="重试").click()  # the chosen file is sent again
    refused = page.locator("#upload-result", has_text="未收录")
    refused.wait_for()
    text = refused.inner_text()
    assert BAD_PDF_NAME in text and "不是有效的 PDF" in text
    assert "/tmp" not in text and "uploads/" not in text and "not a PDF" not in text
    no_sideways_scroll(page)
    shot(page, "documents-upload-refused")


def test_document_page_and_editor_correction(sized):
    page = sized
    name = f"路灯维修情况-{page.width}.txt"
    title = f"XX区城管局2025年路灯维修情况（{page.width}）"
    upload(page, (name, f"{title}\n一、路灯维修\n全年维修路灯{page.width}处。\n"))
    page.locator("#doc-rows a", has_text=title).click()
    page.wait_for_url("**/documents/**")
    page.locator("#meta-edit summary").click()
    assert page.input_value("#meta-title") == title
    no_sideways_scroll(page)
    shot(page, "document")

    page.fill("#admin-token", TOKEN)
    page.fill("#meta-title", f"2025年路灯维修专项报告（{page.width}）")
    page.fill("#meta-years", "2024、2025")
    page.fill("#meta-body", "XX区城市管理局")
    page.fill("#meta-kind", "专项报告")
    page.click("#meta-save")
    page.locator("h1.doc-title", has_text=f"2025年路灯维修专项报告（{page.width}）").wait_for()
    meta = page.locator(".doc-meta").inner_text()
    assert "2024、2025" in meta and "XX区城市管理局" in meta and "专项报告" in meta
    assert "/tmp" not in meta
    page.goto("/documents")
    page.locator("#doc-rows a", has_text=f"2025年路灯维修专项报告（{page.width}）").wait_for()

    page.locator("#doc-rows a", has_text=f"2025年路灯维修专项报告（{page.width}）").click()
    page.wait_for_url("**/documents/**")
    page.locator("#meta-edit summary").click()
    page.fill("#admin-token", "wrong")
    page.fill("#meta-years", "二〇二五")
    page.click("#meta-save")
    assert "年份应为" in page.locator("#meta-result").inner_text()
    page.fill("#meta-years", "2025")
    page.click("#meta-save")
    failed = page.locator("#meta-result", has_text="保存失败")
    failed.wait_for()
    assert "管理口令缺失或错误" in failed.inner_text() and failed.get_by_role("button", name="重试").is_visible()
    shot(page, "document-edit-refused")


def test_facts_page_compare_and_phone_width(sized):
    page = sized
    page.goto("/facts?measure=占道经营")
    assert page.locator('.nav a[aria-current="page"]').inner_text() == "数据与指标"
    charts = page.locator(".facts-chart")
    assert charts.count() == 2
    assert "以“处”计" in charts.nth(0).inner_text() and "以“件”计" in charts.nth(1).inner_text()
    legend = page.locator(".facts-compare").inner_text()
    assert "颜色表示文件的年份：2023年 2024年" in legend.replace("\n", " ") or "颜色表示文件的年份" in legend
    assert "分开作图" in legend
    no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / f"facts-top-{page.width}.png"))
    shot(page, "facts-compare", ".facts-compare")
    page.goto("/facts?kind=target&q=垃圾分类")
    no_sideways_scroll(page)
    shot(page, "facts-targets", "#facts-table")
