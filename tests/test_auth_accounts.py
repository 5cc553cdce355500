"""Users, knowledge bases, roles, sign-in with its rate limit and lockout, sessions, the audit
log: on a real SQLite accounts file with real Argon2 hashes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.auth import audit
from assistant.auth.accounts import (
    AccountError,
    add_kb,
    add_user,
    list_kbs,
    list_users,
    parse_kb_list,
    roles_of,
    set_disabled,
    set_role,
    users_exist,
)
from assistant.auth.db import AccountsDB
from assistant.auth.passwords import HashParams, WeakPassword, needs_rehash
from assistant.auth.sessions import end_session, find_session, start_session
from assistant.auth.signin import LoginRefused, access_of, sign_in
from assistant.settings import Settings
from tests.conftest import make_settings
from tests.helpers_auth import FAST_HASH

PASSWORD = "correct horse 9"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(
        tmp_path / "index", login_max_failures=3, login_lockout_s=1.0, login_attempts_per_minute=8, **FAST_HASH
    )


@pytest.fixture
def db(settings: Settings) -> AccountsDB:
    db = AccountsDB.open(settings)
    add_kb(db, "城管局")
    add_kb(db, "文明办")
    add_user(db, "li", PASSWORD, {"城管局": "editor", "文明办": "viewer"}, HashParams.of(settings))
    return db


def test_users_roles_and_knowledge_bases(db: AccountsDB, settings: Settings) -> None:
    fast = HashParams.of(settings)
    assert users_exist(db)
    assert list_kbs(db) == sorted(["城管局", "文明办", "默认"])
    assert add_kb(db, "城管局") is False
    assert roles_of(db, "li") == {"城管局": "editor", "文明办": "viewer"}
    set_role(db, "li", "文明办", "admin")
    set_role(db, "li", "城管局", None)
    assert roles_of(db, "li") == {"文明办": "admin"}
    assert [(u.login, dict(u.roles)) for u in list_users(db)] == [("li", {"文明办": "admin"})]
    with pytest.raises(AccountError, match="已存在"):
        add_user(db, "li", PASSWORD, {}, fast)
    with pytest.raises(AccountError, match="没有名为“财政局”的知识库"):
        add_user(db, "wang", PASSWORD, {"财政局": "viewer"}, fast)
    with pytest.raises(AccountError, match="角色"):
        set_role(db, "li", "文明办", "owner")
    with pytest.raises(WeakPassword, match="太短"):
        add_user(db, "zhao", "short", {})
    with pytest.raises(AccountError, match="登录名无效"):
        add_user(db, "bad login", PASSWORD, {})
    with pytest.raises(AccountError, match="知识库名称无效"):
        add_kb(db, "a/b")
    assert [u.login for u in list_users(db)] == ["li"]  # nothing half-written by the refusals
    assert parse_kb_list("城管局，文明办、 x") == ["城管局", "文明办", "x"] and parse_kb_list("") == ["默认"]


def test_no_user_means_open_mode(tmp_path: Path) -> None:
    assert not users_exist(AccountsDB.open(make_settings(tmp_path)))


def test_sign_in_gives_a_session_with_the_users_roles(db: AccountsDB, settings: Settings) -> None:
    signed = sign_in(db, settings, "li", PASSWORD, "127.0.0.1")
    session = find_session(db, signed.token)
    assert session is not None and session.login == "li" and session.csrf_token
    assert session.expires_at == pytest.approx(time.time() + settings.session_hours * 3600, abs=5)
    access = access_of(db, session)
    assert access.kbs() == ["城管局", "文明办"] and access.kbs("editor") == ["城管局"]
    stored = db.rows("SELECT token_hash FROM sessions")
    assert signed.token not in {row["token_hash"] for row in stored}  # only the hash is kept
    assert end_session(db, signed.token) and find_session(db, signed.token) is None


def test_wrong_login_and_wrong_password_answer_alike(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "shipped")  # the shipped hash parameters
    db = AccountsDB.open(settings)
    add_user(db, "li", PASSWORD, {})
    answers = []
    for login, password in (("li", "wrong password"), ("nobody", PASSWORD)):
        started = time.perf_counter()
        with pytest.raises(LoginRefused) as refused:
            sign_in(db, settings, login, password, "10.0.0.1")
        answers.append((refused.value.status, refused.value.detail, time.perf_counter() - started))
    assert answers[0][:2] == answers[1][:2] == (401, "登录名或密码错误。")
    assert 0.3 < answers[1][2] / answers[0][2] < 3  # an unknown login costs a hash too
    actions = [(e.action, e.target) for e in audit.entries(db)]
    assert actions == [("login_failed", "nobody"), ("login_failed", "li")]


def test_hash_renewed_with_new_parameters_at_sign_in(db: AccountsDB, settings: Settings) -> None:
    stored = db.rows("SELECT password_hash FROM users WHERE login = 'li'")[0]["password_hash"]
    assert "m=1024,t=1,p=1" in stored
    stronger = settings.model_copy(update={"password_time_cost": 2})
    sign_in(db, stronger, "li", PASSWORD, "10.0.0.1")
    renewed = db.rows("SELECT password_hash FROM users WHERE login = 'li'")[0]["password_hash"]
    assert "m=1024,t=2,p=1" in renewed and not needs_rehash(renewed, HashParams.of(stronger))
    assert sign_in(db, stronger, "li", PASSWORD, "10.0.0.1").session.login == "li"


def test_lockout_after_failures_then_lifted(db: AccountsDB, settings: Settings) -> None:
    for _ in range(3):
        with pytest.raises(LoginRefused) as refused:
            sign_in(db, settings, "li", "wrong password", "10.0.0.2")
        assert refused.value.status == 401
    with pytest.raises(LoginRefused) as locked:
        sign_in(db, settings, "li", PASSWORD, "10.0.0.3")  # the right password, from elsewhere: still locked
    assert locked.value.status == 429 and locked.value.retry_after >= 1 and "分钟后再试" in locked.value.detail
    time.sleep(1.1)
    assert sign_in(db, settings, "li", PASSWORD, "10.0.0.3").session.login == "li"


def test_rate_limit_per_client_address(db: AccountsDB, settings: Settings) -> None:
    for n in range(8):
        with pytest.raises(LoginRefused) as refused:
            sign_in(db, settings, f"user{n}", "whatever pw", "10.9.9.9")
        assert refused.value.status == 401
    with pytest.raises(LoginRefused) as limited:
        sign_in(db, settings, "li", PASSWORD, "10.9.9.9")
    assert limited.value.status == 429
    assert sign_in(db, settings, "li", PASSWORD, "10.9.9.10").session.login == "li"


def test_expired_and_disabled_sessions_are_gone(db: AccountsDB) -> None:
    token, _ = start_session(db, "li", max_age_s=60, now=time.time() - 120)
    assert find_session(db, token) is None
    token, _ = start_session(db, "li", max_age_s=60)
    assert find_session(db, token) is not None
    set_disabled(db, "li", True)
    assert find_session(db, token) is None


def test_audit_filter_by_actor_action_time_and_knowledge_base(db: AccountsDB) -> None:
    audit.record(db, "li", "upload", "a.docx", {"kb": "城管局"})
    audit.record(db, "li", "upload", "b.docx", {"kb": "文明办"})
    audit.record(db, "wang", "delete", "c.docx", {"kb": "城管局"})
    audit.record(db, "li", "login", "li")
    assert [e.target for e in audit.entries(db, actor="li", action="upload")] == ["b.docx", "a.docx"]
    assert [e.target for e in audit.entries(db, kbs={"城管局"})] == ["li", "c.docx", "a.docx"]
    assert audit.entries(db, since=time.time() + 10) == []
    assert len(audit.entries(db, limit=2)) == 2
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(db, "li", "hack", "x")
