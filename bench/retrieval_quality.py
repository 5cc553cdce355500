"""Retrieval quality on the dev set: ours (hybrid) vs BM25 only vs dense only vs a naive recipe.

The naive recipe is what a quick prototype would do: cut the raw files into fixed 500-character
windows (no cleaning, no headings, no titles), embed them with the same model and search
them with FAISS (dense only). A question is hit at rank r when the r-th passage contains one
of its evidence strings (compared after assistant.text.compact), as in `assistant eval`.

    python bench/retrieval_quality.py [-k 5] [--index DIR] [--window 500]

Without --index the bundled corpus is ingested into a temporary folder first."""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import _common
from _common import Timer, table


def scores(ranks: list[int | None]) -> dict:
    n = len(ranks)
    return {
        "n": n,
        "hit@1": sum(r == 1 for r in ranks) / n,
        "hit@k": sum(r is not None for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


def naive_windows(files: list[Path], window: int) -> list[str]:
    out = []
    for path in files:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        out += [raw[i : i + window] for i in range(0, len(raw), window)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument(
        "--index", type=Path, help="an index of the bundled corpus (default: build one in a temp folder)"
    )
    parser.add_argument("--window", type=int, default=500)
    args = parser.parse_args()

    import faiss
    import numpy as np

    from assistant.evaluation.metrics import evidence_rank
    from assistant.index.build import ingest
    from assistant.index.embed import Embedder
    from assistant.ingest.pipeline import discover
    from assistant.models import Chunk, Hit
    from assistant.service import Assistant
    from assistant.text import compact

    info = _common.machine()
    questions = [q for q in _common.dev_questions() if any(compact(e) for e in q.get("evidence") or [])]
    embedder = Embedder(_common.settings())
    tmp = tempfile.TemporaryDirectory(prefix="bench-rq-")
    settings = _common.settings(index_dir=args.index or Path(tmp.name) / "index", corpus_dir=_common.CORPUS)
    ingest_seconds = None
    if args.index is None:
        with Timer() as t:
            report = ingest([_common.CORPUS], settings, embedder)
        ingest_seconds = t.seconds
        print(f"ingested {report.documents} documents, {report.passages} passages in {t.seconds:.1f} s")
    assistant = Assistant(settings, embedder)
    passages = assistant.store.count()

    ranks: dict[str, list[int | None]] = defaultdict(list)
    types = [q.get("type", "") for q in questions]
    for q in questions:
        for mode in ("hybrid", "bm25", "dense"):
            ranks[mode].append(evidence_rank(assistant.search(q["question"], k=args.k, mode=mode), q["evidence"]))

    # The naive recipe: same files, raw bytes, fixed windows, same model, FAISS flat.
    files = [f.path for f in discover([_common.CORPUS]).files]
    windows = naive_windows(files, args.window)
    with Timer() as t:
        vectors = embedder.encode_passages(windows)
    naive_embed = t.seconds
    index = faiss.IndexFlatIP(embedder.dim)
    index.add(vectors.astype(np.float32))
    compact_windows = [compact(w) for w in windows]
    unreachable = 0
    for q in questions:
        _, ids = index.search(embedder.encode_query(q["question"]).reshape(1, -1), args.k)
        hits = [Hit(chunk=Chunk(str(i), "naive", int(i), "", windows[i], 0, 0), score=0.0) for i in ids[0] if i >= 0]
        ranks["naive"].append(evidence_rank(hits, q["evidence"]))
        wanted = [compact(e) for e in q["evidence"]]
        unreachable += not any(w in cw for cw in compact_windows for w in wanted)

    labels = {
        "hybrid": "ours: hybrid (dense + BM25, RRF)",
        "bm25": "ours: BM25 only",
        "dense": "ours: dense only",
        "naive": f"naive: raw {args.window}-char windows, dense only",
    }
    k = args.k
    results = {m: scores(r) for m, r in ranks.items()}
    rows = []
    for mode in ("hybrid", "bm25", "dense", "naive"):
        s = results[mode]
        rows.append(
            [
                labels[mode],
                len(windows) if mode == "naive" else passages,
                f"{100 * s['hit@1']:.1f}%",
                f"{100 * s['hit@k']:.1f}%",
                f"{s['mrr']:.3f}",
            ]
        )
    print(f"\n{len(questions)} dev questions with evidence; {_common.machine_line(info)}\n")
    print(table(["method", "passages", "hit@1", f"hit@{k}", f"MRR@{k}"], rows))

    by_type_rows = []
    for qtype in sorted(set(types)):
        idx = [i for i, t in enumerate(types) if t == qtype]
        row = [qtype, len(idx)]
        for mode in ("hybrid", "bm25", "dense", "naive"):
            row.append(f"{100 * scores([ranks[mode][i] for i in idx])['hit@1']:.0f}%")
        by_type_rows.append(row)
    print("\nhit@1 by question type\n")
    print(table(["type", "n", "hybrid", "bm25", "dense", "naive"], by_type_rows))
    h, nv = results["hybrid"], results["naive"]
    print(
        f"\nheadline: hybrid hit@1 {100 * h['hit@1']:.1f}% vs naive {100 * nv['hit@1']:.1f}% "
        f"(x{h['hit@1'] / max(nv['hit@1'], 1e-9):.2f}); MRR {h['mrr']:.3f} vs {nv['mrr']:.3f}; "
        f"{unreachable} questions' evidence lies in no single naive window (cut at a window edge)"
    )
    path = _common.save(
        "retrieval_quality",
        {
            "machine": info,
            "k": k,
            "questions": len(questions),
            "passages": passages,
            "naive_windows": len(windows),
            "naive_unreachable": unreachable,
            "ingest_seconds": ingest_seconds,
            "naive_embed_seconds": naive_embed,
            "results": results,
            "per_question": {m: dict(zip([q["id"] for q in questions], r, strict=True)) for m, r in ranks.items()},
        },
    )
    print(f"raw numbers: {path}")


if __name__ == "__main__":
    main()
