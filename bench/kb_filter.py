"""The added cost per question of the knowledge-base filter (issue 14) in the embedded store, at
10k and 100k passages: what retrieval does for one question (the allowed passages from SQLite,
FAISS flat search with an IDSelectorBatch, bm25s scores masked, the passages read back), with
no filter, with a filter that covers every document (no restriction: the store leaves the
search unfiltered), and with one knowledge base of 50 % and of 10 % of the passages. Timed in
one run, each case over the same questions, the cases interleaved question by question.

Synthetic passages (random words from a 5,000-word vocabulary of two-character words, random
unit vectors of the model's dimension): the cost of the filter depends on the number of
passages and of allowed passages, not on their text. The query embedding (the same for every
case) is left out.

    .venv/bin/python bench/kb_filter.py [--sizes 10000,100000] [--questions 60] [--store embedded|postgres]

With ``--store postgres`` the same generation is copied into PostgreSQL 16 + pgvector (``pgserver``)
and the server store's own filter is measured: HNSW without a filter, an exact scan of the
allowed passages with one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from _common import machine_line, save, table

DIMS = 512
PER_DOCUMENT = 10
K = 50  # the retrieval pool (settings.candidates)


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    return list(dict.fromkeys("".join(rng.choices(chars, k=2)) for _ in range(size * 2)))[:size]


def write_index(folder: Path, passages: int, rng: random.Random) -> None:
    """A generation folder as ingest writes it (the same tables, FAISS flat, bm25s)."""
    import bm25s
    import faiss

    from assistant.index.generation import GENERATION_SCHEMA, build_faiss
    from assistant.index.store import SCHEMA_VERSION

    words = vocabulary(rng)
    documents = passages // PER_DOCUMENT
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "passages.sqlite")
    db.executescript(GENERATION_SCHEMA)
    vectors = np.random.default_rng(7).standard_normal((passages, DIMS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    tokens: list[list[str]] = []
    rowid = 0
    for d in range(documents):
        # 10 % of the documents in 小, 40 % in 大, the rest in 其他 (so 小 ∪ 大 is half).
        kb = "小" if d % 10 == 0 else "大" if d % 10 < 5 else "其他"
        doc_id = f"doc{d:06d}"
        db.execute("INSERT INTO files VALUES (?, ?, ?)", (f"f{d}", "h", "t"))
        db.execute(
            "INSERT INTO documents (doc_id, file_key, source, path, title, years, body, body_full, kind, period, "
            "place, text, content_hash, ingested_at, notes, kb) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                f"f{d}",
                f"{doc_id}.txt",
                f"{doc_id}.txt",
                "t",
                "[2024]",
                "",
                "",
                "",
                "",
                "",
                "",
                "h",
                "t",
                "[]",
                kb,
            ),
        )
        for ordinal in range(PER_DOCUMENT):
            rowid += 1
            passage = rng.choices(words, k=40)
            tokens.append(passage)
            text = "".join(passage)
            db.execute(
                'INSERT INTO chunks (rowid, chunk_id, doc_id, ordinal, heading, text, start, "end", deadline, '
                "search_text, tokens, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    rowid,
                    f"{doc_id}:{ordinal:04d}",
                    doc_id,
                    ordinal,
                    "",
                    text,
                    0,
                    len(text),
                    "",
                    text,
                    " ".join(passage),
                    vectors[rowid - 1].tobytes(),
                ),
            )
    db.commit()
    db.close()
    index, kind = build_faiss(vectors, np.arange(1, passages + 1, dtype=np.int64), DIMS, 300_000)
    faiss.write_index(index, str(folder / "dense.faiss"))
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    bm25.save(str(folder / "bm25"))
    manifest = {"schema": SCHEMA_VERSION, "generation": folder.name, "index_type": kind, "passages": passages}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def one_question(store, vector: np.ndarray, words: list[str], filters) -> float:
    """Seconds of retrieval's store work for one question (as Retriever.search does it)."""
    started = time.perf_counter()
    allowed = store.chunk_rowids(filters)
    dense = store.dense_search(vector, K, allowed)
    keyword = store.keyword_search(words, K, allowed)
    store.chunks(list(dict.fromkeys([r for r, _ in dense[:10]] + [r for r, _ in keyword[:10]])))
    return time.perf_counter() - started


@contextlib.contextmanager
def opened(kind: str, folder: Path) -> Iterator[Any]:
    """The store to measure: the generation itself, or PostgreSQL (``pgserver``) with it copied in."""
    from assistant.store.embedded import EmbeddedStore

    if kind == "embedded":
        store = EmbeddedStore(folder)
        yield store
        store.close()
        return
    import pgserver
    import psycopg

    from assistant.store.pg_ingest import import_generation
    from assistant.store.postgres import PostgresStore

    (folder.parent / "CURRENT").write_text(folder.name)
    server = pgserver.get_server(folder.parent / "pgdata", cleanup_mode="stop")
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        store = PostgresStore(server.get_uri("bench"), DIMS)
        started = time.perf_counter()
        import_generation(folder.parent, store)
        print(f"  copied into PostgreSQL (rows + HNSW) in {time.perf_counter() - started:.0f} s", flush=True)
        yield store
        store.close()
    finally:
        server.cleanup()


def measure(passages: int, questions: int, kind: str = "embedded") -> dict:
    import faiss

    from assistant.store.base import Filters

    faiss.omp_set_num_threads(1)
    rng = random.Random(passages)
    with tempfile.TemporaryDirectory(prefix="kb-filter-") as tmp, contextlib.ExitStack() as stack:
        folder = Path(tmp) / "gen-bench"
        started = time.perf_counter()
        write_index(folder, passages, rng)
        print(f"  {passages} passages written in {time.perf_counter() - started:.0f} s", flush=True)
        store = stack.enter_context(opened(kind, folder))
        words = vocabulary(random.Random(passages))
        cases = {
            "no filter": Filters(),
            "every knowledge base (no restriction)": Filters(kbs=["小", "大", "其他"]),
            "one knowledge base, 50 %": Filters(kbs=["小", "大"]),
            "one knowledge base, 10 %": Filters(kbs=["小"]),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        qrng = np.random.default_rng(3)
        # The first question of each case, on a store just opened: a knowledge base's passages,
        # FAISS selector and keyword mask are made then (once per index generation).
        first = qrng.standard_normal(DIMS).astype(np.float32)
        first /= np.linalg.norm(first)
        cold = {name: one_question(store, first, rng.sample(words, 4), f) * 1000 for name, f in cases.items()}
        for q in range(questions + 3):
            vector = qrng.standard_normal(DIMS).astype(np.float32)
            vector /= np.linalg.norm(vector)
            query_words = rng.sample(words, 4)
            for name, filters in cases.items():
                seconds = one_question(store, vector, query_words, filters)
                if q >= 3:  # the first questions warm the caches
                    times[name].append(seconds)
        base = statistics.median(times["no filter"])
        rows = {
            name: {
                "p50_ms": statistics.median(values) * 1000,
                "p95_ms": float(np.percentile(values, 95)) * 1000,
                "ratio": statistics.median(values) / base,
                "added_ms": (statistics.median(values) - base) * 1000,
                "first_ms": cold[name],
            }
            for name, values in times.items()
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--store", choices=["embedded", "postgres"], default="embedded")
    args = parser.parse_args()
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        results[size] = measure(size, args.questions, args.store)
    lines = []
    for size, rows in results.items():
        for name, r in rows.items():
            lines.append(
                [
                    f"{size:,}",
                    name,
                    f"{r['p50_ms']:.1f}",
                    f"{r['p95_ms']:.1f}",
                    f"{r['added_ms']:+.1f}",
                    f"{r['ratio']:.2f}",
                    f"{r['first_ms']:.1f}",
                ]
            )
    print(machine_line())
    headers = ["passages", "case", "p50 ms", "p95 ms", "added ms (p50)", "× no filter", "first question ms"]
    print(table(headers, lines))
    save(f"kb_filter_{args.store}", {"questions": args.questions, "results": results})


if __name__ == "__main__":
    main()
