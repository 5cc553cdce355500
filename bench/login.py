"""Sign-in cost (issue 14): the Argon2id check with the shipped parameters, a whole
``POST /api/login`` (rate-limit look-ups, the check, the session, the audit entry), a wrong
password, and what sign-in adds to every other request (the session and roles look-up of
the middleware): ``GET /api/me`` signed in by Bearer vs the same app in open mode, one run.

    .venv/bin/python bench/login.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import load_avg, machine_line, percentile, save, table

from assistant.auth.accounts import add_user
from assistant.auth.db import AccountsDB
from assistant.auth.passwords import hash_password, verify_password
from assistant.settings import Settings
from assistant.web.app import create_app

PASSWORD = "bench-password-1"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    from fastapi.testclient import TestClient

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    load_before = load_avg()
    with tempfile.TemporaryDirectory() as tmp:
        limits = {"login_attempts_per_minute": 10_000, "login_max_failures": 10_000}
        open_settings = Settings(index_dir=Path(tmp) / "open", **limits)
        settings = Settings(index_dir=Path(tmp) / "users", **limits)
        add_user(AccountsDB.open(settings), "bench", PASSWORD, {"默认": "viewer"})
        stored = hash_password(PASSWORD)
        client = TestClient(create_app(settings))
        open_client = TestClient(create_app(open_settings))
        good = {"login": "bench", "password": PASSWORD}
        bad = {"login": "bench", "password": "wrong-password"}
        unknown = {"login": "nobody", "password": PASSWORD}
        token = client.post("/api/login", json=good).json()["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        client.get("/api/me", headers=bearer)
        open_client.get("/api/me")
        rows = {
            "Argon2id verify (t=3, 64 MiB, p=4)": timed(lambda: verify_password(stored, PASSWORD), args.repeat),
            "POST /api/login, right password": timed(lambda: client.post("/api/login", json=good), args.repeat),
            "POST /api/login, wrong password": timed(lambda: client.post("/api/login", json=bad), args.repeat),
            "POST /api/login, unknown login": timed(lambda: client.post("/api/login", json=unknown), args.repeat),
            "GET /api/me signed in (Bearer)": timed(lambda: client.get("/api/me", headers=bearer), args.repeat * 10),
            "GET /api/me open mode (no user)": timed(lambda: open_client.get("/api/me"), args.repeat * 10),
        }
    medians = {name: statistics.median(values) for name, values in rows.items()}
    print(machine_line())
    print(f"load average {load_before:.1f} → {load_avg():.1f}\n")
    print(
        table(
            ["what", "median ms", "p90 ms", "runs"],
            [[name, f"{medians[name]:.1f}", f"{percentile(v, 90):.1f}", len(v)] for name, v in rows.items()],
        )
    )
    ratio = medians["GET /api/me signed in (Bearer)"] / medians["GET /api/me open mode (no user)"]
    print(f"\nsigned-in request / open-mode request: {ratio:.2f}x")
    save("login", {"medians_ms": medians, "raw_ms": rows, "signed_in_over_open": ratio})


if __name__ == "__main__":
    main()
