"""Operators' commands for accounts: ``assistant kb add NAME``, ``assistant users add LOGIN
--role editor --kb KB1,KB2 --password-stdin``, ``assistant users list``, ``assistant users role``.

They write the accounts database of the settings (``ASSISTANT_DATABASE_URL``, else
``<index>/accounts.sqlite``); a running server sees the change at its next request."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from assistant.auth import audit
from assistant.auth.access import ROLES
from assistant.auth.accounts import (
    AccountError,
    add_kb,
    add_user,
    list_kbs,
    list_users,
    parse_kb_list,
    set_password,
    set_role,
)
from assistant.auth.db import AccountsDB, AccountsUnavailable
from assistant.auth.passwords import HashParams, WeakPassword
from assistant.settings import Settings

console = Console(stderr=True)
kb_app = typer.Typer(help="知识库 (knowledge bases)", no_args_is_help=True)
users_app = typer.Typer(help="用户与角色 (users and their roles)", no_args_is_help=True)

IndexOpt = Annotated[Path | None, typer.Option("--index", help="index folder (default: ASSISTANT_INDEX_DIR or index/)")]
RoleOpt = Annotated[str, typer.Option("--role", help="viewer | editor | admin")]
KbOpt = Annotated[str, typer.Option("--kb", help="knowledge bases, comma separated (default: 默认)")]
StdinOpt = Annotated[bool, typer.Option("--password-stdin", help="read the password from standard input")]


def _settings(index: Path | None) -> Settings:
    settings = Settings()
    if index is not None:
        settings.index_dir = index
    return settings


def _open(index: Path | None) -> AccountsDB:
    try:
        return AccountsDB.open(_settings(index))
    except AccountsUnavailable as exc:
        _fail(str(exc))


def _fail(message: str) -> NoReturn:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码: ")
    if getpass.getpass("再次输入密码: ") != first:
        _fail("两次输入的密码不一致。")
    return first


def _role(role: str) -> str:
    if role not in ROLES:
        _fail(f"角色“{role}”无效：应为 viewer、editor 或 admin。")
    return role


@kb_app.command("add")
def kb_add(name: str, index: IndexOpt = None) -> None:
    """Create a knowledge base (知识库)."""
    db = _open(index)
    try:
        created = add_kb(db, name.strip())
    except AccountError as exc:
        _fail(str(exc))
    if created:
        audit.record(db, None, "kb_add", name.strip())
    console.print(f"knowledge base {name.strip()}: {'created' if created else 'already exists'}")


@kb_app.command("list")
def kb_list(index: IndexOpt = None) -> None:
    """The knowledge bases."""
    for name in list_kbs(_open(index)):
        print(name)


@users_app.command("add")
def users_add(
    login: str,
    role: RoleOpt = "viewer",
    kb: KbOpt = "",
    password_stdin: StdinOpt = False,
    index: IndexOpt = None,
) -> None:
    """Add a user with ROLE in each of the knowledge bases --kb. The first user ends open mode:
    from then on the web app needs a signed-in user."""
    roles = {name: _role(role) for name in parse_kb_list(kb)}
    password = _read_password(password_stdin)
    db = _open(index)
    try:
        with db.transaction() as tx:
            add_user(tx, login, password, roles, HashParams.of(_settings(index)))
            audit.record(tx, None, "user_add", login, {"roles": roles})
    except (AccountError, WeakPassword) as exc:
        _fail(str(exc))
    console.print(f"user {login} added: " + ", ".join(f"{name}={r}" for name, r in roles.items()))


@users_app.command("role")
def users_role(
    login: str,
    kb: Annotated[str, typer.Option("--kb", help="knowledge base")],
    role: Annotated[str, typer.Option("--role", help="viewer | editor | admin | none (take the role away)")],
    index: IndexOpt = None,
) -> None:
    """Set LOGIN's role in one knowledge base (none: take it away)."""
    new_role = None if role == "none" else _role(role)
    db = _open(index)
    try:
        with db.transaction() as tx:
            set_role(tx, login, kb, new_role)
            audit.record(tx, None, "role_change", login, {"kb": kb, "role": new_role})
    except AccountError as exc:
        _fail(str(exc))
    console.print(f"{login}: {kb}={new_role or '(none)'}")


@users_app.command("password")
def users_password(login: str, password_stdin: StdinOpt = False, index: IndexOpt = None) -> None:
    """Set a new password for LOGIN."""
    password = _read_password(password_stdin)
    try:
        set_password(_open(index), login, password, HashParams.of(_settings(index)))
    except (AccountError, WeakPassword) as exc:
        _fail(str(exc))
    console.print(f"password of {login} changed")


@users_app.command("list")
def users_list(
    index: IndexOpt = None, as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False
) -> None:
    """Every user with their roles."""
    users = list_users(_open(index))
    if as_json:
        rows = [{"login": u.login, "disabled": u.disabled, "roles": dict(u.roles)} for u in users]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for user in users:
        roles = ", ".join(f"{kb}={role}" for kb, role in user.roles.items()) or "(no role)"
        print(f"{user.login}\t{roles}{'  (disabled)' if user.disabled else ''}")
