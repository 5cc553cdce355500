"""Facts in server mode (PostgreSQL): the store keeps none yet, and says so without telling the
user to run `assistant ingest` (which would change nothing); an ingest logs no warning about them."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from assistant.facts.book import NO_FACTS, NO_FACTS_SERVER, FactBook
from assistant.service import Assistant
from assistant.store.postgres import PostgresStore
from tests.conftest import make_settings, new_database

REPORT = (
    "某县城管局2025年上半年工作总结\n一、工作完成情况\n（一）市容整治。上半年共清理占道经营4321处，拆除违建17处。\n"
)


@pytest.fixture
def pg_url(pg_server, request):
    return new_database(pg_server, request.node.name.lower()[:60])


def _fact_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "facts" in r.getMessage()]


def test_server_store_facts_say_server_mode_not_run_ingest(pg_url, caplog):
    store = PostgresStore(pg_url, 384)
    try:
        with caplog.at_level(logging.INFO):
            book = FactBook.from_store(store)
        assert book.facts == [] and book.problem == NO_FACTS_SERVER != NO_FACTS
        assert "assistant ingest" not in book.problem
        assert _fact_warnings(caplog) == []
    finally:
        store.close()


def test_server_mode_ingest_logs_no_facts_warning(tmp_path, pg_url, embedder, caplog):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    assistant = Assistant(make_settings(tmp_path / "unused-index", database_url=SecretStr(pg_url)), embedder)
    with caplog.at_level(logging.INFO):
        report = assistant.ingest([folder])
    assert report.passages > 0 and not report.skipped
    assert _fact_warnings(caplog) == []  # it was "index generation None has no facts of this version; …"
    assert assistant.facts().problem == NO_FACTS_SERVER
