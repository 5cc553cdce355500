"""Signing in and out in a real browser (Debian's Chromium, Playwright) against a live server
whose accounts database has users: the sign-in page, a wrong password, the documents list
once signed in, the admin's audit page, and signing out."""

from __future__ import annotations

import pytest

from tests.helpers_auth import serving_with_users
from tests.test_e2e_browser import WIDE, chromium, new_page, require_chromium, shot

pytestmark = pytest.mark.e2e
PASSWORD = "browser-pass-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_settings, embedder):
    require_chromium()
    users = {"guanli": {"默认": "admin"}}
    with serving_with_users(tmp_path_factory.mktemp("e2e-auth"), corpus_settings, embedder, PASSWORD, users) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    yield from chromium()


def test_sign_in_ask_audit_and_sign_out(browser, server):
    context, page = new_page(browser, server, WIDE)
    page.goto("/")
    assert page.url.endswith("/login?next=%2F")
    shot(page, "login")

    page.fill("#login-name", "guanli")
    page.fill("#login-password", "not-the-password")
    page.click("#login-button")
    page.locator("#login-error", has_text="登录名或密码错误").wait_for()
    assert "/login" in page.url
    assert page.input_value("#login-name") == "guanli"

    page.fill("#login-password", PASSWORD)
    page.click("#login-button")
    page.locator("#account-login", has_text="guanli").wait_for()
    assert page.url == server + "/"
    cookie = next(c for c in context.cookies() if c["name"] == "assistant_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find("assistant_session") < 0  # not readable by scripts

    page.goto("/documents")  # the page's own API calls go with the session cookie
    page.locator("#doc-rows tr").first.wait_for()
    assert page.locator("#doc-rows tr").count() >= 5

    page.click("text=账户与日志")
    page.locator("#user-table", has_text="guanli").wait_for()
    page.goto("/admin/audit")
    page.select_option("#audit-filter select[name=action]", "login_failed")
    page.click("#audit-filter button")
    page.locator("#audit-table", has_text="登录失败").wait_for()
    assert page.locator("#audit-table tbody tr").count() == 1
    shot(page, "admin-audit")

    page.goto("/documents")
    context.clear_cookies()  # the session is gone (expired, or signed out elsewhere)
    page.evaluate("fetch('/api/documents')")  # the page's next request takes it to the sign-in page
    page.wait_for_url("**/login?next=%2Fdocuments")
    page.fill("#login-name", "guanli")
    page.fill("#login-password", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/documents")  # and back where it was

    page.click("#logout-button")
    page.wait_for_url("**/login")
    page.goto("/documents")
    assert "/login?next=%2Fdocuments" in page.url
    context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"
