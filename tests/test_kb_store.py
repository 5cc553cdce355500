"""Knowledge bases (知识库) in the data, on both stores: ``ingest --kb``, the filter inside retrieval
(top-k stays full), documents, facts, answers and drafts limited to a reader's knowledge bases,
and an index written before knowledge bases read as the default one without re-embedding."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from pydantic import SecretStr

from assistant.auth.access import DEFAULT_KB
from assistant.index.build import ingest
from assistant.index.store import current_generation
from assistant.service import Assistant
from assistant.store.base import Filters
from tests.conftest import CORPUS, new_database
from tests.helpers_kb import ABOUT_ASSESSMENT, ASSESSMENT, REPORTS, kb_assistant, kb_pg_settings, kb_settings

__all__ = ["kb_assistant", "kb_pg_settings", "kb_settings"]  # fixtures used here


def kb_of(assistant: Assistant) -> dict[str, str]:
    return {d["doc_id"]: d["kb"] for d in assistant.documents()}


def test_ingest_puts_files_into_their_knowledge_base(kb_assistant):
    kbs = kb_of(kb_assistant)
    by_path = {d["path"]: d["kb"] for d in kb_assistant.documents()}
    assert set(kbs.values()) == {REPORTS, ASSESSMENT}
    assert all(kb == REPORTS for path, kb in by_path.items() if "/reports/" in path)
    assert all(kb == ASSESSMENT for path, kb in by_path.items() if "/assessment/" in path)


def test_search_is_limited_inside_retrieval_and_top_k_stays_full(kb_assistant):
    kbs = kb_of(kb_assistant)
    everything = kb_assistant.search(ABOUT_ASSESSMENT, k=10)
    assert any(kbs[h.chunk.doc_id] == ASSESSMENT for h in everything)  # the filter has something to remove
    for mode in ("hybrid", "dense", "bm25"):
        hits = kb_assistant.search(ABOUT_ASSESSMENT, k=10, mode=mode, kbs=[REPORTS])
        assert len(hits) == 10, mode  # prefiltered: the 10 best of 城管, not what is left of the 10 best
        assert {kbs[h.chunk.doc_id] for h in hits} == {REPORTS}, mode
    assert kb_assistant.search(ABOUT_ASSESSMENT, k=10, kbs=[]) == []
    assert kb_assistant.search(ABOUT_ASSESSMENT, k=10, kbs=["没有的库"]) == []
    both = kb_assistant.search(ABOUT_ASSESSMENT, k=10, kbs=[REPORTS, ASSESSMENT])
    assert [h.chunk.chunk_id for h in both] == [h.chunk.chunk_id for h in everything]


def test_a_request_cannot_widen_its_knowledge_bases_through_its_own_filters(kb_assistant):
    kbs = kb_of(kb_assistant)
    assessment_doc = next(doc for doc, kb in kbs.items() if kb == ASSESSMENT)
    hits = kb_assistant.search(ABOUT_ASSESSMENT, filters={"doc_id": assessment_doc, "kbs": [ASSESSMENT]}, kbs=[REPORTS])
    assert hits == []
    assert Filters.from_dict({"kbs": [ASSESSMENT]}).kbs is None
    assert Filters(kbs=[REPORTS, ASSESSMENT]).within([REPORTS]).kbs == [REPORTS]


def test_store_filter_is_no_restriction_when_every_document_is_in_the_knowledge_bases(kb_assistant):
    store = kb_assistant.store
    assert store.chunk_rowids(Filters(kbs=[REPORTS, ASSESSMENT, "其他"])) is None
    only = store.chunk_rowids(Filters(kbs=[REPORTS]))
    assert only is not None and 0 < len(only) < store.count()
    assert len(store.chunk_rowids(Filters(kbs=[]))) == 0


def test_answers_drafts_and_streamed_answers_cite_only_the_readers_knowledge_bases(kb_assistant):
    kbs = kb_of(kb_assistant)
    open_answer = kb_assistant.ask("测评体系中实地考察的点位有哪些？")
    seen = [c.hit.chunk.doc_id for c in open_answer.citations] + [h.chunk.doc_id for h in open_answer.related]
    assert ASSESSMENT in {kbs[d] for d in seen}  # without a limit the answer reads the assessment documents
    answer = kb_assistant.ask("测评体系中实地考察的点位有哪些？", kbs=[REPORTS])
    cited = [c.hit.chunk.doc_id for c in answer.citations] + [h.chunk.doc_id for h in answer.related]
    assert cited and {kbs[d] for d in cited} == {REPORTS}
    draft = kb_assistant.ask("帮我写一份迎检汇报：文明城市测评工作", mode="draft", kbs=[ASSESSMENT])
    drafted = [c.hit.chunk.doc_id for c in draft.citations] + [h.chunk.doc_id for h in draft.related]
    assert drafted and {kbs[d] for d in drafted} == {ASSESSMENT}
    events = list(kb_assistant.ask_stream("占道经营清理了多少处？", kbs=[ASSESSMENT]))
    last = events[-1][1]
    streamed = [c.hit.chunk.doc_id for c in last.citations] + [h.chunk.doc_id for h in last.related]
    assert {kbs[d] for d in streamed} <= {ASSESSMENT}


def test_documents_and_facts_are_limited_to_the_readers_knowledge_bases(kb_assistant):
    kbs = kb_of(kb_assistant)
    reports_doc = next(doc for doc, kb in kbs.items() if kb == REPORTS)
    assert {d["kb"] for d in kb_assistant.documents(kbs=[ASSESSMENT])} == {ASSESSMENT}
    assert kb_assistant.documents(kbs=[]) == []
    assert kb_assistant.document(reports_doc, kbs=[ASSESSMENT]) is None
    assert kb_assistant.document(reports_doc, kbs=[REPORTS]) is not None
    every = kb_assistant.facts()
    if kb_assistant.settings.database_url is not None:  # server mode keeps no saved facts (yet)
        assert every.facts == [] and kb_assistant.facts(kbs=[REPORTS]).facts == []
        return
    assert {kbs[f.doc_id] for f in every.facts if f.doc_id} == {REPORTS, ASSESSMENT}
    reports = kb_assistant.facts(kbs=[REPORTS])
    assert reports.facts and {kbs[f.doc_id] for f in reports.facts} == {REPORTS}
    seen = {f.fact_id for f in reports.facts}
    assert all(set(f.done_by) <= seen for f in reports.facts)
    assert kb_assistant.facts(kbs=["没有的库"]).facts == []


def test_an_index_written_before_knowledge_bases_is_the_default_one(tmp_path, corpus_settings, embedder):
    folder = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, folder)
    db = sqlite3.connect(current_generation(folder) / "passages.sqlite")
    db.execute("DROP INDEX documents_kb")
    db.execute("ALTER TABLE documents DROP COLUMN kb")
    db.commit()
    db.close()
    settings = corpus_settings.model_copy(update={"index_dir": folder})
    old = Assistant(settings, embedder)
    assert {d["kb"] for d in old.documents()} == {DEFAULT_KB}
    assert len(old.search("占道经营", k=5, kbs=[DEFAULT_KB])) == 5
    assert old.search("占道经营", k=5, kbs=["城管"]) == []
    # A later ingest keeps every file where it was (the default) and embeds nothing again.
    report = ingest([CORPUS / "reports"], settings, embedder)
    assert report.embedded == 0
    assert {d["kb"] for d in Assistant(settings, embedder).documents()} == {DEFAULT_KB}


def test_a_file_keeps_its_knowledge_base_when_changed_and_a_new_file_goes_to_the_default(tmp_path, embedder):
    from tests.conftest import make_settings

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("某县城管局2025年工作总结\n一、市容整治\n共清理占道经营321处。", encoding="utf-8")
    settings = make_settings(tmp_path / "index")
    ingest([folder], settings, embedder, kb="甲")
    (folder / "a.txt").write_text("某县城管局2025年工作总结\n一、市容整治\n共清理占道经营322处。", encoding="utf-8")
    (folder / "b.txt").write_text("某县文明办2025年创文通报\n一、总体情况\n设置公益广告牌86块。", encoding="utf-8")
    report = ingest([folder], settings, embedder)
    assert report.updated and report.added
    kbs = {d["source"]: d["kb"] for d in Assistant(settings, embedder).documents()}
    assert kbs == {"a.txt": "甲", "b.txt": DEFAULT_KB}
    report = ingest([folder], settings, embedder, kb="乙", rebuild=True)
    assert {d["kb"] for d in Assistant(settings, embedder).documents()} == {"乙"}
    report = ingest([folder], settings, embedder, rebuild=True)
    assert {d["kb"] for d in Assistant(settings, embedder).documents()} == {"乙"}  # --rebuild keeps them


def test_server_store_ingest_moves_files_between_knowledge_bases_without_embedding(tmp_path, pg_server, embedder):
    from tests.conftest import make_settings

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("某县城管局2025年工作总结\n一、市容整治\n共清理占道经营321处。", encoding="utf-8")
    url = new_database(pg_server, "kb_ingest")
    settings = make_settings(tmp_path / "unused", database_url=SecretStr(url))
    assistant = Assistant(settings, embedder)
    try:
        assistant.ingest([folder], kb="甲")
        assert {d["kb"] for d in assistant.documents()} == {"甲"}
        report = assistant.ingest([folder], kb="乙")
        assert report.unchanged and report.embedded == 0
        assert {d["kb"] for d in assistant.documents()} == {"乙"}
        assert len(assistant.search("占道经营", k=3, kbs=["乙"])) == 1
        assert assistant.search("占道经营", k=3, kbs=["甲"]) == []
        (folder / "a.txt").write_text("某县城管局2025年工作总结\n一、市容整治\n共清理占道经营322处。", encoding="utf-8")
        (folder / "b.txt").write_text("某县文明办2025年创文通报\n一、总体情况\n设置公益广告牌86块。", encoding="utf-8")
        assistant.ingest([folder])
        assert {d["source"]: d["kb"] for d in assistant.documents()} == {"a.txt": "乙", "b.txt": DEFAULT_KB}
        with pytest.raises(ValueError, match="知识库名称"):
            assistant.ingest([folder], kb=" ")
    finally:
        assistant.server_store().close()


def test_cli_ingest_kb_moves_files_and_says_when_the_knowledge_base_is_not_created(tmp_path, embedder):
    from typer.testing import CliRunner

    from assistant.cli import app

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("某县城管局2025年工作总结\n一、市容整治\n共清理占道经营321处。", encoding="utf-8")
    runner = CliRunner(env={"ASSISTANT_INDEX_DIR": str(tmp_path / "index")})

    def run(*args: str):
        result = runner.invoke(app, list(args), obj={"embedder": embedder}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    assert "尚未创建" in run("ingest", str(folder), "--kb", "城管局").output
    listed = json.loads(run("documents", "--json").stdout)
    assert [d["kb"] for d in listed] == ["城管局"]
    run("kb", "add", "城管局")
    assert "尚未创建" not in run("ingest", str(folder), "--kb", "城管局").output
