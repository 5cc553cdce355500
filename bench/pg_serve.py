"""Requests per second of POST /api/ask with 1, 2 and 4 `assistant serve` processes on one
PostgreSQL database (server mode).

A fresh PostgreSQL 16 + pgvector 0.6 (``pgserver``) gets the bundled corpus (an embedded index
built once and copied in with ``import_generation``, or --index DIR). For each process count N,
N serve processes are started on loopback with ASSISTANT_DATABASE_URL, each is warmed with two
questions, then --clients client threads (each with its own keep-alive connection, client i
talking to process i mod N, as a round-robin load balancer would) send --requests dev questions
(cycled) and stop early after --max-seconds. The processes are stopped before the next count.

On a 2-core machine the processes share the two cores with each other, with PostgreSQL and with
the clients: more processes cannot add CPU, so the figure says what extra processes give on one
small machine, not what more machines would.

    python bench/pg_serve.py [--processes 1,2,4] [--clients 8] [--requests 192] [--index DIR]"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import _common
from _common import ask_load, free_port, table, wait_ready


def run_level(urls: list[str], clients: int, questions: list[str], requests: int, max_seconds: float) -> dict:
    result = ask_load(urls, clients, questions, requests, max_seconds)
    rounded = {
        k: round(v, 2 if k == "rps" else 1) for k, v in result.items() if k in ("seconds", "rps", "p50_ms", "p95_ms")
    }
    return {"processes": len(urls)} | result | rounded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=192)
    parser.add_argument("--max-seconds", type=float, default=180.0)
    parser.add_argument("--index", type=Path, help="an embedded index to copy in (default: the bundled corpus)")
    parser.add_argument("--name", default="pg_serve")
    args = parser.parse_args()

    import httpx
    import pgserver
    import psycopg

    from assistant.index.build import ingest
    from assistant.index.embed import Embedder
    from assistant.store.pg_ingest import import_generation
    from assistant.store.postgres import PostgresStore

    info = _common.machine()
    questions = [q["question"] for q in _common.dev_questions()]
    work = Path(tempfile.mkdtemp(prefix="pg-serve-"))
    server = pgserver.get_server(work / "data", cleanup_mode="stop")
    levels: list[dict] = []
    try:
        embedder = Embedder(_common.settings())
        index = args.index
        if index is None:
            index = work / "index"
            print("ingesting the bundled corpus into a temporary index ...", flush=True)
            ingest([_common.CORPUS], _common.settings(index_dir=index), embedder)
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.get_uri("bench")
        store = PostgresStore(url, embedder.dim)
        import_generation(index, store)
        passages = store.count()
        store.close()
        del embedder
        env = os.environ | {"ASSISTANT_DATABASE_URL": url}
        for count in [int(n) for n in args.processes.split(",") if n]:
            processes: list[subprocess.Popen[bytes]] = []
            try:
                urls = []
                for _ in range(count):
                    port = free_port()
                    log = open(work / f"serve-{port}.log", "wb")  # noqa: SIM115 (closed with the process)
                    processes.append(
                        subprocess.Popen(
                            [str(Path(sys.executable).parent / "assistant"), "serve", "--port", str(port)],
                            cwd=work,
                            env=env,
                            stdout=log,
                            stderr=subprocess.STDOUT,
                        )
                    )
                    urls.append(f"http://127.0.0.1:{port}")
                for url_, process in zip(urls, processes, strict=True):
                    wait_ready(url_, process, timeout=600)
                    for q in questions[:2]:
                        httpx.post(f"{url_}/api/ask", json={"question": q}, timeout=120).raise_for_status()
                result = run_level(urls, args.clients, questions, args.requests, args.max_seconds)
                levels.append(result)
                print(result, flush=True)
            finally:
                for process in processes:
                    process.terminate()
                for process in processes:
                    try:
                        process.wait(30)
                    except subprocess.TimeoutExpired:
                        process.kill()
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{_common.machine_line(info)}; {passages} passages\n")
    base = levels[0]["rps"] if levels and levels[0]["rps"] else None
    print(
        table(
            ["serve processes", "clients", "requests (ok)", "req/s", "× 1 process", "p50 ms", "p95 ms", "load avg"],
            [
                [
                    r["processes"],
                    r["clients"],
                    f"{r['requests']} ({r['ok']})",
                    f"{r['rps']:.2f}",
                    f"{r['rps'] / base:.2f}" if base else "–",
                    f"{r['p50_ms']:.0f}",
                    f"{r['p95_ms']:.0f}",
                    f"{r['load_avg']:.1f}",
                ]
                for r in levels
            ],
        )
    )
    results = {"machine": info, "passages": passages, "levels": levels}
    print(f"raw numbers: {_common.save(args.name, results)}")


if __name__ == "__main__":
    main()
