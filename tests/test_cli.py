"""The command line as staff use it: ingest a folder, list documents, search, ask, and a
second ingest that finds the index busy. Commands run in-process through typer's runner
with the session's loaded model; the index, files and lock are real."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from assistant.cli import app
from tests.conftest import CORPUS


@pytest.fixture
def run(monkeypatch, embedder, tmp_path):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), obj={"embedder": embedder}, catch_exceptions=False)

    return invoke


@pytest.fixture
def small_corpus(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for prefix in ("002_", "003_"):
        source = next((CORPUS / "reports").glob(prefix + "*"))
        shutil.copy(source, folder / source.name)
    return folder


def test_ingest_then_documents_search_and_ask(run, small_corpus):
    result = run("ingest", str(small_corpus), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 2 and report["passages"] > 10 and not report["skipped"]

    listed = run("documents", "--json")
    assert sorted(Path(d["path"]).name[:3] for d in json.loads(listed.stdout)) == ["002", "003"]

    found = run("search", "数字化案件处置率", "--json", "-k", "3")
    hits = json.loads(found.stdout)["hits"]
    assert hits and any("99.18" in h["text"] for h in hits)

    answered = run("ask", "数字化案件的处置率是多少？")
    assert answered.exit_code == 0
    assert "99.18" in answered.stdout and "[1]" in answered.stdout


def test_ask_without_support_says_so(run, small_corpus):
    run("ingest", str(small_corpus))
    answered = run("ask", "明年的火星基地建设预算是多少？", "--json")
    assert json.loads(answered.stdout)["refused"] is True


def test_ingest_waits_for_the_lock_then_reports_busy(run, small_corpus, tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    with FileLock(str(index / ".lock")):
        result = run("ingest", str(small_corpus), "--wait", "0.3")
    assert result.exit_code == 1
    assert "another ingest is running" in result.stderr
    assert not (index / "CURRENT").exists()  # nothing half-written

    # once the lock is free the same command succeeds
    assert run("ingest", str(small_corpus), "--wait", "0").exit_code == 0
    assert (index / "CURRENT").exists()


def test_commands_on_a_missing_index_fail_cleanly(run):
    result = run("search", "垃圾分类")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
