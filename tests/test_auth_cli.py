"""Operators' account commands through the real CLI: kb add, users add/list/role/password."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.auth.db import AccountsDB
from assistant.auth.signin import sign_in
from assistant.cli import app
from tests.conftest import make_settings
from tests.helpers_auth import FAST_HASH


def run(index: Path, *args: str, password: str | None = None) -> tuple[int, str, str]:
    env = {f"ASSISTANT_{key.upper()}": str(value) for key, value in FAST_HASH.items()}
    runner = CliRunner(env={"ASSISTANT_INDEX_DIR": str(index), **env})
    result = runner.invoke(app, list(args), input=None if password is None else password + "\n")
    return result.exit_code, result.stdout, result.stderr


def test_kb_and_users_commands(tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert run(index, "kb", "add", "城管局")[0] == 0
    assert "already exists" in run(index, "kb", "add", "城管局")[2]
    code, _, err = run(
        index,
        "users",
        "add",
        "li",
        "--role",
        "editor",
        "--kb",
        "城管局,默认",
        "--password-stdin",
        password="long enough 1",
    )
    assert code == 0, err
    code, out, _ = run(index, "users", "list", "--json")
    assert json.loads(out) == [{"login": "li", "disabled": False, "roles": {"城管局": "editor", "默认": "editor"}}]
    assert run(index, "users", "role", "li", "--kb", "默认", "--role", "none")[0] == 0
    assert run(index, "users", "list")[1].strip() == "li\t城管局=editor"
    assert run(index, "kb", "list")[1].split() == ["城管局", "默认"]

    settings = make_settings(index, **FAST_HASH)
    db = AccountsDB.open(settings)
    assert sign_in(db, settings, "li", "long enough 1", "cli-test").session.login == "li"
    assert run(index, "users", "password", "li", "--password-stdin", password="another one 2")[0] == 0
    assert sign_in(db, settings, "li", "another one 2", "cli-test").session.login == "li"
    actions = [row["action"] for row in db.rows("SELECT action FROM audit_log ORDER BY id")]
    assert actions[:3] == ["kb_add", "user_add", "role_change"]


def test_refusals_are_clear_and_write_nothing(tmp_path: Path) -> None:
    index = tmp_path / "index"
    code, _, err = run(index, "users", "add", "wang", "--kb", "财政局", "--password-stdin", password="long enough 1")
    assert code == 1 and "没有名为“财政局”的知识库" in err and "assistant kb add" in err
    code, _, err = run(index, "users", "add", "wang", "--role", "owner", "--password-stdin", password="long enough 1")
    assert code == 1 and "角色“owner”无效" in err
    code, _, err = run(index, "users", "add", "wang", "--password-stdin", password="short")
    assert code == 1 and "密码太短" in err
    assert run(index, "users", "list", "--json")[1].strip() == "[]"
    code, _, err = run(index, "users", "role", "nobody", "--kb", "默认", "--role", "viewer")
    assert code == 1 and "没有用户“nobody”" in err
