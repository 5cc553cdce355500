"""Every evaluation set held out, the selector fitted on all the others (issue 11's headline figures).

    python bench/crossval.py prepare TAG [SET ...]        # each set's questions prepared over its own index
    python bench/crossval.py reprepare OLD NEW [SET ...]  # only the questions a change can touch (--redo REGEX)
    python bench/crossval.py run TAG                      # fit and answer every fold; print the tables
    python bench/crossval.py run TAG --folds-only --save A.pkl  # only the 13 sets' folds; answers kept
    python bench/crossval.py run TAG --phrasing-held-out TAG  # … each fold's phrasing factors learned without it
    python bench/crossval.py shipped TAG [SET ...]        # answer with the shipped selector (aggregates only)
    python bench/crossval.py fit TAG [SET ...]            # fit the shipped selector on every set named (--out PATH)

SET is ``s13`` (the 13 sets over one index, as in the README's command) or a folder of ``eval/``. The 13 sets are
split into 5 leave-documents-out folds, each fitted on the other four and the development folders; each development
folder is fitted on the 13 sets and the other folders; the fresh folders on all of them. Prepared questions are
pickled under ``--work`` (default /tmp/crossval); indexes are built once per set under ``--indexes``. The code
measured is this checkout's (run it from a worktree of the commit to measure)."""

from __future__ import annotations

import argparse
import os
import pickle
import re
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEVCORPUS = ROOT.parent / "shared" / "devcorpus"
DEV_FOLDERS = [
    "dev11",
    "dev13",
    "dev14",
    "dev15",
    "dev16",
    "dev17",
    "dev18",
    "dev19",
    "dev20",
    "dev21",
    "dev22",
    "dev23",
    "blind16",
    "blind18",
    "dev24",
    "dev25",
    "dev26",
    "dev27",
]
FRESH_FOLDERS = [
    "dev28",
    "dev29",
    "dev30",
    "blind24",
    "blind25",
    "dev31",
    "dev32",
    "dev33",
    "dev34",
    "dev35",
    "dev36",
    "dev37",
    "dev38",
    "dev39",
    "dev40",
    "dev41",
    "dev42",
    "dev43",
    "dev44",
    "dev45",
    "dev46",
    "dev47",
    "dev48",
]
BLIND_13 = (2, 3, 4, 5, 7)


def _s13() -> tuple[list[Path], list[Path]]:
    if not DEVCORPUS.is_dir():  # else an index without its 50 documents would be built and marked done
        raise SystemExit(f"{DEVCORPUS} is missing: the 13 sets need shared/devcorpus beside the checkout")
    corpus = sorted(DEVCORPUS.glob("chengguan/0*.txt")) + sorted(DEVCORPUS.glob("chuangwen/0*.txt"))
    corpus += [ROOT / "corpus", *(ROOT / f"eval/blind{n}/corpus" for n in BLIND_13)]
    files = [
        DEVCORPUS / f"{kind}/{name}.jsonl" for name in ("questions", "followups") for kind in ("chengguan", "chuangwen")
    ]
    files += [ROOT / "eval" / f for f in ("dev.jsonl", "holdout.jsonl", "devcorpus_extra.jsonl")]
    files += [ROOT / "eval/devcorpus_extra_followups.jsonl"]
    files += [ROOT / f"eval/blind{n}/{name}.jsonl" for name in ("questions", "followups") for n in BLIND_13]
    return corpus, files


def _assistant(name: str, indexes: Path, embedder: object = None):
    from assistant.evaluation.set_folders import question_files
    from assistant.service import Assistant
    from assistant.settings import Settings

    if name == "s13":
        corpus, files = _s13()
    else:
        folder = ROOT / "eval" / name
        corpus, files = [folder / "corpus"], question_files(folder)
    settings = Settings()
    settings.index_dir = indexes / name
    settings.database_url = None
    assistant = Assistant(settings, embedder)
    if not (settings.index_dir / "DONE").exists():
        assistant.ingest(corpus)
        (settings.index_dir / "DONE").write_text("ok")
    return assistant, files


def _dump(path: Path, data: object) -> None:
    partial = path.with_suffix(".partial")
    with partial.open("wb") as fh:
        pickle.dump(data, fh)
    partial.rename(path)


def _load(work: Path, tag: str, name: str):
    with (work / f"{tag}_{name}.pkl").open("rb") as fh:
        return pickle.load(fh)


def prepare(args: argparse.Namespace) -> None:
    from assistant.evaluation.run import indexed_questions, prepare_examples
    from assistant.evaluation.sets import QuestionBank

    embedder = None
    for name in args.sets:
        out = args.work / f"{args.tag}_{name}.pkl"
        if out.exists():
            continue
        started = time.time()
        assistant, files = _assistant(name, args.indexes, embedder)
        embedder = assistant.embedder
        examples, results = prepare_examples(
            assistant, indexed_questions(assistant, QuestionBank.load(files).questions), k=5
        )
        _dump(out, (examples, results))
        print(f"{name}: {len(examples)} questions prepared in {time.time() - started:.0f} s", flush=True)


def reprepare(args: argparse.Namespace) -> None:
    """A copy of OLD's prepared questions, with those whose resolved text changed or matches --redo prepared again."""
    from assistant.evaluation.run import prepare_examples
    from assistant.followup import resolve_followup

    redo = re.compile(args.redo)
    embedder = None
    for name in args.sets:
        examples, results = _load(args.work, args.old, name)
        assistant, _ = _assistant(name, args.indexes, embedder)
        embedder = assistant.embedder
        again = [
            i
            for i, example in enumerate(examples)
            if (resolved := resolve_followup(example.item.question, example.item.history_turns()))
            != example.prepared.question.text
            or redo.search(resolved)
        ]
        fresh = prepare_examples(assistant, [examples[i].item for i in again], k=5)
        for i, example, result in zip(again, *fresh, strict=True):
            examples[i], results[i] = example, result
        _dump(args.work / f"{args.new}_{name}.pkl", (examples, results))
        print(f"{name}: {len(again)} questions prepared again", flush=True)


# The prepared sets, loaded once in each worker process (by ``_load_sets``), not once per fold; with
# --phrasing-held-out, each set's counts of the question words its evidence says (bench/phrasing_words.py).
_SETS: dict[str, tuple] = {}
_SAID: dict[str, tuple] = {}


def _load_sets(work: Path, tag: str, phrasing_tag: str | None = None) -> None:
    names = ["s13", *DEV_FOLDERS, *FRESH_FOLDERS]
    _SETS.update({name: _load(work, tag, name) for name in names if (work / f"{tag}_{name}.pkl").exists()})
    if phrasing_tag:
        from phrasing_words import said_counts

        _SAID.update(said_counts(work, phrasing_tag, list(_SETS)))


def _phrasing_without(held: list[str]) -> None:
    """The answer check's phrasing factors learned from every set but ``held`` (the shipped table
    is learned from all of them, so a fold would otherwise be judged with its own questions' words)."""
    if not _SAID:
        return
    from phrasing_words import factors

    import assistant.phrasing

    table = factors({name: counts for name, counts in _SAID.items() if name not in held})
    assistant.phrasing._factors = lambda: table


def _fold_job(job: tuple[str, str]):
    from assistant.answer.compose import CHECKS
    from assistant.evaluation.folds import assign_folds
    from assistant.evaluation.run import _answer
    from assistant.evaluation.train import fit_calibrated

    kind, which = job
    _phrasing_without({"fold": ["s13"], "folder": [which], "fresh": FRESH_FOLDERS}[kind])
    s13_examples, s13_results = _SETS["s13"]
    folders = {name: data for name, data in _SETS.items() if name != "s13"}
    fold_of = assign_folds([e.item for e in s13_examples], 5)
    developed = [e for name in DEV_FOLDERS for e in folders[name][0]]
    if kind == "fold":
        train = [e for e in s13_examples if fold_of[e.item.key] != int(which)] + developed
        test = [(e, r) for e, r in zip(s13_examples, s13_results, strict=True) if fold_of[e.item.key] == int(which)]
        groups = ["s13"] * len(test)
    else:
        train = s13_examples + [e for name in DEV_FOLDERS if name != which for e in folders[name][0]]
        names = [which] if kind == "folder" else [n for n in FRESH_FOLDERS if n in folders]
        test = [pair for name in names for pair in zip(*folders[name], strict=True)]
        groups = [name for name in names for _ in folders[name][0]]
    selector = fit_calibrated(train)
    for example, result in test:
        _answer(example, result, selector, CHECKS)
    return [(group, result) for group, (_, result) in zip(groups, test, strict=True)]


def _line(name: str, results: list) -> str:
    from assistant.evaluation.metrics import summarize

    s = summarize(results)
    followups = [x for r in results if r.item.is_followup and (x := r.recall()) is not None]

    def f(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    return (
        f"| {name} | {s.questions} | {f(s.fact_recall)} | {f(s.baseline_recall)} | {f(s.answerable_refused)} | "
        f"{f(s.unanswerable_refused)} | {f(s.hit1)} | {f(s.hitk)} | {f(sum(followups) / len(followups) if followups else None)} | "
        f"{s.unsupported_numbers} |"
    )


def run(args: argparse.Namespace) -> None:
    jobs = [("fold", str(i)) for i in range(5)]
    if not args.folds_only:
        jobs += [("folder", name) for name in DEV_FOLDERS] + [("fresh", "")]
    by_set: dict[str, list] = {}
    with Pool(args.jobs, initializer=_load_sets, initargs=(args.work, args.tag, args.phrasing_held_out)) as pool:
        for answered in pool.imap_unordered(_fold_job, jobs):
            for group, result in answered:
                by_set.setdefault(group, []).append(result)
    if args.save:
        _dump(args.save, by_set)
    print(
        "| set | questions | fact recall | baseline | answerable refused | unanswerable refused | hit@1 | hit@5 | follow-ups | unsupported |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    folders = [r for name in DEV_FOLDERS for r in by_set.get(name, [])]
    print(_line("13 sets", by_set["s13"]))
    if args.folds_only:
        return
    print(_line("development folders", folders))
    print(_line("all", by_set["s13"] + folders))
    for name in DEV_FOLDERS + FRESH_FOLDERS:
        if name in by_set:
            print(_line(name, by_set[name]))


def answered(work: Path, tag: str, sets: list[str]) -> dict[str, list]:
    """Each set's prepared questions answered by the shipped selector (this checkout's), by set."""
    from assistant.answer.compose import CHECKS
    from assistant.answer.selector import Selector
    from assistant.evaluation.run import _answer

    selector = Selector.load()
    by_set = {}
    for name in sets:
        examples, results = _load(work, tag, name)
        for example, result in zip(examples, results, strict=True):
            _answer(example, result, selector, CHECKS)
        by_set[name] = results
    return by_set


def shipped(args: argparse.Namespace) -> None:
    for name, results in answered(args.work, args.tag, args.sets).items():
        print(_line(name, results))


def fit(args: argparse.Namespace) -> None:
    from assistant.evaluation.train import fit_calibrated

    examples = [example for name in args.sets for example in _load(args.work, args.tag, name)[0]]
    selector = fit_calibrated(examples)
    target = args.out or ROOT / "assistant" / "answer" / "selector.json"
    selector.save(target)
    print(
        f"selector fitted on {len(examples)} questions of {len(args.sets)} sets; thresholds refuse<"
        f"{selector.refuse_below} add>={selector.add_above}/{selector.add_relative}; written to {target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/crossval"))
    parser.add_argument("--indexes", type=Path, default=Path("/tmp/crossval/indexes"))
    commands = parser.add_subparsers(dest="command", required=True)
    every = ["s13", *DEV_FOLDERS, *FRESH_FOLDERS]
    p = commands.add_parser("prepare")
    p.add_argument("tag")
    p.add_argument("sets", nargs="*", default=every)
    p = commands.add_parser("reprepare")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("sets", nargs="*", default=every)
    p.add_argument("--redo", default="呢", help="also prepare again the questions this matches (default: 呢)")
    p = commands.add_parser("run")
    p.add_argument("tag")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--folds-only", action="store_true", help="only the 13 sets' five folds (about 10 min here)")
    p.add_argument("--save", type=Path, default=None, help="pickle the answered questions by set (bench/compare.py)")
    p.add_argument(
        "--phrasing-held-out",
        metavar="TAG",
        default=None,
        help="give each fold the answer check's phrasing factors learned from TAG's prepared sets without its own",
    )
    p = commands.add_parser("shipped")
    p.add_argument("tag")
    p.add_argument("sets", nargs="+")
    p = commands.add_parser("fit")
    p.add_argument("tag")
    p.add_argument("sets", nargs="*", default=every)
    p.add_argument("--out", type=Path, default=None, help="where to write it (default: the shipped selector.json)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.indexes.mkdir(parents=True, exist_ok=True)
    commands_run = {"prepare": prepare, "reprepare": reprepare, "run": run, "shipped": shipped, "fit": fit}
    commands_run[args.command](args)


if __name__ == "__main__":
    main()
