"""Server mode with real processes on one database (slow: `pytest -m slow tests/test_pg_multiprocess.py`):
two `assistant serve` and two `assistant worker` processes; a worker killed with kill -9 in the
middle of a job, whose job the other worker then completes; an upload through one serve process
answered through the other; the database restarted under both, which answer again without
being restarted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.ingest.pipeline import discover
from assistant.store import queue
from assistant.store.pg_ingest import import_generation
from assistant.store.postgres import PostgresStore
from tests.conftest import CORPUS, new_database, pg_server_in_own_folder

pytestmark = pytest.mark.slow

TOKEN = "multi-process-token"
UPLOAD_TEXT = (
    "宁安市城市管理局2025年萤火虫生态步道建设情况汇报\n一、萤火虫生态步道建设\n"
    "2025年，宁安市城市管理局在滨河公园建成萤火虫生态步道4.7公里，设置低光照明点位213个。\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).json().get("status") == "ok"
    except (httpx.HTTPError, ValueError):
        return False


def test_two_serve_two_workers_kill_and_database_restart(tmp_path, corpus_settings, embedder):
    from pgserver._commands import pg_ctl

    processes: list[subprocess.Popen[bytes]] = []
    with pg_server_in_own_folder() as server:
        try:
            run(server, pg_ctl, processes, tmp_path, corpus_settings, embedder)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()


def run(server, pg_ctl, processes, tmp_path, corpus_settings, embedder) -> None:
    url = new_database(server, "multi")
    store = PostgresStore(url, embedder.dim)
    import_generation(corpus_settings.index_dir, store)
    env = os.environ | {
        "ASSISTANT_DATABASE_URL": url,
        "ASSISTANT_ADMIN_TOKEN": TOKEN,
        "ASSISTANT_CORPUS_DIR": str(tmp_path / "corpus"),
        "ASSISTANT_JOB_LEASE_SECONDS": "4",
    }
    assistant = [str(Path(sys.executable).parent / "assistant")]
    ports = [free_port(), free_port()]
    for port in ports:
        processes.append(subprocess.Popen([*assistant, "serve", "--port", str(port)], env=env, cwd=tmp_path))
    workers = [subprocess.Popen([*assistant, "worker"], env=env, cwd=tmp_path) for _ in range(2)]
    processes += workers
    for port in ports:
        wait_until(lambda port=port: healthy(port), 600, f"serve on {port}")  # model loading, on a busy machine

    # A long job (the bundled reports in one file), a worker killed -9 while it embeds.
    big = tmp_path / "big" / "all-reports.txt"
    big.parent.mkdir()
    big.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / "reports").glob("*.txt"))))
    [job_id] = queue.enqueue(store, discover([big]).files, [])
    holder = wait_until(
        lambda: queue.job_states(store, [job_id])[0]["status"] == "running" and claimed_by(store, job_id),
        120,
        "a worker to claim the job",
    )
    killed = next(w for w in workers if w.pid == int(holder.split(":")[1]))
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(10)
    passages_before = store.count()
    state = wait_until(
        lambda: (s := queue.job_states(store, [job_id])[0])["status"] in ("done", "failed") and s, 300, "the job"
    )
    assert state["status"] == "done" and state["attempts"] == 2
    assert claimed_by(store, job_id) != holder
    assert store.count() == passages_before + state["result"]["passages"]  # written once, whole

    # An upload through the first serve process is answered through the second, which was asked
    # before the upload: no document named the place then (refused), and its caches (how many
    # passages name a word) must follow the data version.
    question = {"question": "2025年宁安市萤火虫生态步道建成了多少公里？"}
    before = httpx.post(f"http://127.0.0.1:{ports[1]}/api/ask", json=question, timeout=60)
    assert before.status_code == 200 and before.json()["refused"] and "宁安市" in before.json()["answer"]
    upload = httpx.post(
        f"http://127.0.0.1:{ports[0]}/api/documents",
        headers={"Authorization": f"Bearer {TOKEN}"},
        files=[("files", ("萤火虫步道.txt", UPLOAD_TEXT.encode(), "text/plain"))],
        timeout=300,
    )
    assert upload.status_code == 200, upload.text
    answer = httpx.post(f"http://127.0.0.1:{ports[1]}/api/ask", json=question, timeout=60).json()
    assert not answer["refused"] and "4.7公里" in answer["answer"], answer["answer"]

    # The database restarts under both serve processes: 503, then answers again.
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)
    for port in ports:
        down = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "萤火虫"}, timeout=30)
        assert down.status_code == 503 and "数据库" in down.json()["detail"]
    server.ensure_postgres_running()
    for port in ports:
        back = wait_until(
            lambda port=port: (
                (r := httpx.post(f"http://127.0.0.1:{port}/api/ask", json=question, timeout=60)).status_code == 200
                and r
            ),
            60,
            "recovery",
        )
        assert back.status_code == 200 and "4.7公里" in back.json()["answer"]
    assert workers[1 - workers.index(killed)].poll() is None  # the other worker rode out the restart
    store.close()


def claimed_by(store: PostgresStore, job_id: int) -> str:
    with store.connection() as conn:
        row = conn.execute("SELECT worker FROM jobs WHERE id = %s", (job_id,)).fetchone()
    return str(row[0]) if row and row[0] else ""
