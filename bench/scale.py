"""Query latency and memory at about 1k, 10k and 100k passages; FAISS flat vs HNSW.

Corpora: reports generated from the bundled seeds (bench/generate.py: other districts, bodies,
years, rescaled figures, shuffled and swapped items), run through the project's real ingest
pipeline (load → clean → split → metadata → jieba tokens) and written with the project's own
writer (assistant.index.generation.write_generation with FileRows), so the measured SQLite,
BM25 and FAISS files are exactly what `assistant ingest` would produce for that text.

Vectors: embedding 100k passages is out of reach here (≈10-15 passages/s on 2 cores), so the
first --real passages (default 2,000) are embedded for real and every further passage gets a
derived vector: 0.8 × the real vector of a passage with the same section heading (else a random
real one) + 0.2 × another random real vector + Gaussian noise (σ=0.02 per dimension),
re-normalised (cosine ≈0.95 to its parent).
The 1k point is entirely real. SQLite, BM25 (over all the real generated text) and FAISS are real.

Each size is measured in a fresh subprocess (model loaded, index opened, one warm-up question,
then the dev questions through Assistant.search and Assistant.ask, each question asked for the
first time): wall-clock latency p50/p95 of search, ask and their parts (query encoding, FAISS,
BM25); the same search and ask again with the query vector given, in CPU time of the calling
thread with FAISS on one thread (the index's own work, whatever else runs on the shared cores);
resident memory (VmRSS after the queries, VmHWM).

Flat vs HNSW (faiss.IndexHNSWFlat M=32, efConstruction 80, as the project builds it): build
time (wall and CPU, FAISS's default threads), single-query cost (k=50, the retrieval pool; CPU
time on one FAISS thread), recall@10 against flat at efSearch 64/128/256, with and without a
year filter (IDSelectorBatch, as the store applies filters), at each size and at
--vector-sizes (vectors only, no text) to locate where the switch pays off.

    python bench/scale.py [--sizes 1000,10000,100000] [--vector-sizes 300000,1000000] [--real 2000]

Work files (generated reports, cached real vectors) stay in --work (default
/tmp/wenming-bench-scale) so a later run with other --sizes reuses them."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import _common
from _common import Timer, percentile, table

NOISE = 0.02
_LEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|\d+[、.．]|[一二三四五六七八九十]+、)\s*"
)


# -- corpus -------------------------------------------------------------------------
def build_rows(work: Path, passages: int, progress_every: int = 10_000):
    """Generated report files and their index rows (FileRows, vectors still empty), in order."""
    import generate

    from assistant.index.generation import FileRows, now, rows_for
    from assistant.ingest.pipeline import SourceFile, file_hash, prepare

    settings = _common.settings()
    seeds = generate.load_seeds()
    rng = random.Random(7)
    folder = work / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    files, total, number, at = [], 0, 0, now()
    next_report = progress_every
    while total < passages:
        text = generate.generate_document(rng, seeds)
        path = folder / f"gen-{number:06d}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        source = SourceFile(path, folder, f"reports/{path.name}")
        digest = file_hash(path)
        rows = FileRows(source.key, digest, at, [], [])
        for document, chunks in prepare(source, settings, digest):
            doc_row, chunk_rows = rows_for(document, chunks, source.key, at)
            rows.documents.append(doc_row)
            rows.chunks.extend(chunk_rows)
        files.append(rows)
        total += len(rows.chunks)
        number += 1
        if total >= next_report:
            print(f"  generated {total} passages ({number} reports)", flush=True)
            next_report += progress_every
    return files


def prefix(files, passages: int):
    out, total = [], 0
    for f in files:
        if total >= passages:
            break
        out.append(f)
        total += len(f.chunks)
    return out


def real_vectors(work: Path, chunks: list[dict], embedder):
    """Real embeddings of these passages (cached in the work folder by content)."""
    import numpy as np

    texts = [c["_index_text"] for c in chunks]
    key = hashlib.sha256(("\x00".join(texts) + embedder.fingerprint).encode()).hexdigest()[:16]
    cache = work / f"real-{len(texts)}-{key}.npy"
    if cache.exists():
        return np.load(cache), 0.0
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if done[0] % 320 < n:
            print(f"  embedded {done[0]}/{len(texts)}", flush=True)

    with Timer() as t:
        vectors = embedder.encode_passages(texts, progress=tick)
    np.save(cache, vectors)
    return vectors, t.seconds


def _heading_key(heading: str) -> str:
    from assistant.text import normalize

    tail = heading.split(" > ")[-1] if heading else ""
    return normalize(_LEADING.sub("", tail))


def derive(real, parents, rng):
    """Derived vectors: 0.8 × the parent's real vector + 0.2 × another random real vector +
    N(0, NOISE²) per dimension, re-normalised (cosine ≈0.95 to the parent). The mixing keeps
    many derived vectors from collapsing onto one parent (which would flatter or punish HNSW)."""
    import numpy as np

    others = rng.integers(len(real), size=len(parents))
    derived = 0.8 * real[parents] + 0.2 * real[others]
    derived += rng.normal(0, NOISE, size=derived.shape).astype(np.float32)
    derived /= np.linalg.norm(derived, axis=1, keepdims=True)
    return derived.astype(np.float32)


def assign_vectors(chunks: list[dict], real, seed: int = 11):
    """Vectors for all chunks: real for the first len(real), derived (parent + noise) for the rest."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n_real = len(real)
    by_heading: dict[str, list[int]] = {}
    for i, c in enumerate(chunks[:n_real]):
        by_heading.setdefault(_heading_key(c["heading"]), []).append(i)
    matrix = np.empty((len(chunks), real.shape[1]), dtype=np.float32)
    matrix[:n_real] = real
    rest = len(chunks) - n_real
    if rest > 0:
        parents = np.array(
            [
                (lambda options: options[rng.integers(len(options))] if options else rng.integers(n_real))(
                    by_heading.get(_heading_key(c["heading"]), [])
                )
                for c in chunks[n_real:]
            ]
        )
        matrix[n_real:] = derive(real, parents, rng)
        print(
            f"  derived vectors: mean cosine to parent {float((matrix[n_real:] * real[parents]).sum(1).mean()):.3f}, "
            f"to a random real vector {float((matrix[n_real:] * real[rng.integers(n_real, size=rest)]).sum(1).mean()):.3f}",
            flush=True,
        )
    for c, v in zip(chunks, matrix, strict=True):
        c["vector"] = v.tobytes()
    return matrix


def write_generation(folder: Path, files, embedder) -> tuple[float, dict]:
    from assistant import __version__
    from assistant.index import generation
    from assistant.index.store import CURRENT, SCHEMA_VERSION

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    name = "gen-bench"
    manifest = {
        "schema": SCHEMA_VERSION,
        "version": __version__,
        "generation": name,
        "created": generation.now(),
        "model": embedder.identity,
        "documents": sum(len(f.documents) for f in files),
        "files": {f.key: f.content_hash for f in files},
    }
    with Timer() as t:
        # As an ingest writes it: passages, vectors, keyword index and the facts (facts.json).
        kind = generation.write_generation(
            folder / name, files, manifest, embedder.dim, _common.settings().flat_index_max, {}, None
        )
    (folder / CURRENT).write_text(name)
    sizes = {}
    for part in ("passages.sqlite", "dense.faiss", "bm25", "facts.json"):
        path = folder / name / part
        sizes[part] = (sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size) / 2**20
    return t.seconds, {"index_type": kind, "disk_mb": sizes}


# -- measurement in a fresh process ------------------------------------------------------
def measure(index_dir: Path, queries: int) -> dict:
    from assistant.index.embed import Embedder
    from assistant.index.tokenize import tokens as keyword_tokens
    from assistant.service import Assistant
    from assistant.text import normalize

    out: dict = {"rss_start_mb": _common.rss_mb()}
    embedder = Embedder(_common.settings())
    embedder.encode_query("预热")
    keyword_tokens("预热分词词典")  # jieba's dictionary: loaded once per process, not per index
    out["rss_model_mb"] = _common.rss_mb()
    assistant = Assistant(_common.settings(index_dir=index_dir), embedder)
    questions = [q["question"] for q in _common.dev_questions()][:queries]
    with Timer() as t:
        assistant.search(questions[0])
    out["open_s"] = t.seconds
    out["rss_open_mb"] = _common.rss_mb()
    with Timer() as t:
        assistant.ask(questions[0])
    out["first_ask_s"] = t.seconds
    out["passages"] = assistant.store.count()
    store = assistant.store
    keys = ("search", "ask", "encode", "faiss", "bm25", "search_noenc", "ask_noenc")
    timings: dict[str, list[float]] = {k: [] for k in keys}
    encode = embedder.encode_query
    for q in questions:
        norm = normalize(q)
        t0 = time.perf_counter()
        vector = encode(norm)
        t1 = time.perf_counter()
        store.dense_search(vector, 50, None)
        t2 = time.perf_counter()
        store.keyword_search(keyword_tokens(norm, normalized=True), 50, None)
        t3 = time.perf_counter()
        assistant.search(q)
        t4 = time.perf_counter()
        assistant.ask(q)
        t5 = time.perf_counter()
        embedder.encode_query = lambda text, v=vector: v  # the same calls without the model: the index's share
        try:
            assistant.search(q)
            t6 = time.perf_counter()
            assistant.ask(q)
            t7 = time.perf_counter()
        finally:
            del embedder.encode_query
        for key, value in (
            ("encode", t1 - t0),
            ("faiss", t2 - t1),
            ("bm25", t3 - t2),
            ("search", t4 - t3),
            ("ask", t5 - t4),
            ("search_noenc", t6 - t5),
            ("ask_noenc", t7 - t6),
        ):
            timings[key].append(value * 1000)
    # The index's work per question in CPU time of this thread (FAISS on one thread, query vector
    # given): independent of what else runs on the shared cores.
    import faiss

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    timings["search_noenc_cpu"], timings["ask_noenc_cpu"] = [], []
    try:
        for q in questions:
            vector = encode(normalize(q))
            embedder.encode_query = lambda text, v=vector: v
            try:
                t0 = time.thread_time()
                assistant.search(q)
                t1 = time.thread_time()
                assistant.ask(q)
                t2 = time.thread_time()
            finally:
                del embedder.encode_query
            timings["search_noenc_cpu"].append((t1 - t0) * 1000)
            timings["ask_noenc_cpu"].append((t2 - t1) * 1000)
    finally:
        faiss.omp_set_num_threads(threads)
    out.update(word_counts(store, questions))
    out.update(faiss_threads(store, [encode(normalize(q)) for q in questions]))
    for key, values in timings.items():
        out[f"{key}_p50_ms"] = percentile(values, 50)
        out[f"{key}_p95_ms"] = percentile(values, 95)
    out["rss_end_mb"] = _common.rss_mb()
    out["rss_peak_mb"] = _common.peak_rss_mb()
    out["queries"] = len(questions)
    out["load_avg"] = _common.load_avg()
    return out


def word_counts(store, questions: list[str]) -> dict:
    """The answerer's word counts (in how many passages a question word occurs): the index's
    per-generation tables (FTS5 trigram + short-term table) against the scan they replaced
    (all passage texts joined once per generation, then ``str.count`` per word)."""
    from assistant.question import read_question
    from assistant.text import compact

    words = sorted({w for q in questions for w in read_question(q).keywords})
    with Timer() as build:
        corpus = "\x00".join(compact(chunk.search_text) for _, chunk in store.all_chunks())
    scan, tables = [], []
    for word in words:
        t0 = time.perf_counter()
        corpus.count(compact(word))
        t1 = time.perf_counter()
        store.passages_containing(word)
        tables.append((time.perf_counter() - t1) * 1000)
        scan.append((t1 - t0) * 1000)
    return {
        "words": len(words),
        "scan_build_s": build.seconds,
        "scan_word_p50_ms": percentile(scan, 50),
        "table_word_p50_ms": percentile(tables, 50),
        "table_word_p95_ms": percentile(tables, 95),
        "scan_per_question_ms": sum(scan) / len(questions),
        "table_per_question_ms": sum(tables) / len(questions),
    }


def faiss_threads(store, vectors) -> dict:
    """Wall milliseconds per single dense search (k=50) with 2 and with 1 OpenMP thread,
    alternating, as the server runs them (ASSISTANT_SEARCH_THREADS, default 1)."""
    import faiss

    before = faiss.omp_get_max_threads()
    out: dict = {}
    try:
        for threads in (2, 1, 2, 1):
            faiss.omp_set_num_threads(threads)
            values = []
            for vector in vectors:
                t0 = time.perf_counter()
                store.dense_search(vector, 50, None)
                values.append((time.perf_counter() - t0) * 1000)
            out[f"faiss_{threads}thr_p50_ms"] = percentile(values, 50)  # the second round of each is kept
    finally:
        faiss.omp_set_num_threads(before)
    return out


def measure_in_subprocess(index_dir: Path, queries: int) -> dict:
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(index_dir), "--queries", str(queries)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(f"measurement failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- flat vs HNSW ---------------------------------------------------------------------------
def ann_compare(matrix, queries, allowed=None, ef_values=(64, 128, 256), hnsw: bool = True) -> dict:
    import faiss
    import numpy as np

    n, dims = matrix.shape
    ids = np.arange(1, n + 1, dtype=np.int64)
    out: dict = {"n": n}

    def single_queries(index, k, params=None):
        """CPU milliseconds per single query with one FAISS thread (thread CPU time: the index's own
        cost, whatever else runs on the shared cores), and the results."""
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            times, results = [], []
            for q in queries:
                t0 = time.thread_time()
                _, found = index.search(q.reshape(1, -1), k, params=params)
                times.append((time.thread_time() - t0) * 1000)
                results.append(found[0])
            return times, results
        finally:
            faiss.omp_set_num_threads(threads)

    with Timer() as t:
        flat = faiss.IndexIDMap2(faiss.IndexFlatIP(dims))
        flat.add_with_ids(matrix, ids)
    out["flat_build_s"] = t.seconds
    times, truth = single_queries(flat, 50)
    out["flat_p50_ms"], out["flat_p95_ms"] = percentile(times, 50), percentile(times, 95)
    truth10 = [set(r[:10].tolist()) for r in truth]
    sel_params = None
    if allowed is not None:
        sel_params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        times, ftruth = single_queries(flat, 50, sel_params)
        out["flat_filtered_p50_ms"] = percentile(times, 50)
        ftruth10 = [set(r[:10].tolist()) - {-1} for r in ftruth]
    out["flat_mb"] = n * dims * 4 / 2**20
    if not hnsw:
        return out
    cpu0 = time.process_time()
    with Timer() as t:  # built as the project builds it: FAISS's default threads (2 here)
        inner = faiss.IndexHNSWFlat(dims, 32, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = 80
        index = faiss.IndexIDMap2(inner)
        index.add_with_ids(matrix, ids)
    out["hnsw_build_s"] = t.seconds
    out["hnsw_build_cpu_s"] = time.process_time() - cpu0
    out["load_avg"] = _common.load_avg()
    out["hnsw_mb"] = len(faiss.serialize_index(inner)) / 2**20
    for ef in ef_values:
        inner.hnsw.efSearch = ef
        times, found = single_queries(index, 50)
        recall = np.mean([len(set(f[:10].tolist()) & t10) / 10 for f, t10 in zip(found, truth10, strict=True)])
        out[f"hnsw_ef{ef}_p50_ms"], out[f"hnsw_ef{ef}_p95_ms"] = percentile(times, 50), percentile(times, 95)
        out[f"hnsw_ef{ef}_recall10"] = float(recall)
    if allowed is not None:
        inner.hnsw.efSearch = 128
        times, found = single_queries(index, 50, sel_params)
        recall = np.mean(
            [
                len((set(f[:10].tolist()) - {-1}) & t10) / max(1, len(t10))
                for f, t10 in zip(found, ftruth10, strict=True)
            ]
        )
        out["hnsw_filtered_p50_ms"] = percentile(times, 50)
        out["hnsw_filtered_recall10"] = float(recall)
    return out


def year_filter(files, n: int):
    """Rowids (1-based, in writing order) of the passages of documents about the most common year."""
    from collections import Counter

    import numpy as np

    years = []
    for f in files:
        for d in f.documents:
            ys = json.loads(d["years"])
            years += [ys[0] if ys else None] * sum(1 for c in f.chunks if c["doc_id"] == d["doc_id"])
    years = years[:n]
    common = Counter(y for y in years if y).most_common(1)[0][0]
    return np.array([i + 1 for i, y in enumerate(years) if y == common], dtype=np.int64), common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--vector-sizes", default="300000,1000000", help="vectors-only flat/HNSW points ('' for none)")
    parser.add_argument("--hnsw-max", type=int, default=300_000, help="largest vectors-only size that builds HNSW")
    parser.add_argument("--real", type=int, default=2000, help="passages embedded for real (≤ ~3000)")
    parser.add_argument("--queries", type=int, default=126, help="dev questions per latency measurement")
    parser.add_argument("--work", type=Path, default=Path("/tmp/wenming-bench-scale"))
    parser.add_argument("--keep", action="store_true", help="keep the index folders")
    parser.add_argument("--name", default="scale", help="results file name in bench/results/")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.queries)))
        return
    if args.real > 3000:
        parser.error("--real above 3000 would embed for too long on this machine")

    import numpy as np

    from assistant.index.embed import Embedder

    info = _common.machine()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    vector_sizes = [int(s) for s in args.vector_sizes.split(",") if s]
    args.work.mkdir(parents=True, exist_ok=True)
    embedder = Embedder(_common.settings())
    results: dict = {"machine": info, "sizes": {}, "vectors_only": {}, "real": args.real, "noise": NOISE}

    target = max([*sizes, args.real]) if sizes else args.real
    print(f"generating reports for {target} passages ...", flush=True)
    with Timer() as t:
        files = build_rows(args.work, target)
    all_chunks = [c for f in files for c in f.chunks]
    results["generate_s"] = t.seconds
    results["generated"] = {
        "reports": len(files),
        "documents": sum(len(f.documents) for f in files),
        "passages": len(all_chunks),
        "characters": sum(len(c["text"]) for c in all_chunks),
    }
    print(f"  {results['generated']} in {t.seconds:.0f} s (generate + clean + split + meta + jieba)", flush=True)
    real, embed_s = real_vectors(args.work, all_chunks[: args.real], embedder)
    results["real_embed_s"] = embed_s
    matrix = assign_vectors(all_chunks, real)
    dev = _common.dev_questions()
    from assistant.text import normalize

    qcache = args.work / f"queries-{embedder.fingerprint}.npy"
    if qcache.exists():
        queries = np.load(qcache)
    else:
        queries = np.vstack([embedder.encode_query(normalize(q["question"])) for q in dev]).astype(np.float32)
        np.save(qcache, queries)

    for size in sizes:
        chosen = prefix(files, size)
        n = sum(len(f.chunks) for f in chosen)
        print(f"size {size}: {len(chosen)} reports, {n} passages: writing the index ...", flush=True)
        folder = args.work / f"index-{size}"
        write_s, disk = write_generation(folder, chosen, embedder)
        print(f"  written in {write_s:.1f} s; measuring search/ask in a fresh process ...", flush=True)
        point = {
            "reports": len(chosen),
            "documents": sum(len(f.documents) for f in chosen),
            "passages": n,
            "write_s": write_s,
            **disk,
            "real_vectors": min(n, args.real),
        }
        point.update(measure_in_subprocess(folder, args.queries))
        allowed, year = year_filter(chosen, n)
        print(f"  flat vs HNSW (filter: year {year}, {len(allowed)} passages) ...", flush=True)
        point["ann"] = ann_compare(matrix[:n], queries, allowed)
        point["filter"] = {"year": year, "passages": len(allowed)}
        results["sizes"][str(size)] = point
        print(f"  {json.dumps({k: v for k, v in point.items() if k != 'ann'}, ensure_ascii=False)}", flush=True)
        print(f"  ann: {json.dumps(point['ann'])}", flush=True)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        _common.save(args.name, results)

    if vector_sizes:
        rng = np.random.default_rng(5)
        for size in vector_sizes:
            print(f"vectors only, {size}: flat{' and HNSW' if size <= args.hnsw_max else ''} ...", flush=True)
            big = derive(real, rng.integers(len(real), size=size), rng)
            allowed = np.sort(rng.choice(np.arange(1, size + 1), size=size // 11, replace=False)).astype(np.int64)
            point = ann_compare(big, queries, allowed, hnsw=size <= args.hnsw_max)
            results["vectors_only"][str(size)] = point
            print(f"  {json.dumps(point)}", flush=True)
            del big
            _common.save(args.name, results)

    report(results)
    print(f"raw numbers: {_common.save(args.name, results)}")


def report(results: dict) -> None:
    print(f"\n{_common.machine_line(results['machine'])}\n")
    rows = []
    for p in results["sizes"].values():
        rows.append(
            [
                p["passages"],
                p["documents"],
                f"{p['search_p50_ms']:.0f} / {p['search_p95_ms']:.0f}",
                f"{p['ask_p50_ms']:.0f} / {p['ask_p95_ms']:.0f}",
                f"{p['search_noenc_cpu_p50_ms']:.1f} / {p['search_noenc_cpu_p95_ms']:.1f}",
                f"{p['ask_noenc_cpu_p50_ms']:.1f} / {p['ask_noenc_cpu_p95_ms']:.1f}",
                f"{p['encode_p50_ms']:.0f}",
                f"{p['faiss_p50_ms']:.2f}",
                f"{p['bm25_p50_ms']:.1f}",
                f"{p['open_s']:.1f}",
                f"{p['first_ask_s']:.1f}",
                f"{p['rss_model_mb']:.0f}",
                f"{p['rss_end_mb']:.0f}",
                f"{p['rss_end_mb'] - p['rss_model_mb']:.0f}",
                f"{p['write_s']:.1f}",
                f"{sum(p['disk_mb'].values()):.0f}",
                p["load_avg"],
            ]
        )
    if rows:
        print(
            table(
                [
                    "passages",
                    "docs",
                    "search p50/p95 ms",
                    "ask p50/p95 ms",
                    "search w/o encode CPU p50/p95",
                    "ask w/o encode CPU p50/p95",
                    "encode p50",
                    "faiss p50",
                    "bm25 p50",
                    "open s",
                    "first ask s",
                    "RSS model MiB",
                    "RSS MiB",
                    "index RSS MiB",
                    "write s",
                    "disk MiB",
                    "load avg",
                ],
                rows,
            )
        )
        print("\nWord counts (answerer's focus word) and FAISS threads, same process\n")
        print(
            table(
                [
                    "passages",
                    "words",
                    "scan: join s",
                    "scan p50 ms/word",
                    "tables p50/p95 ms/word",
                    "scan ms/question",
                    "tables ms/question",
                    "FAISS 2 threads p50 ms",
                    "1 thread p50 ms",
                ],
                [
                    [
                        p["passages"],
                        p["words"],
                        f"{p['scan_build_s']:.2f}",
                        f"{p['scan_word_p50_ms']:.2f}",
                        f"{p['table_word_p50_ms']:.2f} / {p['table_word_p95_ms']:.2f}",
                        f"{p['scan_per_question_ms']:.1f}",
                        f"{p['table_per_question_ms']:.1f}",
                        f"{p['faiss_2thr_p50_ms']:.2f}",
                        f"{p['faiss_1thr_p50_ms']:.2f}",
                    ]
                    for p in results["sizes"].values()
                ],
            )
        )
    ann_rows = []
    points = [(p["ann"], "") for p in results["sizes"].values()] + [
        (p, " (vectors only)") for p in results["vectors_only"].values()
    ]
    for a, note in points:
        ann_rows.append(
            [
                f"{a['n']}{note}",
                f"{a['flat_build_s']:.2f}",
                f"{a['flat_p50_ms']:.2f} / {a['flat_p95_ms']:.2f}",
                f"{a.get('hnsw_build_s', float('nan')):.1f} ({a.get('hnsw_build_cpu_s', float('nan')):.0f} CPU)",
                f"{a.get('hnsw_ef128_p50_ms', float('nan')):.2f} / {a.get('hnsw_ef128_p95_ms', float('nan')):.2f}",
                f"{a.get('hnsw_ef64_recall10', float('nan')):.3f}",
                f"{a.get('hnsw_ef128_recall10', float('nan')):.3f}",
                f"{a.get('hnsw_ef256_recall10', float('nan')):.3f}",
                f"{a.get('flat_filtered_p50_ms', float('nan')):.2f}",
                f"{a.get('hnsw_filtered_p50_ms', float('nan')):.2f}",
                f"{a.get('hnsw_filtered_recall10', float('nan')):.3f}",
                f"{a['flat_mb']:.0f}",
                f"{a.get('hnsw_mb', float('nan')):.0f}",
            ]
        )
    print("\nFAISS flat vs HNSW (M=32, efConstruction 80); query: single, k=50, CPU ms on one FAISS thread\n")
    print(
        table(
            [
                "vectors",
                "flat build s",
                "flat p50/p95 ms",
                "HNSW build s (wall, CPU)",
                "HNSW ef128 p50/p95 ms",
                "recall@10 ef64",
                "ef128",
                "ef256",
                "flat filtered p50 ms",
                "HNSW ef128 filtered p50 ms",
                "HNSW filtered recall@10",
                "flat MiB",
                "HNSW MiB",
            ],
            ann_rows,
        )
    )


if __name__ == "__main__":
    main()
