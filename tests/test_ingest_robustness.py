"""Bad, hostile and unusual files on disk, ingested with the real model into a real index.

Every test starts from a copy of one index that already holds a real report (the one
with "数字化案件处置率 … 99.18％"), ingests a folder holding the file under test next to
a good companion report, and then checks four things:

* the bad file is in ``report.skipped``, named, with a reason that says why;
* the companion in the same run was indexed and is found by search;
* the previously indexed report is still there and found by search;
* the index on disk is complete and consistent (it loads; counts agree).

Files that are unusual but fine (GB18030, UTF-16, Big5, odd names, .docx tables, a
Chinese text-layer PDF) must instead be decoded correctly and be searchable."""

from __future__ import annotations

import io
import os
import random
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

from assistant.index import build
from assistant.index.build import IngestReport, ingest
from assistant.index.store import EmbeddedStore
from assistant.retrieve.search import Retriever
from assistant.settings import Settings
from tests.conftest import CORPUS, make_settings

KNOWN_REPORT = next((CORPUS / "reports").glob("003_*.txt"))
KNOWN_QUERY, KNOWN_ANSWER = "数字化案件处置率", "99.18％"

COMPANION = "某县城管局2025年上半年工作总结\n一、市容整治\n上半年共清理占道经营4321处，拆除违建17处。"
COMPANION_QUERY, COMPANION_ANSWER = "清理占道经营多少处", "4321处"


# ---------------------------------------------------------------------------------------------
# Helpers: the shared base index, a run of ingest, checks on the result.


@pytest.fixture(scope="module")
def base_index(tmp_path_factory, embedder) -> Path:
    """An index holding the known report, built once; each test works on a copy."""
    root = tmp_path_factory.mktemp("robust-base")
    (root / "base").mkdir()
    shutil.copy(KNOWN_REPORT, root / "base" / KNOWN_REPORT.name)
    report = ingest([root / "base"], make_settings(root / "index"), embedder)
    assert report.added and not report.skipped
    return root / "index"


def fresh_settings(tmp_path: Path, base_index: Path, **overrides) -> Settings:
    shutil.copytree(base_index, tmp_path / "index")
    return make_settings(tmp_path / "index", **overrides)


def run(
    tmp_path: Path, base_index: Path, embedder, files: dict[str, bytes], companion: bool = True, **overrides
) -> tuple[IngestReport, Settings]:
    """Write ``files`` (plus the companion) into a folder and ingest it onto a copy of the base index."""
    settings = fresh_settings(tmp_path, base_index, **overrides)
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    if companion:
        (folder / "companion.txt").write_text(COMPANION, encoding="utf-8")
    return ingest([folder], settings, embedder), settings


def skipped_reason(report: IngestReport, name: str) -> str:
    """The reason ``name`` was skipped (fails if it was not). The entry names the file."""
    found = [(path, reason) for path, reason in report.skipped if Path(path).name == name]
    assert found, f"{name} not in skipped: {report.skipped}"
    path, reason = found[0]
    assert reason and name in f"{path}: {reason}"
    return reason


def search(settings: Settings, embedder, query: str, k: int = 5):
    store = EmbeddedStore.open_current(settings.index_dir)
    store.check_model(embedder.identity)
    return Retriever(store, embedder, settings).search(query, k=k)


def found(settings: Settings, embedder, query: str, answer: str, k: int = 5) -> bool:
    return any(answer in hit.chunk.text for hit in search(settings, embedder, query, k))


def assert_healthy(settings: Settings, embedder, *, companion: bool = True) -> EmbeddedStore:
    """The index loads, its parts agree, old content and (if given) the companion are found."""
    store = EmbeddedStore.open_current(settings.index_dir)
    manifest = store.manifest
    assert store.count() == manifest["passages"] == store._faiss.ntotal
    documents = store.documents()
    assert len(documents) == manifest["documents"]
    assert sum(d.passages for d in documents) == store.count()
    assert found(settings, embedder, KNOWN_QUERY, KNOWN_ANSWER), "previously indexed report lost"
    if companion:
        assert found(settings, embedder, COMPANION_QUERY, COMPANION_ANSWER), "companion file not indexed"
    return store


def check_refused(tmp_path, base_index, embedder, name: str, data: bytes, *phrases: str, **overrides) -> str:
    report, settings = run(tmp_path, base_index, embedder, {name: data}, **overrides)
    reason = skipped_reason(report, name)
    for phrase in phrases:
        assert phrase in reason, reason
    assert any(key.endswith("companion.txt") for key in report.added)
    assert not any(key.endswith(name) for key in report.added + report.updated)
    assert_healthy(settings, embedder)
    return reason


# ---------------------------------------------------------------------------------------------
# Builders of real files.


def make_docx(table: bool = True) -> bytes:
    """A real .docx (python-docx): paragraphs and a criteria table with merged cells."""
    import docx

    document = docx.Document()
    document.core_properties.title = "XX市文明城市测评细则"
    document.add_paragraph("XX市文明城市测评细则")
    document.add_paragraph("一、测评说明")
    document.add_paragraph("本细则用于2024年度文明城市实地考察，满分100分。")
    if table:
        grid = document.add_table(rows=4, cols=3)
        for column, header in enumerate(["测评项目", "测评内容", "分值"]):
            grid.cell(0, column).text = header
        grid.cell(1, 0).text = "公共环境"
        grid.cell(1, 1).text = "主次干道整洁，无暴露垃圾"
        grid.cell(1, 2).text = "5"
        grid.cell(2, 1).text = "农贸市场规范经营，无占道经营"
        grid.cell(2, 2).text = "3"
        grid.cell(1, 0).merge(grid.cell(2, 0))  # 公共环境 spans two rows (vertical merge)
        grid.cell(3, 0).text = "公共秩序"
        grid.cell(3, 1).text = "交通路口秩序良好，非机动车停放有序"
        grid.cell(3, 1).merge(grid.cell(3, 2))  # a horizontal merge
    document.add_paragraph("二、结果运用")
    document.add_paragraph("测评结果纳入年度文明单位考核。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(pages: list[list[str]], title: str = "") -> bytes:
    """A minimal hand-written PDF whose text layer holds ``pages`` (lines of BMP text, Chinese included).

    The font is a Type0/Identity-H font whose CIDs are the Unicode code points, with a
    ToUnicode CMap saying so. No glyphs are embedded (a viewer shows boxes), but the text
    layer -- all that ingest reads -- is exact. Nothing needs to be installed."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> /DW 1000 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, tounicode)
    )
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for lines in pages:
        ops = [b"BT /F1 12 Tf 14 TL 50 800 Td"]
        ops += [b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*" for line in lines]
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, content)
            )
        )
    kid_refs = b" ".join(b"%d 0 R" % k for k in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))) == pages_id
    info = add(b"<< /Title <FEFF" + title.encode("utf-16-be").hex().upper().encode() + b"> >>")
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


PDF_PAGES = [
    [
        "XX区城管局2024年数字化城管工作总结",
        "一、数字化城管案件办理",
        "全年立案12345件，结案率98.76％，群众满意度明显提升。",
    ],
    ["二、市容环境整治", "清理违规小广告6789处，规范店外经营1024户。", "第2页"],
    ["三、下步工作计划", "推进智慧城管平台二期建设。", "第3页"],
]

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Files that must be refused, each with its reason; the rest of the run and the index unharmed.


def test_empty_file(tmp_path, base_index, embedder):
    check_refused(tmp_path, base_index, embedder, "empty.txt", b"", "empty file")


def test_binary_renamed_txt(tmp_path, base_index, embedder):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + random.Random(1).randbytes(4000)
    check_refused(tmp_path, base_index, embedder, "photo.txt", png, "binary content", "not a text file")


def test_random_bytes_without_nul_are_refused_as_undecodable(tmp_path, base_index, embedder):
    noise = bytes(b or 1 for b in random.Random(7).randbytes(6000))
    check_refused(tmp_path, base_index, embedder, "noise.txt", noise, "encoding")


def test_mixed_utf8_and_gbk_text_is_refused_not_garbled(tmp_path, base_index, embedder):
    text = KNOWN_REPORT.read_text(encoding="utf-8")
    data = text[:2000].encode("utf-8") + text[2000:4000].encode("gbk")
    check_refused(tmp_path, base_index, embedder, "mixed.txt", data, "mixed text encoding")


def test_truncated_docx(tmp_path, base_index, embedder):
    data = make_docx()
    check_refused(tmp_path, base_index, embedder, "cut.docx", data[: len(data) // 2], "not a valid .docx", "truncated")


def test_password_protected_or_ole_docx(tmp_path, base_index, embedder):
    data = OLE_SIGNATURE + bytes(504) + random.Random(3).randbytes(8000)
    check_refused(tmp_path, base_index, embedder, "加密文件.docx", data, "password-protected", "not a .docx")


def test_zip_that_is_not_a_word_file(tmp_path, base_index, embedder):
    data = zip_bytes({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"})
    check_refused(tmp_path, base_index, embedder, "workbook.docx", data, "word/document.xml missing")


def test_zip_bomb_docx_over_the_limit(tmp_path, base_index, embedder):
    """A 20 KB archive that expands to 20 MB against a 1 MB file limit (10× allowed)."""
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (20 << 20)})
    assert len(data) < 100_000
    check_refused(tmp_path, base_index, embedder, "bomb.docx", data, "zip bomb", "20.0 MB", max_file_bytes=1 << 20)


def test_zip_bomb_docx_by_ratio_with_default_limit(tmp_path, base_index, embedder):
    """Under the default 50 MB limit: 60 MB from ~60 KB (ratio > 200) is refused before unpacking."""
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(60 << 20)})
    check_refused(tmp_path, base_index, embedder, "ratio-bomb.docx", data, "zip bomb")


def test_truncated_pdf(tmp_path, base_index, embedder):
    data = make_pdf(PDF_PAGES)
    check_refused(tmp_path, base_index, embedder, "cut.pdf", data[: len(data) // 2], "damaged PDF")


def test_pdf_with_wrong_header(tmp_path, base_index, embedder):
    data = b"<html><body>not a pdf</body></html>" + make_pdf(PDF_PAGES)[8:]
    check_refused(tmp_path, base_index, embedder, "renamed.pdf", data, "not a PDF", "no %PDF header")


def test_password_protected_pdf(tmp_path, base_index, embedder):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PDF_PAGES))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    check_refused(tmp_path, base_index, embedder, "locked.pdf", out.getvalue(), "password-protected PDF")


def test_pdf_without_text_layer(tmp_path, base_index, embedder):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    check_refused(tmp_path, base_index, embedder, "scan.pdf", out.getvalue(), "no text layer", "OCR")


def test_file_over_the_size_limit(tmp_path, base_index, embedder):
    data = ("城市管理工作总结。" * 300).encode("utf-8")  # 8.1 KB
    reason = check_refused(
        tmp_path, base_index, embedder, "big.txt", data, "too large", "limit of 4.0 KB", max_file_bytes=4096
    )
    assert "0 MB" not in reason  # a limit under 1 MB used to read "exceeds the limit of 0 MB"


def test_sparse_200_mb_file_is_refused_without_reading_it(tmp_path, base_index, embedder, monkeypatch):
    settings = fresh_settings(tmp_path, base_index)
    folder = tmp_path / "incoming"
    folder.mkdir()
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(200 << 20)  # sparse: 200 MB on paper, nothing on disk
    (folder / "companion.txt").write_text(COMPANION, encoding="utf-8")
    opened: list[str] = []
    real_hash, real_prepare = build.file_hash, build.prepare
    monkeypatch.setattr(build, "file_hash", lambda path: (opened.append(Path(path).name), real_hash(path))[1])
    monkeypatch.setattr(
        build, "prepare", lambda source, *a: (opened.append(source.path.name), real_prepare(source, *a))[1]
    )
    started = time.perf_counter()
    report = ingest([folder], settings, embedder)
    assert time.perf_counter() - started < 60
    reason = skipped_reason(report, "huge.txt")
    assert "too large: 200.0 MB exceeds the limit of 50.0 MB" in reason
    assert "huge.txt" not in opened, "the file was read (hashed or loaded) before its size was checked"
    assert "companion.txt" in opened
    assert_healthy(settings, embedder)


def test_fifo_and_device_named_txt_do_not_hang(tmp_path, base_index, embedder):
    """A FIFO blocks on open and /dev/zero never ends: both used to hang ingest in file_hash()."""
    settings = fresh_settings(tmp_path, base_index)
    folder = tmp_path / "incoming"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    (folder / "companion.txt").write_text(COMPANION, encoding="utf-8")
    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(report=ingest([folder], settings, embedder)), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "ingest hung on a FIFO or device file"
    report = result["report"]
    for path, reason in report.skipped:
        assert "not a regular file" in reason, (path, reason)
    assert sorted(Path(p).name for p, _ in report.skipped) == ["pipe.txt", "zero.txt"]
    assert_healthy(settings, embedder)


def test_file_name_in_gbk_bytes_is_refused_with_a_printable_name(tmp_path, base_index, embedder):
    """A name that is not UTF-8 (zip archives made on Chinese Windows) used to crash the whole
    run when the name was written to SQLite / the manifest."""
    settings = fresh_settings(tmp_path, base_index)
    folder = tmp_path / "incoming"
    folder.mkdir()
    raw_name = os.fsencode(folder) + b"/" + "城管总结".encode("gbk") + b".txt"
    with open(raw_name, "wb") as fh:
        fh.write("城管工作总结：全年处理投诉2468件。".encode())
    (folder / "companion.txt").write_text(COMPANION, encoding="utf-8")
    report = ingest([folder], settings, embedder)
    assert len(report.skipped) == 1
    path, reason = report.skipped[0]
    assert reason == "file name is not valid UTF-8 (in GBK it reads '城管总结.txt'); rename the file to UTF-8"
    assert path.endswith("/incoming/\\xb3\\xc7\\xb9\\xdc\\xd7\\xdc\\xbd\\xe1.txt")  # the bytes, escaped
    path.encode("utf-8")  # printable and storable
    assert_healthy(settings, embedder)


def test_unsupported_type_is_reported(tmp_path, base_index, embedder):
    check_refused(tmp_path, base_index, embedder, "old.xls", OLE_SIGNATURE + bytes(600), "unsupported file type")


def test_damaged_new_version_keeps_the_previous_one(tmp_path, base_index, embedder):
    """A file indexed before and then overwritten with garbage: skipped, its old passages stay."""
    _report, settings = run(tmp_path, base_index, embedder, {})
    assert_healthy(settings, embedder)
    (tmp_path / "incoming" / "companion.txt").write_bytes(b"\x00\x01garbage" * 100)
    again = ingest([tmp_path / "incoming"], settings, embedder)
    assert "binary content" in skipped_reason(again, "companion.txt")
    assert not again.removed and not again.updated
    assert_healthy(settings, embedder)


# ---------------------------------------------------------------------------------------------
# Unusual but good files: decoded, indexed and searchable.


def test_gb18030_text_is_decoded_and_searchable(tmp_path, base_index, embedder):
    # 㐀 (U+3400) only exists in GB18030 (4 bytes), not in GBK: the whole file must still decode.
    text = "XX街道2024年城市管理工作总结\n一、违建治理\n全年拆除违章建筑321处，面积约5600平方米。㐀\n二、门前三包\n签订责任书980份。"
    report, settings = run(tmp_path, base_index, embedder, {"gbk-report.txt": text.encode("gb18030")})
    assert not report.skipped and any(k.endswith("gbk-report.txt") for k in report.added)
    assert found(settings, embedder, "拆除违章建筑多少处", "321处")
    store = assert_healthy(settings, embedder)
    document = next(d for d in store.documents() if d.source == "gbk-report.txt")
    assert "全年拆除违章建筑321处" in store.document(document.doc_id).text


def test_utf16_with_bom_is_decoded_and_searchable(tmp_path, base_index, embedder):
    text = "XX镇2024年市容整治工作总结\n一、门头招牌\n规范门头招牌1357块，拆除破旧广告牌246块。"
    report, settings = run(
        tmp_path,
        base_index,
        embedder,
        {"le.txt": text.encode("utf-16"), "be.txt": b"\xfe\xff" + text.replace("1357", "8642").encode("utf-16-be")},
    )
    assert not report.skipped
    assert found(settings, embedder, "规范门头招牌多少块", "1357块")
    assert found(settings, embedder, "规范门头招牌多少块", "8642块")
    assert_healthy(settings, embedder)


def test_big5_traditional_text_is_decoded_and_searchable_in_simplified(tmp_path, base_index, embedder):
    """Big5 bytes also decode as GB18030 -- into private-use garbage, which is now rejected
    so that detection picks Big5."""
    text = "臺北市環境保護局工作報告\n一、市容整潔\n本年度清除違規小廣告5678處，垃圾分類推動情況良好。"
    report, settings = run(tmp_path, base_index, embedder, {"big5.txt": text.encode("big5")})
    assert not report.skipped
    assert found(settings, embedder, "清除违规小广告多少处", "5678處")
    assert_healthy(settings, embedder)


ODD_NAMES = [
    "report with  spaces .txt",
    "城管局 2024年 工作总结（定稿）.txt",
    "文明城市🏙️创建✅.txt",
    "a;b&c|d$(echo x)`id`.txt",
    'it\'s "quoted".txt',
    "x\\..\\..\\windows\\system32\\evil.txt",  # traversal-looking, backslashes are plain characters here
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt",
    "-rf --rebuild.txt",
]
# Names starting with "." are hidden files to discovery (.DS_Store, ._x.docx): ignored, not read.
HIDDEN_NAMES = ["..\\..\\etc\\passwd.txt", "..%2F..%2Fsecret.txt", ".~lock.report.txt"]


def test_odd_file_names_are_indexed_verbatim_and_nothing_escapes(tmp_path, base_index, embedder):
    files = {
        name: f"{name}\n一、工作情况\n本单位办理案件{1000 + i}件，群众满意。".encode()
        for i, name in enumerate(ODD_NAMES)
    }
    files |= {name: "隐藏文件：办理案件7777件。".encode() for name in HIDDEN_NAMES}
    report, settings = run(tmp_path, base_index, embedder, files)
    assert not report.skipped, report.skipped
    store = assert_healthy(settings, embedder)
    sources = {d.source for d in store.documents()}
    assert set(ODD_NAMES) <= sources and not set(HIDDEN_NAMES) & sources
    assert len(report.added) == len(ODD_NAMES) + 1  # + the companion
    texts = " ".join(c.text for _, c in store.all_chunks())
    for i in range(len(ODD_NAMES)):
        assert f"{1000 + i}件" in texts
    # Nothing was written outside the index folder and the input folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incoming", "index"]
    assert sorted(p.name for p in (tmp_path / "incoming").iterdir()) == sorted(
        [*ODD_NAMES, *HIDDEN_NAMES, "companion.txt"]
    )
    assert "7777件" not in texts


def test_path_with_dot_dot_segments_is_one_file(tmp_path, base_index, embedder):
    settings = fresh_settings(tmp_path, base_index)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "report.txt").write_text(COMPANION, encoding="utf-8")
    first = ingest([tmp_path / "in" / "sub" / ".." / "report.txt"], settings, embedder)
    second = ingest([tmp_path / "in" / "report.txt"], settings, embedder)
    assert len(first.added) == 1 and ".." not in first.added[0]
    assert second.unchanged == first.added and not second.added  # the same file, not a second copy
    assert_healthy(settings, embedder)


# ---------------------------------------------------------------------------------------------
# Real .docx with a table and a real text-layer PDF.


def test_docx_table_rows_become_records_with_the_header(tmp_path, base_index, embedder):
    report, settings = run(tmp_path, base_index, embedder, {"测评细则.docx": make_docx()})
    assert not report.skipped
    store = assert_healthy(settings, embedder)
    document = next(d for d in store.documents() if d.source == "测评细则.docx")
    assert document.meta.title == "XX市文明城市测评细则"
    lines = store.document(document.doc_id).text.split("\n")
    assert "本细则用于2024年度文明城市实地考察，满分100分。" in lines
    assert "测评项目：公共环境；测评内容：主次干道整洁，无暴露垃圾；分值：5" in lines
    # The vertically merged 测评项目 is repeated on the row it spans into.
    assert "测评项目：公共环境；测评内容：农贸市场规范经营，无占道经营；分值：3" in lines
    # A horizontally merged cell is kept once, under the first column it spans.
    assert "测评项目：公共秩序；测评内容：交通路口秩序良好，非机动车停放有序" in lines
    assert lines.index("测评结果纳入年度文明单位考核。") > lines.index(
        "测评项目：公共秩序；测评内容：交通路口秩序良好，非机动车停放有序"
    )
    hits = search(settings, embedder, "农贸市场规范经营分值多少", k=3)
    assert "测评内容：农贸市场规范经营，无占道经营；分值：3" in hits[0].chunk.text


def test_docx_with_only_paragraphs(tmp_path, base_index, embedder):
    report, settings = run(tmp_path, base_index, embedder, {"细则.docx": make_docx(table=False)})
    assert not report.skipped
    assert found(settings, embedder, "测评结果如何运用", "纳入年度文明单位考核")


def test_chinese_text_layer_pdf(tmp_path, base_index, embedder):
    report, settings = run(
        tmp_path,
        base_index,
        embedder,
        {"2024总结.pdf": make_pdf(PDF_PAGES, title="XX区城管局2024年数字化城管工作总结")},
    )
    assert not report.skipped, report.skipped
    store = assert_healthy(settings, embedder)
    document = next(d for d in store.documents() if d.source == "2024总结.pdf")
    assert document.meta.title == "XX区城管局2024年数字化城管工作总结"
    text = store.document(document.doc_id).text
    assert "全年立案12345件，结案率98.76％" in text
    assert "第2页" not in text and "第3页" not in text  # page numbers dropped
    hits = search(settings, embedder, "数字化城管结案率是多少", k=3)
    assert "98.76％" in hits[0].chunk.text
    assert found(settings, embedder, "清理违规小广告多少处", "6789处")


def test_broken_spreadsheets_are_refused_with_the_reason(tmp_path, base_index, embedder):
    report, settings = run(
        tmp_path,
        base_index,
        embedder,
        {
            "加密细则.xlsx": OLE_SIGNATURE + bytes(600),
            "cut.xlsx": zip_bytes({"xl/workbook.xml": b"<workbook"})[:40],
            "bomb.xlsx": zip_bytes({"xl/workbook.xml": b"<workbook/>", "xl/big.xml": bytes(20_000_000)}),
            "binary.csv": bytes(range(256)) * 40,
        },
        max_file_bytes=1_000_000,
    )
    assert "password-protected or old binary Excel file (.xls)" in skipped_reason(report, "加密细则.xlsx")
    assert "not a valid .xlsx" in skipped_reason(report, "cut.xlsx")
    assert "zip bomb" in skipped_reason(report, "bomb.xlsx")
    assert skipped_reason(report, "binary.csv")
    assert_healthy(settings, embedder)
