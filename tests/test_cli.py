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


def invoker(embedder, index: Path):
    runner = CliRunner(env={"ASSISTANT_INDEX_DIR": str(index)})

    def invoke(*args: str):
        return runner.invoke(app, list(args), obj={"embedder": embedder}, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embedder):
    """Two real reports ingested through ``assistant ingest --json``; returns (invoke, report)."""
    root = tmp_path_factory.mktemp("cli")
    folder = root / "reports"
    folder.mkdir()
    for prefix in ("002_", "003_"):
        source = next((CORPUS / "reports").glob(prefix + "*"))
        shutil.copy(source, folder / source.name)
    run = invoker(embedder, root / "index")
    result = run("ingest", str(folder), "--json")
    assert result.exit_code == 0, result.output
    return run, json.loads(result.stdout)


def test_ingest_reports_what_it_indexed(indexed):
    run, report = indexed
    assert report["documents"] == 2 and report["passages"] > 10 and not report["skipped"]
    listed = json.loads(run("documents", "--json").stdout)
    assert sorted(Path(d["path"]).name[:3] for d in listed) == ["002", "003"]


def test_search_and_ask_give_the_figure_with_its_source(indexed):
    run, _ = indexed
    hits = json.loads(run("search", "数字化案件处置率", "--json", "-k", "3").stdout)["hits"]
    assert hits and any("99.18" in h["text"] for h in hits)

    answered = run("ask", "数字化案件的处置率是多少？")
    assert answered.exit_code == 0
    assert "99.18" in answered.stdout and "[1]" in answered.stdout


def test_ask_without_support_says_so(indexed):
    run, _ = indexed
    answered = run("ask", "亭湖区明年的火星基地建设预算是多少？", "--json")  # a place no document names
    assert json.loads(answered.stdout)["refused"] is True


def test_ingest_waits_for_the_lock_then_reports_busy(embedder, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("某街道巡查通报\n一、市容巡查\n本月整改问题35处。", encoding="utf-8")
    index = tmp_path / "index"
    index.mkdir()
    run = invoker(embedder, index)
    with FileLock(str(index / ".lock")):
        result = run("ingest", str(tmp_path / "in"), "--wait", "0.3")
    assert result.exit_code == 1
    assert "another ingest is running" in result.stderr
    assert not (index / "CURRENT").exists()  # nothing half-written

    # once the lock is free the same command succeeds
    assert run("ingest", str(tmp_path / "in"), "--wait", "0").exit_code == 0
    assert (index / "CURRENT").exists()


def test_commands_on_a_missing_index_fail_cleanly(embedder, tmp_path):
    result = invoker(embedder, tmp_path / "nothing")("search", "垃圾分类")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_a_place_only_the_file_name_gives_is_the_documents_place(embedder, tmp_path):
    # The report writes only 我市; its file's name, in pinyin, says which city it is.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "000_zhongshan-2021-05-wenjuan.txt").write_text(
        "2021年5月创文问卷调查结果\n本次问卷调查显示，我市市民对创文工作的支持率为99.30%，成效满意度为96.50%。",
        encoding="utf-8",
    )
    run = invoker(embedder, tmp_path / "index")
    assert run("ingest", str(tmp_path / "in")).exit_code == 0
    answered = run("ask", "中山21年5月创文问卷支持率多少？")
    assert "99.30%" in answered.stdout and "[1]" in answered.stdout
    refused = run("ask", "珠海21年5月创文问卷支持率多少？")
    assert "99.30%" not in refused.stdout.split("供参考")[0] and "珠海" in refused.stdout


def test_an_answer_model_fitted_on_other_features_is_refused_in_chinese_without_a_traceback(embedder, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    source = next((CORPUS / "reports").glob("003_*"))
    shutil.copy(source, folder / source.name)
    assert invoker(embedder, tmp_path / "index")("ingest", str(folder)).exit_code == 0
    stale = tmp_path / "old_selector.json"
    stale.write_text('{"features": ["cov_q"]}', encoding="utf-8")
    runner = CliRunner(env={"ASSISTANT_INDEX_DIR": str(tmp_path / "index"), "ASSISTANT_SELECTOR_PATH": str(stale)})
    for command in (["search", "处置率"], ["ask", "处置率是多少？"]):
        result = runner.invoke(app, command, obj={"embedder": embedder})
        assert result.exit_code == 1 and "old_selector.json" in result.output and "train-selector" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
