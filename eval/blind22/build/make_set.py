#!/usr/bin/env python3
"""Write questions.jsonl, followups.jsonl and the PROBES block of validate.py
from items.py. Questions are shuffled with seed 2222, follow-ups with 3222.
Also writes build/idmap.tsv (tag -> id) for the README."""
import json
import os
import random
import re

import items

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
D = items.DOC

qs = list(items.Q)
random.Random(2222).shuffle(qs)
fs = list(items.F)
random.Random(3222).shuffle(fs)

probes = {}
idmap = []
with open(os.path.join(ROOT, "questions.jsonl"), "w", encoding="utf-8") as fh:
    for i, q in enumerate(qs, 1):
        qid = f"t{i:03d}"
        row = dict(id=qid, question=q["question"], answer=q["answer"], must_contain=q["must_contain"],
                   doc=D[q["doc"]], evidence=q["evidence"], type=q["type"])
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        idmap.append((q["tag"], qid, q["type"], q.get("kind", ""), D[q["doc"]][:3]))
        if q["type"] == "unanswerable":
            probes[qid] = (q["kind"], q["probes"])
with open(os.path.join(ROOT, "followups.jsonl"), "w", encoding="utf-8") as fh:
    for i, f in enumerate(fs, 1):
        fid = f"w{i:02d}"
        row = dict(id=fid, history=f["history"], question=f["question"], answer=f["answer"],
                   must_contain=f["must_contain"], doc=D[f["doc"]], evidence=f["evidence"], type="followup")
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        idmap.append((f["tag"], fid, "followup", f.get("kind", ""), D[f["doc"]][:3]))
        if "kind" in f:
            probes[fid] = (f["kind"], f["probes"])

lines = ["PROBES = {"]
for k in sorted(probes):
    kind, pr = probes[k]
    lines.append(f"    {k!r}: (")
    lines.append(f"        {kind!r},")
    lines.append("        [")
    for scope, rx in pr:
        lines.append(f"            ({scope!r}, {rx!r}),")
    lines.append("        ],")
    lines.append("    ),")
lines.append("}")
block = "\n".join(lines)
vp = os.path.join(ROOT, "validate.py")
src = open(vp, encoding="utf-8").read()
src = re.sub(r"# BEGIN PROBES\n.*?# END PROBES", lambda m: "# BEGIN PROBES\n" + block + "\n# END PROBES", src, flags=re.S)
open(vp, "w", encoding="utf-8").write(src)
with open(os.path.join(HERE, "idmap.tsv"), "w", encoding="utf-8") as fh:
    for row in idmap:
        fh.write("\t".join(row) + "\n")
