"""Password hashes: Argon2id (argon2-cffi) with the RFC 9106 low-memory profile (t=3, 64 MiB,
p=4), about 0.1 s per check on 2 cores (bench/README.md, "Sign-in")."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 256


class WeakPassword(ValueError):
    """A password the accounts refuse; ``str()`` says why, in Chinese."""


# A hash of a random password nobody knows, checked for an unknown login so that a wrong login
# costs the same time as a wrong password.
DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$Iv7EEvYEsPIKDrpwA4bJ1Q$vU5eYA5dyMRxAS7xEWCeElQ+x20yArYbY4DabT3WnLI"


def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2-cffi's default: RFC 9106 low-memory Argon2id


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPassword(f"密码太短：至少 {MIN_PASSWORD_CHARS} 个字符。")
    if len(password) > MAX_PASSWORD_CHARS:
        raise WeakPassword(f"密码太长：最多 {MAX_PASSWORD_CHARS} 个字符。")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        return _hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with other parameters than today's (rehash on sign-in)."""
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
