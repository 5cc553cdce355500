"""Chats, feedback and corrections in a real browser (Debian's Chromium, Playwright) against a
live server with users: a chat kept on the server and reopened from the list after signing in
again in another browser context, 👎 with a comment, an editor's correction on the feedback
page, and the corrected answer served (已人工校正) to the next asker."""

from __future__ import annotations

import pytest

from tests.helpers_auth import serving_with_users
from tests.test_e2e_browser import WIDE, chromium, new_page, require_chromium, shot

pytestmark = pytest.mark.e2e
PASSWORD = "browser-chat-1"
QUESTION = "下半年垃圾分类工作的完成时间是什么时候？"
CORRECTED = "下半年垃圾分类工作的完成时间为12月上旬（编辑已核对原文）。"


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_settings, embedder):
    require_chromium()
    users = {"zhangsan": {"默认": "viewer"}, "bianji": {"默认": "editor"}}
    with serving_with_users(tmp_path_factory.mktemp("e2e-chats"), corpus_settings, embedder, PASSWORD, users) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    yield from chromium()


def signed_in(browser, server, login: str):
    """A new browser context (another browser, as far as the server can tell), signed in."""
    context, page = new_page(browser, server, WIDE)
    page.goto("/login")
    page.fill("#login-name", login)
    page.fill("#login-password", PASSWORD)
    page.click("#login-button")
    page.locator("#account-login", has_text=login).wait_for()
    return context, page


def ask(page, question: str):
    page.fill("#question", question)
    page.press("#question", "Enter")
    answer = page.locator(".msg-assistant:not(.pending)").last
    answer.locator(".answer-text, .refused-label").first.wait_for()
    return answer


def test_chat_kept_reopened_feedback_correction_served(browser, server):
    context, page = signed_in(browser, server, "zhangsan")
    answer = ask(page, QUESTION)
    answer.locator(".feedback-comment").fill("希望写明具体日期")
    answer.locator(".feedback-down").click()
    answer.locator(".feedback-status", has_text="已评价").wait_for()
    page.click("#logout-button")
    page.wait_for_url("**/login")
    context.close()

    context, page = signed_in(browser, server, "zhangsan")  # signed in again, in another browser
    assert page.locator(".msg-user").count() == 0  # nothing of the conversation kept in this browser
    page.click("#chat-history summary")
    page.locator(".chat-open", has_text=QUESTION[:10]).first.click()
    page.locator(".msg-user", has_text=QUESTION).wait_for()
    assert page.locator(".msg-assistant .answer-text").count() == 1
    shot(page, "chat-reopened")
    context.close()

    context, page = signed_in(browser, server, "bianji")
    page.click("text=反馈与校正")
    entry = page.locator(".feedback-entry", has_text="希望写明具体日期").first
    entry.wait_for()
    entry.locator(".correction summary").click()
    entry.locator(".curated-answer").fill(CORRECTED)
    entry.locator(".curated-save").click()
    entry.locator(".curated-status", has_text="已保存").wait_for()
    shot(page, "feedback-corrected")
    context.close()

    context, page = signed_in(browser, server, "zhangsan")
    page.click("#new-chat")
    answer = ask(page, QUESTION)
    answer.locator(".curated-label", has_text="已人工校正").wait_for()
    assert CORRECTED in answer.locator(".answer-text").inner_text()
    assert answer.locator(".source-item").count() >= 1  # with its sources
    shot(page, "curated-served")
    context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"
