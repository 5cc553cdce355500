"""Incremental, model-checked index builds over real files with the real model."""

import json
import shutil

import pytest

from assistant.index.build import ingest
from assistant.index.store import EmbeddedStore, IndexMismatch, current_generation
from assistant.retrieve.search import Retriever
from tests.conftest import make_settings


@pytest.fixture
def small_corpus(tmp_path, corpus_copy):
    """Two real reports and one assessment excerpt: enough structure, a fraction of the embedding time."""
    root = tmp_path / "small"
    (root / "reports").mkdir(parents=True)
    for name in ("003_*.txt", "002_*.txt"):
        source = next((corpus_copy / "reports").glob(name))
        shutil.copy(source, root / "reports" / source.name)
    shutil.copy(corpus_copy / "assessment" / "ceping-fangshi-summary.txt", root / "summary.txt")
    return root


NEW_REPORT = "某县城管局2025年上半年工作总结\n一、工作完成情况\n（一）市容整治。上半年共清理占道经营4321处，拆除违建17处。\n二、下半年工作计划\n（一）垃圾分类。完成时间：11月底。"


def test_incremental_add_change_delete(tmp_path, small_corpus, embedder):
    corpus_copy = small_corpus
    settings = make_settings(tmp_path / "index")
    first = ingest([corpus_copy], settings, embedder)
    assert first.embedded == first.passages and len(first.added) == 3
    again = ingest([corpus_copy], settings, embedder)
    assert again.embedded == 0 and len(again.unchanged) == 3 and again.generation == first.generation

    (corpus_copy / "reports" / "new.txt").write_text(NEW_REPORT, encoding="utf-8")
    added = ingest([corpus_copy], settings, embedder)
    assert len(added.added) == 1 and added.added[0].endswith("reports/new.txt")
    assert 0 < added.embedded <= 3  # only the new file is embedded

    store = EmbeddedStore.open_current(settings.index_dir)
    hits = Retriever(store, embedder, settings).search("2025年清理占道经营多少处", k=3)
    assert "4321处" in hits[0].chunk.text

    (corpus_copy / "reports" / "new.txt").write_text(NEW_REPORT.replace("4321", "5555"), encoding="utf-8")
    changed = ingest([corpus_copy], settings, embedder)
    assert len(changed.updated) == 1 and changed.embedded <= 3
    store = EmbeddedStore.open_current(settings.index_dir)
    texts = " ".join(c.text for _, c in store.all_chunks())
    assert "5555处" in texts and "4321处" not in texts

    (corpus_copy / "reports" / "new.txt").unlink()
    removed = ingest([corpus_copy], settings, embedder)
    assert len(removed.removed) == 1 and removed.documents == first.documents
    store = EmbeddedStore.open_current(settings.index_dir)
    assert "5555处" not in " ".join(c.text for _, c in store.all_chunks())


def test_single_file_ingest_keeps_the_rest(tmp_path, small_corpus, embedder):
    settings = make_settings(tmp_path / "index")
    ingest([small_corpus], settings, embedder)
    extra = tmp_path / "extra.txt"
    extra.write_text(NEW_REPORT, encoding="utf-8")
    report = ingest([extra], settings, embedder)
    assert report.removed == [] and report.documents == 4


def test_index_from_another_model_is_refused(tmp_path, small_corpus, embedder):
    corpus_copy = small_corpus
    settings = make_settings(tmp_path / "index")
    ingest([corpus_copy / "reports"], settings, embedder)
    manifest_path = current_generation(settings.index_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["model"] = {"name": "bge-small-zh", "dims": 512, "fingerprint": "0123456789abcdef"}
    manifest_path.write_text(json.dumps(manifest))
    store = EmbeddedStore.open_current(settings.index_dir)
    with pytest.raises(IndexMismatch, match=r"bge-small-zh.*--rebuild"):
        store.check_model(embedder.identity)
    with pytest.raises(IndexMismatch, match="--rebuild"):
        ingest([corpus_copy / "reports"], settings, embedder)
    rebuilt = ingest([corpus_copy / "reports"], settings, embedder, rebuild=True)
    EmbeddedStore.open_current(settings.index_dir).check_model(embedder.identity)
    assert rebuilt.embedded == rebuilt.passages


def test_unreadable_file_is_reported_and_the_rest_indexed(tmp_path, small_corpus, embedder):
    (small_corpus / "reports" / "broken.docx").write_bytes(b"this is not a zip")
    (small_corpus / "reports" / "empty.txt").write_bytes(b"")
    settings = make_settings(tmp_path / "index")
    report = ingest([small_corpus], settings, embedder)
    reasons = {p.split("/")[-1]: r for p, r in report.skipped}
    assert "not a valid .docx" in reasons["broken.docx"] and reasons["empty.txt"] == "empty file"
    assert report.documents == 3


def test_word_counts_match_a_scan_of_the_passages(assistant):
    """The answerer picks a question's rarest word by these counts: they must equal a plain
    substring scan of the normalised passages, for short and long words and either script."""
    from assistant.text import compact

    store = assistant.store
    texts = [compact(chunk.search_text) for _, chunk in store.all_chunks()]
    words = ["率", "城管", "处置率", "数字化案件", "垃圾分类", "門前三包", "测评", "火星基地", "a*b", "[x]", "100%"]
    for word in words:
        expected = sum(1 for text in texts if compact(word) in text)
        assert store.passages_containing(word) == expected, word
    assert store.passages_containing("处置率") > 0 and store.passages_containing("火星基地") == 0


def test_index_of_the_previous_schema_is_upgraded_without_re_embedding(tmp_path, small_corpus, embedder):
    import sqlite3

    settings = make_settings(tmp_path / "index")
    ingest([small_corpus], settings, embedder)
    folder = current_generation(settings.index_dir)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps(manifest | {"schema": 1}))
    with sqlite3.connect(folder / "passages.sqlite") as db:  # what a schema-1 index lacks
        db.execute("DROP TABLE chunk_trigrams")
        db.execute("DROP TABLE short_terms")

    with pytest.raises(IndexMismatch, match="assistant ingest"):
        EmbeddedStore.open_current(settings.index_dir)
    upgraded = ingest([small_corpus], settings, embedder)
    assert upgraded.embedded == 0 and upgraded.generation != folder.name
    store = EmbeddedStore.open_current(settings.index_dir)
    assert store.count() == upgraded.passages and store.passages_containing("处置率") > 0


def test_criteria_spreadsheets_are_indexed_searchable_and_counted_once(tmp_path, small_corpus, embedder):
    from openpyxl import Workbook

    from assistant.facts.book import FactBook
    from assistant.service import Assistant

    book = Workbook()
    sheet = book.active
    sheet.append(["某市文明城市测评细则（示例）"])
    sheet.append(["测评项目", "测评内容", "测评标准", "分值"])
    sheet.append(["公共环境", "公益广告", "主要街道公益广告不少于10处", 2])
    sheet.append([None, "农贸市场", "农贸市场内禽类宰杀区与销售区隔离", 3])
    sheet.merge_cells("A3:A4")
    book.save(small_corpus / "细则.xlsx")
    (small_corpus / "点位.csv").write_text("点位,测评标准,分值\n公交站台,站台无乱贴乱画,1\n", encoding="gb18030")

    settings = make_settings(tmp_path / "index", corpus_dir=small_corpus)
    report = ingest([small_corpus], settings, embedder)
    assert not report.skipped and len(report.added) == 5

    assistant = Assistant(settings, embedder)
    hits = assistant.search("农贸市场禽类宰杀区的测评标准", k=3)
    assert hits[0].source == "细则.xlsx"
    assert "测评项目：公共环境" in hits[0].chunk.text and "分值：3" in hits[0].chunk.text  # the merged cell is filled
    assert hits[0].title == "某市文明城市测评细则（示例）"
    assert any(h.source == "点位.csv" for h in assistant.search("公交站台乱贴乱画", k=3))

    answer = assistant.ask("农贸市场禽类宰杀区有什么测评标准？")
    assert not answer.refused and "隔离" in answer.text
    assert any(c.hit.source == "细则.xlsx" for c in answer.citations)

    facts = FactBook.from_store(assistant.store, small_corpus)
    standards = [f.standard for f in facts.facts if f.kind == "criterion" and "禽类" in (f.standard or "")]
    assert standards == ["农贸市场内禽类宰杀区与销售区隔离"]  # from the table reader, not twice
