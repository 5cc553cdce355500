"""The formats offices keep, made for real in the test and ingested with the real model into a
real index: OFD (written per GB/T 33190: OFD.xml → Document.xml → Pages/Page_N/Content.xml),
.doc and .wps (converted by LibreOffice from a python-docx .docx with a table), a scanned PDF
(a two-column page and a table page rendered in a Chinese font) and a photographed page (PNG).
Each is searchable and answerable; bad ones (a corrupted and an encrypted .doc, a broken OFD,
a 10,000 x 10,000 image) are refused with the file and the reason, and the index is kept."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.ingest.legacy import OLE_MAGIC, is_encrypted_word
from assistant.ingest.load import SUPPORTED_SUFFIXES, IngestError, load_file
from assistant.ingest.ofd import read_ofd
from assistant.service import Assistant
from tests.conftest import make_settings
from tests.test_ocr import huge_png

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from ocr_pages import OFD_PAGES, OFD_TITLE, make_ofd, png_bytes, scanned_pdf, table_page, text_page, two_column_page

MAX_BYTES = 50 * 1024 * 1024

# ---------------------------------------------------------------------------------------------
# OFD (written by bench/ocr_pages.py as GB/T 33190 lays it out).


def test_ofd_pages_become_lines_and_table_rows_in_order(tmp_path):
    loaded = read_ofd(tmp_path / "总结.ofd", make_ofd(OFD_PAGES, OFD_TITLE), MAX_BYTES)
    assert loaded.title_hint == OFD_TITLE
    assert loaded.text.splitlines() == [
        OFD_TITLE,
        "一、志愿服务",
        "全年开展新时代文明实践志愿服务活动2315场次，参与志愿者4.6万人次。",
        "测评项目　得分　排名",
        "公共文明素养　92.5　第3名",
        "社区环境整治　88.0　第7名",
        "二、下一步工作",
        "持续推进背街小巷整治，年内完成改造46条。",
    ]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "damaged OFD (not a zip archive"),
        (lambda data: _without(data, "Doc_0/Pages/Page_1/Content.xml"), "Content.xml missing"),
        (lambda data: _replaced(data, "OFD.xml", b"<ofd:OFD><unclosed"), "damaged OFD (OFD.xml: ParseError)"),
        (
            lambda data: _replaced(data, "OFD.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
            "damaged OFD (OFD.xml: EntitiesForbidden)",
        ),
    ],
)
def test_broken_ofd_is_refused_with_the_reason(tmp_path, damage, reason):
    path = tmp_path / "坏文件.ofd"
    path.write_bytes(damage(make_ofd(OFD_PAGES)))
    with pytest.raises(IngestError) as refused:
        load_file(path, MAX_BYTES)
    assert reason in refused.value.reason and "坏文件.ofd" in str(refused.value)


def _rewrite(data: bytes, name: str, content: bytes | None) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member in source.namelist():
            if member != name:
                archive.writestr(member, source.read(member))
            elif content is not None:
                archive.writestr(member, content)
    return out.getvalue()


def _without(data: bytes, name: str) -> bytes:
    return _rewrite(data, name, None)


def _replaced(data: bytes, name: str, content: bytes) -> bytes:
    return _rewrite(data, name, content)


# ---------------------------------------------------------------------------------------------
# .doc and .wps, converted by LibreOffice from a real .docx with a table.
DOC_TITLE = "XX区城市管理局2023年工作总结"


def add_outline(document, items: list[tuple[int, str]]) -> None:
    """Paragraphs numbered by Word itself (一、 then （一）), the numbers not in their text."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, text in enumerate(["%1、", "（%2）"])
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )


def make_report_docx(title: str, rows: list[list[str]], facts: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph(title)
    add_outline(document, [(0, "主要工作完成情况"), (1, "数字化城管")])
    for fact in facts:
        document.add_paragraph(fact)
    add_outline(document, [(1, "街道案件处置")])
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            grid.cell(r, c).text = cell
    add_outline(document, [(0, "下半年工作计划")])
    document.add_paragraph("继续推进城市精细化管理。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def soffice() -> str:
    """LibreOffice, which scripts/setup.sh installs; its absence fails in CI and skips elsewhere."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) missing in CI: scripts/setup.sh installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) not installed; scripts/setup.sh installs it")
    return found


def convert(docx_data: bytes, target: str, folder: Path) -> bytes:
    """The .docx saved by LibreOffice in Word 97 format as ``.doc`` or ``.wps`` (what WPS writes)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.docx").write_bytes(docx_data)
    subprocess.run(
        [soffice(), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to",
         f"{target}:MS Word 97", "--outdir", str(folder), str(folder / "source.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return (folder / f"source.{target}").read_bytes()


def encrypted(doc: bytes) -> bytes:
    """A .doc whose file information block says it is password-protected (fEncrypted set)."""
    data = bytearray(doc)
    offset = next(o for o in range(512, len(data), 512) if data[o : o + 2] == b"\xec\xa5")
    data[offset + 11] |= 0x01  # the flags word at +10, little-endian: 0x0100 is in its second byte
    assert is_encrypted_word(bytes(data)) and not is_encrypted_word(doc)
    return bytes(data)


def test_doc_without_libreoffice_names_the_file_and_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice on PATH
    path = tmp_path / "旧报告.doc"
    path.write_bytes(OLE_MAGIC + bytes(504) + b"\xec\xa5" + bytes(2048))  # a Word stream's FIB at sector 1
    with pytest.raises(IngestError) as refused:
        load_file(path, MAX_BYTES)
    assert "旧报告.doc" in str(refused.value)
    assert "LibreOffice" in refused.value.reason and "apt-get install libreoffice-writer-nogui" in refused.value.reason


NUMBERED = ["一、主要工作完成情况", "（一）数字化城管", "（二）街道案件处置", "二、下半年工作计划"]


def test_word_list_numbers_are_written_into_the_text(tmp_path):
    path = tmp_path / "总结.docx"
    path.write_bytes(make_report_docx("总结", [["街道", "处置率"], ["城关街道", "99.1%"]], ["全年处置率98.6%。"]))
    lines = load_file(path, MAX_BYTES).text.splitlines()
    assert [ln for ln in lines if ln.startswith(("一", "（", "二"))] == NUMBERED


def test_renamed_docx_and_non_office_bytes_are_refused_as_doc(tmp_path):
    for name, data, reason in [
        ("a.doc", make_report_docx("标题", [["a", "b"]], []), "a .docx renamed"),
        ("b.wps", b"just some text, not a document", "damaged .wps file"),
    ]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(IngestError, match=reason):
            load_file(tmp_path / name, MAX_BYTES)


# ---------------------------------------------------------------------------------------------
# Everything at once: one index, the good files searchable and answerable, the bad ones refused.
BEFORE = "某县城管局2025年上半年工作总结\n一、市容整治\n上半年共清理占道经营4321处，拆除违建17处。"

SCAN_TWO_COLUMNS = two_column_page(
    "XX县城市管理局2022年工作总结",
    ["一、市容环境整治。全年清理流动摊点1356处，市容秩序明显好转，群众满意度持续提升。"],
    ["二、违法建设治理。全年拆除违法建设127处，拆除面积3.5万平方米，新增违建实现零增长。"],
)
SCAN_TABLE = table_page(
    "各乡镇垃圾分类覆盖情况",
    [
        ["乡镇", "覆盖小区", "覆盖率"],
        ["城南镇", "213个", "96.5%"],
        ["城北镇", "158个", "91.2%"],
        ["东山镇", "87个", "88.0%"],
    ],
)
PHOTO = text_page(
    ["XX县文明办关于公益广告设置情况的通报", "截至11月底，全县共设置公益广告牌1288块，其中主干道沿线412块。"]
)


@pytest.fixture(scope="module")
def office(tmp_path_factory, embedder):
    """An index that held one report, then took a folder of every format and four bad files."""
    root = tmp_path_factory.mktemp("office")
    settings = make_settings(root / "index")
    assistant = Assistant(settings, embedder)
    (root / "before").mkdir()
    (root / "before" / "before.txt").write_text(BEFORE, encoding="utf-8")
    assert assistant.ingest([root / "before"]).added
    folder = root / "incoming"
    folder.mkdir()
    doc = convert(
        make_report_docx(
            DOC_TITLE,
            [["街道", "案件数", "处置率"], ["城关街道", "1204", "99.1%"], ["新区街道", "856", "97.4%"]],
            ["全年数字化城管案件处置率达到98.6%，同比提高2.3个百分点。"],
        ),
        "doc",
        root / "lo-doc",
    )
    wps = convert(
        make_report_docx(
            "XX区园林绿化中心2023年工作总结",
            [["公园", "新增绿地", "投资"], ["滨江公园", "3.2公顷", "860万元"]],
            ["全年新建口袋公园15座，新增城市绿地面积28公顷。"],
        ),
        "wps",
        root / "lo-wps",
    )
    files = {
        "创文总结.ofd": make_ofd(OFD_PAGES, OFD_TITLE),
        "城管总结.doc": doc,
        "园林总结.wps": wps,
        "扫描件.pdf": scanned_pdf([SCAN_TWO_COLUMNS, SCAN_TABLE]),
        "通报照片.png": png_bytes(PHOTO),
        "损坏.doc": OLE_MAGIC + os.urandom(4096),
        "加密.doc": encrypted(doc),
        "损坏.ofd": make_ofd(OFD_PAGES)[:300],
        "超大图片.png": huge_png(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    stages: list[tuple[str, int, int]] = []
    report = assistant.ingest([folder], progress=lambda stage, done, total: stages.append((stage, done, total)))
    ocr_pages = [(done, total) for stage, done, total in stages if stage == "ocr"]
    assert ocr_pages == [(1, 2), (2, 2), (1, 1)]  # the scanned PDF's two pages, then the photo
    return assistant, report


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("损坏.doc", "damaged .doc file"),
        ("加密.doc", "password-protected .doc file"),
        ("损坏.ofd", "damaged OFD"),
        ("超大图片.png", "10000 x 10000 pixels"),
    ],
)
def test_bad_files_are_refused_with_the_file_and_the_reason(office, name, reason):
    _, report = office
    reasons = [r for path, r in report.skipped if Path(path).name == name]
    assert reasons and reason in reasons[0], report.skipped


def test_every_good_file_is_indexed_and_the_index_kept_what_it_had(office):
    assistant, report = office
    added = sorted(Path(key).name for key in report.added)
    assert added == sorted(["创文总结.ofd", "城管总结.doc", "园林总结.wps", "扫描件.pdf", "通报照片.png"]), report
    assert len(report.skipped) == 4
    sources = {d["source"] for d in assistant.documents()}
    assert {"before.txt", "创文总结.ofd", "城管总结.doc", "园林总结.wps", "扫描件.pdf", "通报照片.png"} <= sources
    assert any("4321处" in hit.chunk.text for hit in assistant.search("清理占道经营多少处", k=5))


@pytest.mark.parametrize(
    ("query", "source", "expected"),
    [
        ("志愿服务活动开展了多少场次", "创文总结.ofd", "2315场次"),
        ("城关街道案件处置率", "城管总结.doc", "处置率：99.1%"),
        ("滨江公园新增绿地", "园林总结.wps", "新增绿地：3.2公顷"),
        ("拆除违法建设面积", "扫描件.pdf", "127处"),
        ("城南镇垃圾分类覆盖小区", "扫描件.pdf", "覆盖小区：213个"),
        ("公益广告牌设置了多少块", "通报照片.png", "1288块"),
    ],
)
def test_each_format_is_searchable(office, query, source, expected):
    assistant, _ = office
    hits = assistant.search(query, k=3)
    assert any(hit.source == source and expected in hit.chunk.text for hit in hits), [
        (h.source, h.chunk.text[:80]) for h in hits
    ]


@pytest.mark.parametrize(
    ("question", "source", "figure"),
    [
        ("XX市2024年开展新时代文明实践志愿服务活动多少场次？", "创文总结.ofd", "2315"),
        ("XX区2023年数字化城管案件处置率是多少？", "城管总结.doc", "98.6%"),
        ("XX县2022年拆除违法建设多少处？", "扫描件.pdf", "127"),
        ("XX县共设置公益广告牌多少块？", "通报照片.png", "1288"),
    ],
)
def test_each_format_is_answerable_with_a_citation(office, question, source, figure):
    assistant, _ = office
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert figure in answer.text
    assert any(c.hit.source == source for c in answer.citations), [c.hit.source for c in answer.citations]


def test_scanned_columns_are_read_in_order_and_table_rows_as_records(office):
    assistant, _ = office
    scanned = next(doc for doc in assistant.documents() if doc["source"] == "扫描件.pdf")
    document, _ = assistant.document(scanned["doc_id"])
    text = document.text.replace("\n", "")
    order = [
        "全年清理流动摊点1356处",
        "群众满意度持续提升",
        "二、违法建设治理",
        "新增违建实现零增长",
        "各乡镇垃圾分类覆盖情况",
    ]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order), document.text
    assert "乡镇：城南镇；覆盖小区：213个；覆盖率：96.5%" in document.text


@pytest.mark.parametrize("source", ["城管总结.doc", "园林总结.wps"])
def test_doc_and_wps_keep_word_list_numbers_and_tables_as_records(office, source):
    assistant, _ = office
    found = next(doc for doc in assistant.documents() if doc["source"] == source)
    document, _ = assistant.document(found["doc_id"])
    assert [ln for ln in document.text.splitlines() if ln.startswith(("一、", "（", "二、"))] == NUMBERED
    record = (
        "街道：城关街道；案件数：1204；处置率：99.1%"
        if source.endswith(".doc")
        else "公园：滨江公园；新增绿地：3.2公顷"
    )
    assert record in document.text


def test_ocr_passages_carry_their_page_and_others_none(office):
    assistant, _ = office
    pages = {}
    for listed in assistant.documents():
        _, chunks = assistant.document(listed["doc_id"])
        pages[listed["source"]] = {c.ocr_page for c in chunks}
    # a passage is on the page it starts on: this short scan's passages may all start on page 1
    assert pages["扫描件.pdf"] <= {1, 2} and 1 in pages["扫描件.pdf"] and pages["通报照片.png"] == {1}
    assert all(pages[name] == {0} for name in ("before.txt", "创文总结.ofd", "城管总结.doc", "园林总结.wps"))
    hit = next(h for h in assistant.search("城南镇垃圾分类覆盖小区", k=3) if h.source == "扫描件.pdf")
    assert hit.to_dict()["ocr_page"] in {1, 2}


def test_ocr_documents_say_which_pages_were_recognised(office):
    assistant, _ = office
    notes = {d["source"]: d.get("notes") for d in assistant.documents()}
    scanned = next(doc for doc in assistant.documents() if doc["source"] == "扫描件.pdf")
    document, _ = assistant.document(scanned["doc_id"])
    assert "OCR：第 1、2 页（共 2 页）为扫描图像，文字由识别得到" in document.notes, notes


def test_the_upload_form_accepts_every_format_ingest_reads():
    import re

    from assistant.web.uploads import is_supported

    template = (Path(__file__).resolve().parent.parent / "assistant/web/templates/documents.html").read_text()
    accepted = set(re.search(r'id="upload-files"[^>]*accept="([^"]+)"', template).group(1).split(","))
    assert accepted == SUPPORTED_SUFFIXES
    assert all(is_supported(f"报告{suffix.upper()}") for suffix in [".ofd", ".doc", ".wps", ".tif", ".jpg"])
