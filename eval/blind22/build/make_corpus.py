#!/usr/bin/env python3
"""Build corpus/ from build/src/. Documents whose first line is #WRAP get hard
line breaks every 25-40 characters (random widths, seed 2222, one generator
for the whole run in file order). A ¦ in a source forces a line break."""
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
OUT = os.path.join(os.path.dirname(HERE), "corpus")
rng = random.Random(2222)


def wrap_line(line):
    if len(line) <= 40:
        return [line]
    out, i = [], 0
    while len(line) - i > 40:
        w = rng.randint(25, 40)
        out.append(line[i:i + w])
        i += w
    out.append(line[i:])
    return out


for name in sorted(os.listdir(SRC)):
    if not name.endswith(".txt"):
        continue
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    wrap = lines and lines[0].strip() == "#WRAP"
    if wrap:
        lines = lines[1:]
    out = []
    for line in lines:
        parts = line.split("¦")
        if wrap:
            joined = "".join(parts)
            pieces = wrap_line(joined)
            # forced breaks: re-insert at the ¦ position if the random wrap missed it
            if len(parts) > 1:
                pos = len(parts[0])
                flat, acc = [], 0
                for p in pieces:
                    if acc < pos < acc + len(p):
                        flat += [p[:pos - acc], p[pos - acc:]]
                    else:
                        flat.append(p)
                    acc += len(p)
                pieces = flat
            out += pieces
        else:
            out += parts
    text = "\n".join(out).rstrip("\n") + "\n"
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as fh:
        fh.write(text)
    n = len(re.sub(r"\s+", "", text))
    print(f"{name}\t{n}")
