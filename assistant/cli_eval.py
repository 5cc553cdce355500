"""Measuring commands: ``assistant eval``, ``assistant train-selector`` and
``assistant eval-drafts``, registered on the main command line by :mod:`assistant.cli`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli_common import (
    GgufOpt,
    IndexOpt,
    JsonOpt,
    LlmOpt,
    PolishOpt,
    assistant_for,
    console,
    fail,
    progress_bar,
    settings_for,
    unusable_answerer,
    use_llm,
    use_llm_for_drafts,
)

commands = typer.Typer()


@commands.command("eval")
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
        fail(exc)
    unknown = set(without or []) - set(CHECKS)
    if unknown:
        fail(ValueError(f"未知的检查项：{'、'.join(sorted(unknown))}（可选：{'、'.join(CHECKS)}）"))
    checks = tuple(c for c in CHECKS if c not in set(without or []))
    settings = settings_for(index)
    local_llm = use_llm(settings, llm, gguf)
    assistant = assistant_for(settings, ctx)
    try:
        extra = examples_of_folders(train_set_dirs or [], assistant, lambda folder, n: _note(folder, n, as_json))
    except (OSError, ValueError) as exc:
        fail(exc)
    with progress_bar() as bar:
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
        except unusable_answerer() as exc:
            fail(exc)
    del local_llm
    if as_json:
        print(json.dumps(to_dict(report, with_questions=failures), ensure_ascii=False, indent=1))
        return
    render(report, _Console(), failures=failures)


def _note(folder: Path, questions: int, quiet: bool = False) -> None:
    if not quiet:
        console.print(f"{folder.name}: {questions} questions prepared over an index of its own corpus")


@commands.command("train-selector")
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

    from assistant.evaluation.run import indexed_questions, prepare_examples
    from assistant.evaluation.set_folders import check_folder, examples_of_folders
    from assistant.evaluation.sets import QuestionBank
    from assistant.evaluation.train import fit_calibrated

    try:
        bank = QuestionBank.load(questions)
        for folder in set_dirs or []:
            check_folder(folder)
    except (OSError, ValueError) as exc:
        fail(exc)
    assistant = assistant_for(settings_for(index), ctx)
    unusable: tuple[type[Exception], ...] = (OSError, ValueError, *unusable_answerer())
    try:
        kept = indexed_questions(assistant, bank.questions)
        examples, _ = prepare_examples(assistant, kept, k=5)
        examples += examples_of_folders(set_dirs or [], assistant, lambda folder, n: _note(folder, n))
    except unusable as exc:
        fail(exc)
    selector = fit_calibrated(examples)
    target = out or Path(str(resources.files("assistant.answer").joinpath("selector.json")))
    selector.save(target)
    console.print(
        f"selector fitted on {len(examples)} questions ({len(bank.questions) - len(kept)} skipped: documents "
        f"not indexed); thresholds refuse<{selector.refuse_below} add≥{selector.add_above}/"
        f"{selector.add_relative}; written to {target}"
    )


@commands.command("eval-drafts")
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
        fail(exc)
    settings = settings_for(index)
    local_llm = use_llm_for_drafts(settings, llm, gguf, polish)
    assistant = assistant_for(settings, ctx)
    with progress_bar() as bar:
        task = bar.add_task("drafting", total=len(items))
        try:
            report = run_drafts(
                lambda p: maybe_polish(assistant.ask(p, mode="draft"), settings, polish),
                items,
                lambda done, _: bar.update(task, completed=done),
            )
        except unusable_answerer() as exc:
            fail(exc)
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
