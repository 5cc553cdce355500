"""The accounts database: users, roles, sessions, the audit log (and B's chats and feedback).

``AccountsDB.open(settings)`` is PostgreSQL when ``settings.database_url`` is set (the store's
database; its tables come from ``assistant/store/migrations``), else a SQLite file at
``settings.accounts_path`` (default ``<index_dir>/accounts.sqlite``: the index folder's root
outlives its generations, which are subfolders). SQL is written once, with ``?`` placeholders
(translated to ``%s`` for PostgreSQL), times as epoch seconds (``real`` / ``double precision``)
and booleans as integers, so that the same statements run on both.

Safe across threads and processes: SQLite opens a connection per call (WAL mode, a busy
timeout), PostgreSQL takes one from a small pool."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.auth.sqlite_schema import apply_scripts
from assistant.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    import psycopg
    from psycopg_pool import ConnectionPool

Params = Sequence[Any]
BUSY_TIMEOUT_S = 10.0


class AccountsUnavailable(RuntimeError):
    """The accounts database cannot be opened or reached; ``str()`` says why (for the log/CLI)."""


class AccountsNotCreated(AccountsUnavailable):
    """The server database has no accounts tables yet (no ingest ran): no user can exist."""


class SQL(Protocol):
    """What a caller runs statements on: the database, or one transaction of it."""

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]: ...

    def execute(self, sql: str, params: Params = ()) -> int | None: ...


def accounts_path(settings: Settings) -> Path:
    return settings.accounts_path or settings.index_dir / "accounts.sqlite"


def to_postgres(sql: str) -> str:
    """``?`` placeholders to ``%s`` (and a literal ``%`` to ``%%``), leaving quoted text alone."""
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if quote:
            out.append("%%" if char == "%" else char)
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        else:
            out.append(char)
    return "".join(out)


class _SqliteHandle:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def execute(self, sql: str, params: Params = ()) -> int | None:
        cursor = self.conn.execute(sql, tuple(params))
        if cursor.description:  # ... RETURNING id
            row = cursor.fetchone()
            cursor.fetchall()
            return int(row[0]) if row and row[0] is not None else None
        return cursor.lastrowid if cursor.lastrowid else None


class _PostgresHandle:
    def __init__(self, conn: psycopg.Connection[Any]):
        self.conn = conn

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        from psycopg.rows import dict_row

        with self.conn.cursor(row_factory=dict_row) as cursor:
            cursor.execute(to_postgres(sql), tuple(params))
            return list(cursor.fetchall()) if cursor.description else []

    def execute(self, sql: str, params: Params = ()) -> int | None:
        with self.conn.cursor() as cursor:
            cursor.execute(to_postgres(sql), tuple(params))
            if cursor.description:
                row = cursor.fetchone()
                return int(row[0]) if row and row[0] is not None else None
            return None


class AccountsDB:
    """``rows``/``execute`` run one statement each (committed at once); ``transaction()`` gives a
    handle whose statements commit together (or not at all when the block raises)."""

    def __init__(self, path: Path | None = None, pool: ConnectionPool[Any] | None = None):
        self.path = path
        self._pool = pool
        self._local = threading.local()  # this thread's open transaction, if any
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._sqlite() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                apply_scripts(conn)

    @property
    def dialect(self) -> str:
        return "sqlite" if self.path is not None else "postgres"

    @classmethod
    def open(cls, settings: Settings) -> AccountsDB:
        if settings.database_url is not None:
            return cls(pool=_postgres_pool(settings.database_url.get_secret_value()))
        return cls(path=accounts_path(settings))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    @contextmanager
    def _sqlite(self) -> Iterator[sqlite3.Connection]:
        assert self.path is not None
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise AccountsUnavailable(f"cannot open the accounts database: {exc}") from exc
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _handle(self, transaction: bool) -> Iterator[SQL]:
        open_handle: SQL | None = getattr(self._local, "handle", None)
        if open_handle is not None:  # a statement inside this thread's transaction joins it
            yield open_handle
            return
        if self.path is not None:
            with self._sqlite() as conn:
                if not transaction:
                    yield _SqliteHandle(conn)
                    return
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield from self._in_transaction(_SqliteHandle(conn))
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            return
        assert self._pool is not None
        with _pg_errors(), self._pool.connection() as pg:
            if not transaction:
                yield _PostgresHandle(pg)
                return
            with pg.transaction():
                yield from self._in_transaction(_PostgresHandle(pg))

    def _in_transaction(self, handle: SQL) -> Iterator[SQL]:
        self._local.handle = handle
        try:
            yield handle
        finally:
            self._local.handle = None

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        with self._handle(transaction=False) as handle:
            return handle.rows(sql, params)

    def execute(self, sql: str, params: Params = ()) -> int | None:
        """Run one statement; the id of the row it inserted when it ends with ``RETURNING id``
        (both databases), or SQLite's last row id."""
        with self._handle(transaction=False) as handle:
            return handle.execute(sql, params)

    def transaction(self) -> AbstractContextManager[SQL]:
        """``with db.transaction() as tx: tx.execute(...)``: all or nothing. Calls on the database
        itself from the same thread inside the block join the transaction."""
        return self._handle(transaction=True)


@contextmanager
def _pg_errors() -> Iterator[None]:
    import psycopg
    from psycopg_pool import PoolTimeout

    try:
        yield
    except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout) as exc:
        raise AccountsUnavailable(f"database unavailable: {exc}") from exc


def _postgres_pool(url: str) -> ConnectionPool[Any]:
    """A small pool on the store's database; its tables must exist (the store applies the
    migrations when it is first opened, by `assistant ingest` or `assistant serve`)."""
    try:
        import psycopg
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise AccountsUnavailable("server mode needs the `server` extra: pip install '.[server]'") from exc
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            found = conn.execute("SELECT to_regclass('users') IS NOT NULL").fetchone()
    except psycopg.OperationalError as exc:
        raise AccountsUnavailable(f"cannot connect to the database: {exc}") from exc
    if not (found and found[0]):
        raise AccountsNotCreated(
            "the database has no accounts tables yet: run `assistant ingest` once (it applies the migrations)"
        )
    return ConnectionPool(
        url,
        min_size=1,
        max_size=4,
        kwargs={"autocommit": True, "connect_timeout": 5},
        check=ConnectionPool.check_connection,
        timeout=5.0,
        open=True,
        name="assistant-accounts",
    )
