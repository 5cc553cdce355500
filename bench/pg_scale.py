"""The server store against the embedded one at about 100k passages, in one run on one machine.

Corpus and vectors as bench/scale.py makes them (generated reports through the real ingest
pipeline; the first --real passages embedded for real, the rest derived vectors, see there),
written as an embedded generation, then copied into PostgreSQL 16 + pgvector 0.6 (``pgserver``)
with ``import_generation`` (HNSW m=16, ef_construction=64, built once after the rows).

Measured, with the dev questions (eval/dev.jsonl) as queries:

* vectors: recall@10 against exact search (numpy over the same vectors) and latency (k=50, the
  retrieval pool) of FAISS flat (what the embedded store uses below 300k) and pgvector HNSW at
  several ef_search values;
* keywords: latency of BM25 in SQL and of ts_rank, and how many of bm25s's top 10 each returns;
* ask: wall-clock p50/p95 of Assistant.ask on each store (model included, first asking of each
  question after one warm-up question).

    python bench/pg_scale.py [--passages 100000] [--real 1000] [--queries 60]"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import Timer, percentile

sys.path.insert(0, str(Path(__file__).resolve().parent))


def timed(fn, items) -> tuple[list, list[float]]:
    results, times = [], []
    for item in items:
        t0 = time.perf_counter()
        results.append(fn(item))
        times.append((time.perf_counter() - t0) * 1000)
    return results, times


def summary(times: list[float]) -> dict:
    return {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--real", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--work", type=Path, default=Path("/tmp/wenming-bench-scale"))
    parser.add_argument("--name", default="pg_scale")
    args = parser.parse_args()

    import faiss
    import numpy as np
    import pgserver
    import psycopg
    import scale
    from pydantic import SecretStr

    from assistant.index.embed import Embedder
    from assistant.index.store import EmbeddedStore
    from assistant.index.tokenize import tokens as keyword_tokens
    from assistant.service import Assistant
    from assistant.store.pg_ingest import import_generation
    from assistant.store.postgres import PostgresStore
    from assistant.text import normalize

    faiss.omp_set_num_threads(1)  # as a serve process searches (ASSISTANT_SEARCH_THREADS=1)
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": _common.machine(), "passages_asked": args.passages, "real": args.real}
    embedder = Embedder(_common.settings())
    print(f"generating reports for {args.passages} passages ...", flush=True)
    files = scale.prefix(scale.build_rows(args.work, args.passages), args.passages)
    chunks = [c for f in files for c in f.chunks]
    real, _ = scale.real_vectors(args.work, chunks[: args.real], embedder)
    matrix = scale.assign_vectors(chunks, real)
    folder = args.work / f"pg-index-{args.passages}"
    write_s, _disk = scale.write_generation(folder, files, embedder)
    results |= {"passages": len(chunks), "embedded_write_s": round(write_s, 1)}
    print(f"  {len(chunks)} passages; embedded generation written in {write_s:.0f} s", flush=True)

    data = Path(tempfile.mkdtemp(prefix="pg-bench-")) / "data"
    server = pgserver.get_server(data, cleanup_mode="stop")
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.get_uri("bench")
        pg = PostgresStore(url, embedder.dim)
        with Timer() as t:
            import_generation(folder, pg)
        results["pg_load_s"] = round(t.seconds, 1)
        print(f"  copied into PostgreSQL (rows + HNSW build) in {t.seconds:.0f} s", flush=True)
        with pg.connection() as conn:
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        results["pg_database_mb"] = round(int(size[0]) / 2**20, 1) if size else None

        questions = [q["question"] for q in _common.dev_questions()][: args.queries]
        norms = [normalize(q) for q in questions]
        qvecs = np.vstack([embedder.encode_query(n) for n in norms]).astype(np.float32)
        local = EmbeddedStore.open_current(folder)
        pg.refresh_manifest()
        # Exact top 10 by inner product; rowids are 1..n in the order of the matrix (both stores).
        exact = [set((np.argsort(-(matrix @ q))[:10] + 1).tolist()) for q in qvecs]
        local_ids = {c.chunk_id: rowid for rowid, c in local.all_chunks()}
        pg_to_local = {rowid: local_ids[c.chunk_id] for rowid, c in pg.all_chunks()}

        def recall(found: list[list[tuple[int, float]]], mapping=None) -> float:
            hits = 0
            for top, truth in zip(found, exact, strict=True):
                ids = [mapping[i] if mapping else i for i, _ in top[:10]]
                hits += len(truth & set(ids))
            return round(hits / (10 * len(exact)), 4)

        vectors: dict = {}
        found, times = timed(lambda q: local.dense_search(q, 50, None), qvecs)
        vectors["faiss_flat"] = {"recall@10": recall(found)} | summary(times)
        for ef in (50, 100, 200):  # at least k=50: the store never searches with fewer candidates
            pg.ef_search = ef
            found, times = timed(lambda q: pg.dense_search(q, 50, None), qvecs)
            vectors[f"pgvector_hnsw_ef{ef}"] = {"recall@10": recall(found, pg_to_local)} | summary(times)
        pg.ef_search = 100
        results["vectors"] = vectors
        print(f"  vectors: {json.dumps(vectors)}", flush=True)

        token_lists = [keyword_tokens(n, normalized=True) for n in norms]
        bm25s_top, times = timed(lambda t: local.keyword_search(t, 50, None), token_lists)
        keywords: dict = {"bm25s": summary(times)}
        for ranking in ("bm25", "ts_rank"):
            pg.keyword_ranking = ranking
            found, times = timed(lambda t: pg.keyword_search(t, 50, None), token_lists)
            agree = sum(
                len({i for i, _ in a[:10]} & {pg_to_local[i] for i, _ in b[:10]})
                for a, b in zip(bm25s_top, found, strict=True)
            ) / max(1, sum(min(10, len(a)) for a in bm25s_top))
            keywords[f"pg_{ranking}"] = summary(times) | {"bm25s_top10_overlap": round(agree, 3)}
        pg.keyword_ranking = "bm25"
        results["keywords"] = keywords
        print(f"  keywords: {json.dumps(keywords)}", flush=True)
        pg.close()

        asks: dict = {}
        for label, settings in (
            ("embedded", _common.settings(index_dir=folder)),
            ("postgres", _common.settings(index_dir=folder).model_copy(update={"database_url": SecretStr(url)})),
        ):
            assistant = Assistant(settings, embedder)
            assistant.ask("预热问题：垃圾分类")
            _, times = timed(assistant.ask, questions)
            asks[label] = summary(times)
        results["ask"] = asks
        results["load_avg"] = _common.load_avg()
        print(f"  ask: {json.dumps(asks)}", flush=True)
    finally:
        server.cleanup()
        shutil.rmtree(data.parent, ignore_errors=True)
    print(f"raw numbers: {_common.save(args.name, results)}")


if __name__ == "__main__":
    main()
