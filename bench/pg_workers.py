"""Ingest throughput of the server store's queue with 1 and 2 `assistant worker` processes.

The bundled reports, each copied --copies times under another name (so each copy is a job of
its own and is embedded again), are queued in a fresh PostgreSQL database (``pgserver``); then
N worker processes are started and the time from their start until the queue is empty is
measured (model loading included, as a worker pays it once). Passages per second = passages
written / that time, and / the time from the first job taken (the first worker's start-up, mostly
the model load, left out). On this 2-core machine two workers share the two cores with each other
(and with whatever else runs): the figure says what a second process on the same machine gives,
not what a second machine would.

    python bench/pg_workers.py [--copies 3] [--workers 1,2]"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--name", default="pg_workers")
    args = parser.parse_args()

    import pgserver
    import psycopg

    from assistant.index.embed import Embedder
    from assistant.ingest.pipeline import discover
    from assistant.store import queue
    from assistant.store.postgres import PostgresStore

    work = Path(tempfile.mkdtemp(prefix="pg-workers-"))
    server = pgserver.get_server(work / "data", cleanup_mode="stop")
    dims = Embedder(_common.settings()).dim
    results: dict = {"machine": _common.machine(), "copies": args.copies, "runs": {}}
    try:
        files = work / "files"
        files.mkdir()
        for copy in range(args.copies):
            for report in sorted((_common.CORPUS / "reports").glob("*.txt")):
                text = report.read_text(encoding="utf-8")
                (files / f"{copy}-{report.name}").write_text(f"{text}\n（副本{copy}）\n", encoding="utf-8")
        for count in [int(n) for n in args.workers.split(",")]:
            name = f"w{count}"
            with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            url = server.get_uri(name)
            store = PostgresStore(url, dims)
            ids = queue.enqueue(store, discover([files]).files, [])
            env = os.environ | {"ASSISTANT_DATABASE_URL": url}
            command = [str(Path(sys.executable).parent / "assistant"), "worker"]
            logs = [work / f"worker-{count}-{i}.log" for i in range(count)]
            started = time.perf_counter()
            workers = [
                subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT) for log in logs
            ]
            first_claim = None  # when the first job was taken: the workers' start-up (model load) is over
            try:
                while True:
                    states = queue.job_states(store, ids)
                    if first_claim is None and any(s["status"] != "queued" for s in states):
                        first_claim = time.perf_counter()
                    if all(s["status"] in ("done", "failed") for s in states):
                        break
                    if all(w.poll() is not None for w in workers):
                        tail = logs[0].read_text(errors="replace")[-2000:]
                        raise RuntimeError(f"all workers exited before the queue was empty:\n{tail}")
                    time.sleep(0.2)
                seconds = time.perf_counter() - started
                working = time.perf_counter() - (first_claim or started)
            finally:
                for worker in workers:
                    worker.terminate()
                    worker.wait(30)
            states = queue.job_states(store, ids)
            passages = store.count()
            results["runs"][str(count)] = {
                "workers": count,
                "jobs": len(ids),
                "failed": sum(s["status"] == "failed" for s in states),
                "passages": passages,
                "seconds": round(seconds, 1),
                "passages_per_s": round(passages / seconds, 2),
                "startup_s": round(seconds - working, 1),
                "passages_per_s_after_startup": round(passages / working, 2),
                "load_avg": _common.load_avg(),
            }
            print(results["runs"][str(count)], flush=True)
            store.close()
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{_common.machine_line(results['machine'])}\n")
    print(
        table(
            ["workers", "jobs (failed)", "passages", "s (start-up)", "passages/s", "after start-up", "load avg"],
            [
                [
                    r["workers"],
                    f"{r['jobs']} ({r['failed']})",
                    r["passages"],
                    f"{r['seconds']} ({r['startup_s']})",
                    r["passages_per_s"],
                    r["passages_per_s_after_startup"],
                    f"{r['load_avg']:.1f}",
                ]
                for r in results["runs"].values()
            ],
        )
    )
    print(f"raw numbers: {_common.save(args.name, results)}")


if __name__ == "__main__":
    main()
