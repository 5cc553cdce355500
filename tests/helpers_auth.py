"""Shared by the accounts tests: Argon2id with small parameters (the same algorithm and code,
about a millisecond per hash instead of 0.2 s), so that the fast tier stays fast. The tests of
the shipped parameters' timing use the defaults."""

from __future__ import annotations

from typing import Any

FAST_HASH: dict[str, Any] = {"password_time_cost": 1, "password_memory_kib": 1024, "password_parallelism": 1}
