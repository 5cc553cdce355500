"""Versioned SQL migrations of the PostgreSQL store (``migrations/NNNN_name.sql``), applied in
order, each in its own transaction, under an advisory lock so that processes starting together
apply each one once. ``schema_migrations`` records what a database has."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

MIGRATION_LOCK = 0x57454E4D  # pg_advisory_xact_lock key of migrations ("WENM")
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The migrations shipped with this version, oldest first."""
    folder = resources.files("assistant.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def latest_version() -> int:
    return max(m.version for m in migrations())


def apply_migrations(conn: Any, dims: int) -> list[str]:
    """Bring the database of ``conn`` (a psycopg connection in autocommit mode) up to the latest
    schema; the names of the migrations applied now. ``dims`` fills ``@DIMS@`` (the vector size
    of a new store)."""
    applied_now: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
        newest = max(done, default=0)
        if newest > latest_version():
            from assistant.store.base import IndexMismatch

            raise IndexMismatch(
                f"the database has schema {newest}, this version knows up to {latest_version()}: "
                "upgrade the program before serving from this database"
            )
        for migration in migrations():
            if migration.version in done:
                continue
            conn.execute(migration.sql.replace("@DIMS@", str(int(dims))))
            conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (migration.version, migration.name)
            )
            applied_now.append(migration.name)
    return applied_now
