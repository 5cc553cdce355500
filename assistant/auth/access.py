"""What one request may see and do: the signed-in user's role in each knowledge base (知识库).

Roles are ordered ``viewer`` (ask, search, read) < ``editor`` (upload, delete, correct
metadata and answers) < ``admin`` (users and roles too). While no user exists the app runs
open: ``Access.open()`` may do everything in every knowledge base."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, get_args

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
DEFAULT_KB = "默认"  # the one knowledge base of single-user mode and of documents ingested without --kb

_RANK: Mapping[str, int] = MappingProxyType({role: rank for rank, role in enumerate(ROLES)})


class AccessDenied(Exception):
    """The request's user lacks the role it needs (HTTP 403); ``detail`` is shown to the user."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def role_at_least(role: str, at_least: Role) -> bool:
    """Whether ``role`` is ``at_least`` or above (an unknown role is below every role)."""
    return _RANK.get(role, -1) >= _RANK[at_least]


def is_role(value: str) -> bool:
    return value in _RANK


@dataclass(frozen=True)
class Access:
    login: str | None  # None: open single-user mode (no user exists yet)
    roles: Mapping[str, Role] = field(default_factory=dict)  # knowledge base name -> role
    open_mode: bool = False  # True: no user exists; every knowledge base, as admin

    @classmethod
    def open(cls) -> Access:
        return cls(login=None, roles={}, open_mode=True)

    def kbs(self, at_least: Role = "viewer") -> list[str] | None:
        """The knowledge bases where this user holds ``at_least``, sorted; None = every one (open mode)."""
        if self.open_mode:
            return None
        return sorted(kb for kb, role in self.roles.items() if role_at_least(role, at_least))

    def can(self, kb: str, at_least: Role) -> bool:
        if self.open_mode:
            return True
        role = self.roles.get(kb)
        return role is not None and role_at_least(role, at_least)

    @property
    def is_admin(self) -> bool:
        """Admin of at least one knowledge base, or open mode: may open the accounts pages."""
        return self.open_mode or any(role == "admin" for role in self.roles.values())


_ROLE_NAMES: Mapping[str, str] = MappingProxyType({"viewer": "查看", "editor": "编辑", "admin": "管理"})


def require(access: Access, kb: str, at_least: Role) -> None:
    """Raise ``AccessDenied`` (HTTP 403, a Chinese message) unless ``access`` holds ``at_least`` in ``kb``."""
    if not access.can(kb, at_least):
        raise AccessDenied(f"没有权限：此操作需要知识库“{kb}”的{_ROLE_NAMES[at_least]}权限（{at_least}）。")
