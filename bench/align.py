"""Aligning a written answer to passages: character-bigram overlap (answer/align.py) against
the embedding model's cosine, in one run on the same sentences.

The written answers are the human reference answers of the devcorpus question sets (paraphrases,
as an LLM writes them). For each answerable question whose top passages (the selector's order,
as the LLM reads them) hold its evidence, each sentence of the reference answer is aligned to
the best passage by each method; a sentence counts as right when that passage holds evidence.

    .venv/bin/python bench/align.py --index /tmp/llm_idx [--passages 4] [--limit 80] SETS...

Prints a Markdown table (share right, ms per sentence, ratio) and writes bench/results/align.json."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from assistant.answer.align import overlap, split_sentences
from assistant.answer.render import cited_text
from assistant.evaluation.metrics import evidence_rank
from assistant.evaluation.sets import QuestionBank
from assistant.service import Assistant
from assistant.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=4)
    parser.add_argument("--limit", type=int, default=80, help="questions (the first of the sets)")
    args = parser.parse_args()
    assistant = Assistant(Settings(index_dir=args.index))
    answers = {
        row["question"]: row["answer"]
        for path in args.sets
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and (row := json.loads(line)).get("answer")
    }
    bank = QuestionBank.load(args.sets).questions
    questions = [q for q in bank if q.answerable and q.evidence and q.question in answers][: args.limit]
    right = {"bigram": 0, "embedding": 0}
    seconds = {"bigram": 0.0, "embedding": 0.0}
    sentences = 0
    for item in questions:
        hits = assistant.search(item.question, k=args.passages)
        if evidence_rank(hits, item.evidence) is None:
            continue
        holds = [evidence_rank([h], item.evidence) == 1 for h in hits]
        texts = [cited_text(h) for h in hits]
        t0 = time.perf_counter()
        vectors = assistant.embedder.encode_passages(texts)  # once per answer: its passages are new each time
        seconds["embedding"] += time.perf_counter() - t0
        for sentence in split_sentences(answers[item.question], len(hits)):
            sentences += 1
            t0 = time.perf_counter()
            best = int(np.argmax([overlap(sentence.text, t) for t in texts]))
            seconds["bigram"] += time.perf_counter() - t0
            right["bigram"] += holds[best]
            t0 = time.perf_counter()
            best = int(np.argmax(vectors @ assistant.embedder.encode_query(sentence.text)))
            seconds["embedding"] += time.perf_counter() - t0
            right["embedding"] += holds[best]
    load = os.getloadavg()[0]
    print(f"{sentences} reference-answer sentences, {args.passages} passages each, load average {load:.1f}\n")
    print("| method | passage with evidence | ms per sentence | time vs bigram |")
    print("|---|---|---|---|")
    for name in ("bigram", "embedding"):
        ms = 1000 * seconds[name] / max(1, sentences)
        ratio = seconds[name] / max(seconds["bigram"], 1e-9)
        print(f"| {name} | {right[name] / max(1, sentences):.3f} | {ms:.2f} | {ratio:.0f}x |")
    out = Path("bench/results/align.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"sentences": sentences, "right": right, "seconds": seconds, "load": load}, indent=1))


if __name__ == "__main__":
    main()
