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


def prf(rows: list[dict], threshold: float, use_details: bool) -> tuple[float, float, int, int, int]:
    served = [r for r in rows if r["score"] >= threshold and (r["agree"] or not use_details)]
    tp = sum(r["same"] for r in served)
    positives = sum(r["same"] for r in rows)
    precision = tp / len(served) if served else 1.0
    recall = tp / positives if positives else 0.0
    return precision, recall, tp, len(served) - tp, positives


def choose(rows: list[dict], target: float, use_details: bool) -> float:
    best = (-1.0, 1.0)  # (recall, threshold)
    for t in sorted({round(r["score"], 4) for r in rows}):
        precision, recall, *_ = prf(rows, t, use_details)
        if precision >= target and (recall > best[0] or (recall == best[0] and t > best[1])):
            best = (recall, t)
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", type=float, default=0.95, help="precision to reach on the fitting half")
    args = parser.parse_args()
    from assistant.chats.matching import details_agree, similarity
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
                "half": half,
            }
        )
    print(
        f"{len(pairs)} pairs, {len({p['stored'] for p in pairs})} stored questions; embedding {per_question_ms:.1f} ms/question"
    )
    print("| rule | fit on | threshold | precision (held out) | recall (held out) | wrong served / served |")
    print("|---|---|---|---|---|---|")
    report = []
    for use_details in (False, True):
        name = "cosine + details agree" if use_details else "cosine only"
        for fit in (0, 1):
            fitting = [r for r in rows if r["half"] == fit]
            held = [r for r in rows if r["half"] != fit]
            t = choose(fitting, args.precision, use_details)
            precision, recall, tp, fp, positives = prf(held, t, use_details)
            print(
                f"| {name} | half {fit} | {t:.3f} | {precision:.3f} | {recall:.3f} ({tp}/{positives}) | {fp}/{tp + fp} |"
            )
            report.append({"rule": name, "fit": fit, "threshold": t, "precision": precision, "recall": recall})
        t_all = choose(rows, args.precision, use_details)
        precision, recall, tp, fp, positives = prf(rows, t_all, use_details)
        print(
            f"| {name} | all (for the setting) | {t_all:.3f} | {precision:.3f} (in sample) | {recall:.3f} | {fp}/{tp + fp} |"
        )
    for use_details in (True,):
        t = choose(rows, args.precision, use_details)
        wrong = [r for r in rows if r["score"] >= t and r["agree"] and not r["same"]]
        kinds: dict[str, int] = {}
        for r in wrong:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
        missed = [r for r in rows if r["same"] and not (r["score"] >= t and r["agree"])]
        print("near-misses served at", round(t, 3), "by kind:", kinds, "; same questions missed:", len(missed))
        for r in missed[:8]:
            print("  missed", round(r["score"], 3), r["agree"], r["stored"], "|", r["asked"])
        for r in wrong[:8]:
            print("  wrong ", round(r["score"], 3), r["kind"], r["stored"], "|", r["asked"])
    save("curated_threshold", {"precision_target": args.precision, "rows": report})


if __name__ == "__main__":
    main()
