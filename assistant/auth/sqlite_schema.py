"""Tables of the accounts database when it is SQLite (the embedded default), as versioned DDL
scripts. Their versions follow the PostgreSQL migrations that create the same tables
(``assistant/store/migrations/0004_accounts.sql`` is version 4 here), and ``schema_migrations``
records what a file has, as in PostgreSQL.

Registering scripts of another module: add its name to ``SCRIPT_MODULES``; it defines
``SCRIPTS: tuple[SqliteScript, ...]`` (e.g. ``assistant.chats.sqlite_schema`` with versions 5
and 6, after its PostgreSQL migrations 0005 and 0006). A module that is not there is skipped.
Each script runs once, in version order, in one transaction with its record."""

from __future__ import annotations

import importlib
import sqlite3
from dataclasses import dataclass

SCRIPT_MODULES = ("assistant.auth.sqlite_schema", "assistant.chats.sqlite_schema")


@dataclass(frozen=True)
class SqliteScript:
    version: int
    name: str
    sql: str


SCRIPTS: tuple[SqliteScript, ...] = (
    SqliteScript(
        4,
        "0004_accounts",
        """
CREATE TABLE users (
  login text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at real NOT NULL,
  disabled integer NOT NULL DEFAULT 0
);
CREATE TABLE kbs (
  name text PRIMARY KEY,
  created_at real NOT NULL
);
INSERT INTO kbs (name, created_at) VALUES ('默认', 0);
CREATE TABLE user_roles (
  login text NOT NULL REFERENCES users (login) ON DELETE CASCADE,
  kb text NOT NULL REFERENCES kbs (name) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  PRIMARY KEY (login, kb)
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  login text NOT NULL REFERENCES users (login) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at real NOT NULL,
  expires_at real NOT NULL
);
CREATE INDEX sessions_login ON sessions (login);
CREATE TABLE login_attempts (
  id integer PRIMARY KEY AUTOINCREMENT,
  login text NOT NULL,
  client text NOT NULL,
  at real NOT NULL,
  ok integer NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_client ON login_attempts (client, at);
CREATE TABLE audit_log (
  id integer PRIMARY KEY AUTOINCREMENT,
  at real NOT NULL,
  actor text,
  action text NOT NULL,
  target text NOT NULL DEFAULT '',
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at);
""",
    ),
)


def registered_scripts() -> list[SqliteScript]:
    """The scripts of every registered module, oldest first."""
    found: list[SqliteScript] = []
    for name in SCRIPT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
                continue  # the module (or its package) is not there
            raise
        found.extend(getattr(module, "SCRIPTS", ()))
    versions = [script.version for script in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two SQLite schema scripts share a version: {sorted(versions)}")
    return sorted(found, key=lambda script: script.version)


def apply_scripts(conn: sqlite3.Connection) -> list[str]:
    """Bring the SQLite file of ``conn`` (autocommit mode) up to date; the names applied now."""
    applied: list[str] = []
    conn.execute("BEGIN IMMEDIATE")  # one process at a time decides what is missing
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
            "applied_at text NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for script in registered_scripts():
            if script.version in done:
                continue
            for statement in split_statements(script.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (script.version, script.name))
            applied.append(script.name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied


def split_statements(sql: str) -> list[str]:
    """The statements of a script (``executescript`` would commit the open transaction)."""
    statements: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
