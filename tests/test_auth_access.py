"""Roles per knowledge base: ordering, the knowledge bases a role reaches, open mode."""

from __future__ import annotations

import pytest

from assistant.auth.access import DEFAULT_KB, Access, AccessDenied, require


def test_roles_are_ordered_per_knowledge_base() -> None:
    access = Access(login="li", roles={"城管局": "editor", "文明办": "viewer"})
    assert access.kbs() == ["城管局", "文明办"]
    assert access.kbs("editor") == ["城管局"]
    assert access.kbs("admin") == []
    assert access.can("城管局", "viewer") and access.can("城管局", "editor")
    assert not access.can("城管局", "admin")
    assert not access.can("文明办", "editor")
    assert not access.can(DEFAULT_KB, "viewer")
    assert not access.is_admin


def test_require_raises_with_a_chinese_message() -> None:
    access = Access(login="wang", roles={"文明办": "viewer"})
    require(access, "文明办", "viewer")
    with pytest.raises(AccessDenied) as denied:
        require(access, "文明办", "editor")
    assert "文明办" in denied.value.detail and "没有权限" in denied.value.detail


def test_open_mode_reaches_everything() -> None:
    access = Access.open()
    assert access.login is None and access.open_mode
    assert access.kbs() is None
    assert access.can("任何知识库", "admin")
    assert access.is_admin
    require(access, DEFAULT_KB, "admin")
