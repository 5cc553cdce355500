"""Metadata a staff member set by hand, applied over what ingest derives: a sidecar
``NAME.meta.json`` next to a file, or an entry in ``meta.yaml`` at the root of a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from assistant.models import DocumentMeta


def load_overrides(root: Path) -> dict[str, dict[str, Any]]:
    """``meta.yaml`` at the root: ``{relative/path.txt: {title: …, years: […], body: …}}``."""
    for name in ("meta.yaml", "meta.yml"):
        file = root / name
        if file.exists():
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{file}: expected a mapping of file path → fields")
            return {str(k): v for k, v in data.items() if isinstance(v, dict)}
    return {}


def apply_overrides(meta: DocumentMeta, fields: dict[str, Any]) -> DocumentMeta:
    for key, value in fields.items():
        if key == "years":
            value = [int(v) for v in (value if isinstance(value, list) else [value])]
        elif key == "year":
            key, value = "years", [int(value)]
        if hasattr(meta, key):
            setattr(meta, key, value)
    return meta


def sidecar_overrides(path: Path) -> dict[str, Any]:
    """Fields from ``NAME.meta.json`` next to the file, if present."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        sidecar = path.with_suffix(".meta.json")
    if sidecar.exists():
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data
    return {}
