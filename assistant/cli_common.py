"""What the command-line modules share: the options, the settings and assistant of a
command, the progress bar, the local LLM, and a clean failure (a Chinese message, exit 1)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.service import Assistant

console = Console(stderr=True)

IndexOpt = Annotated[Path | None, typer.Option("--index", help="index folder (default: ASSISTANT_INDEX_DIR or index/)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]
YearOpt = Annotated[int | None, typer.Option(help="only documents about this year")]
BodyOpt = Annotated[str | None, typer.Option(help="only documents of this body, e.g. 城管局")]
KindOpt = Annotated[str | None, typer.Option(help="only documents of this kind, e.g. 工作总结 or 测评体系")]
LlmOpt = Annotated[
    str | None,
    typer.Option("--llm", help="LLM reader: 'local' (llama.cpp in-process on --gguf) or an OpenAI-compatible URL"),
]
GgufOpt = Annotated[Path | None, typer.Option("--gguf", help="GGUF model file for --llm local")]
PolishOpt = Annotated[
    bool,
    typer.Option(
        "--polish", help="drafts: polished by the LLM (--llm or ASSISTANT_LLM_BASE_URL), each sentence verified"
    ),
]


def settings_for(index: Path | None = None) -> Settings:
    settings = Settings()
    if index is not None:
        settings.index_dir = index
    return settings


def assistant_for(settings: Settings, ctx: typer.Context) -> Assistant:
    """The Assistant for a command. A caller embedding the CLI (the tests) may pass a loaded
    Embedder as ``obj={"embedder": ...}`` so the model is not loaded again per command."""
    from assistant.index.model_files import ModelUnavailable
    from assistant.service import Assistant

    embedder = (ctx.obj or {}).get("embedder") if isinstance(ctx.obj, dict) else None
    try:
        return Assistant(settings, embedder)
    except ModelUnavailable as exc:
        console.print(f"[red]model unavailable:[/red] {exc}")
        raise typer.Exit(2) from exc


def unusable_answerer() -> tuple[type[Exception], ...]:
    """What makes the index or the answer model unusable for a command: each says why in Chinese."""
    from assistant.answer.selector import SelectorMismatch
    from assistant.index.store import IndexMismatch, IndexMissing

    return (IndexMissing, IndexMismatch, SelectorMismatch)


def progress_bar(disable: bool = False) -> Progress:
    """The progress bar of a long command, on stderr, gone when it ends."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=disable,
    )


def use_llm(settings: Settings, llm: str | None, gguf: Path | None) -> Any:
    """Point ``settings`` at the LLM asked for; for ``local`` start llama.cpp on loopback and
    return its server (keep it referenced while it is used)."""
    if llm is None:
        return None
    if llm != "local":
        settings.llm_base_url = llm
        return None
    from assistant.answer.llm_local import DEFAULT_GGUF_NAME, LocalLlmUnavailable, assemble_gguf, start_local_server

    try:
        path = gguf or settings.llm_gguf or assemble_gguf(settings.model_cache_dir / DEFAULT_GGUF_NAME)
        server = start_local_server(path, threads=settings.llm_threads, context=settings.llm_context)
    except (LocalLlmUnavailable, OSError) as exc:
        fail(exc)
    settings.llm_base_url = server.base_url
    console.print(f"local LLM ready on {server.base_url} ({path.name})")
    return server


def use_llm_for_drafts(settings: Settings, llm: str | None, gguf: Path | None, polish: bool) -> Any:
    """:func:`_use_llm`, and a clear stop when ``polish`` is asked with no LLM to polish with."""
    local_llm = use_llm(settings, llm, gguf)
    if polish and not settings.llm_base_url:
        fail(ValueError("--polish 需要 LLM：--llm local、--llm URL 或 ASSISTANT_LLM_BASE_URL"))
    return local_llm


def fail(exc: Exception) -> NoReturn:
    console.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(1)
