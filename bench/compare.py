"""Two preparations of the same sets compared question by question, as the shipped selector answers them.

    python bench/compare.py OLD NEW SET ...            # tags prepared by bench/crossval.py (prepare / reprepare)
    python bench/compare.py OLD NEW SET ... --show     # … and each question whose answer changed (not for sealed sets)
    python bench/compare.py OLD NEW SET ... --save B.pkl  # … and NEW's answers kept, to compare with another checkout's
    python bench/compare.py --results A.pkl B.pkl      # two answered runs (--save here, or ``crossval.py run … --save``)

Prints the pooled figures of each side, how many questions gained or lost fact recall, hit@1 and a refusal, and
the sets where anything moved. ``--show`` prints the questions themselves, so never use it on a sealed set."""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crossval import _line, answered

from assistant.evaluation.metrics import QuestionResult


def _saved(path: Path) -> dict[str, list[QuestionResult]]:
    with path.open("rb") as fh:
        saved: dict[str, list[QuestionResult]] = pickle.load(fh)
    return saved


def _moves(old: QuestionResult, new: QuestionResult) -> Counter[str]:
    """What moved for one question: fact recall, hit@1, refusal of an answerable or unanswerable one."""
    moved: Counter[str] = Counter()
    before, after = old.recall(), new.recall()
    if before is not None and after is not None and abs(after - before) > 1e-9:
        moved["better" if after > before else "worse"] += 1
    if old.item.evidence and (old.rank == 1) != (new.rank == 1):
        moved["hit@1 +" if new.rank == 1 else "hit@1 −"] += 1
    if old.assistant.refused != new.assistant.refused:
        kind = "answerable" if old.item.answerable else "unanswerable"
        moved[f"{kind} {'refused' if new.assistant.refused else 'answered'}"] += 1
    return moved


def _show(name: str, old: QuestionResult, new: QuestionResult) -> None:
    item = old.item
    print(f"\n### {name} {item.key} ({item.type}{'' if item.answerable else ', unanswerable'}): {item.question}")
    for side, result in (("old", old), ("new", new)):
        outcome = result.assistant
        text = "REFUSED " + outcome.reason if outcome.refused else outcome.answer.replace("\n", " ")[:300]
        print(f"- {side} recall {result.recall()} rank {result.rank}: {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", nargs="?")
    parser.add_argument("new", nargs="?")
    parser.add_argument("sets", nargs="*")
    parser.add_argument("--work", type=Path, default=Path("/tmp/crossval"))
    parser.add_argument("--results", nargs=2, type=Path, metavar=("A", "B"), default=None)
    parser.add_argument("--save", type=Path, default=None, help="pickle NEW's answered questions (for --results)")
    parser.add_argument("--show", action="store_true", help="print each changed question (never on sealed sets)")
    args = parser.parse_args()
    if args.results:
        old_sets, new_sets = _saved(args.results[0]), _saved(args.results[1])
    else:
        old_sets, new_sets = answered(args.work, args.old, args.sets), answered(args.work, args.new, args.sets)
    if args.save:
        with args.save.open("wb") as fh:
            pickle.dump(new_sets, fh)
    total: Counter[str] = Counter()
    print(
        "| set | questions | fact recall | baseline | answerable refused | unanswerable refused | hit@1 | hit@5 | follow-ups | unsupported |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(_line("old", [r for results in old_sets.values() for r in results]))
    print(_line("new", [r for results in new_sets.values() for r in results]))
    print()
    for name, olds in old_sets.items():
        by_key = {r.item.key: r for r in new_sets[name]}
        moved: Counter[str] = Counter()
        for old in olds:
            new = by_key[old.item.key]
            step = _moves(old, new)
            if step and args.show:
                _show(name, old, new)
            moved += step
        if moved:
            print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(moved.items())))
        total += moved
    print("\nall: " + (", ".join(f"{k} {v}" for k, v in sorted(total.items())) or "nothing moved"))


if __name__ == "__main__":
    main()
