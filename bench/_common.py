"""Shared helpers of the benchmark scripts (run by hand, not in CI).

Each script prints a Markdown table and writes its raw numbers to bench/results/ (git-ignored)."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `python bench/x.py` from anywhere imports this checkout's `assistant`

RESULTS = ROOT / "bench" / "results"
CORPUS = ROOT / "corpus"
DEV = ROOT / "eval" / "dev.jsonl"


def percentile(values, q: float) -> float:
    from assistant.evaluation.metrics import percentile as _p

    return _p(list(values), q)


def rss_mb() -> float:
    """Resident memory of this process now (VmRSS), MiB."""
    return _status_kb("VmRSS") / 1024


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), MiB."""
    return _status_kb("VmHWM") / 1024


def _status_kb(field: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    import resource

    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def machine() -> dict:
    """What the numbers were measured on."""

    def run(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    versions = {}
    for module in ("torch", "faiss", "bm25s", "sentence_transformers", "numpy"):
        with contextlib.suppress(Exception):  # a module missing or without __version__: not listed
            versions[module] = __import__(module).__version__
    free = run(["free", "-h"])
    mem = next((line.split()[1] for line in free.splitlines() if line.startswith("Mem:")), "")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": run(["nproc"]),
        "memory": mem,
        "cpu": cpu,
        "gpu": "none",
        "python": platform.python_version(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
    }


def machine_line(info: dict | None = None) -> str:
    info = info or machine()
    v = info.get("versions", {})
    return (
        f"{info['date']}; nproc={info['nproc']}, RAM {info['memory']}, {info['cpu'] or 'cpu?'}, no GPU; "
        f"load avg {info['load_avg']}; python {info['python']}, torch {v.get('torch', '?')}, "
        f"faiss {v.get('faiss', '?')}"
    )


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return path


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table."""

    def cell(x) -> str:
        if isinstance(x, float):
            return f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"
        return str(x)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def dev_questions() -> list[dict]:
    """The dev set's questions as plain dicts (question, evidence, must_contain, type)."""
    from assistant.evaluation.sets import load_set

    return [
        {
            "id": q.id,
            "question": q.question,
            "evidence": list(q.evidence),
            "must_contain": list(q.must_contain),
            "type": q.type,
        }
        for q in load_set(DEV)
    ]


def settings(**overrides):
    """Settings as configured (ASSISTANT_* env), with overrides."""
    from assistant.settings import Settings

    return Settings(**overrides)


# -- HTTP load on `assistant serve` (bench/concurrency.py, bench/pg_serve.py) ---------------
def free_port() -> int:
    """A free TCP port on loopback."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, process: subprocess.Popen | None, timeout: float = 180.0) -> None:
    """Wait until GET /healthz answers 200 (raises if the process exits or time runs out)."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"server at {url} not ready after {timeout:.0f} s")


def ask_load(urls: list[str], clients: int, questions: list[str], requests: int, max_seconds: float) -> dict:
    """Send `requests` POST /api/ask (the questions cycled) from `clients` threads, each with its own
    keep-alive connection; client i talks to urls[i % len(urls)] (a round-robin load balancer).
    Stops early after max_seconds. Latencies are of the 200 answers."""
    import queue
    import threading

    import httpx

    work: queue.Queue[str] = queue.Queue()
    for i in range(requests):
        work.put(questions[i % len(questions)])
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds

    def client(url: str) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while time.monotonic() < stop_at:
                try:
                    question = work.get_nowait()
                except queue.Empty:
                    return
                t0 = time.perf_counter()
                try:
                    status = str(http.post("/api/ask", json={"question": question}).status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    if status == "200":
                        latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(urls[i % len(urls)],)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    ok = statuses.get("200", 0)
    return {
        "clients": clients,
        "requests": sum(statuses.values()),
        "ok": ok,
        "statuses": statuses,
        "seconds": wall,
        "rps": ok / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies) if latencies else 0.0,
        "load_avg": load_avg(),
    }
