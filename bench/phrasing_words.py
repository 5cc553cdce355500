"""Question words the answers' evidence does not say: how staff ask, not what the documents write.

    python bench/phrasing_words.py TAG SET ... [--work DIR] [--out PATH]

For every answerable question prepared by ``bench/crossval.py prepare TAG`` (its labelled evidence
sentences known), each keyword counts as said when an evidence sentence, its heading path or its
document's title says it in one of its forms or shortened (as ``coverage`` credits it). A word asked
in at least MIN_QUESTIONS questions of MIN_SETS sets whose evidence says it less often than words
do on the whole gets its smoothed share of that rate as a factor on its weight in the answer check
(负责 of 谁负责 is said by a table's column, not its row): ``word<TAB>factor`` lines, rarest-said first."""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIN_QUESTIONS = 5
MIN_SETS = 4
PRIOR_QUESTIONS = 4.0  # the smoothing: as if each word had been asked this often at the overall rate


# Per set: how often each keyword was asked, and how often the evidence said it.
SetCounts = tuple[Counter[str], Counter[str]]


def said_counts(work: Path, tag: str, sets: list[str]) -> dict[str, SetCounts]:
    from assistant.answer.features import abbreviates, says
    from assistant.corpus_view import UNSAID_WEIGHT
    from assistant.text import compact

    counts: dict[str, SetCounts] = {}
    for name in sets:
        asked: Counter[str] = Counter()
        said: Counter[str] = Counter()
        with (work / f"{tag}_{name}.pkl").open("rb") as fh:
            examples, _ = pickle.load(fh)
        for example in examples:
            prepared = example.prepared
            evidence = [c for c, label in zip(prepared.candidates, example.labels, strict=True) if label]
            if not example.item.answerable or not evidence:
                continue
            text = compact(
                " ".join(f"{prepared.profiles[c.doc_id].title} {c.context()} {c.header} {c.text}" for c in evidence)
            )
            for word in prepared.question.keywords:
                asked[word] += 1
                unsaid = prepared.context.weights.get(word) == UNSAID_WEIGHT
                said[word] += says(text, word) or abbreviates(word, text, unsaid=unsaid)
        counts[name] = (asked, said)
    return counts


def factors(counts: dict[str, SetCounts]) -> dict[str, float]:
    asked: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for set_asked, set_said in counts.values():
        asked.update(set_asked)
        said.update(set_said)
    overall = sum(said.values()) / max(1, sum(asked.values()))
    out: dict[str, float] = {}
    for word, n in asked.items():
        if n < MIN_QUESTIONS or sum(1 for set_asked, _ in counts.values() if word in set_asked) < MIN_SETS:
            continue
        rate = (said[word] + PRIOR_QUESTIONS * overall) / (n + PRIOR_QUESTIONS)
        if rate < overall:
            out[word] = round(rate / overall, 3)
    return dict(sorted(out.items(), key=lambda item: (item[1], item[0])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tag")
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--work", type=Path, default=Path("/tmp/crossval"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    found = factors(said_counts(args.work, args.tag, args.sets))
    lines = [f"{word}\t{factor}" for word, factor in found.items()]
    if args.out is None:
        print("\n".join(lines))
    else:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
