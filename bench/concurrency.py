"""Requests/s and latency of POST /api/ask with 1, 4 and 16 concurrent clients on loopback.

Starts `assistant serve` on 127.0.0.1 on a free port (or uses --url, which must be a loopback
address), waits for /healthz, sends two warm-up questions, then for each client count sends
--requests dev questions (cycled) from that many threads, each with its own keep-alive
connection, and stops early after --max-seconds per level. The server is stopped at the end.

    python bench/concurrency.py [--index DIR] [--clients 1,4,16] [--requests 64] [--max-seconds 90]

Without --index (and without --url) the bundled corpus is ingested into a temporary folder."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import _common
from _common import ask_load, free_port, table, wait_ready


def run_level(url: str, clients: int, questions: list[str], requests: int, max_seconds: float) -> dict:
    return ask_load([url], clients, questions, requests, max_seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running server on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--index", type=Path, help="index folder for the server this script starts")
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--requests", type=int, default=64, help="requests per client count")
    parser.add_argument("--max-seconds", type=float, default=90.0, help="time limit per client count")
    args = parser.parse_args()

    info = _common.machine()
    questions = [q["question"] for q in _common.dev_questions()]
    server = None
    tmp = None
    with contextlib.ExitStack() as logs:  # the server's log file, closed when the server is gone
        if args.url:
            if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
                parser.error("--url must be a loopback address")
            url = args.url.rstrip("/")
        else:
            index = args.index
            if index is None:
                from assistant.index.build import ingest
                from assistant.index.embed import Embedder

                tmp = tempfile.TemporaryDirectory(prefix="bench-conc-")
                index = Path(tmp.name) / "index"
                print("ingesting the bundled corpus into a temporary index ...", flush=True)
                ingest([_common.CORPUS], _common.settings(index_dir=index), Embedder(_common.settings()))
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            log = logs.enter_context(open(Path(tempfile.gettempdir()) / f"bench-serve-{port}.log", "w"))
            env = dict(os.environ, ASSISTANT_INDEX_DIR=str(index))
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "assistant.cli",
                    "serve",
                    "--index",
                    str(index),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                cwd=_common.ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            print(f"started server pid {server.pid} on {url} (log {log.name})", flush=True)
        try:
            wait_ready(url, server)
            import httpx

            for q in questions[:2]:
                httpx.post(f"{url}/api/ask", json={"question": q}, timeout=120).raise_for_status()
            levels = []
            for clients in [int(c) for c in args.clients.split(",") if c]:
                result = run_level(url, clients, questions, args.requests, args.max_seconds)
                levels.append(result)
                print(
                    f"{clients:>3} clients: {result['ok']}/{result['requests']} ok, {result['rps']:.2f} req/s, "
                    f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms",
                    flush=True,
                )
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
    print(f"\n{_common.machine_line(info)}\n")
    base = levels[0]["rps"] if levels and levels[0]["rps"] else None
    print(
        table(
            ["clients", "requests (ok)", "req/s", "p50 ms", "p95 ms", "max ms", "req/s vs 1 client", "load avg"],
            [
                [
                    r["clients"],
                    f"{r['requests']} ({r['ok']})",
                    f"{r['rps']:.2f}",
                    f"{r['p50_ms']:.0f}",
                    f"{r['p95_ms']:.0f}",
                    f"{r['max_ms']:.0f}",
                    f"{r['rps'] / base:.2f}x" if base else "–",
                    r["load_avg"],
                ]
                for r in levels
            ],
        )
    )
    print(f"raw numbers: {_common.save('concurrency', {'machine': info, 'url': url, 'levels': levels})}")


if __name__ == "__main__":
    main()
