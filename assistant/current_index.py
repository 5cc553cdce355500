"""Which index the assistant reads: the current generation of the index folder, or the
PostgreSQL store's current data version in server mode.

A newer generation (an ingest here or in another process) or data version is switched to
atomically on the next read; the retriever's caches go with the version they were filled at."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from assistant.index.embed import Embedder
from assistant.index.store import CURRENT, EmbeddedStore, IndexMissing, PassageStore
from assistant.retrieve.search import Retriever
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.store.postgres import PostgresStore


class CurrentIndex:
    """The store and retriever of the current index, opened once per generation."""

    def __init__(self, settings: Settings, embedder: Embedder):
        self.settings = settings
        self.embedder = embedder
        self._lock = threading.Lock()
        self._pointer: str | None = None
        self._store: PassageStore | None = None
        self._retriever: Retriever | None = None
        self._server_store: PostgresStore | None = None  # server mode (settings.database_url)

    def get(self) -> tuple[PassageStore, Retriever]:
        if self.settings.database_url is not None:
            return self._current_server()
        pointer_file = self.settings.index_dir / CURRENT
        pointer = pointer_file.read_text().strip() if pointer_file.exists() else None
        if pointer is None:
            raise IndexMissing(f"索引目录 {self.settings.index_dir} 中还没有索引：请先运行 assistant ingest。")
        with self._lock:
            if pointer != self._pointer or self._store is None or self._retriever is None:
                store = EmbeddedStore(self.settings.index_dir / pointer)
                store.check_model(self.embedder.identity)
                self._store, self._retriever = store, Retriever(store, self.embedder, self.settings)
                self._pointer = pointer
            return self._store, self._retriever

    def server_store(self) -> PostgresStore:
        """The PostgreSQL store of server mode, connected (and migrated) on first use."""
        from assistant.store.postgres import PostgresStore

        with self._lock:
            if self._server_store is None:
                assert self.settings.database_url is not None
                self._server_store = PostgresStore(
                    self.settings.database_url.get_secret_value(),
                    self.embedder.dim,
                    pool_size=self.settings.database_pool_size,
                    ef_search=self.settings.pg_ef_search,
                    keyword_ranking=self.settings.pg_keyword_ranking,
                )
            return self._server_store

    def _current_server(self) -> tuple[PassageStore, Retriever]:
        """The database store and a retriever for its current data version."""
        store = self.server_store()
        version = f"pg-{store.data_version()}"
        if version == "pg-0":
            raise IndexMissing("数据库中还没有索引：请先运行 assistant ingest。")
        with self._lock:
            if version != self._pointer or self._retriever is None:
                store.refresh_manifest()
                store.check_model(self.embedder.identity)
                self._store, self._retriever = store, Retriever(store, self.embedder, self.settings)
                self._pointer = version
            return store, self._retriever
