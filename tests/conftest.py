"""Shared fixtures: the real model (loaded once per session) and a real index of the
bundled corpus built once into a temporary folder.

Test tiers (no test file needs a marker of its own):

* ``integration``: every test that uses the model or an index (the ``embedder``,
  ``corpus_settings`` or ``assistant`` fixture, directly or through another fixture), and
  every test in a browser or end-to-end file. Given here in ``pytest_collection_modifyitems``.
* the fast tier is the rest: ``pytest -m "not integration"`` (no model, no index; under 60 s
  on 2 cores).
* ``slow`` (long kill trials, load, a local LLM) is left out unless the ``-m`` expression names
  it (``pytest -m slow``), also when another ``-m`` such as the fast tier's replaces the default.

In CI (``CI`` set) a browser test that would skip because Chromium or Playwright is missing
fails instead: a green CI must mean the browser tests ran."""

from __future__ import annotations

# asyncio is imported before any test runs, so that it is in every sys.modules snapshot that
# pytester takes and restores (tests/test_tiers.py) and no thread left by an earlier test
# (a connection pool, a live server) imports it for the first time inside one. A CI run on
# 2026-11-30 lost `asyncio` from sys.modules while keeping `asyncio.base_events`, after which
# every `import asyncio` failed with NameError; the cause was not reproduced in smaller runs.
import asyncio  # noqa: F401
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from assistant.index.build import ingest
from assistant.index.embed import Embedder
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# Fixtures that load the model or build an index: a test that uses one is an integration test.
INTEGRATION_FIXTURES = frozenset({"embedder", "corpus_settings", "assistant"})
# Files whose tests drive a real browser or a live server.
BROWSER_FILE_WORDS = ("browser", "e2e")


def make_settings(index_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test: its own index folder, everything else as configured."""
    return Settings(**({"index_dir": index_dir, "corpus_dir": CORPUS} | overrides))


def _is_browser_file(item: pytest.Item) -> bool:
    name = item.path.name
    return any(word in name for word in BROWSER_FILE_WORDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        browser = _is_browser_file(item)
        if browser:
            item.add_marker(pytest.mark.e2e)
        if browser or INTEGRATION_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
    # A command line `-m` replaces the default `-m 'not slow'`, so the fast tier's
    # `-m "not integration"` would run the slow tests: they run only when asked for by name.
    if "slow" not in (config.option.markexpr or ""):
        slow = [item for item in items if item.get_closest_marker("slow")]
        if slow:
            config.hook.pytest_deselected(items=slow)
            items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") and _is_browser_file(item) and not item.get_closest_marker("skip"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"browser test skipped in CI (CI is set): {reason}"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings())


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """Settings whose index holds the whole bundled corpus (built once, read-only for tests)."""
    settings = make_settings(tmp_path_factory.mktemp("corpus-index"))
    report = ingest([CORPUS], settings, embedder)
    assert report.passages > 100 and not report.skipped, report
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings: Settings, embedder: Embedder) -> Any:
    from assistant.service import Assistant

    return Assistant(corpus_settings, embedder)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A real PostgreSQL 16 with pgvector (from the ``pgserver`` package) for the session."""
    with pg_server_in_own_folder() as server:
        yield server


@contextlib.contextmanager
def pg_server_in_own_folder() -> Iterator[Any]:
    """A PostgreSQL server whose data folder is not under pytest's base temp folder: another
    pytest run on the machine prunes old base folders, which would pull the data from under it."""
    import pgserver

    folder = Path(tempfile.mkdtemp(prefix="assistant-test-pg-"))
    server = pgserver.get_server(folder / "data", cleanup_mode="stop")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server: Any, name: str) -> str:
    """The URL of a new, empty database ``name`` on ``server`` (dropped first if it exists)."""
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url: str = server.get_uri(name)
    return url


@pytest.fixture(scope="session")
def pg_corpus_settings(pg_server: Any, corpus_settings: Settings, embedder: Embedder) -> Settings:
    """Server-mode settings over a database holding the bundled corpus: the embedded index of
    ``corpus_settings`` copied in, vectors and all (so both stores search the same vectors)."""
    from assistant.store.pg_ingest import import_generation
    from assistant.store.postgres import PostgresStore

    url = new_database(pg_server, "corpus")
    store = PostgresStore(url, embedder.dim)
    try:
        import_generation(corpus_settings.index_dir, store)
    finally:
        store.close()
    return corpus_settings.model_copy(update={"database_url": SecretStr(url)})


@pytest.fixture(scope="session")
def pg_assistant(pg_corpus_settings: Settings, embedder: Embedder) -> Any:
    from assistant.service import Assistant

    return Assistant(pg_corpus_settings, embedder)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
