"""The draft as a .docx in the layout of an official document (GB/T 9704 conventions).

A4, margins 37/35/28/26 mm (top/bottom/left/right); the title in 二号 (22 pt) 方正小标宋简体, the
body in 三号 (16 pt) 仿宋_GB2312, first-level headings in 黑体, second-level in 楷体_GB2312; the
Chinese font is set as w:eastAsia (Word picks a run's Chinese font from it, not from w:ascii).
Fonts that a machine may lack get a substitute named in the font table (w:altName). Page
numbers in the footer ("— 1 —"), citation markers as superscripts with the sources listed at
the end, and the application's name as the author."""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from assistant.draft.compose import SOURCES_HEADING, draft_title
from assistant.models import Answer

APP_NAME = "创文·城管文件问答助手"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
# Fonts found on most Chinese machines, for the GB fonts that are not (the font table's altName).
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体", HEADING1_FONT: "SimHei"}
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22, 16, 14
LINE_PT = 28  # a fixed line pitch of 28 pt gives the standard's 22 lines on an A4 page
_MARKER = re.compile(r"(\[\d+\])")


def _fonts(run_properties: Any, east_asia: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _paragraph(
    document: Any, text: str, font: str, size: int, *, indent: bool = True, markers: bool = True
) -> Paragraph:
    paragraph: Paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(LINE_PT)
    layout.space_before = layout.space_after = Pt(0)
    if indent:
        layout.first_line_indent = Pt(2 * size)  # two characters
    for piece in _MARKER.split(text):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        run.font.size = Pt(size)
        run.font.name = LATIN_FONT
        _fonts(run._r.get_or_add_rPr(), font)
        if markers and _MARKER.fullmatch(piece):
            run.font.superscript = True
    return paragraph


def _field_run(paragraph: Paragraph, element: str, **attributes: str) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(PAGE_NUMBER_PT)
    _fonts(run._r.get_or_add_rPr(), "宋体")
    child = OxmlElement(element)
    for name, value in attributes.items():
        child.set(qn(name.replace("_", ":", 1)), value)
    if element == "w:instrText":
        child.text = " PAGE "
    run._r.append(child)


def _page_number_footer(section: Any) -> None:
    """Page numbers in the footer, centred: "— PAGE —" (a field Word and LibreOffice fill in)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ").font.size = Pt(PAGE_NUMBER_PT)
    _field_run(paragraph, "w:fldChar", w_fldCharType="begin")
    _field_run(paragraph, "w:instrText", xml_space="preserve")
    _field_run(paragraph, "w:fldChar", w_fldCharType="separate")
    paragraph.add_run("1").font.size = Pt(PAGE_NUMBER_PT)
    _field_run(paragraph, "w:fldChar", w_fldCharType="end")
    paragraph.add_run(" —").font.size = Pt(PAGE_NUMBER_PT)


def _font_table(document: Any) -> None:
    """Name a substitute for each GB font in the font table (w:altName), for machines without it."""
    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:
        return
    root = parse_xml(part.blob)
    for name, fallback in FALLBACKS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", fallback), ("w:charset", "86")):  # 86: GB2312
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    part._blob = serialize_part_xml(root)


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.name = LATIN_FONT
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    _page_number_footer(section)


def draft_docx(answer: Answer) -> bytes:
    """The draft answer as a Word document in the official-document layout."""
    document = new_document()
    _page_setup(document)
    _font_table(document)
    title = draft_title(answer)
    heading = _paragraph(document, title, TITLE_FONT, TITLE_PT, indent=False)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.line_spacing = Pt(36)
    heading.paragraph_format.space_after = Pt(LINE_PT)
    for note in answer.notes[:1]:
        _paragraph(document, note, HEADING2_FONT, BODY_PT)
    for section in answer.sections:
        level_font = HEADING1_FONT if section.get("level", 1) == 1 else HEADING2_FONT
        _paragraph(document, section["heading"], level_font, BODY_PT)
        if section["sentences"]:
            text = "".join(f"{s['text']}[{s['citation']}]" for s in section["sentences"])
            _paragraph(document, text, BODY_FONT, BODY_PT)
    _paragraph(document, SOURCES_HEADING, HEADING1_FONT, BODY_PT)
    lines = answer.text.split("\n")
    start = lines.index(SOURCES_HEADING) + 1 if SOURCES_HEADING in lines else len(lines)
    for line in lines[start:]:
        _paragraph(document, line, BODY_FONT, BODY_PT, indent=False, markers=False)
    properties = document.core_properties
    properties.author = APP_NAME
    properties.last_modified_by = APP_NAME
    properties.title = title
    properties.language = "zh-CN"
    properties.comments = f"由{APP_NAME}依据已收录文件起草，每句注明出处。"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
