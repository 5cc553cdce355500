"""pgvector HNSW against FAISS on the same vectors: recall@10 against exact search, and latency.

Vectors: the real passage vectors of an embedded index (--index) are the parents; each of the
--sizes vectors is derived from them as bench/scale.py derives its vectors (0.8 × a parent +
0.2 × another + noise, re-normalised). Queries: the dev questions, embedded for real. Exact
top 10 by numpy. FAISS: flat (the embedded store below 300k passages) and HNSW M=32,
efConstruction 80, efSearch 256 (above). pgvector 0.6 (``pgserver``, PostgreSQL 16): a table
with the server store's HNSW index (m 16, ef_construction 64, built after loading), searched
with ``ORDER BY embedding <#> q LIMIT 50`` as the store does, at several ef_search values.
Latency: wall-clock per query (k = 50, the retrieval pool), one client, FAISS on one thread.

    python bench/pg_vectors.py --index /tmp/eval_all [--sizes 100000] [--queries 60]"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import percentile, table

sys.path.insert(0, str(Path(__file__).resolve().parent))


def lat(times: list[float]) -> dict:
    return {"p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--name", default="pg_vectors")
    parser.add_argument(
        "--maintenance-work-mem",
        default="512MB",
        help="PostgreSQL maintenance_work_mem for the HNSW build (the store's own builds use 512MB)",
    )
    args = parser.parse_args()

    import faiss
    import numpy as np
    import pgserver
    import psycopg
    from pgvector.psycopg import register_vector
    from scale import derive

    from assistant.index.embed import Embedder
    from assistant.index.store import current_generation
    from assistant.text import normalize

    faiss.omp_set_num_threads(1)
    folder = current_generation(args.index)
    with sqlite3.connect(folder / "passages.sqlite") as db:
        real = np.vstack([np.frombuffer(r[0], dtype=np.float32) for r in db.execute("SELECT vector FROM chunks")])
    embedder = Embedder(_common.settings())
    questions = [q["question"] for q in _common.dev_questions()][: args.queries]
    queries = np.vstack([embedder.encode_query(normalize(q)) for q in questions]).astype(np.float32)
    results: dict = {"machine": _common.machine(), "parents": len(real), "queries": len(queries), "sizes": {}}
    work = Path(tempfile.mkdtemp(prefix="pg-vectors-"))
    server = pgserver.get_server(work / "data", cleanup_mode="stop")
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            rng = np.random.default_rng(7)
            matrix = derive(real, rng.integers(len(real), size=size), rng)
            exact = [set(np.argpartition(-(matrix @ q), 10)[:10].tolist()) for q in queries]
            point: dict = {}

            def recall(found: list[list[int]], exact=exact) -> float:
                return round(
                    sum(len(set(f[:10]) & e) for f, e in zip(found, exact, strict=True)) / (10 * len(exact)), 4
                )

            def run(search) -> tuple[list[list[int]], list[float]]:
                found, times = [], []
                for q in queries:
                    t0 = time.perf_counter()
                    found.append(search(q))
                    times.append((time.perf_counter() - t0) * 1000)
                return found, times

            flat = faiss.IndexFlatIP(matrix.shape[1])
            flat.add(matrix)
            found, times = run(lambda q, index=flat: index.search(q.reshape(1, -1), 50)[1][0].tolist())
            point["faiss_flat"] = {"recall@10": recall(found)} | lat(times)
            hnsw = faiss.IndexHNSWFlat(matrix.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = 80
            faiss.omp_set_num_threads(2)  # the build on both cores (pgvector's build may use 2 too)
            t0 = time.perf_counter()
            hnsw.add(matrix)
            point["faiss_hnsw_build_s"] = round(time.perf_counter() - t0, 1)
            faiss.omp_set_num_threads(1)
            hnsw.hnsw.efSearch = 256
            found, times = run(lambda q, index=hnsw: index.search(q.reshape(1, -1), 50)[1][0].tolist())
            point["faiss_hnsw32_ef256"] = {"recall@10": recall(found)} | lat(times)
            print(size, point, flush=True)

            name = f"v{size}"
            with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            notices: list[str] = []
            with psycopg.connect(server.get_uri(name), autocommit=True) as conn:
                conn.add_notice_handler(lambda d, notices=notices: notices.append(str(d.message_primary)))
                conn.execute("CREATE EXTENSION vector")
                register_vector(conn)
                conn.execute(f"CREATE TABLE items (id bigint PRIMARY KEY, embedding vector({matrix.shape[1]}))")
                t0 = time.perf_counter()
                with (
                    conn.cursor() as cur,
                    cur.copy("COPY items (id, embedding) FROM STDIN WITH (FORMAT BINARY)") as copy,
                ):
                    copy.set_types(["int8", "vector"])
                    for i, vector in enumerate(matrix):
                        copy.write_row((i, vector))
                point["pg_copy_s"] = round(time.perf_counter() - t0, 1)
                t0 = time.perf_counter()
                conn.execute(f"SET maintenance_work_mem = '{args.maintenance_work_mem}'")
                conn.execute(
                    "CREATE INDEX items_hnsw ON items USING hnsw (embedding vector_ip_ops) "
                    "WITH (m = 16, ef_construction = 64)"
                )
                point["pg_hnsw_build_s"] = round(time.perf_counter() - t0, 1)
                point["pg_maintenance_work_mem"] = args.maintenance_work_mem
                point["pg_build_notices"] = notices[:]
                row = conn.execute("SELECT pg_relation_size('items_hnsw'), pg_relation_size('items')").fetchone()
                point["pg_hnsw_mb"], point["pg_table_mb"] = (round(int(x) / 2**20) for x in row) if row else (0, 0)
                print(size, {k: v for k, v in point.items() if k.startswith("pg_")}, flush=True)
                for ef in (50, 100, 200):
                    conn.execute(f"SET hnsw.ef_search = {ef}")
                    found, times = run(
                        lambda q, conn=conn: [
                            int(r[0])
                            for r in conn.execute(
                                "SELECT id FROM items ORDER BY embedding <#> %s LIMIT 50", (q,)
                            ).fetchall()
                        ]
                    )
                    point[f"pgvector_hnsw_ef{ef}"] = {"recall@10": recall(found)} | lat(times)
                    print(size, ef, point[f"pgvector_hnsw_ef{ef}"], flush=True)
            point["load_avg"] = _common.load_avg()
            results["sizes"][str(size)] = point
            _common.save(args.name, results)
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{_common.machine_line(results['machine'])}; {results['parents']} parent vectors\n")
    rows = []
    for size, point in results["sizes"].items():
        for label, key in [("FAISS flat", "faiss_flat"), ("FAISS HNSW M32 ef256", "faiss_hnsw32_ef256")] + [
            (f"pgvector HNSW m16 ef_search {ef}", f"pgvector_hnsw_ef{ef}") for ef in (50, 100, 200)
        ]:
            r = point[key]
            rows.append([f"{int(size):,}", label, f"{r['recall@10']:.3f}", f"{r['p50_ms']:.2f} / {r['p95_ms']:.2f}"])
    print(table(["vectors", "search", "recall@10", "ms p50 / p95 (k=50)"], rows))
    print(f"raw numbers: {_common.save(args.name, results)}")


if __name__ == "__main__":
    main()
