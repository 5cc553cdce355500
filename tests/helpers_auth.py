"""Shared by the accounts tests: Argon2id with small parameters (the same algorithm and code,
about a millisecond per hash instead of 0.2 s), so that the fast tier stays fast. The tests of
the shipped parameters' timing use the defaults."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.auth.accounts import add_user
from assistant.auth.db import AccountsDB
from assistant.index.embed import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.app import create_app
from tests.conftest import CORPUS, make_settings

FAST_HASH: dict[str, Any] = {"password_time_cost": 1, "password_memory_kib": 1024, "password_parallelism": 1}


@contextmanager
def serving_with_users(
    root: Path, corpus_settings: Settings, embedder: Embedder, password: str, users: dict[str, dict[str, str]]
) -> Iterator[str]:
    """A live server (tests/test_e2e_browser.py's ``serving``) on a copy of the bundled corpus's
    index with its own accounts database holding ``users`` (login → roles); yields its URL."""
    from tests.test_e2e_browser import serving

    index = root / "index"
    shutil.copytree(corpus_settings.index_dir, index, ignore=shutil.ignore_patterns(".lock", "accounts.sqlite*"))
    settings = make_settings(index, corpus_dir=CORPUS, accounts_path=root / "accounts.sqlite")
    db = AccountsDB.open(settings)
    for login, roles in users.items():
        add_user(db, login, password, roles)
    with serving(create_app(settings, Assistant(settings, embedder))) as url:
        yield url
