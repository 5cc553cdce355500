"""Login attempts: a rate limit per client address and a lockout of a login after repeated
failures. Attempts are rows of ``login_attempts``, so every process serving the same database
sees the same counts. An unknown login is counted like a known one (the same answers)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.auth.db import SQL


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5  # failures in a row of one login before it is locked
    lockout_s: float = 900.0  # how long, from the last failure
    client_attempts_per_minute: int = 20  # attempts of one address, any login


def wait_seconds(db: SQL, login: str, client: str, policy: LoginPolicy, now: float) -> float:
    """Seconds until ``login`` may be tried from ``client``; 0 when it may be now."""
    waits = [0.0]
    recent = db.rows("SELECT at FROM login_attempts WHERE client = ? AND at > ? ORDER BY at", (client, now - 60.0))
    if len(recent) >= policy.client_attempts_per_minute:
        waits.append(float(recent[-policy.client_attempts_per_minute]["at"]) + 60.0 - now)
    last_success = db.rows("SELECT max(at) AS at FROM login_attempts WHERE login = ? AND ok = 1", (login,))
    since = max(float(last_success[0]["at"] or 0.0), now - policy.lockout_s)
    failures = db.rows(
        "SELECT at FROM login_attempts WHERE login = ? AND ok = 0 AND at > ? ORDER BY at DESC", (login, since)
    )
    if len(failures) >= policy.max_failures:
        waits.append(float(failures[0]["at"]) + policy.lockout_s - now)
    return max(waits)


def note_attempt(db: SQL, login: str, client: str, ok: bool, now: float) -> None:
    db.execute("INSERT INTO login_attempts (login, client, at, ok) VALUES (?, ?, ?, ?)", (login, client, now, int(ok)))
    db.execute("DELETE FROM login_attempts WHERE at < ?", (now - 86_400.0,))  # a day is all any rule reads
