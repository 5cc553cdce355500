"""Sign-in over HTTP without the model: open mode while no user exists; once one exists every
route but /healthz, sign-in and static files needs a session (cookie or Bearer); CSRF on
cookie-signed form posts; the same 401 for a wrong login or password; lockout as 429."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.auth.accounts import add_kb, add_user
from assistant.auth.db import AccountsDB
from assistant.auth.passwords import HashParams
from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.auth_middleware import COOKIE
from tests.conftest import make_settings
from tests.helpers_auth import FAST_HASH

PASSWORD = "s3cret-password"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "index", login_max_failures=3, login_attempts_per_minute=100, **FAST_HASH)


@pytest.fixture
def client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))  # no lifespan: the model is never loaded


def with_users(settings: Settings) -> AccountsDB:
    db = AccountsDB.open(settings)
    add_kb(db, "城管局")
    add_user(db, "zhang", PASSWORD, {"城管局": "editor"}, HashParams.of(settings))
    return db


def sign_in(client: TestClient, login: str = "zhang", password: str = PASSWORD) -> dict[str, object]:
    response = client.post("/api/login", json={"login": login, "password": password})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_open_mode_until_a_user_exists(client: TestClient, settings: Settings) -> None:
    assert client.get("/api/me").json() == {"login": None, "open_mode": True, "roles": {}, "csrf_token": None}
    assert client.get("/api/search", params={"q": "垃圾分类"}).status_code == 503  # through to the (loading) app
    page = client.get("/")
    assert page.status_code == 200 and "退出" not in page.text and "账户与日志" not in page.text
    assert client.get("/login", follow_redirects=False).status_code == 303  # nothing to sign in to
    with_users(settings)
    assert client.get("/api/search", params={"q": "垃圾分类"}).status_code == 401


def test_signed_out_requests_are_refused_but_health_and_static_pass(client: TestClient, settings: Settings) -> None:
    with_users(settings)
    refused = client.get("/api/documents")
    assert refused.status_code == 401 and refused.json() == {"detail": "请先登录。"}
    assert refused.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/ask", json={"question": "x"}).status_code == 401
    assert client.get("/openapi.json").status_code == 401
    page = client.get("/documents?x=1", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fdocuments%3Fx%3D1"
    assert client.get("/healthz").status_code == 503  # starting: not a sign-in refusal
    assert client.get("/static/auth.js").status_code == 200
    login_page = client.get("/login")
    assert login_page.status_code == 200 and 'name="password"' in login_page.text


def test_api_login_gives_a_cookie_and_a_bearer_token(client: TestClient, settings: Settings) -> None:
    with_users(settings)
    body = sign_in(client)
    assert body["login"] == "zhang" and body["roles"] == {"城管局": "editor"}
    set_cookie = client.cookies.get(COOKIE)
    assert set_cookie == body["token"]
    me = client.get("/api/me").json()
    assert me["login"] == "zhang" and me["csrf_token"] == body["csrf_token"] and not me["open_mode"]
    client.cookies.clear()
    assert client.get("/api/me").status_code == 401
    bearer = {"Authorization": f"Bearer {body['token']}"}
    assert client.get("/api/me", headers=bearer).json()["login"] == "zhang"
    assert client.post("/api/logout", headers=bearer).status_code == 200
    assert client.get("/api/me", headers=bearer).status_code == 401


def test_cookie_attributes(client: TestClient, settings: Settings) -> None:
    with_users(settings)
    response = client.post("/api/login", json={"login": "zhang", "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie and "max-age=43200" in cookie


def test_wrong_login_and_wrong_password_get_the_same_401_then_429(client: TestClient, settings: Settings) -> None:
    with_users(settings)
    wrong_password = client.post("/api/login", json={"login": "zhang", "password": "not-it-at-all"})
    wrong_login = client.post("/api/login", json={"login": "nobody", "password": PASSWORD})
    assert wrong_password.status_code == wrong_login.status_code == 401
    assert wrong_password.json() == wrong_login.json() == {"detail": "登录名或密码错误。"}
    client.post("/api/login", json={"login": "zhang", "password": "not-it-at-all"})
    client.post("/api/login", json={"login": "zhang", "password": "not-it-at-all"})
    locked = client.post("/api/login", json={"login": "zhang", "password": PASSWORD})
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 800
    assert "分钟后再试" in locked.json()["detail"]


def test_csrf_on_cookie_signed_form_posts(client: TestClient, settings: Settings) -> None:
    with_users(settings)
    token = sign_in(client)["csrf_token"]
    no_token = client.post("/api/logout", data={"x": "1"}, follow_redirects=False)
    assert no_token.status_code == 403 and "CSRF" in no_token.json()["detail"]
    wrong = client.post("/api/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert wrong.status_code == 403
    upload = client.post("/api/documents", files={"files": ("a.txt", b"x")})
    assert upload.status_code == 403 and "CSRF" in upload.json()["detail"]
    upload = client.post("/api/documents", files={"files": ("a.txt", b"x")}, headers={"X-CSRF-Token": str(token)})
    assert "CSRF" not in upload.text  # past the sign-in check (the route itself decides)
    cross_site = client.post("/api/ask", json={"question": "x"}, headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    fetch_site = client.post("/api/ask", json={"question": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetch_site.status_code == 403 and fetch_site.json() == {"detail": "拒绝来自其他网站的请求。"}
    own_form = {"Sec-Fetch-Site": "same-origin", "Origin": "null"}  # Chromium under Referrer-Policy: no-referrer
    assert client.post("/api/ask", json={"question": "x"}, headers=own_form).status_code == 503
    assert client.post("/api/ask", json={"question": "x"}).status_code == 503  # JSON needs no token
    assert client.get("/api/me").status_code == 200  # still signed in after the refusals
    out = client.post("/api/logout", data={"csrf_token": str(token)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    client.cookies.clear()
    assert client.get("/api/me").status_code == 401


def test_login_page_form(client: TestClient, settings: Settings) -> None:
    with_users(settings)
    wrong = client.post("/login", data={"login": "zhang", "password": "bad-password", "next": "/documents"})
    assert wrong.status_code == 401 and "登录名或密码错误" in wrong.text and 'value="zhang"' in wrong.text
    ok = client.post(
        "/login", data={"login": "zhang", "password": PASSWORD, "next": "//evil.example/x"}, follow_redirects=False
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    page = client.get("/")
    assert page.status_code == 200 and "zhang" in page.text and 'name="csrf-token"' in page.text
    assert "账户与日志" not in page.text  # an editor, not an admin


def test_server_mode_keeps_accounts_in_the_database(pg_server: object, tmp_path: Path) -> None:
    from pydantic import SecretStr

    from assistant.store.pg_schema import apply_migrations
    from assistant.store.postgres import connect_once
    from tests.conftest import new_database

    url = new_database(pg_server, "accounts_web")
    settings = make_settings(tmp_path / "unused-index", database_url=SecretStr(url), **FAST_HASH)
    client = TestClient(create_app(settings))
    assert client.get("/api/me").json()["open_mode"] is True  # no tables yet (no ingest): no user can exist
    with connect_once(url) as conn:
        apply_migrations(conn, 384)
    add_user(AccountsDB.open(settings), "pg-user", PASSWORD, {"默认": "viewer"}, HashParams.of(settings))
    assert client.get("/api/me").status_code == 401
    assert sign_in(client, "pg-user")["roles"] == {"默认": "viewer"}
    assert client.get("/api/me").json()["login"] == "pg-user"
    assert not (tmp_path / "unused-index").exists()  # nothing written beside an index


def test_the_admin_token_is_refused_once_a_user_exists(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "index", admin_token="old-admin-token", **FAST_HASH)
    client = TestClient(create_app(settings))
    files = {"files": ("a.txt", "一、概况".encode())}
    # (In open mode the token still guards these routes: tests/test_web_api.py.)
    with_users(settings)
    for headers in ({"X-Admin-Token": "old-admin-token"}, {"Authorization": "Bearer old-admin-token"}):
        assert client.post("/api/documents", files=files, headers=headers).status_code == 401
        assert client.delete("/api/documents/x", headers=headers).status_code == 401
