"""The accounts database on both backends: SQLite (a file beside the index) and PostgreSQL
(the store's database, tables from the migrations), one SQL text for both."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.auth.db import AccountsDB, AccountsUnavailable, accounts_path, to_postgres
from assistant.auth.sqlite_schema import registered_scripts, split_statements
from assistant.settings import Settings
from tests.conftest import make_settings, new_database


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> AccountsDB:
    if request.param == "sqlite":
        return AccountsDB.open(make_settings(tmp_path / "index"))
    from assistant.store.pg_schema import apply_migrations
    from assistant.store.postgres import connect_once

    url = new_database(request.getfixturevalue("pg_server"), "accounts_db")
    with connect_once(url) as conn:
        apply_migrations(conn, 384)
    opened = AccountsDB.open(make_settings(tmp_path / "unused", database_url=SecretStr(url)))
    request.addfinalizer(opened.close)
    return opened


def test_placeholders_translate_outside_quotes() -> None:
    assert to_postgres("SELECT * FROM t WHERE a = ? AND b LIKE '%?%' AND c = ?") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE '%%?%%' AND c = %s"
    )


def test_sqlite_file_sits_at_the_index_root(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "index")
    assert accounts_path(settings) == tmp_path / "index" / "accounts.sqlite"
    AccountsDB.open(settings)
    with sqlite3.connect(tmp_path / "index" / "accounts.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [script.version for script in registered_scripts()]
    AccountsDB.open(settings)  # opening again applies nothing twice


def test_rows_execute_and_returning_id(db: AccountsDB) -> None:
    assert db.rows("SELECT name FROM kbs") == [{"name": "默认"}]
    first = db.execute(
        "INSERT INTO audit_log (at, actor, action, target) VALUES (?, ?, ?, ?) RETURNING id", (1.5, None, "login", "a")
    )
    second = db.execute(
        "INSERT INTO audit_log (at, actor, action, target) VALUES (?, ?, ?, ?) RETURNING id", (2.5, "x", "logout", "b")
    )
    assert first is not None and second == first + 1
    assert db.rows("SELECT actor, action FROM audit_log WHERE at > ? ORDER BY id", (1.0,)) == [
        {"actor": None, "action": "login"},
        {"actor": "x", "action": "logout"},
    ]


def test_transaction_is_all_or_nothing(db: AccountsDB) -> None:
    with pytest.raises(RuntimeError), db.transaction() as tx:
        tx.execute("INSERT INTO kbs (name, created_at) VALUES (?, ?)", ("城管局", 1.0))
        db.execute("INSERT INTO kbs (name, created_at) VALUES (?, ?)", ("文明办", 1.0))  # joins the transaction
        raise RuntimeError("stop")
    assert db.rows("SELECT name FROM kbs") == [{"name": "默认"}]
    with db.transaction() as tx:
        tx.execute("INSERT INTO kbs (name, created_at) VALUES (?, ?)", ("城管局", 1.0))
    assert sorted(r["name"] for r in db.rows("SELECT name FROM kbs")) == ["城管局", "默认"]


def test_foreign_keys_hold(db: AccountsDB) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        db.execute("INSERT INTO user_roles (login, kb, role) VALUES (?, ?, ?)", ("nobody", "默认", "viewer"))


def test_threads_write_at_once(db: AccountsDB) -> None:
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                with db.transaction() as tx:
                    tx.execute("INSERT INTO kbs (name, created_at) VALUES (?, ?)", (f"kb-{n}-{i}", float(i)))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert db.rows("SELECT count(*) AS n FROM kbs")[0]["n"] == 41


def test_database_without_tables_is_refused(pg_server: object, tmp_path: Path) -> None:
    url = new_database(pg_server, "accounts_empty")
    with pytest.raises(AccountsUnavailable, match="assistant ingest"):
        AccountsDB.open(make_settings(tmp_path, database_url=SecretStr(url)))


def test_script_splitting_keeps_statements_whole() -> None:
    statements = split_statements("CREATE TABLE a (x text DEFAULT ';');\nINSERT INTO a VALUES ('1;2');\n")
    assert statements == ["CREATE TABLE a (x text DEFAULT ';');", "INSERT INTO a VALUES ('1;2');"]


def test_settings_path_overrides_the_default(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "i", accounts_path=tmp_path / "a.sqlite")
    assert accounts_path(settings) == tmp_path / "a.sqlite"
