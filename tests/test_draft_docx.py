"""The draft as a .docx, opened with python-docx: GB/T 9704 page setup, Chinese fonts set as
w:eastAsia, the structure of a 汇报, page numbers, the sources at the end, the author."""

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.draft.docx import APP_NAME, draft_docx
from assistant.models import Answer, Chunk, Citation, DocumentMeta, Hit

TITLE = "西城区城管局关于2024年上半年市容环境整治工作情况的汇报"


def _answer() -> Answer:
    chunk = Chunk("c1", "d1", 0, "一、上半年工作 > （一）市容整治", "清理牛皮癣小广告700余处。", 0, 14)
    hit = Hit(chunk, 1.0, "城管局2024年上半年工作总结", "report.txt", DocumentMeta(years=[2024]))
    sections = [
        {"heading": "一、主要做法和成效", "level": 1, "sentences": []},
        {"heading": "（一）市容整治", "level": 2, "sentences": [{"text": "清理牛皮癣小广告700余处。", "citation": 1}]},
        {"heading": "二、下步打算", "level": 1, "sentences": [{"text": "下半年将继续整治。", "citation": 1}]},
    ]
    text = "\n".join(
        [
            TITLE,
            "本稿依据西城区城管局2024年上半年的材料起草。",
            "数据来源",
            "[1] 《城管局2024年上半年工作总结》（report.txt）（一）市容整治",
        ]
    )
    return Answer(
        question="帮我起草一段迎检汇报：市容环境整治",
        text=text,
        refused=False,
        citations=[Citation(1, hit)],
        mode="draft",
        sections=sections,
        notes=["本稿依据西城区城管局2024年上半年的材料起草。"],
    )


@pytest.fixture(scope="module")
def payload() -> bytes:
    return draft_docx(_answer())


def _east_asia(paragraph) -> set[str]:
    return {run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for run in paragraph.runs if run.text.strip()}


def test_page_setup_is_a4_with_the_official_margins(payload):
    section = docx.Document(io.BytesIO(payload)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]


def test_title_headings_and_body_fonts(payload):
    document = docx.Document(io.BytesIO(payload))
    by_text = {p.text: p for p in document.paragraphs}
    title = document.paragraphs[0]
    assert title.text == TITLE and "帮我起草" not in title.text
    assert _east_asia(title) == {"方正小标宋简体"} and {r.font.size for r in title.runs} == {Pt(22)}
    assert _east_asia(by_text["一、主要做法和成效"]) == {"黑体"}
    assert _east_asia(by_text["（一）市容整治"]) == {"楷体_GB2312"}
    body = by_text["清理牛皮癣小广告700余处。[1]"]
    assert _east_asia(body) == {"仿宋_GB2312"} and {r.font.size for r in body.runs} == {Pt(16)}
    assert [r.font.superscript for r in body.runs] == [None, True]  # the citation marker
    assert all(p.style.name == "Normal" for p in document.paragraphs)  # no default Heading styles
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_structure_sources_page_numbers_and_author(payload):
    document = docx.Document(io.BytesIO(payload))
    texts = [p.text for p in document.paragraphs]
    assert texts.index("一、主要做法和成效") < texts.index("二、下步打算") < texts.index("数据来源")
    assert texts[-1].startswith("[1] 《城管局2024年上半年工作总结》")
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert document.core_properties.author == APP_NAME != "python-docx"
    assert "python-docx" not in document.core_properties.comments


def test_gb_fonts_have_a_fallback_in_the_font_table(payload):
    fonts = zipfile.ZipFile(io.BytesIO(payload)).read("word/fontTable.xml").decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
