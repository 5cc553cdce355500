"""Facts are built once, by ingest, into the new index generation; at query time they are only
read (issue 13): no walk of the corpus per question, and nothing is written into a generation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.facts.book import NO_FACTS, SAVED_NAME, FactBook, facts_version
from assistant.index.build import ingest
from assistant.index.store import EmbeddedStore
from assistant.service import Assistant
from tests.conftest import CORPUS, make_settings

TABLE = "测评项目,测评标准,分值\n市容环境,主次干道无乱贴乱画,2\n"
LIST_QUESTION = "下半年有哪些工作目标？"


@pytest.fixture
def small(tmp_path, embedder):
    """One report and one criteria table, ingested into a private index."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next((CORPUS / "reports").glob("003_*.txt")), corpus)
    (corpus / "细则.csv").write_text(TABLE, encoding="utf-8")
    settings = make_settings(tmp_path / "index", corpus_dir=corpus)
    ingest([corpus], settings, embedder)
    return settings


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def test_ingest_saves_the_facts_in_the_new_generation(small):
    store = EmbeddedStore.open_current(small.index_dir)
    assert (store.folder / SAVED_NAME).is_file()
    assert store.manifest["facts"] == facts_version()  # the manifest, written before the switch, names them
    book = FactBook.from_store(store)
    assert not book.problem and book.query(kind="result", q="处置率")
    standards = [f.standard for f in book.facts if f.kind == "criterion"]
    assert standards.count("主次干道无乱贴乱画") == 1  # read with the table reader, once


def test_questions_never_write_into_a_generation(small, embedder):
    before = _snapshot(small.index_dir)
    assistant = Assistant(small, embedder)
    assert assistant.facts().facts
    assistant.ask(LIST_QUESTION)
    assistant.ask("2023年数字化案件处置率是多少？")
    assert _snapshot(small.index_dir) == before


def test_a_generation_without_facts_gives_an_empty_book_and_is_not_written(small, embedder):
    folder = EmbeddedStore.open_current(small.index_dir).folder
    (folder / SAVED_NAME).unlink()
    before = _snapshot(small.index_dir)
    assistant = Assistant(small, embedder)
    book = assistant.facts()
    assert book.facts == [] and book.problem == NO_FACTS
    answer = assistant.ask(LIST_QUESTION)  # answered from the passages instead
    assert answer.text
    assert _snapshot(small.index_dir) == before, "the query path wrote into the index"


def test_facts_do_not_follow_the_corpus_folder_until_the_next_ingest(small, embedder):
    (small.corpus_dir / "新细则.csv").write_text("测评项目,测评标准,分值\n公共秩序,无占道经营,3\n", encoding="utf-8")
    assistant = Assistant(small, embedder)
    assert not assistant.facts().query(kind="criterion", q="无占道经营")  # no walk of the corpus per question
    assistant.ingest([small.corpus_dir])
    assert assistant.facts().query(kind="criterion", q="无占道经营")


def test_ingest_brings_an_index_without_facts_up_to_date(small, embedder):
    old = EmbeddedStore.open_current(small.index_dir).folder
    (old / SAVED_NAME).unlink()
    report = ingest([small.corpus_dir], small, embedder)
    assert report.embedded == 0 and report.generation != old.name  # a new generation, nothing re-embedded
    new = EmbeddedStore.open_current(small.index_dir)
    assert (new.folder / SAVED_NAME).is_file() and not FactBook.from_store(new).problem

    manifest = json.loads((new.folder / "manifest.json").read_text())
    manifest["facts"] = "older rules"
    (new.folder / "manifest.json").write_text(json.dumps(manifest))
    assert ingest([small.corpus_dir], small, embedder).generation != new.folder.name


def test_ingest_takes_over_the_facts_of_unchanged_documents(small, embedder):
    folder = EmbeddedStore.open_current(small.index_dir).folder
    data = json.loads((folder / SAVED_NAME).read_text(encoding="utf-8"))
    first = next(i for i, f in enumerate(data["facts"]) if f["kind"] == "result")
    data["facts"][first]["subject"] = "（上一代的事实）"
    (folder / SAVED_NAME).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(next((CORPUS / "reports").glob("002_*.txt")), small.corpus_dir)  # a change: a new generation

    ingest([small.corpus_dir], small, embedder)
    book = FactBook.from_store(EmbeddedStore.open_current(small.index_dir))
    assert any(f.subject == "（上一代的事实）" for f in book.facts)  # taken over, not extracted again
    assert {f.source for f in book.facts} >= {"002_d67df2485588256d.txt", "细则.csv"}
