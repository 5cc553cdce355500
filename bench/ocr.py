"""OCR on this machine: character error rate on report pages rendered in a Chinese font (the
bundled corpus and ../shared/devcorpus), seconds per page, and ingest throughput of a scanned
report of N pages (a PDF of images only) against the same report as text.

    .venv/bin/python bench/ocr.py [--pages-per-corpus 6] [--scanned-pages 50]

Prints Markdown tables; raw figures go to bench/results/ocr.json."""

from __future__ import annotations

import argparse
import difflib
import re
import tempfile
import textwrap
import time
import unicodedata
from collections import Counter
from pathlib import Path

from _common import CORPUS, ROOT, load_avg, machine_line, save, table
from ocr_pages import scanned_pdf, text_page

from assistant.ingest.ocr import reading_order, recognise

DEVCORPUS = ROOT.parent / "shared" / "devcorpus"
LINES_PER_PAGE = 32  # (1754 - 2 x 90) px / 48 px a line
CHARS_PER_LINE = 35  # (1240 - 2 x 90) px / 30 px a character
_SPACE = re.compile(r"\s+")


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _comparable(text: str) -> str:
    """NFKC (full-width and ASCII punctuation are one character) without whitespace: the page's
    layout and the width of its commas are not what is measured."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def a4_lines(lines: list[str]) -> list[str]:
    """As many lines, wrapped at the page width, as fill one A4 page at 150 dpi."""
    wrapped = [piece for line in lines for piece in textwrap.wrap(line, CHARS_PER_LINE)]
    return wrapped[:LINES_PER_PAGE]


def page_texts(folder: Path, count: int) -> list[tuple[str, list[str]]]:
    """The first A4 page of ``count`` files spread over the folder."""
    files = sorted(folder.rglob("*.txt"))
    step = max(1, len(files) // count)
    pages = []
    for path in files[::step][:count]:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        pages.append((path.name, a4_lines(lines)))
    return pages


def measure_cer(name: str, pages: list[tuple[str, list[str]]]) -> dict[str, float]:
    errors = chars = 0
    seconds = cpu = 0.0
    confusions: Counter[str] = Counter()
    for _file, lines in pages:
        image = text_page(lines)
        started, started_cpu = time.perf_counter(), time.process_time()
        text = "\n".join(reading_order(recognise(image)))
        seconds += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        truth, read = _comparable("".join(lines)), _comparable(text)
        errors += edit_distance(read, truth)
        chars += len(truth)
        for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, truth, read, autojunk=False).get_opcodes():
            if op != "equal":
                confusions[f"{truth[a0:a1]}→{read[b0:b1]}"] += 1
    return {
        "corpus": name,
        "pages": len(pages),
        "chars": chars,
        "cer": errors / max(1, chars),
        "seconds_per_page": seconds / max(1, len(pages)),
        "cpu_seconds_per_page": cpu / max(1, len(pages)),
        "confusions": confusions.most_common(15),
    }


def measure_scanned(pages: int) -> dict[str, float]:
    """``assistant ingest`` of a scanned report of ``pages`` pages vs. the same text as a .txt."""
    from assistant.index.build import ingest
    from assistant.index.embed import Embedder
    from assistant.settings import Settings

    texts = [ln for path in sorted((CORPUS / "reports").glob("*.txt")) for ln in path.read_text().splitlines()]
    texts = [piece for ln in texts if ln.strip() for piece in textwrap.wrap(ln.strip(), CHARS_PER_LINE)]
    chunks = [texts[(i * LINES_PER_PAGE) % len(texts) :][:LINES_PER_PAGE] for i in range(pages)]
    embedder = Embedder(Settings())
    result: dict[str, float] = {"pages": pages}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "scan").mkdir()
        (root / "text").mkdir()
        (root / "scan" / "report.pdf").write_bytes(scanned_pdf([text_page(c, height=1754) for c in chunks]))
        (root / "text" / "report.txt").write_text("\n".join(ln for c in chunks for ln in c), encoding="utf-8")
        result["pdf_mb"] = (root / "scan" / "report.pdf").stat().st_size / 1e6
        for kind in ("scan", "text"):
            settings = Settings(index_dir=root / f"index-{kind}")
            started, started_cpu = time.perf_counter(), time.process_time()
            report = ingest([root / kind], settings, embedder)
            result[f"{kind}_seconds"] = time.perf_counter() - started
            result[f"{kind}_cpu_seconds"] = time.process_time() - started_cpu
            result[f"{kind}_passages"] = report.passages
    result["pages_per_minute"] = 60 * pages / result["scan_seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages-per-corpus", type=int, default=6)
    parser.add_argument("--scanned-pages", type=int, default=50)
    args = parser.parse_args()
    print(machine_line(), f"load {load_avg():.1f}")
    recognise(text_page(["预热"]))  # the models load once (about 1.5 s), outside the figures
    results = []
    if args.pages_per_corpus:
        results.append(measure_cer("bundled corpus", page_texts(CORPUS / "reports", args.pages_per_corpus)))
    if args.pages_per_corpus and DEVCORPUS.is_dir():
        results.append(measure_cer("shared/devcorpus", page_texts(DEVCORPUS, args.pages_per_corpus)))
    print(
        table(
            ["pages rendered from", "pages", "characters", "CER", "s / page (wall)", "CPU s / page"],
            [
                [
                    r["corpus"],
                    r["pages"],
                    r["chars"],
                    f"{100 * r['cer']:.2f} %",
                    f"{r['seconds_per_page']:.1f}",
                    f"{r['cpu_seconds_per_page']:.1f}",
                ]
                for r in results
            ],
        )
    )
    scanned = measure_scanned(args.scanned_pages) if args.scanned_pages else {}
    if scanned:
        print(
            table(
                ["assistant ingest of", "wall", "CPU", "pages / min", "passages"],
                [
                    [
                        f"a scanned report, {scanned['pages']} A4 pages at 150 dpi ({scanned['pdf_mb']:.1f} MB)",
                        f"{scanned['scan_seconds']:.0f} s",
                        f"{scanned['scan_cpu_seconds']:.0f} s",
                        f"{scanned['pages_per_minute']:.1f}",
                        scanned["scan_passages"],
                    ],
                    [
                        "the same text as a .txt",
                        f"{scanned['text_seconds']:.1f} s",
                        f"{scanned['text_cpu_seconds']:.1f} s",
                        "",
                        scanned["text_passages"],
                    ],
                ],
            )
        )
    for r in results:
        print(f"most frequent differences ({r['corpus']}):", ", ".join(f"{k} ×{n}" for k, n in r["confusions"][:10]))
    save("ocr", {"cer": results, "scanned": scanned, "load": load_avg()})


if __name__ == "__main__":
    main()
