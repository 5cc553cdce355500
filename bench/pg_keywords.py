"""Keyword ranking in the server store: BM25 in SQL vs ts_rank, against the embedded store's bm25s,
on the labelled development questions (retrieval only, no answering).

One embedded index (--index) is copied into a fresh PostgreSQL (``pgserver``) with the same
vectors; for each labelled question with evidence: the rank of the first passage holding the
evidence among the keyword ranking's top 10 alone, and among the hybrid retrieval's (the
passages an answer is chosen from, follow-ups resolved), on the embedded store and on
PostgreSQL with each ranking; plus the keyword query's latency.

    python bench/pg_keywords.py --index /tmp/eval_all SET.jsonl ..."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import _common
from _common import percentile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--name", default="pg_keywords")
    args = parser.parse_args()

    import pgserver
    import psycopg
    from pydantic import SecretStr

    from assistant.evaluation.metrics import evidence_rank
    from assistant.evaluation.sets import load_set
    from assistant.followup import resolve_followup
    from assistant.index.embed import Embedder
    from assistant.service import Assistant
    from assistant.store.pg_ingest import import_generation
    from assistant.store.postgres import PostgresStore

    questions = [q for path in args.sets for q in load_set(path) if q.evidence]
    embedder = Embedder(_common.settings())
    work = Path(tempfile.mkdtemp(prefix="pg-keywords-"))
    server = pgserver.get_server(work / "data", cleanup_mode="stop")
    results: dict = {"machine": _common.machine(), "questions": len(questions), "configs": {}}
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE keywords")
        url = server.get_uri("keywords")
        store = PostgresStore(url, embedder.dim)
        import_generation(args.index, store)
        store.close()
        base = _common.settings(index_dir=args.index)
        configs = {
            "embedded (bm25s)": base,
            "postgres bm25": base.model_copy(update={"database_url": SecretStr(url), "pg_keyword_ranking": "bm25"}),
            "postgres ts_rank": base.model_copy(
                update={"database_url": SecretStr(url), "pg_keyword_ranking": "ts_rank"}
            ),
        }
        for label, settings in configs.items():
            assistant = Assistant(settings, embedder)
            keyword_ranks, hybrid_ranks, times = [], [], []
            for item in questions:
                resolved = resolve_followup(item.question, item.history_turns())
                t0 = time.perf_counter()
                keyword = assistant.search(resolved, k=10, mode="bm25")
                times.append((time.perf_counter() - t0) * 1000)
                keyword_ranks.append(evidence_rank(keyword, item.evidence))
                hybrid_ranks.append(evidence_rank(assistant.retrieve(resolved)[:10], item.evidence))

            def hit(ranks: list[int | None], k: int) -> float:
                return round(sum(1 for r in ranks if r is not None and r <= k) / len(ranks), 3)

            results["configs"][label] = {
                "keyword_hit@1": hit(keyword_ranks, 1),
                "keyword_hit@5": hit(keyword_ranks, 5),
                "keyword_hit@10": hit(keyword_ranks, 10),
                "hybrid_hit@1": hit(hybrid_ranks, 1),
                "hybrid_hit@5": hit(hybrid_ranks, 5),
                "keyword_search_p50_ms": round(percentile(times, 50), 1),
                "keyword_search_p95_ms": round(percentile(times, 95), 1),
            }
            print(label, results["configs"][label], flush=True)
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    print(f"raw numbers: {_common.save(args.name, results)}")


if __name__ == "__main__":
    main()
