"""Ingest throughput vs the embedding model alone: how much the pipeline adds.

For each corpus: a full ingest into a fresh temporary index (load → clean → split → metadata
→ tokenise → embed → write SQLite/FAISS/BM25 → switch), timed per stage from the ingest's
progress callback; then Embedder.encode_passages on exactly the passages' search_text (what
the ingest embedded), timed alone (twice, the faster counts). The ratio ingest time / encode-only time is the pipeline's
overhead factor (1.0 = the pipeline costs nothing beyond the model).

    python bench/ingest_throughput.py [--generated 1000] [--corpus DIR ...] [--repeat 1]

By default: the bundled corpus and about 1,000 passages of generated reports (bench/generate.py).
Keep --generated at or below ~3,000: embedding runs at about 10-15 passages/s on 2 cores."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import _common
from _common import Timer, table


def run_one(label: str, paths: list[Path], embedder, repeat: int) -> dict:
    from assistant.index.build import ingest
    from assistant.index.store import EmbeddedStore

    best: dict | None = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            settings = _common.settings(index_dir=Path(tmp) / "index")
            marks: dict[str, float] = {}

            def progress(stage: str, done: int, total: int, marks: dict[str, float] = marks) -> None:
                marks.setdefault(stage, time.perf_counter())

            load = _common.load_avg()
            start = time.perf_counter()
            report = ingest(paths, settings, embedder, progress=progress)
            end = time.perf_counter()
            store = EmbeddedStore.open_current(settings.index_dir)
            chunks = [c for _, c in store.all_chunks()]
            chars = sum(len(d.text) for d in (store.document(i.doc_id) for i in store.documents()) if d)
            texts = [c.search_text for c in chunks]
            store.close()
        encode_s = float("inf")
        for _ in range(2):  # twice: the faster run is the model's own speed (others share the CPU)
            with Timer() as t:
                embedder.encode_passages(texts)
            encode_s = min(encode_s, t.seconds)
        read = marks.get("embed", end) - marks.get("read", start)
        embed = marks.get("write", end) - marks.get("embed", end)
        write = end - marks.get("write", end)
        row = {
            "label": label,
            "files": len(report.added),
            "documents": report.documents,
            "passages": report.passages,
            "characters": chars,
            "ingest_s": end - start,
            "read_clean_split_s": read,
            "embed_s": embed,
            "write_s": write,
            "encode_only_s": encode_s,
            "load_avg": load,
            "skipped": report.skipped,
        }
        if best is None or row["ingest_s"] < best["ingest_s"]:
            best = row
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, action="append", help="folder to ingest (default: the bundled corpus)")
    parser.add_argument("--generated", type=int, default=1000, help="also ingest this many generated passages (0: no)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per corpus; the fastest ingest is reported")
    args = parser.parse_args()
    if args.generated > 3000:
        parser.error("--generated above 3000 would embed for too long on this machine")

    from assistant.index.embed import Embedder

    info = _common.machine()
    embedder = Embedder(_common.settings())
    embedder.encode_passages(["预热 warm-up"] * 4)
    from assistant.index.tokenize import tokens

    tokens("预热分词词典")  # jieba loads its dictionary once per process: not part of an ingest
    corpora = [(str(c), [c]) for c in (args.corpus or [_common.CORPUS])]
    gen_dir = None
    if args.generated:
        import generate

        gen_dir = tempfile.TemporaryDirectory(prefix="bench-gen-")
        files, _passages, _ = generate.generate(Path(gen_dir.name), args.generated)
        corpora.append((f"generated ({files} reports)", [Path(gen_dir.name)]))
    rows = []
    for label, paths in corpora:
        row = run_one(label, paths, embedder, args.repeat)
        rows.append(row)
        print(
            f"{label}: {row['passages']} passages, ingest {row['ingest_s']:.1f} s, encode-only {row['encode_only_s']:.1f} s"
        )

    headers = [
        "corpus",
        "docs",
        "passages",
        "chars",
        "ingest s",
        "docs/s",
        "passages/s",
        "chars/s",
        "encode-only s",
        "encode-only passages/s",
        "ingest / encode-only",
    ]
    out = []
    for r in rows:
        out.append(
            [
                Path(r["label"]).name if "/" in r["label"] else r["label"],
                r["documents"],
                r["passages"],
                r["characters"],
                f"{r['ingest_s']:.1f}",
                f"{r['documents'] / r['ingest_s']:.2f}",
                f"{r['passages'] / r['ingest_s']:.1f}",
                f"{r['characters'] / r['ingest_s']:.0f}",
                f"{r['encode_only_s']:.1f}",
                f"{r['passages'] / r['encode_only_s']:.1f}",
                f"{r['ingest_s'] / r['encode_only_s']:.2f}",
            ]
        )
    print(f"\n{_common.machine_line(info)}\n")
    print(table(headers, out))
    stages = [
        [
            Path(r["label"]).name if "/" in r["label"] else r["label"],
            f"{r['read_clean_split_s']:.2f}",
            f"{r['embed_s']:.1f}",
            f"{r['write_s']:.2f}",
            f"{100 * r['embed_s'] / r['ingest_s']:.0f}%",
            r["load_avg"],
        ]
        for r in rows
    ]
    print("\ningest stages (s)\n")
    print(
        table(["corpus", "load+clean+split+meta+tokens", "embed", "write + switch", "embed share", "load avg"], stages)
    )
    path = _common.save("ingest_throughput", {"machine": info, "rows": rows})
    print(f"raw numbers: {path}")


if __name__ == "__main__":
    main()
