"""Signing in and what a signed-in request may do: the one place that checks a password,
applies the rate limit and lockout, records the attempt, and starts a session."""

from __future__ import annotations

import time
from dataclasses import dataclass

from assistant.auth import audit
from assistant.auth.access import Access
from assistant.auth.accounts import password_hash_of, roles_of, set_password
from assistant.auth.db import SQL, AccountsDB
from assistant.auth.passwords import HashParams, needs_rehash, spend_like_a_check, verify_password
from assistant.auth.sessions import Session, start_session
from assistant.auth.throttle import LoginPolicy, note_attempt, wait_seconds
from assistant.settings import Settings

WRONG_CREDENTIALS = "登录名或密码错误。"
LOCKED = "登录尝试过于频繁，请 {minutes} 分钟后再试。"


class LoginRefused(Exception):
    """401 for a wrong login or password (the same answer for both), 429 while throttled."""

    def __init__(self, status: int, detail: str, retry_after: int = 0):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.retry_after = retry_after


@dataclass(frozen=True)
class SignIn:
    token: str
    session: Session


def login_policy(settings: Settings) -> LoginPolicy:
    return LoginPolicy(
        max_failures=settings.login_max_failures,
        lockout_s=settings.login_lockout_s,
        client_attempts_per_minute=settings.login_attempts_per_minute,
    )


def sign_in(db: AccountsDB, settings: Settings, login: str, password: str, client: str) -> SignIn:
    now = time.time()
    login = login.strip()[:200]
    wait = wait_seconds(db, login, client, login_policy(settings), now)
    if wait > 0:
        raise LoginRefused(429, LOCKED.format(minutes=max(1, round(wait / 60))), retry_after=int(wait) + 1)
    params = HashParams.of(settings)
    stored = password_hash_of(db, login)
    if stored is None:
        spend_like_a_check(password, params)  # an unknown login takes as long as a wrong password
    ok = stored is not None and verify_password(stored, password)
    with db.transaction() as tx:  # the writes of one attempt commit once
        note_attempt(tx, login, client, ok, now)
        if not ok:
            audit.record(tx, None, "login_failed", login, {"client": client})
        else:
            if stored is not None and needs_rehash(stored, params):
                set_password(tx, login, password, params)
            token, session = start_session(tx, login, settings.session_hours * 3600.0, now)
            audit.record(tx, login, "login", login, {"client": client})
    if not ok:
        raise LoginRefused(401, WRONG_CREDENTIALS)
    return SignIn(token, session)


def access_of(db: SQL, session: Session) -> Access:
    return Access(login=session.login, roles=roles_of(db, session.login))
