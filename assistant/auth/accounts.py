"""Users, knowledge bases (知识库) and the role of a user in each knowledge base."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from assistant.auth.access import DEFAULT_KB, Role, is_role
from assistant.auth.db import SQL
from assistant.auth.passwords import DEFAULT_PARAMS, HashParams, hash_password

LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9_.@\-\u4e00-\u9fff]{1,64}$")
KB_PATTERN = re.compile(r"^[^\s/\\<>\"'`]{1,64}$")


class AccountError(ValueError):
    """A request the accounts refuse; ``str()`` says why, in Chinese."""


@dataclass(frozen=True)
class UserInfo:
    login: str
    created_at: float
    disabled: bool
    roles: Mapping[str, Role] = field(default_factory=dict)


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.match(login):
        raise AccountError("登录名无效：1–64 个字母、数字、汉字或 _ . @ -，不含空格。")
    return login


def check_kb_name(name: str) -> str:
    if not KB_PATTERN.match(name):
        raise AccountError("知识库名称无效：1–64 个字符，不含空格、斜杠、引号和尖括号。")
    return name


def users_exist(db: SQL) -> bool:
    return bool(db.rows("SELECT 1 AS one FROM users LIMIT 1"))


def list_kbs(db: SQL) -> list[str]:
    return [row["name"] for row in db.rows("SELECT name FROM kbs ORDER BY name")]


def add_kb(db: SQL, name: str) -> bool:
    """Create the knowledge base ``name``; False when it already existed."""
    check_kb_name(name)
    if db.rows("SELECT name FROM kbs WHERE name = ?", (name,)):
        return False
    db.execute("INSERT INTO kbs (name, created_at) VALUES (?, ?)", (name, time.time()))
    return True


def _check_roles(db: SQL, roles: Mapping[str, str]) -> None:
    known = set(list_kbs(db))
    for kb, role in roles.items():
        if not is_role(role):
            raise AccountError(f"角色“{role}”无效：应为 viewer、editor 或 admin。")
        if kb not in known:
            raise AccountError(f"没有名为“{kb}”的知识库：请先创建（assistant kb add {kb}）。")


def add_user(db: SQL, login: str, password: str, roles: Mapping[str, str], params: HashParams = DEFAULT_PARAMS) -> None:
    """A new user with ``roles`` (knowledge base -> role); every knowledge base must exist."""
    check_login(login)
    password_hash = hash_password(password, params)  # WeakPassword (a ValueError) before anything is written
    _check_roles(db, roles)
    if db.rows("SELECT login FROM users WHERE login = ?", (login,)):
        raise AccountError(f"用户“{login}”已存在。")
    db.execute(
        "INSERT INTO users (login, password_hash, created_at, disabled) VALUES (?, ?, ?, 0)",
        (login, password_hash, time.time()),
    )
    for kb, role in roles.items():
        db.execute("INSERT INTO user_roles (login, kb, role) VALUES (?, ?, ?)", (login, kb, role))


def set_role(db: SQL, login: str, kb: str, role: str | None) -> None:
    """Give ``login`` the ``role`` in ``kb``; None takes the user's role there away."""
    if not db.rows("SELECT login FROM users WHERE login = ?", (login,)):
        raise AccountError(f"没有用户“{login}”。")
    db.execute("DELETE FROM user_roles WHERE login = ? AND kb = ?", (login, kb))
    if role is not None:
        _check_roles(db, {kb: role})
        db.execute("INSERT INTO user_roles (login, kb, role) VALUES (?, ?, ?)", (login, kb, role))


def set_password(db: SQL, login: str, password: str, params: HashParams = DEFAULT_PARAMS) -> None:
    password_hash = hash_password(password, params)
    if not db.rows("SELECT login FROM users WHERE login = ?", (login,)):
        raise AccountError(f"没有用户“{login}”。")
    db.execute("UPDATE users SET password_hash = ? WHERE login = ?", (password_hash, login))


def set_disabled(db: SQL, login: str, disabled: bool) -> None:
    db.execute("UPDATE users SET disabled = ? WHERE login = ?", (int(disabled), login))
    if disabled:
        db.execute("DELETE FROM sessions WHERE login = ?", (login,))


def roles_of(db: SQL, login: str) -> dict[str, Role]:
    rows = db.rows("SELECT kb, role FROM user_roles WHERE login = ? ORDER BY kb", (login,))
    return {row["kb"]: cast(Role, row["role"]) for row in rows if is_role(row["role"])}


def password_hash_of(db: SQL, login: str) -> str | None:
    """The stored hash of an enabled user, else None."""
    rows = db.rows("SELECT password_hash FROM users WHERE login = ? AND disabled = 0", (login,))
    return str(rows[0]["password_hash"]) if rows else None


def list_users(db: SQL) -> list[UserInfo]:
    roles: dict[str, dict[str, Role]] = {}
    for row in db.rows("SELECT login, kb, role FROM user_roles ORDER BY login, kb"):
        if is_role(row["role"]):
            roles.setdefault(row["login"], {})[row["kb"]] = cast(Role, row["role"])
    return [
        UserInfo(row["login"], float(row["created_at"]), bool(row["disabled"]), roles.get(row["login"], {}))
        for row in db.rows("SELECT login, created_at, disabled FROM users ORDER BY login")
    ]


def parse_kb_list(text: str) -> list[str]:
    """``KB1,KB2`` (commas or 、/，) as names; empty: the default knowledge base."""
    names = [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]
    return names or [DEFAULT_KB]
