"""Fact recall of `assistant eval` on a scanned copy of the bundled corpus against the text copy.

Every .txt of corpus/ is rendered to A4 pages at 150 dpi in a Chinese font (as bench/ocr.py
renders them: 35 characters a line, 32 lines a page, each paragraph indented by two full-width
spaces) and saved as a PDF of images only, with the same stem (``reports/000_….pdf``);
corpus/meta.yaml is copied with its keys renamed. The question sets name their documents by file
name, so a copy of them names the ``.pdf`` instead of the ``.txt``. Both copies are ingested into
fresh indexes and evaluated with the shipped selector (``--folds 0``).

    nice -n 19 .venv/bin/python bench/scanned_eval.py [--keep DIR]

With ``--keep DIR`` a second run reuses DIR's scanned copy and indexes (ingest finds nothing new).

Prints a Markdown table (overall and by question type); raw figures go to bench/results/scanned_eval.json."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from _common import CORPUS, ROOT, load_avg, machine_line, save, table
from ocr_pages import scanned_pdf, text_page

CHARS_PER_LINE = 35  # (1240 - 2 x 90) px / 30 px a character
LINES_PER_PAGE = 32  # (1754 - 2 x 90) px / 48 px a line
SETS = [ROOT / "eval" / "dev.jsonl", ROOT / "eval" / "holdout.jsonl"]
ASSISTANT = [sys.executable, "-m", "assistant.cli"]
_TXT = re.compile(r"\.txt\b")


def pages_of(text: str) -> list[list[str]]:
    """The text wrapped into A4 pages: one printed line per wrap, paragraphs indented."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        if paragraph.strip():
            lines += textwrap.wrap("　　" + paragraph.strip(), CHARS_PER_LINE, replace_whitespace=False)
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]


def scanned_copy(target: Path) -> int:
    """The corpus as scanned PDFs under ``target``; the number of pages rendered."""
    pages = 0
    for path in sorted(CORPUS.rglob("*.txt")):
        relative = path.relative_to(CORPUS)
        rendered = [text_page(lines, height=1754) for lines in pages_of(path.read_text(encoding="utf-8"))]
        out = (target / relative).with_suffix(".pdf")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(scanned_pdf(rendered))
        pages += len(rendered)
    meta = (CORPUS / "meta.yaml").read_text(encoding="utf-8").replace(".txt:", ".pdf:")
    (target / "meta.yaml").write_text(meta, encoding="utf-8")
    return pages


def renamed_sets(folder: Path) -> list[Path]:
    """The question sets naming the scanned .pdf of each .txt document."""
    out = []
    for path in SETS:
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            for key in ("source", "doc"):  # one name, names joined by ';', or a list of names
                value = item.get(key)
                if isinstance(value, str):
                    item[key] = _TXT.sub(".pdf", value)
                elif isinstance(value, list):
                    item[key] = [_TXT.sub(".pdf", v) for v in value]
            rows.append(json.dumps(item, ensure_ascii=False))
        target = folder / path.name
        target.write_text("\n".join(rows) + "\n", encoding="utf-8")
        out.append(target)
    return out


def ingest_and_eval(source: Path, index: Path, sets: list[Path]) -> tuple[dict, float]:
    started = time.perf_counter()
    subprocess.run(
        [*ASSISTANT, "ingest", str(source), "--index", str(index), "--json"], check=True, capture_output=True
    )
    seconds = time.perf_counter() - started
    run = subprocess.run(
        [*ASSISTANT, "eval", *map(str, sets), "--index", str(index), "--folds", "0", "--json", "--failures"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(run.stdout), seconds


def _said(outcome: dict) -> str:
    if outcome["refused"]:
        return f"refused ({outcome.get('reason')})"
    return "missing " + ("、".join(outcome["facts_missing"]) or "nothing")


def recall_differences(text_report: dict, scan_report: dict) -> list[str]:
    """One line per question answered differently on the two copies: its key, type, the facts
    each copy missed (or its refusal) and the failure reasons of the scanned copy."""
    scanned = {q["key"]: q for q in scan_report.get("questions", [])}
    lines = []
    for q in text_report.get("questions", []):
        s = scanned.get(q["key"])
        if s is None:
            continue
        a, b = q["assistant"], s["assistant"]
        if (a["refused"], sorted(a["facts_missing"])) == (b["refused"], sorted(b["facts_missing"])):
            continue
        lines.append(f"{q['key']} [{q['type']}] text: {_said(a)} | scanned: {_said(b)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the copies and indexes here (kept) instead of a temp folder")
    args = parser.parse_args()
    print(machine_line(), f"load {load_avg():.1f}")
    with tempfile.TemporaryDirectory() as temp:
        root = args.keep or Path(temp)
        root.mkdir(parents=True, exist_ok=True)
        scan = root / "scanned"
        started = time.perf_counter()
        if scan.is_dir():  # --keep of an earlier run: its copy and indexes are reused (nothing read again)
            pages = sum(len(pages_of(p.read_text(encoding="utf-8"))) for p in CORPUS.rglob("*.txt"))
        else:
            pages = scanned_copy(scan)
            print(f"rendered {pages} pages in {time.perf_counter() - started:.0f} s")
        text_report, text_seconds = ingest_and_eval(CORPUS, root / "index-text", SETS)
        scan_report, scan_seconds = ingest_and_eval(scan, root / "index-scanned", renamed_sets(root))
    rows = []
    for name, text_s, scan_s in [("all", text_report["overall"], scan_report["overall"])] + [
        (t, text_report["by_type"][t], scan_report["by_type"].get(t, {})) for t in sorted(text_report["by_type"])
    ]:
        rows.append(
            [
                name,
                text_s.get("questions", ""),
                f"{text_s.get('fact_recall') or 0:.3f}",
                f"{scan_s.get('fact_recall') or 0:.3f}",
                f"{(scan_s.get('fact_recall') or 0) - (text_s.get('fact_recall') or 0):+.3f}",
            ]
        )
    print(table(["questions", "n", "fact recall, text copy", "fact recall, scanned copy", "difference"], rows))
    print(f"ingest: text {text_seconds:.0f} s, scanned ({pages} pages) {scan_seconds:.0f} s")
    print("questions whose fact recall differs (text → scanned):")
    for line in recall_differences(text_report, scan_report):
        print("  " + line)
    print("skipped (documents not indexed):", text_report["skipped"], scan_report["skipped"])
    save(
        "scanned_eval",
        {
            "pages": pages,
            "text": text_report,
            "scanned": scan_report,
            "ingest_seconds": {"text": text_seconds, "scanned": scan_seconds},
            "load": load_avg(),
        },
    )


if __name__ == "__main__":
    main()
