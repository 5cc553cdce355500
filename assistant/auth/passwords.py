"""Password hashes: Argon2id (argon2-cffi). The defaults are argon2-cffi's own, the RFC 9106
low-memory profile (t=3, 64 MiB, p=4): about 0.15-0.25 s per check on 2 cores under load
(bench/README.md, "Sign-in"). ``ASSISTANT_PASSWORD_*`` settings change them; a user's hash is
renewed with the new parameters at their next sign-in."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from assistant.settings import Settings

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 256


class WeakPassword(ValueError):
    """A password the accounts refuse; ``str()`` says why, in Chinese."""


@dataclass(frozen=True)
class HashParams:
    time_cost: int = 3
    memory_kib: int = 65_536
    parallelism: int = 4

    @classmethod
    def of(cls, settings: Settings) -> HashParams:
        return cls(settings.password_time_cost, settings.password_memory_kib, settings.password_parallelism)

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.time_cost, memory_cost=self.memory_kib, parallelism=self.parallelism, type=Type.ID
        )


DEFAULT_PARAMS = HashParams()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPassword(f"密码太短：至少 {MIN_PASSWORD_CHARS} 个字符。")
    if len(password) > MAX_PASSWORD_CHARS:
        raise WeakPassword(f"密码太长：最多 {MAX_PASSWORD_CHARS} 个字符。")


def hash_password(password: str, params: HashParams = DEFAULT_PARAMS) -> str:
    check_password_rules(password)
    return params.hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """The parameters come from the stored hash itself."""
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        return DEFAULT_PARAMS.hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def spend_like_a_check(password: str, params: HashParams = DEFAULT_PARAMS) -> None:
    """The work of one check, for a login that does not exist: both failures take the same time."""
    params.hasher().hash(password[:MAX_PASSWORD_CHARS])


def needs_rehash(stored_hash: str, params: HashParams = DEFAULT_PARAMS) -> bool:
    """True when the hash was made with other parameters than ``params`` (renewed on sign-in)."""
    try:
        return params.hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
