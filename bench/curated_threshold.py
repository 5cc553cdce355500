"""The curated-answer threshold (issue 14): when a later question gets the answer an editor
wrote for an earlier one. On eval/paraphrases/pairs.jsonl (stored question, asked question,
same or not), the cosine similarity of the two questions' embeddings, alone and together with
the details check of assistant/chats/matching.py (years, months, quarters, halves, places,
numbers agree). The threshold is chosen on half of the stored questions (the lowest with
precision >= the target there; ties: the higher recall) and precision / recall of "serve the
curated answer" are reported on the other half, split by stored question, both ways round.

    .venv/bin/python bench/curated_threshold.py [--precision 0.95]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time

from _common import ROOT, save

PAIRS = ROOT / "eval" / "paraphrases" / "pairs.jsonl"


RULES = {
    "cosine only": lambda r: True,
    "cosine + details agree": lambda r: r["agree"],
    "cosine + details + words agree": lambda r: r["agree"] and r["words"],
}
CURVE = (0.85, 0.90, 0.93, 0.95, 0.96, 0.97, 0.98, 0.985, 0.99, 0.995)


def prf(rows: list[dict], threshold: float, rule: str) -> tuple[float, float, int, int, int]:
    served = [r for r in rows if r["score"] >= threshold and RULES[rule](r)]
    tp = sum(r["same"] for r in served)
    positives = sum(r["same"] for r in rows)
    precision = tp / len(served) if served else 1.0
    recall = tp / positives if positives else 0.0
    return precision, recall, tp, len(served) - tp, positives


def choose(rows: list[dict], target: float, rule: str) -> float:
    best = (-1.0, 1.0)  # (recall, threshold)
    for t in sorted({round(r["score"], 4) for r in rows}):
        precision, recall, *_ = prf(rows, t, rule)
        if precision >= target and (recall > best[0] or (recall == best[0] and t > best[1])):
            best = (recall, t)
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", type=float, default=0.95, help="precision to reach on the fitting half")
    args = parser.parse_args()
    from assistant.chats.matching import details_agree, similarity, words_agree
    from assistant.index.embed import Embedder
    from assistant.settings import Settings

    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    embedder = Embedder(Settings())
    texts = sorted({p["stored"] for p in pairs} | {p["asked"] for p in pairs})
    started = time.perf_counter()
    vectors = {t: embedder.encode_query(t) for t in texts}
    per_question_ms = (time.perf_counter() - started) / len(texts) * 1000
    rows = []
    for p in pairs:
        half = int(hashlib.sha1(p["stored"].encode()).hexdigest(), 16) % 2
        rows.append(
            {
                **p,
                "score": similarity(vectors[p["stored"]], vectors[p["asked"]]),
                "agree": details_agree(p["stored"], p["asked"]),
                "words": words_agree(p["stored"], p["asked"]),
                "half": half,
            }
        )
    print(
        f"{len(pairs)} pairs, {len({p['stored'] for p in pairs})} stored questions; embedding {per_question_ms:.1f} ms/question"
    )
    print("| rule | fit on | threshold | precision (held out) | recall (held out) | wrong served / served |")
    print("|---|---|---|---|---|---|")
    report = []
    for rule in RULES:
        for fit in (0, 1):
            fitting = [r for r in rows if r["half"] == fit]
            held = [r for r in rows if r["half"] != fit]
            t = choose(fitting, args.precision, rule)
            precision, recall, tp, fp, positives = prf(held, t, rule)
            print(
                f"| {rule} | half {fit} | {t:.3f} | {precision:.3f} | {recall:.3f} ({tp}/{positives}) | {fp}/{tp + fp} |"
            )
            report.append({"rule": rule, "fit": fit, "threshold": t, "precision": precision, "recall": recall})
    print()
    print("| rule | threshold | precision (all pairs) | recall | near-misses served, by kind |")
    print("|---|---|---|---|---|")
    for rule in RULES:
        for t in CURVE:
            precision, recall, tp, fp, _ = prf(rows, t, rule)
            kinds: dict[str, int] = {}
            for r in rows:
                if r["score"] >= t and RULES[rule](r) and not r["same"]:
                    kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
            named = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) or "none"
            print(f"| {rule} | {t:.3f} | {precision:.3f} ({fp} wrong of {tp + fp}) | {recall:.3f} | {named} |")
            report.append({"rule": rule, "curve": t, "precision": precision, "recall": recall, "kinds": kinds})
    save("curated_threshold", {"precision_target": args.precision, "rows": report})


if __name__ == "__main__":
    main()
