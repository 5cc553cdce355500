"""Sign-in sessions: a random token given to the browser (cookie) or client (Bearer), kept
in the database only as its SHA-256, with a CSRF token of its own and an expiry."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from assistant.auth.db import SQL


@dataclass(frozen=True)
class Session:
    login: str
    csrf_token: str
    expires_at: float


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: SQL, login: str, max_age_s: float, now: float | None = None) -> tuple[str, Session]:
    """A new session of ``login``: the token (shown once, never stored) and the session."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)
    session = Session(login, secrets.token_urlsafe(24), now + max_age_s)
    db.execute("DELETE FROM sessions WHERE expires_at < ?", (now,))
    db.execute(
        "INSERT INTO sessions (token_hash, login, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (token_hash(token), login, session.csrf_token, now, session.expires_at),
    )
    return token, session


def find_session(db: SQL, token: str, now: float | None = None) -> Session | None:
    """The live session of ``token`` (an enabled user's, not expired), else None."""
    if not token or len(token) > 200:
        return None
    now = time.time() if now is None else now
    rows = db.rows(
        "SELECT s.login, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.login = s.login "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
        (token_hash(token), now),
    )
    if not rows:
        return None
    row = rows[0]
    return Session(str(row["login"]), str(row["csrf_token"]), float(row["expires_at"]))


def end_session(db: SQL, token: str) -> bool:
    """Sign out: the session of ``token`` is deleted; False when there was none."""
    found = db.rows("SELECT login FROM sessions WHERE token_hash = ?", (token_hash(token),))
    db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))
    return bool(found)
