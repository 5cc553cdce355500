"""Which reader for .ofd and .doc/.wps, measured on files made like the tests make them.

    .venv/bin/python bench/ocr_formats.py            # our readers, and antiword/catdoc if installed
    /tmp/easy/bin/python bench/ocr_formats.py --ofd  # easyofd, from a scratch venv that has it
                                                     # (python -m venv /tmp/easy; pip install easyofd
                                                     #  numpy python-docx pydantic-settings defusedxml)

OFD: import time, milliseconds per file, what comes out (lines vs loose text objects) and what
a truncated file and a file missing a page give. Word: which of the outline numbers (Word's own
list numbering), table rows and Chinese text each converter keeps."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _without(data: bytes, name: str) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member in source.namelist():
            if member != name:
                archive.writestr(member, source.read(member))
    return out.getvalue()


def _ofd_files(folder: Path) -> dict[str, Path]:
    from ocr_pages import OFD_PAGES, OFD_TITLE, make_ofd

    data = make_ofd(OFD_PAGES, OFD_TITLE)
    files = {
        "good": data,
        "truncated": data[: len(data) // 2],
        "page missing": _without(data, "Doc_0/Pages/Page_1/Content.xml"),
    }
    paths = {}
    for name, content in files.items():
        paths[name] = folder / f"{name.replace(' ', '_')}.ofd"
        paths[name].write_bytes(content)
    return paths


def _outcome(read, path: Path) -> str:  # type: ignore[no-untyped-def]
    try:
        result = read(path)
    except BaseException as exc:  # what a reader raises on a bad file is what is measured
        return f"{type(exc).__name__}: {str(exc)[:70]}"
    return f"no error, {result}"


def measure_ofd(use_easyofd: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _ofd_files(Path(tmp))
        started = time.perf_counter()
        if use_easyofd:
            easyofd = importlib.import_module("easyofd")
            imported = time.perf_counter() - started

            def read(path: Path) -> str:
                ofd = easyofd.OFD()
                with contextlib.redirect_stdout(io.StringIO()):  # it prints as it parses
                    ofd.read(str(path), fmt="path")
                texts = [t["text"] for doc in ofd.data for page in doc["page_info"].values() for t in page["text_list"]]
                return f"{len(texts)} text objects"

            name = "easyofd"
        else:
            from assistant.ingest.ofd import read_ofd

            imported = time.perf_counter() - started

            def read(path: Path) -> str:
                return f"{len(read_ofd(path, path.read_bytes(), 10**8).text.splitlines())} lines"

            name = "assistant.ingest.ofd"
        runs = 20
        started = time.perf_counter()
        for _ in range(runs):
            good = read(paths["good"])
        per_file = (time.perf_counter() - started) / runs
        print(f"| {name} | {imported:.2f} s | {per_file * 1000:.1f} ms | {good} |", end=" ")
        print(" | ".join(_outcome(read, paths[k]) for k in ("truncated", "page missing")), "|")


def measure_word() -> None:
    from tests.test_ingest_formats import NUMBERED, make_report_docx

    rows = [["街道", "案件数", "处置率"], ["城关街道", "1204", "99.1%"]]
    docx = make_report_docx("XX区城市管理局2023年工作总结", rows, ["全年数字化城管案件处置率达到98.6%。"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "r.docx").write_bytes(docx)
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                str(folder),
                str(folder / "r.docx"),
            ],
            capture_output=True,
            check=True,
        )
        doc = folder / "r.doc"
        print("| converter | outline numbers kept | table row | Chinese | s |")
        print("|---|---|---|---|---|")
        for name in ("libreoffice", "antiword", "catdoc"):
            if name != "libreoffice" and shutil.which(name) is None:
                print(f"| {name} | not installed | | | |")
                continue
            started = time.perf_counter()
            if name == "libreoffice":
                from assistant.ingest.load import load_file

                text = load_file(doc, 10**8).text
            else:
                text = subprocess.run([name, str(doc)], capture_output=True, text=True, check=False).stdout
            seconds = time.perf_counter() - started
            numbers = sum(1 for line in NUMBERED if line in text)
            row = (
                "as a record" if "街道：城关街道；案件数：1204" in text else ("cells" if "城关街道" in text else "lost")
            )
            chinese = "yes" if "数字化城管案件处置率达到98.6%" in text else "no"
            print(f"| {name} | {numbers} of {len(NUMBERED)} | {row} | {chinese} | {seconds:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ofd", action="store_true", help="only the OFD table, read with easyofd")
    args = parser.parse_args()
    print("| OFD reader | import | per file | good file | truncated | page missing |")
    print("|---|---|---|---|---|---|")
    measure_ofd(use_easyofd=args.ofd)
    if not args.ofd:
        print()
        measure_word()


if __name__ == "__main__":
    main()
