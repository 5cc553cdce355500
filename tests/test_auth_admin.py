"""The accounts pages and their JSON: an admin of one knowledge base manages roles there only
and sees that knowledge base's audit entries only; editors and viewers are refused; open mode
is read-only. Real app, real SQLite accounts file, no model."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.auth import audit
from assistant.auth.accounts import add_kb, add_user, roles_of
from assistant.auth.db import AccountsDB
from assistant.auth.passwords import HashParams
from assistant.web.app import create_app
from tests.conftest import make_settings
from tests.helpers_auth import FAST_HASH

PASSWORD = "s3cret-password"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[TestClient, AccountsDB]:
    settings = make_settings(tmp_path / "index", **FAST_HASH)
    db = AccountsDB.open(settings)
    for kb in ("城管局", "文明办"):
        add_kb(db, kb)
    add_user(db, "boss", PASSWORD, {"城管局": "admin", "文明办": "viewer"}, HashParams.of(settings))
    add_user(db, "editor1", PASSWORD, {"城管局": "editor"}, HashParams.of(settings))
    audit.record(db, "editor1", "upload", "城管.docx", {"kb": "城管局"})
    audit.record(db, "other", "upload", "文明.docx", {"kb": "文明办"})
    return TestClient(create_app(settings)), db


def sign_in(client: TestClient, login: str) -> str:
    response = client.post("/api/login", json={"login": login, "password": PASSWORD})
    assert response.status_code == 200
    return str(response.json()["csrf_token"])


def test_admin_sees_own_knowledge_bases_only(setup: tuple[TestClient, AccountsDB]) -> None:
    client, _ = setup
    sign_in(client, "boss")
    users = {u["login"]: u["roles"] for u in client.get("/api/admin/users").json()}
    assert users == {"boss": {"城管局": "admin"}, "editor1": {"城管局": "editor"}}  # not boss's 文明办 viewer role
    targets = [e["target"] for e in client.get("/api/admin/audit").json()]
    assert "城管.docx" in targets and "文明.docx" not in targets and "boss" in targets  # boss's sign-in
    only_uploads = client.get("/api/admin/audit", params={"action": "upload", "actor": "editor1"}).json()
    assert [e["target"] for e in only_uploads] == ["城管.docx"]
    assert client.get("/api/admin/audit", params={"since": "2099-01-01"}).json() == []
    assert client.get("/api/admin/audit", params={"since": "01/02/2024"}).status_code == 422
    assert client.get("/admin/audit", params={"until": "2024-13-01"}).status_code == 422
    page = client.get("/admin/audit", params={"action": "upload"})
    assert page.status_code == 200 and "城管.docx" in page.text and "文明.docx" not in page.text
    assert "账户与日志" in client.get("/").text


def test_admin_forms_add_users_roles_and_knowledge_bases(setup: tuple[TestClient, AccountsDB]) -> None:
    client, db = setup
    csrf = sign_in(client, "boss")
    form = {"csrf_token": csrf, "do": "add_user", "login": "viewer1", "password": "another-pass", "kb": "城管局"}
    added = client.post("/admin/users", data=form | {"role": "viewer"}, follow_redirects=False)
    assert added.status_code == 303, added.text
    assert roles_of(db, "viewer1") == {"城管局": "viewer"}
    denied = client.post("/admin/users", data=form | {"login": "x2", "kb": "文明办", "role": "viewer"})
    assert denied.status_code == 400 and "不是知识库“文明办”的管理员" in denied.text
    role = {"csrf_token": csrf, "do": "set_role", "login": "viewer1", "kb": "城管局", "role": "editor"}
    assert client.post("/admin/users", data=role, follow_redirects=False).status_code == 303
    assert roles_of(db, "viewer1") == {"城管局": "editor"}
    kb = {"csrf_token": csrf, "do": "add_kb", "kb": "第三区"}
    assert client.post("/admin/users", data=kb, follow_redirects=False).status_code == 303
    assert roles_of(db, "boss")["第三区"] == "admin"
    assert client.post("/admin/users", data=role | {"csrf_token": "forged"}).status_code == 403
    actions = [(e.actor, e.action, e.target) for e in audit.entries(db, actor="boss")]
    assert ("boss", "user_add", "viewer1") in actions and ("boss", "role_change", "viewer1") in actions
    assert ("boss", "kb_add", "第三区") in actions


def test_non_admins_are_refused(setup: tuple[TestClient, AccountsDB]) -> None:
    client, _ = setup
    assert client.get("/api/admin/users").status_code == 401
    csrf = sign_in(client, "editor1")
    assert client.get("/api/admin/users").status_code == 403
    assert client.get("/api/admin/audit").status_code == 403
    assert client.get("/admin/users").status_code == 403
    form = {"csrf_token": csrf, "do": "add_kb", "kb": "新库"}
    assert client.post("/admin/users", data=form).status_code == 403


def test_open_mode_pages_are_read_only(tmp_path: Path) -> None:
    client = TestClient(create_app(make_settings(tmp_path / "index")))
    page = client.get("/admin/users")
    assert page.status_code == 200 and "assistant users add" in page.text and "add-user-form" not in page.text
    refused = client.post("/admin/users", data={"do": "add_kb", "kb": "x"})
    assert refused.status_code == 403
    assert client.get("/api/admin/users").json() == []
