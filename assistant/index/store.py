"""The old home of the store, kept as a re-export because many modules, tests and benchmarks
import from it: the interface is ``assistant.store.base``, the default implementation
``assistant.store.embedded``."""

from assistant.store.base import (
    DocumentInfo,
    Filters,
    IndexMismatch,
    IndexMissing,
    PassageStore,
    StoreUnavailable,
)
from assistant.store.base import chunk_from_row as _chunk_from_row
from assistant.store.base import meta_from_row as _meta_from_row
from assistant.store.embedded import CURRENT, SCHEMA_VERSION, UPGRADABLE_SCHEMAS, EmbeddedStore, current_generation

__all__ = [
    "CURRENT",
    "SCHEMA_VERSION",
    "UPGRADABLE_SCHEMAS",
    "DocumentInfo",
    "EmbeddedStore",
    "Filters",
    "IndexMismatch",
    "IndexMissing",
    "PassageStore",
    "StoreUnavailable",
    "_chunk_from_row",
    "_meta_from_row",
    "current_generation",
]
